package main

import "fmt"

// Exit statuses of the shell commands (cancel, restart, resubmit, watch),
// so that scripts can tell them apart: 0 when everything was done, 1 when
// some of it was not (refused, failed, ended without output), 2 when the
// command was used wrongly or could not reach the API.
const (
	exitSomeNotDone = 1
	exitUsage       = 2
)

// exitError carries an exit status other than 1 (or 1 with a message).
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// usageError is a command used wrongly, or a host it cannot use: exit 2.
func usageError(format string, args ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, args...)}
}
