// Package uitest holds the test helpers the UI packages share, so their
// tests set up the same way: plain styles, one frozen clock, stores built
// from the API's JSON, key presses by name, and views checked cell for
// cell and against golden files. It is a normal
// package so that those packages' tests can import it, and internal so that
// nothing outside ui can; only tests use it.
package uitest

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"superdash/model"
	"superdash/ui/common"
)

// PlainStyles makes lipgloss render without colour, as on a dark
// terminal, so that views compare as text and goldens hold no escapes.
// Call it from TestMain, before any style is built.
func PlainStyles() {
	lipgloss.SetColorProfile(termenv.Ascii)
	lipgloss.SetHasDarkBackground(true)
}

// Now is the frozen clock of every test.
var Now = time.Date(2024, 7, 1, 12, 0, 0, 0, time.UTC)

// Common is the shared state of a child model under test: default styles
// and keys, with both clocks frozen at Now.
func Common() *common.Common {
	c := common.New()
	c.Now = func() time.Time { return Now }
	c.JobNow = c.Now
	return c
}

// JobJSON is the JSON of one job with the given fields, as the API sends
// it; strings are escaped as JSON needs, hostile ones included.
func JobJSON(fields map[string]any) string {
	o, err := json.Marshal(fields)
	if err != nil {
		panic(err)
	}
	return string(o)
}

// Store decodes jobs from JSON objects into a new store.
func Store(t testing.TB, objects ...string) *model.Store {
	t.Helper()
	s := model.NewStore()
	Merge(t, s, objects...)
	return s
}

// Merge decodes jobs from JSON objects into s, as a sync would. A job the
// decoder finds a problem with fails the test: test data must be clean.
func Merge(t testing.TB, s *model.Store, objects ...string) {
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

// namedKeys are the keys Key knows by name; any other name must be one
// character, typed as is.
var namedKeys = map[string]tea.KeyType{
	"up":        tea.KeyUp,
	"down":      tea.KeyDown,
	"left":      tea.KeyLeft,
	"right":     tea.KeyRight,
	"pgup":      tea.KeyPgUp,
	"pgdn":      tea.KeyPgDown,
	"pgdown":    tea.KeyPgDown,
	"home":      tea.KeyHome,
	"end":       tea.KeyEnd,
	"enter":     tea.KeyEnter,
	"esc":       tea.KeyEsc,
	"tab":       tea.KeyTab,
	"backspace": tea.KeyBackspace,
	"ctrl+c":    tea.KeyCtrlC,
}

// Key is the message of pressing the key called name: "down", "pgdn", or
// a character such as "j". It panics on any other name, which is a typo
// in a test, not a key.
func Key(name string) tea.KeyMsg {
	if msg, ok := NamedKey(name); ok {
		return msg
	}
	if r := []rune(name); len(r) == 1 {
		return tea.KeyMsg{Type: tea.KeyRunes, Runes: r}
	}
	panic("uitest: no key " + name)
}

// NamedKey is the message of the key called name ("enter", "pgdn"...), if
// it is one of those Key knows by name.
func NamedKey(name string) (tea.KeyMsg, bool) {
	k, ok := namedKeys[name]
	return tea.KeyMsg{Type: k}, ok
}

// Press sends m the keys called names (see Key), in order, and returns
// the model they leave. The models under test handle keys in place, so a
// key that returns a command fails the test.
func Press[M interface{ Update(tea.Msg) (M, tea.Cmd) }](t testing.TB, m M, names ...string) M {
	t.Helper()
	for _, name := range names {
		var cmd tea.Cmd
		if m, cmd = m.Update(Key(name)); cmd != nil {
			t.Fatalf("key %q returned a command", name)
		}
	}
	return m
}

// Lines splits view into its lines and checks that it is exactly w×h
// cells. A view with no lines (h is 0) must be empty; one with no columns
// (w is 0) may be empty too, or h empty lines.
func Lines(t testing.TB, view string, w, h int) []string {
	t.Helper()
	if h == 0 || w == 0 && view == "" {
		if view != "" {
			t.Fatalf("%dx%d: view %q, want nothing", w, h, view)
		}
		return nil
	}
	ls := strings.Split(view, "\n")
	if len(ls) != h {
		t.Fatalf("%dx%d: %d lines, want %d", w, h, len(ls), h)
	}
	for i, l := range ls {
		if got := ansi.StringWidth(l); got != w {
			t.Fatalf("%dx%d: line %d is %d cells: %q", w, h, i, got, l)
		}
	}
	return ls
}

// RequireGolden checks that view is exactly w×h cells and the same as
// testdata/<test name>.golden; go test -update rewrites that file.
func RequireGolden(t testing.TB, view string, w, h int) {
	t.Helper()
	Lines(t, view, w, h)
	golden.RequireEqual(t, []byte(view+"\n"))
}
