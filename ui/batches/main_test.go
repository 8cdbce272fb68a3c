package batches

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
	"go.uber.org/goleak"

	"superdash/model"
	"superdash/ui/common"
)

func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	lipgloss.SetHasDarkBackground(true)
	// No test may leave a goroutine behind (a fetch, a timer).
	goleak.VerifyTestMain(m)
}

// now is the frozen job clock of every test; clock lets a test move it.
var now = time.Date(2024, 7, 1, 12, 0, 0, 0, time.UTC)

func testCommon(clock *time.Time) *common.Common {
	c := common.New()
	c.Now = func() time.Time { return now }
	c.JobNow = func() time.Time { return *clock }
	return c
}

// at is a JSON timestamp d before now.
func at(d time.Duration) string { return now.Add(-d).Format(time.RFC3339) }

// storeOf decodes jobs from JSON objects, as the API sends them, into a
// new store.
func storeOf(t testing.TB, objects ...string) *model.Store {
	t.Helper()
	s := model.NewStore()
	merge(t, s, objects...)
	return s
}

func merge(t testing.TB, s *model.Store, objects ...string) {
	t.Helper()
	jobs := make([]model.Job, len(objects))
	for i, o := range objects {
		j, err := model.DecodeJob([]byte(o))
		if err != nil {
			t.Fatalf("job %d: %v", i, err)
		}
		if len(j.Problems) > 0 {
			t.Fatalf("job %d: %v", i, j.Problems)
		}
		jobs[i] = j
	}
	s.Merge(jobs)
}

// job is the JSON of one job; completed is "" for a job not ended.
func job(id, batch, status, created, completed string) string {
	o := fmt.Sprintf(`{"id":%s,"batchId":%s,"status":%s,"created":%s`, quote(id), quote(batch), quote(status), quote(created))
	if completed != "" {
		o += `,"completed":` + quote(completed)
	}
	return o + "}"
}

// quote is s as a JSON string; the hostile ones need JSON's escapes.
func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// newView is a view of w×h over store, with the clock at now.
func newView(store *model.Store, w, h int) Model {
	clock := now
	m := New(testCommon(&clock))
	m.SetSize(w, h)
	m.Refresh(store)
	return m
}

func press(m Model, keys ...string) Model {
	for _, k := range keys {
		msg := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
		if k == "down" {
			msg = tea.KeyMsg{Type: tea.KeyDown}
		}
		m, _ = m.Update(msg)
	}
	return m
}

// ids lists the batches in display order.
func ids(m Model) []string {
	var out []string
	for _, b := range m.list.Rows() {
		out = append(out, b.id)
	}
	return out
}

// lines splits a view and checks it is exactly w×h cells.
func lines(t *testing.T, view string, w, h int) []string {
	t.Helper()
	if w == 0 || h == 0 {
		if view != "" {
			t.Fatalf("%dx%d: view %q, want nothing", w, h, view)
		}
		return nil
	}
	ls := strings.Split(view, "\n")
	if len(ls) != h {
		t.Fatalf("%dx%d: %d lines", w, h, len(ls))
	}
	for i, l := range ls {
		if got := ansi.StringWidth(l); got != w {
			t.Fatalf("%dx%d: line %d is %d cells: %q", w, h, i, got, l)
		}
	}
	return ls
}
