package tags

import (
	"encoding/json"
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

// now is the frozen clock of every test.
var now = time.Date(2024, 7, 1, 12, 0, 0, 0, time.UTC)

func testCommon() *common.Common {
	c := common.New()
	c.Now = func() time.Time { return now }
	c.JobNow = c.Now
	return c
}

// job is the JSON of one job, as the API sends it.
func job(id, status string, tags ...string) string {
	o, err := json.Marshal(map[string]any{"id": id, "status": status, "tags": tags, "created": now.Format(time.RFC3339)})
	if err != nil {
		panic(err)
	}
	return string(o)
}

// storeOf decodes jobs from JSON objects into a new store.
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
		if err != nil || len(j.Problems) > 0 {
			t.Fatalf("job %d: %v %v", i, err, j.Problems)
		}
		jobs[i] = j
	}
	s.Merge(jobs)
}

func newView(store *model.Store, w, h int) Model {
	m := New(testCommon())
	m.SetSize(w, h)
	m.Refresh(store)
	return m
}

func press(m Model, keys ...string) Model {
	for _, k := range keys {
		m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)})
	}
	return m
}

// names lists the tags in display order.
func names(m Model) []string {
	var out []string
	for _, t := range m.list.Rows() {
		out = append(out, t.name)
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
