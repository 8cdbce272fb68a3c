package detail

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

func TestSearch(t *testing.T) {
	m := newPane(&fakeFetcher{out: referenceOutput}, 60, 30)
	show(t, &m, decode(t, referenceJSON(t)))
	total := strings.Count(strings.ToLower(content(&m)), "poodle")

	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'/'}})
	if !m.Typing() {
		t.Fatal("/ did not open the search")
	}
	typeText(&m, "POODLE")
	if got, want := lastLine(m.View()), fmt.Sprintf("match 1/%d", total); !strings.Contains(got, want) || !strings.Contains(got, "/POODLE") {
		t.Errorf("bottom line %q, want %q", got, want)
	}
	press(&m, tea.KeyEnter)
	if m.Typing() {
		t.Fatal("enter did not give the keys back")
	}
	step := func(r rune, want int) {
		t.Helper()
		m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		if got := lastLine(m.View()); !strings.Contains(got, fmt.Sprintf("match %d/%d", want, total)) {
			t.Errorf("after %c: bottom line %q, want match %d/%d", r, got, want, total)
		}
	}
	step('n', 2)
	step('N', 1)
	step('N', total) // wraps backwards
	step('n', 1)     // and forwards

	// The current match is on screen.
	cur := m.search.matches[m.search.current]
	if r := m.rowOf(cur); r < m.offset || r >= m.offset+m.bodyHeight() {
		t.Errorf("current match on row %d, screen shows %d..%d", r, m.offset, m.offset+m.bodyHeight())
	}

	// A new search that finds nothing says so; esc clears it.
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'/'}})
	typeText(&m, "zebra")
	if got := lastLine(m.View()); !strings.Contains(got, "no match") {
		t.Errorf("bottom line %q, want no match", got)
	}
	press(&m, tea.KeyEsc)
	if m.Typing() || len(m.search.matches) != 0 || strings.Contains(m.View(), "match") {
		t.Errorf("esc did not clear the search:\n%s", m.View())
	}
}

func TestSearchHighlights(t *testing.T) {
	lipgloss.SetColorProfile(termenv.ANSI)
	defer lipgloss.SetColorProfile(termenv.Ascii)
	c := newCommon()
	m := New(c, (&fakeFetcher{out: referenceOutput}).fetch)
	m.SetSize(120, 60)
	m.SetFocused(true)
	show(t, &m, decode(t, referenceJSON(t)))
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'/'}})
	typeText(&m, "pink")
	view := m.View()
	if n := strings.Count(view, c.Styles.CurrentMatch.Render("pink")); n != 1 {
		t.Errorf("%d current matches highlighted, want 1:\n%s", n, view)
	}
	if n := strings.Count(view, c.Styles.Match.Render("pink")); n != len(m.search.matches)-1 {
		t.Errorf("%d other matches highlighted, want %d:\n%s", n, len(m.search.matches)-1, view)
	}
	press(&m, tea.KeyEsc)
	if view := m.View(); strings.Contains(view, c.Styles.Match.Render("pink")) {
		t.Errorf("esc left highlights:\n%s", view)
	}
}

func TestQTypedIntoSearchIsText(t *testing.T) {
	m := newPane(&fakeFetcher{out: referenceOutput}, 60, 30)
	show(t, &m, decode(t, referenceJSON(t)))
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'/'}})
	for _, msg := range collect(typeText(&m, "q")) {
		if _, ok := msg.(tea.QuitMsg); ok {
			t.Error("q in the search quit")
		}
	}
	if !m.Typing() || m.search.input.Value() != "q" {
		t.Errorf("Typing() = %v, value %q", m.Typing(), m.search.input.Value())
	}
}

func TestKeysNeedFocus(t *testing.T) {
	m := newPane(&fakeFetcher{out: referenceOutput}, 60, 20)
	show(t, &m, decode(t, referenceJSON(t)))
	m.SetFocused(false)
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'/'}})
	press(&m, tea.KeyPgDown)
	if m.Typing() || m.offset != 0 {
		t.Errorf("an unfocused pane took keys: typing %v, offset %d", m.Typing(), m.offset)
	}
}

