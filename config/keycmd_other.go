//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package config

import "os/exec"

// startInOwnGroup starts cmd. Where process groups are not available, a
// timeout stops the shell only.
func startInOwnGroup(cmd *exec.Cmd) (restore func(), err error) {
	return func() {}, cmd.Start()
}

func killGroup(cmd *exec.Cmd) { _ = cmd.Process.Kill() }
