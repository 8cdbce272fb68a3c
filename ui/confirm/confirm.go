// Package confirm is the dialog that asks before anything that cannot be
// undone. It knows nothing of jobs: it shows a title, lines of text and two
// buttons, No and Yes, and reports which one was chosen.
//
// The focus starts on No, so Enter alone never goes ahead; Esc is No. For
// the largest actions it can also ask for a number to be typed (the count
// of what will be acted on) before Yes can be chosen at all.
package confirm

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"superdash/sanitize"
	"superdash/ui/common"
)

// Choice is where the dialog stands.
type Choice int

const (
	Undecided Choice = iota // still asking
	No
	Yes
)

// Options are what the dialog says.
type Options struct {
	Title string
	// Body is the text, one string per line; an empty string is a blank
	// line. Long lines wrap. All of it is sanitised: it may quote the API.
	Body []string
	// YesLabel and NoLabel name the buttons ("Yes, cancel 3 jobs");
	// empty means "Yes" and "No".
	YesLabel, NoLabel string
	// TypeToConfirm, when above 0, keeps Yes unavailable until that
	// number has been typed.
	TypeToConfirm int
	// LineStyle, when set, styles each line of Body (all its wrapped
	// parts), given the line as written: a diff's + and - lines.
	LineStyle func(line string) lipgloss.Style
}

// Model is the dialog. The zero value is not usable; call New.
type Model struct {
	c     *common.Common
	opts  Options
	onYes bool // the focus; false is No
	input textinput.Model
	width int // of the whole box, border included
}

// minWidth is the narrowest box drawn.
const minWidth = 24

// New returns a dialog with the focus on No.
func New(c *common.Common, opts Options) Model {
	if opts.YesLabel == "" {
		opts.YesLabel = "Yes"
	}
	if opts.NoLabel == "" {
		opts.NoLabel = "No"
	}
	m := Model{c: c, opts: opts, width: 60}
	if opts.TypeToConfirm > 0 {
		in := textinput.New()
		in.Prompt = "> "
		in.CharLimit = len(strconv.Itoa(opts.TypeToConfirm)) + 2
		in.PromptStyle = c.Styles.HeaderTitle
		in.Cursor.SetMode(cursor.CursorStatic) // no blink timer to route
		in.Focus()
		m.input = in
	}
	return m
}

// SetWidth sets the width of the box, border included.
func (m *Model) SetWidth(w int) {
	m.width = max(w, minWidth)
	if m.typed() {
		m.input.Width = max(m.width-8, 4)
	}
}

// WithBody is the dialog with its text replaced, as it stands otherwise:
// for text that fits the room there is, which the owner knows as it draws.
func (m Model) WithBody(body []string) Model {
	m.opts.Body = body
	return m
}

// Width is the width of the box, border included.
func (m Model) Width() int { return m.width }

// typed reports whether the dialog asks for a number.
func (m Model) typed() bool { return m.opts.TypeToConfirm > 0 }

// Typing reports whether the dialog holds a text input (keys such as q
// are digits-or-nothing there, never quit).
func (m Model) Typing() bool { return m.typed() }

// YesEnabled reports whether Yes can be chosen: always, unless a number
// must be typed first and has not been.
func (m Model) YesEnabled() bool {
	return !m.typed() || strings.TrimSpace(m.input.Value()) == strconv.Itoa(m.opts.TypeToConfirm)
}

// Focused is the button with the focus: No or Yes.
func (m Model) Focused() Choice {
	if m.onYes {
		return Yes
	}
	return No
}

// Update handles a key and reports the choice it made, if any: Yes only
// for the Yes key or Choose on a focused Yes, and only while Yes is
// enabled; No for the No keys (Esc among them) or Choose on No.
func (m Model) Update(msg tea.Msg) (Model, Choice, tea.Cmd) {
	kmsg, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, Undecided, nil
	}
	if m.typed() && editsNumber(kmsg) {
		var cmd tea.Cmd
		m.input, cmd = m.input.Update(kmsg)
		if !m.YesEnabled() {
			m.onYes = false
		}
		return m, Undecided, cmd
	}
	k := m.c.Keys.Dialog
	switch {
	case key.Matches(kmsg, k.Yes):
		if m.YesEnabled() {
			return m, Yes, nil
		}
	case key.Matches(kmsg, k.No):
		return m, No, nil
	case key.Matches(kmsg, k.Switch):
		m.onYes = !m.onYes && m.YesEnabled()
	case key.Matches(kmsg, k.Choose):
		if !m.onYes {
			return m, No, nil
		}
		if m.YesEnabled() {
			return m, Yes, nil
		}
	}
	return m, Undecided, nil
}

// editsNumber reports a key that edits the typed number: digits (typed or
// pasted) and deletion. They are the input's before any binding, so a
// binding on a digit cannot confirm while the number is typed.
func editsNumber(msg tea.KeyMsg) bool {
	switch msg.Type {
	case tea.KeyBackspace, tea.KeyDelete:
		return true
	case tea.KeyRunes:
		for _, r := range msg.Runes {
			if !unicode.IsDigit(r) {
				return false
			}
		}
		return len(msg.Runes) > 0
	}
	return false
}

// View draws the box: the title, the text, the number input if any, and
// the buttons, the focused one in brackets so it shows without colour.
func (m Model) View() string {
	s := m.c.Styles
	inner := m.width - 4 // border and one cell of padding on each side
	lines := []string{s.PaneTitle.Render(common.Cut(sanitize.Line(m.opts.Title), inner)), ""}
	for _, l := range m.opts.Body {
		parts := strings.Split(ansi.Wrap(sanitize.Line(l), inner, ""), "\n")
		if m.opts.LineStyle != nil {
			st := m.opts.LineStyle(l)
			for i := range parts {
				parts[i] = st.Render(parts[i])
			}
		}
		lines = append(lines, parts...)
	}
	if m.typed() {
		want := strconv.Itoa(m.opts.TypeToConfirm)
		hint := "Type " + want + " to unlock Yes:"
		if m.YesEnabled() {
			hint = "Yes is unlocked:"
		}
		lines = append(lines, "", s.Label.Render(hint)+" "+m.input.View())
	}
	lines = append(lines, "", lipgloss.PlaceHorizontal(inner, lipgloss.Center, m.buttons()))
	return s.PaneBorderFocused.Padding(0, 1).Width(inner + 2).Render(strings.Join(lines, "\n"))
}

func (m Model) buttons() string {
	s := m.c.Styles
	no := button(sanitize.Line(m.opts.NoLabel), !m.onYes)
	yes := button(sanitize.Line(m.opts.YesLabel), m.onYes)
	if !m.onYes {
		no = s.Selection.Render(no)
	} else {
		yes = s.Selection.Render(yes)
	}
	if !m.YesEnabled() {
		yes = s.Faint.Render(yes)
	}
	return no + "   " + yes
}

func button(label string, focused bool) string {
	if focused {
		return "[ " + label + " ]"
	}
	return "  " + label + "  "
}
