package config

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"time"
	"unicode"
)

// RunShell runs command with sh -c and returns what it printed on its
// standard output. The command gets the terminal's standard input and, if
// this process has it, the terminal itself (see startInOwnGroup), so a
// password manager can still ask for a passphrase; what it writes to
// stderr is kept and told in the error instead of landing on the screen.
// The command runs in a process group of its own, and on a timeout the
// whole group is killed: a shell's children are not left running.
func RunShell(ctx context.Context, command string) (string, error) {
	cmd := exec.Command("sh", "-c", command)
	var stdout bytes.Buffer
	stderr := &tailBuffer{max: stderrKept}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, &stdout, stderr
	// Stop waiting for the output soon after the group is killed, even if
	// something outside it still holds the pipes open.
	cmd.WaitDelay = time.Second
	restore, err := startInOwnGroup(cmd)
	if err != nil {
		return "", err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err = <-done:
	case <-ctx.Done():
		killGroup(cmd)
		<-done
		err = ctx.Err()
	}
	restore()
	if err != nil {
		return "", &cmdError{err: err, stderr: stderr.summary()}
	}
	return stdout.String(), nil
}

// cmdError is a failed api_key_cmd with what it wrote to stderr, never
// what it wrote to stdout, which may be the key.
type cmdError struct {
	err    error
	stderr string
}

func (e *cmdError) Error() string { return e.err.Error() + stderrNote(e) }
func (e *cmdError) Unwrap() error { return e.err }

// stderrNote is what a failed command wrote to stderr, as a clause to
// append to a message, or "" when it wrote nothing.
func stderrNote(err error) string {
	var ce *cmdError
	if !errors.As(err, &ce) || ce.stderr == "" {
		return ""
	}
	return "; it said: " + ce.stderr
}

// stderrKept bounds what is kept of a command's stderr: its last lines
// are what say why it failed, and a chatty command must not fill memory.
const (
	stderrKept  = 4 << 10
	stderrShown = 400
)

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	max int
	buf []byte
}

func (b *tailBuffer) Write(p []byte) (int, error) {
	b.buf = append(b.buf, p...)
	if over := len(b.buf) - b.max; over > 0 {
		b.buf = append(b.buf[:0], b.buf[over:]...)
	}
	return len(p), nil
}

// summary is the end of what was written, on one line, without control
// characters (it is printed to the terminal), cut to stderrShown bytes.
func (b *tailBuffer) summary() string {
	lines := strings.FieldsFunc(string(b.buf), func(r rune) bool { return r == '\n' || r == '\r' })
	text := strings.Join(lines, " / ")
	text = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == unicode.ReplacementChar {
			return -1
		}
		return r
	}, text)
	text = strings.TrimSpace(text)
	if len(text) > stderrShown {
		text = "…" + strings.ToValidUTF8(text[len(text)-stderrShown:], "")
	}
	return text
}
