package main

import (
	"os"
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package if a test leaves a goroutine behind: the
// crash tests run Bubble Tea programs, whose goroutines must all end with
// them. It also removes the binary the end-to-end tests built.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m, goleak.Cleanup(func(code int) {
		removeBuiltBinary()
		os.Exit(code)
	}))
}
