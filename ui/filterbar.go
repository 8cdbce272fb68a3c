package ui

import (
	"errors"
	"slices"
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
func (f *filterBar) set(text string, now time.Time, store *model.Store) {
	f.input.SetValue(text)
	f.input.CursorEnd()
	f.parse(now, store)
}

// cancel drops the edit and gives the keyboard back: the filter in force
// before the bar took the keyboard is back (esc on the table clears it).
func (f *filterBar) cancel(now time.Time, store *model.Store) {
	f.input.Blur()
	f.set(f.before, now, store)
}

// accept keeps the filter and gives the keyboard back.
func (f *filterBar) accept() { f.input.Blur() }

// update passes a key to the input and re-parses what it holds.
func (f *filterBar) update(msg tea.Msg, now time.Time, store *model.Store) tea.Cmd {
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(msg)
	if f.input.Value() != f.text || f.err != nil {
		f.parse(now, store)
	}
	return cmd
}

// parse applies the text if it parses and names only statuses there can
// be jobs in (see unknownStatus); else it names what is wrong and the last
// valid filter stays.
func (f *filterBar) parse(now time.Time, store *model.Store) {
	text := f.input.Value()
	q, err := model.ParseQuery(text, now)
	if err == nil {
		if qe := unknownStatus(q, store); qe != nil {
			err = qe
		}
	}
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
		// The note gets what the query leaves, and at least half the line.
		room := max(width/2, width-ansi.StringWidth(f.input.Prompt+f.input.Value())-5)
		note = "  " + c.Styles.Error.Render(common.Cut(note, room))
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

// unknownStatus is the error of the first status in q that this build
// does not know and the store has no job in: a misspelling ("bogus"),
// which would otherwise silently select nothing. A status the API sent
// that this build does not know is fine. Without a store (--filter at
// start, before any data), every status is.
func unknownStatus(q model.Query, store *model.Store) *model.QueryError {
	if store == nil {
		return nil
	}
	var sent []string
	for _, sc := range store.StatusCounts() {
		if !sc.Status.Known() {
			sent = append(sent, common.StatusName(sc.Status))
		}
	}
	for _, t := range q.Terms() {
		if t.Field != model.FieldStatus {
			continue
		}
		for _, v := range strings.Split(t.Value, ",") {
			st := model.Status(strings.ToUpper(v))
			if st.Known() || v == "moving" || v == "ended" || slices.ContainsFunc(sent, func(s string) bool { return strings.EqualFold(s, v) }) {
				continue
			}
			// The API's own first: they are few, and the note may be cut.
			reason := "no status " + string(st) + "; "
			if len(sent) > 0 {
				reason += "the API sent " + strings.Join(sent, ", ") + "; "
			}
			reason += "known: " + statusNames(model.KnownStatuses())
			return &model.QueryError{Term: t.Raw, Pos: t.Pos, Reason: reason}
		}
	}
	return nil
}

func statusNames(statuses []model.Status) string {
	names := make([]string, len(statuses))
	for i, st := range statuses {
		names[i] = string(st)
	}
	return strings.Join(names, ", ")
}
