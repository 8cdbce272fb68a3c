package main

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package if a test leaves a goroutine behind: the
// crash tests run Bubble Tea programs, whose goroutines must all end with
// them.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
