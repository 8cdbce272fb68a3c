package instatus

import (
	"testing"

	"go.uber.org/goleak"

	"superdash/ui/internal/uitest"
)

func TestMain(m *testing.M) {
	uitest.PlainStyles()
	goleak.VerifyTestMain(m)
}
