//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package config

import (
	"os"
	"os/exec"
	"os/signal"
	"syscall"

	"golang.org/x/sys/unix"
)

// startInOwnGroup starts cmd in a new process group, so that killGroup
// reaches the shell's children too. When this process owns the terminal
// (it is the foreground group of its standard input), the new group is
// made the foreground one while the command runs: a background group that
// reads the terminal (a passphrase prompt) would be stopped by SIGTTIN.
// restore hands the terminal back.
func startInOwnGroup(cmd *exec.Cmd) (restore func(), err error) {
	tty := int(os.Stdin.Fd())
	ours := unix.Getpgrp()
	fg, terr := unix.IoctlGetInt(tty, unix.TIOCGPGRP)
	foreground := terr == nil && fg == ours
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Foreground: foreground, Ctty: tty}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	if !foreground {
		return func() {}, nil
	}
	return func() {
		// Taking the terminal back from a group that is no longer the
		// foreground one raises SIGTTOU, which would stop this process.
		signal.Ignore(syscall.SIGTTOU)
		defer signal.Reset(syscall.SIGTTOU)
		_ = unix.IoctlSetPointerInt(tty, unix.TIOCSPGRP, ours)
	}, nil
}

// killGroup kills cmd's process group: the shell and all it started. The
// shell is also killed on its own, so that waiting for it ends even if the
// group could not be signalled.
func killGroup(cmd *exec.Cmd) {
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	_ = cmd.Process.Kill()
}
