package config

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package if a test leaves a goroutine behind:
// api_key_cmd runs a process, whose output is read by goroutines that
// must end with it, also when it times out.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
