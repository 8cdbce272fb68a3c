package ui

import (
	"errors"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"superdash/model"
	"superdash/sanitize"
	"superdash/ui/common"
)

// filterBar is the query line above the job table. The table follows what
// is typed; a term that does not parse is named with its reason and the
// last query that did parse stays applied, so a half-typed term never
// empties the table.
type filterBar struct {
	input   textinput.Model
	applied model.Query // the last valid query
	text    string      // what applied was parsed from
	before  string      // text when the bar took the keyboard: what esc goes back to
	err     *model.QueryError
}

func newFilterBar(c *common.Common) filterBar {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = `status:failed tag:x batch:id -tag:test created:<2h "phrase"`
	in.PromptStyle = c.Styles.HeaderTitle
	in.PlaceholderStyle = c.Styles.Faint
	// One byte past what a query may hold, so that a huge paste is cut
	// there and the bar says the filter is too long, instead of holding
	// megabytes that every key would copy.
	in.CharLimit = model.MaxQueryLen + 1
	return filterBar{input: in}
}

// typing reports whether the bar has the keyboard.
func (f filterBar) typing() bool { return f.input.Focused() }

// shown reports whether the bar takes a line: while typing, or while a
// filter is applied, so the user always sees what hides jobs.
func (f filterBar) shown() bool { return f.typing() || f.input.Value() != "" }

func (f *filterBar) focus() tea.Cmd {
	f.before = f.text
	return f.input.Focus()
}

// set replaces the query text (a facet key, a batch chosen in the batches
// view, --filter) and applies it if it parses.
func (f *filterBar) set(text string, now time.Time) {
	f.input.SetValue(text)
	f.input.CursorEnd()
	f.parse(now)
}

// cancel drops the edit and gives the keyboard back: the filter in force
// before the bar took the keyboard is back (esc on the table clears it).
func (f *filterBar) cancel(now time.Time) {
	f.input.Blur()
	f.set(f.before, now)
}

// accept keeps the filter and gives the keyboard back.
func (f *filterBar) accept() { f.input.Blur() }

// update passes a key to the input and re-parses what it holds.
func (f *filterBar) update(msg tea.Msg, now time.Time) tea.Cmd {
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(msg)
	if f.input.Value() != f.text || f.err != nil {
		f.parse(now)
	}
	return cmd
}

func (f *filterBar) parse(now time.Time) {
	text := f.input.Value()
	q, err := model.ParseQuery(text, now)
	var qe *model.QueryError
	switch {
	case err == nil:
		f.applied, f.text, f.err = q, text, nil
	case errors.As(err, &qe):
		f.err = qe
	default:
		f.err = &model.QueryError{Term: text, Reason: err.Error()}
	}
}

// query is the filter in force, with relative ages ("created:<2h") taken
// from now again, so the list keeps following the clock.
func (f filterBar) query(now time.Time) model.Query {
	if f.text == "" {
		return model.Query{}
	}
	q, err := model.ParseQuery(f.text, now)
	if err != nil {
		return f.applied
	}
	return q
}

// view is the bar's line: the input, then the bad term and its reason.
func (f filterBar) view(c *common.Common, width int) string {
	note := ""
	if f.err != nil {
		note = "✗ " + sanitize.Line(f.err.Reason)
		if bad := strings.TrimSpace(f.err.Term); bad != "" {
			note = "✗ " + sanitize.Line(bad) + ": " + sanitize.Line(f.err.Reason)
		}
		note = "  " + c.Styles.Error.Render(common.Cut(note, width/2))
	}
	// The input gets what the note leaves, so the note is never pushed off.
	in := f.input
	in.Width = max(width-ansi.StringWidth(note)-ansi.StringWidth(in.Prompt)-1, 1)
	// The input works out which part of a long text it shows only when its
	// cursor moves: put the cursor where it is, at the width just set.
	in.SetCursor(in.Position())
	line := in.View()
	if !f.typing() {
		line = c.Styles.HeaderTitle.Render(in.Prompt) + common.Cut(sanitize.Line(in.Value()), in.Width)
	}
	return common.Fit(line+note, width)
}
