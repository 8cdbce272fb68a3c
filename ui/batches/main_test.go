package batches

import (
	"testing"
	"time"

	"go.uber.org/goleak"

	"superdash/model"
	"superdash/ui/common"
	"superdash/ui/internal/uitest"
)

func TestMain(m *testing.M) {
	uitest.PlainStyles()
	// No test may leave a goroutine behind (a fetch, a timer).
	goleak.VerifyTestMain(m)
}

// now is the frozen job clock of every test; clock lets a test move it.
var now = uitest.Now

func testCommon(clock *time.Time) *common.Common {
	c := uitest.Common()
	c.JobNow = func() time.Time { return *clock }
	return c
}

// at is a JSON timestamp d before now.
func at(d time.Duration) string { return now.Add(-d).Format(time.RFC3339) }

// job is the JSON of one job; completed is "" for a job not ended.
func job(id, batch, status, created, completed string) string {
	fields := map[string]any{"id": id, "batchId": batch, "status": status, "created": created}
	if completed != "" {
		fields["completed"] = completed
	}
	return uitest.JobJSON(fields)
}

// newView is a view of w×h over store, with the clock at now.
func newView(store *model.Store, w, h int) Model {
	clock := now
	m := New(testCommon(&clock))
	m.SetSize(w, h)
	m.Refresh(store)
	return m
}

// ids lists the batches in display order.
func ids(m Model) []string {
	var out []string
	for _, b := range m.Rows() {
		out = append(out, b.id)
	}
	return out
}
