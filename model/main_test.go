package model

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package if a test leaves a goroutine behind: sorting
// and matching spread their work over goroutines (inParallel), which must
// all have ended when the call returns.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
