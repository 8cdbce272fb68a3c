package confirm

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"superdash/ui/common"
	"superdash/ui/internal/uitest"
)

func TestMain(m *testing.M) {
	uitest.PlainStyles()
	m.Run()
}

// run presses keys until the dialog decides, and reports the choice and
// the keys left unpressed.
func run(m Model, keys ...string) (Model, Choice, int) {
	for i, k := range keys {
		var c Choice
		m, c, _ = m.Update(uitest.Key(k))
		if c != Undecided {
			return m, c, len(keys) - i - 1
		}
	}
	return m, Undecided, 0
}

func dialog(opts Options) Model {
	m := New(common.New(), opts)
	m.SetWidth(50)
	return m
}

func TestKeys(t *testing.T) {
	cases := []struct {
		keys []string
		want Choice
	}{
		{[]string{"enter"}, No}, // the focus starts on No
		{[]string{"esc"}, No},
		{[]string{"n"}, No},
		{[]string{"y"}, Yes},
		{[]string{"right", "enter"}, Yes},
		{[]string{"tab", "enter"}, Yes},
		{[]string{"l", "enter"}, Yes},
		{[]string{"tab", "tab", "enter"}, No},
		{[]string{"right", "left", "enter"}, No},
		{[]string{"right", "esc"}, No}, // esc is No wherever the focus is
		{[]string{"q", "x", "1", " "}, Undecided},
	}
	for _, tc := range cases {
		m := dialog(Options{Title: "Cancel job 1?"})
		if m.Focused() != No {
			t.Fatal("a new dialog's focus is not on No")
		}
		if _, got, left := run(m, tc.keys...); got != tc.want || left != 0 {
			t.Errorf("%q: %v with %d keys left, want %v", tc.keys, got, left, tc.want)
		}
	}
}

func TestTypeToConfirm(t *testing.T) {
	m := dialog(Options{Title: "Cancel 150 jobs?", TypeToConfirm: 150})
	if m.YesEnabled() || !m.Typing() {
		t.Fatal("Yes is enabled before the count was typed")
	}
	// Neither y, nor moving to Yes and pressing enter, goes ahead.
	m, c, _ := run(m, "y", "right", "tab")
	if c != Undecided || m.Focused() != No {
		t.Fatalf("locked Yes: choice %v, focus %v; want undecided, on No", c, m.Focused())
	}
	if _, c, _ := run(m, "enter"); c != No {
		t.Fatalf("enter on No: %v", c)
	}
	// A wrong number keeps it locked; letters do not reach the input.
	m, _, _ = run(m, "1", "5", "1")
	if m.YesEnabled() {
		t.Fatal("151 unlocked a dialog asking for 150")
	}
	m, _, _ = run(m, "backspace", "0")
	if !m.YesEnabled() {
		t.Fatalf("typed %q: Yes still locked", m.input.Value())
	}
	requireContains(t, ansi.Strip(m.View()), "Yes is unlocked: > 150")
	// Unlocked, the focus moves; deleting a digit locks it and takes the
	// focus back to No.
	m, _, _ = run(m, "right")
	if m.Focused() != Yes {
		t.Fatal("right did not reach the unlocked Yes")
	}
	m, _, _ = run(m, "backspace")
	if m.YesEnabled() || m.Focused() != No {
		t.Fatal("deleting a digit left Yes unlocked or focused")
	}
	_, c, _ = run(m, "0", "y")
	if c != Yes {
		t.Fatalf("y once 150 is typed: %v", c)
	}
	// A pasted number works as typed.
	p := dialog(Options{TypeToConfirm: 1234})
	p, _, _ = p.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("1234"), Paste: true})
	if !p.YesEnabled() {
		t.Fatal("a pasted 1234 did not unlock Yes")
	}
}

func TestView(t *testing.T) {
	m := dialog(Options{
		Title:    "Cancel job 1003?",
		Body:     []string{"status   IN_PROGRESS", "", "A message from the API \x1b]52;c;aGk=\x07 that is long enough to wrap onto a second line."},
		YesLabel: "Yes, cancel",
	})
	got := ansi.Strip(m.View())
	want := strings.Join([]string{
		"╭────────────────────────────────────────────────╮",
		"│ Cancel job 1003?                               │",
		"│                                                │",
		"│ status   IN_PROGRESS                           │",
		"│                                                │",
		"│ A message from the API ␛]52;c;aGk=␇ that is    │",
		"│ long enough to wrap onto a second line.        │",
		"│                                                │",
		"│            [ No ]     Yes, cancel              │",
		"╰────────────────────────────────────────────────╯",
	}, "\n")
	if got != want {
		t.Errorf("view:\n%s\nwant:\n%s", got, want)
	}
	m, _, _ = run(m, "right")
	requireContains(t, ansi.Strip(m.View()), "  No     [ Yes, cancel ]")
	for _, l := range strings.Split(m.View(), "\n") {
		if w := ansi.StringWidth(l); w != 50 {
			t.Errorf("line %q is %d wide, want 50", l, w)
		}
	}
}

func requireContains(t *testing.T, got, want string) {
	t.Helper()
	if !strings.Contains(got, want) {
		t.Fatalf("%q does not contain %q", got, want)
	}
}
