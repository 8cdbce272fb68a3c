package screen

import (
	"bytes"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// frames is a model whose frame is the last message's text, one line per
// word, so that a test decides what each frame holds.
type frames struct{ view string }

func (f frames) Init() tea.Cmd { return nil }
func (f frames) View() string  { return f.view }
func (f frames) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		f.view = strings.ReplaceAll(string(msg.Runes), " ", "\n")
	case string:
		f.view = strings.ReplaceAll(msg, " ", "\n")
	}
	return f, nil
}

// update is m.Update keeping the next model.
func update(m *Model, msg tea.Msg) tea.Cmd {
	next, cmd := m.Update(msg)
	*m = next.(Model)
	return cmd
}

func key(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

// clock is a test's clock: it moves only when told.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// newTestModel is a Model writing to out at 20×5 cells, its clock c.
func newTestModel(out *bytes.Buffer, c *clock) Model {
	t := &Terminal{p: &painter{out: out}, state: &flushState{now: c.now}}
	m := t.Wrap(frames{})
	update(&m, tea.WindowSizeMsg{Width: 20, Height: 5})
	return m
}

// screenOf plays what was written on a w×h screen and returns its lines.
func screenOf(t *testing.T, written string, w, h int) []string {
	t.Helper()
	cells := make([][]rune, h)
	for i := range cells {
		cells[i] = []rune(strings.Repeat(" ", w))
	}
	row, col := 0, 0
	p := ansi.GetParser()
	defer ansi.PutParser(p)
	state := byte(0)
	for len(written) > 0 {
		seq, width, n, newState := ansi.DecodeSequence(written, state, p)
		state = newState
		switch {
		case ansi.HasCsiPrefix(seq) && p.Command() == 'H':
			r, _ := p.Param(0, 1)
			c, _ := p.Param(1, 1)
			row, col = r-1, c-1
		case ansi.HasCsiPrefix(seq) && p.Command() == 'K':
			for i := col; i < w; i++ {
				cells[row][i] = ' '
			}
		case ansi.HasCsiPrefix(seq) && p.Command() == 'J':
			from := 0
			if n, _ := p.Param(0, 0); n == 0 {
				for i := col; i < w; i++ {
					cells[row][i] = ' '
				}
				from = row + 1
			}
			for r := from; r < h; r++ {
				cells[r] = []rune(strings.Repeat(" ", w))
			}
		case width > 0:
			cells[row][col] = []rune(seq)[0]
			col++
		}
		written = written[n:]
	}
	lines := make([]string, h)
	for i, c := range cells {
		lines[i] = strings.TrimRight(string(c), " ")
	}
	return lines
}

func TestAKeyIsDrawnBeforeUpdateReturns(t *testing.T) {
	var out bytes.Buffer
	c := &clock{t: time.Unix(1000, 0)}
	m := newTestModel(&out, c)
	update(&m, key("one two"))
	out.Reset()
	// A key right after a frame: drawn at once all the same.
	c.t = c.t.Add(time.Millisecond)
	cmd := update(&m, key("one three"))
	if !strings.Contains(out.String(), "three") {
		t.Fatalf("after Update of a key the terminal got %q, want the new frame", out.String())
	}
	if cmd != nil {
		t.Errorf("a key drawn at once still returned a command")
	}
}

func TestOtherMessagesAreCoalesced(t *testing.T) {
	var out bytes.Buffer
	c := &clock{t: time.Unix(1000, 0)}
	m := newTestModel(&out, c)
	var written strings.Builder

	// Long after the last frame: drawn at once.
	c.t = c.t.Add(time.Second)
	cmd := update(&m, "a b")
	if cmd != nil || !strings.Contains(out.String(), "b") {
		t.Fatalf("a message a second after the last frame: written %q, command %v; want drawn at once", out.String(), cmd != nil)
	}
	written.WriteString(out.String())
	out.Reset()

	// Within frameGap of it: held back, one flush for two messages.
	c.t = c.t.Add(frameGap / 3)
	first := update(&m, "a c")
	second := update(&m, "a d")
	if out.Len() != 0 {
		t.Errorf("messages within frameGap of a frame were drawn at once: %q", out.String())
	}
	if first == nil || second != nil {
		t.Fatalf("want one flush command for the burst: first %v, second %v", first != nil, second != nil)
	}
	c.t = c.t.Add(frameGap)
	update(&m, flushMsg{})
	written.WriteString(out.String())
	if got := screenOf(t, written.String(), 20, 5); got[0] != "a" || got[1] != "d" || got[2] != "" {
		t.Errorf("after the flush the screen is %q, want the last frame: a, d", got)
	}
}

func TestOnlyChangedLinesAreWritten(t *testing.T) {
	var out bytes.Buffer
	c := &clock{t: time.Unix(1000, 0)}
	m := newTestModel(&out, c)
	var written strings.Builder
	update(&m, key("alpha beta gamma delta"))
	written.WriteString(out.String())
	out.Reset()

	update(&m, key("alpha BETA gamma"))
	for _, same := range []string{"alpha", "gamma"} {
		if strings.Contains(out.String(), same) {
			t.Errorf("the unchanged line %q was written again: %q", same, out.String())
		}
	}
	written.WriteString(out.String())
	out.Reset()
	if got, want := screenOf(t, written.String(), 20, 5), []string{"alpha", "BETA", "gamma", "", ""}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("screen %q, want %q (the fourth line cleared)", got, want)
	}

	update(&m, key("alpha BETA gamma"))
	if out.Len() != 0 {
		t.Errorf("an unchanged frame wrote %q", out.String())
	}

	// A resize paints every line, cut to the new width.
	update(&m, tea.WindowSizeMsg{Width: 3, Height: 5})
	if got := screenOf(t, out.String(), 3, 5); strings.Join(got, "|") != "alp|BET|gam||" {
		t.Errorf("after a resize the screen is %q, want every line painted and cut to 3 cells", got)
	}
}