func TestScrolling(t *testing.T) {
	m := newPane(&fakeFetcher{out: referenceOutput}, 60, 20)
	show(t, &m, decode(t, referenceJSON(t)))
	body := m.bodyHeight()
	bottom := len(m.rows) - body
	steps := []struct {
		name string
		msg  tea.Msg
		want int
	}{
		{"j", tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'j'}}, 1},
		{"down", tea.KeyMsg{Type: tea.KeyDown}, 2},
		{"k", tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'k'}}, 1},
		{"pgdn", tea.KeyMsg{Type: tea.KeyPgDown}, 1 + body},
		{"pgup", tea.KeyMsg{Type: tea.KeyPgUp}, 1},
		{"G", tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'G'}}, bottom},
		{"j at the bottom", tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'j'}}, bottom},
		{"g", tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'g'}}, 0},
		{"end", tea.KeyMsg{Type: tea.KeyEnd}, bottom},
		{"home", tea.KeyMsg{Type: tea.KeyHome}, 0},
		{"wheel down", tea.MouseMsg{Action: tea.MouseActionPress, Button: tea.MouseButtonWheelDown}, wheelRows},
		{"wheel up", tea.MouseMsg{Action: tea.MouseActionPress, Button: tea.MouseButtonWheelUp}, 0},
	}
	for _, s := range steps {
		m, _ = m.Update(s.msg)
		if m.offset != s.want {
			t.Errorf("%s: offset %d, want %d", s.name, m.offset, s.want)
		}
	}
	// The title row says where the pane is: top, a share, end.
	for _, at := range []struct {
		key  tea.KeyType
		want string
	}{{tea.KeyHome, " top"}, {tea.KeyPgDown, "%"}, {tea.KeyEnd, " end"}} {
		press(&m, at.key)
		if first := strings.SplitN(m.View(), "\n", 3)[1]; !strings.HasSuffix(strings.TrimRight(ansi.Strip(first), " │"), at.want) {
			t.Errorf("after %v the title row %q does not end in %q", at.key, first, at.want)
		}
	}

	// The same job with new data keeps the scroll; another job starts at the top.
	press(&m, tea.KeyHome)
	press(&m, tea.KeyPgDown)
	at := m.offset
	m.SetJob(variant(t, map[string]string{"tags": `["poodle", "pink", "fluffy"]`}))
	if m.offset != at || !strings.Contains(content(&m), "poodle, pink, fluffy") {
		t.Errorf("refresh: offset %d, want %d", m.offset, at)
	}
	m.SetJob(variant(t, map[string]string{"id": `"other"`}))
	if m.offset != 0 {
		t.Errorf("another job: offset %d, want 0", m.offset)
	}
}

func TestResizeKeepsTopLine(t *testing.T) {
	m := newPane(&fakeFetcher{out: referenceOutput}, 40, 20)
	show(t, &m, decode(t, referenceJSON(t)))
	m.scrollTo(m.firstRow[len(m.lines)/2])
	top := m.rows[m.offset].line
	m.SetSize(100, 20)
	if got := m.rows[m.offset].line; got != top {
		t.Errorf("top line %d after resize, want %d", got, top)
	}
}

// hostile holds what a terminal would obey: clear screen, OSC 52 (write the
// clipboard), a window title, a C1 CSI and a bidirectional override.
const hostile = `\u001b[2J\u001b]52;c;ZXZpbA==\u0007\u001b]0;pwned\u0007\u009b31m\u202eevil`

var hostileJob = `{
"id": "` + hostile + `",
"uuid": "` + hostile + `",
"status": "COMPLETED",
"jobType": "` + hostile + `",
"callbackUrl": "https://x.test/` + hostile + `",
"created": "2020-02-12T13:27:03+00:00",
"input": {"` + hostile + `": "` + hostile + `", "list": ["` + hostile + `"]},
"metadata": {"note": "` + hostile + `"},
"tags": ["` + hostile + `", "plain"]
}`
