package tags

import (
	"testing"
	"time"

	"go.uber.org/goleak"

	"superdash/model"
	"superdash/ui/internal/uitest"
)

func TestMain(m *testing.M) {
	uitest.PlainStyles()
	// No test may leave a goroutine behind (a fetch, a timer).
	goleak.VerifyTestMain(m)
}

// job is the JSON of one job, as the API sends it.
func job(id, status string, tags ...string) string {
	return uitest.JobJSON(map[string]any{"id": id, "status": status, "tags": tags, "created": uitest.Now.Format(time.RFC3339)})
}

func newView(store *model.Store, w, h int) Model {
	m := New(uitest.Common())
	m.SetSize(w, h)
	m.Refresh(store)
	return m
}

// names lists the tags in display order.
func names(m Model) []string {
	var out []string
	for _, t := range m.Rows() {
		out = append(out, t.name)
	}
	return out
}
