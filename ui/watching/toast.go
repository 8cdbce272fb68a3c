package watching

import (
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"superdash/model/watch"
	"superdash/ui/common"
)

// ToastFor is how long a toast stays: long enough to read two lines, short
// enough not to hide the rows under it for long.
const ToastFor = 6 * time.Second

// maxToastLines is how many events a toast holds; the newest stay.
const maxToastLines = 3

// Toast is a box over the bottom right of the screen saying what a watch
// has to tell, for ToastFor. It is a value: the root copies it freely.
type Toast struct {
	lines []toastLine
	seq   int // of the last Add, which ExpiredMsg must name
}

type toastLine struct {
	text string
	bad  bool
}

// ExpiredMsg ends the toast shown by the Add that returned it, unless a
// later Add has shown more since.
type ExpiredMsg struct{ Seq int }

// Add shows events, after what shows already, and returns the message
// that ends the toast, to deliver after ToastFor.
func (t *Toast) Add(events []watch.Event) ExpiredMsg {
	lines := slices.Clone(t.lines)
	for _, e := range events {
		lines = append(lines, toastLine{text: e.Describe(), bad: e.Bad()})
	}
	t.lines = lines[max(len(lines)-maxToastLines, 0):]
	t.seq++
	return ExpiredMsg{Seq: t.seq}
}

// Expire hides the toast when msg is the latest Add's.
func (t *Toast) Expire(msg ExpiredMsg) {
	if msg.Seq == t.seq {
		t.lines = nil
	}
}

// Shown reports whether the toast is up.
func (t Toast) Shown() bool { return len(t.lines) > 0 }

// toastInset is how far the toast stays from content's bottom and right
// edges: clear of the pane's border there, and one cell beside it, so the
// pane still reads as a box with the toast over its contents.
const toastInset = 1

// Over draws the toast over the bottom right of content, a block width
// cells wide, inside the border a pane draws there; content is returned
// as it is when no toast shows.
func (t Toast) Over(content string, width int, st common.Styles) string {
	if !t.Shown() {
		return content
	}
	box := t.box(width, st)
	lines := strings.Split(content, "\n")
	top := len(lines) - toastInset - len(box)
	for i, b := range box {
		if top+i < 0 {
			continue
		}
		left := max(width-lipgloss.Width(b)-2*toastInset, 0)
		// Truncate keeps the escape sequences past the cut, the reset
		// ending a style among them, so the box is drawn in its own.
		line := ansi.Truncate(lines[top+i], left, "")
		right := ansi.Cut(lines[top+i], left+lipgloss.Width(b), width)
		right += strings.Repeat(" ", max(width-left-lipgloss.Width(b)-ansi.StringWidth(right), 0))
		lines[top+i] = line + strings.Repeat(" ", left-ansi.StringWidth(line)) + b + right
	}
	return strings.Join(lines, "\n")
}

// box is the toast's lines in a rounded border, at most width-2 wide, in
// the colour of its worst news.
func (t Toast) box(width int, st common.Styles) []string {
	inner := 0
	for _, l := range t.lines {
		inner = max(inner, ansi.StringWidth(l.text)+2) // "✓ "
	}
	inner = min(inner, width-6) // border, padding and a margin
	border := st.Success
	rows := make([]string, len(t.lines))
	for i, l := range t.lines {
		glyph, style := "✓ ", st.Success
		if l.bad {
			glyph, style, border = "✗ ", st.Error, st.Error
		}
		rows[i] = style.Render(common.Fit(common.Cut(glyph+l.text, inner), inner))
	}
	frame := lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(border.GetForeground()).Padding(0, 1)
	return strings.Split(frame.Render(strings.Join(rows, "\n")), "\n")
}
