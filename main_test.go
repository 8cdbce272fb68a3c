package main

import (
	"os"
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package if a test leaves a goroutine behind: the
// crash tests run Bubble Tea programs, whose goroutines must all end with
// them. It also removes the binary the end-to-end tests built, and says
// in one line which of them were skipped and why, so that a run without
// tmux does not pass for a full one.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m, goleak.Cleanup(func(code int) {
		removeBuiltBinary()
		reportSkipped(os.Stderr)
		os.Exit(code)
	}))
}
