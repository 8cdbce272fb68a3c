// Package journalscreen is the L screen: the actions sent, newest first,
// read from the journal file in a command each time it opens (or an action
// ends while it is open). Esc, or L again, goes back to the screen it was
// opened from.
package journalscreen

import (
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"superdash/journal"
	"superdash/keymap"
	"superdash/sanitize"
	"superdash/ui/common"
	"superdash/ui/nav"
)

// journalLimit is how many of the newest entries the journal screen reads.
const journalLimit = 1000

// ReadMsg carries the journal's newest entries.
type ReadMsg struct {
	entries []journal.Entry
	err     error
}

// Model is the journal screen. The zero value is not usable; call New.
type Model struct {
	c      *common.Common
	out    *nav.Outbox
	path   string // the journal file; "" for none
	width  int
	height int
	list   common.List[journal.Entry]
	widths []int
	header string
	err    error
	loaded bool
	back   nav.ID // where esc returns to
}

// The journal screen's columns, in display order.
const (
	jcolTime = iota
	jcolJob
	jcolAction
	jcolOutcome
	jcolStatus
	jcolMessage
	jcolApp
	jcolHost
)

// New builds the screen of the journal at path ("" for none), which asks
// the root for what it needs through out.
func New(c *common.Common, out *nav.Outbox, path string) Model {
	v := Model{c: c, out: out, path: path, list: common.NewList(c, entryKey, func([]journal.Entry, int) {}, "newest")}
	v.relayout()
	return v
}

// entryKey tells rows apart: by the entry id, or for the one-line format
// (which has none) by time, action and job.
func entryKey(e journal.Entry) string {
	if e.ID != "" {
		return e.ID
	}
	return e.Time.Format(time.RFC3339Nano) + " " + e.Action + " " + e.JobID
}

// SetSize gives the screen its size: a title line, then the list.
func (v Model) SetSize(w, h int) nav.Screen {
	v.width, v.height = w, h
	v.list.SetSize(w, max(h-1, 0))
	v.relayout()
	return v
}

func (v Model) Update(msg tea.Msg) (nav.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case nav.ShownMsg:
		v.back = msg.From
		return v, v.load()
	case nav.JournalChangedMsg:
		return v, v.load()
	case ReadMsg:
		v.setEntries(msg)
	case nav.CloseMsg:
		v.out.Send(nav.Show{To: v.back})
	case tea.KeyMsg:
		if key.Matches(msg, v.c.Keys.Global.Back) {
			v.out.Send(nav.Show{To: v.back})
			return v, nil
		}
		v.list.Update(msg)
	}
	return v, nil
}

func (Model) Typing() bool { return false }

func (v *Model) setEntries(msg ReadMsg) {
	v.err, v.loaded = msg.err, true
	v.list.SetRows(msg.entries)
	v.relayout()
}

// relayout measures the job ids and statuses on record and lays the
// columns out; when the width runs out the host goes first, then the app.
func (v *Model) relayout() {
	jobWidth, statusWidth, messageWidth := len("JOB"), len("STATUS"), 20
	for _, e := range v.list.Rows() {
		jobWidth = max(jobWidth, ansi.StringWidth(sanitize.Line(e.JobID)))
		statusWidth = max(statusWidth, ansi.StringWidth(sanitize.Line(e.Status)))
		if e.Outcome == journal.StateStopped {
			// Said in full, before the host and the app: the API may
			// have acted, and only this row says so.
			messageWidth = ansi.StringWidth(stoppedMessage)
		}
	}
	cols := []common.Column{
		jcolTime:    {Title: "TIME (UTC)", Width: len("2006-01-02 15:04:05")},
		jcolJob:     {Title: "JOB", Width: min(jobWidth, 24), Drop: 7},
		jcolAction:  {Title: "ACTION", Width: len("restart"), Drop: 6},
		jcolOutcome: {Title: "OUTCOME", Width: ansi.StringWidth(outcomeSending), Drop: 8},
		jcolStatus:  {Title: "STATUS", Width: min(statusWidth, 15), Drop: 4},
		jcolMessage: {Title: "MESSAGE", Width: messageWidth, Drop: 5, Flex: true},
		jcolApp:     {Title: "APP", Width: 12, Drop: 2},
		jcolHost:    {Title: "HOST", Width: 20, Drop: 1},
	}
	v.widths = common.Layout(v.list.Width(), cols)
	v.header = common.Header(cols, v.widths, v.c.Styles.TableHeader)
}

// View draws the title line (the file, so the user can find it) and the
// list, exactly the size given.
func (v Model) View() string {
	path := v.path
	s := v.c.Styles
	title := s.PaneTitle.Render("Action journal") + s.Faint.Render(" · newest first · "+sanitize.Line(path))
	empty := "loading…"
	switch {
	case path == "":
		empty = "no journal: " + journal.ErrNoPath.Error()
	case v.err != nil:
		empty = "the journal could not be read: " + sanitize.Line(v.err.Error())
	case v.loaded:
		empty = "no action sent yet"
	}
	return common.Box(common.Cut(title, v.list.Width())+"\n"+v.list.View(v.header, empty, v.row), v.width, v.height)
}

// What the journal screen says of an action without a recorded outcome.
const (
	outcomeSending = "sending…"
	// Its process stopped before the answer came: the API may have acted.
	stoppedMessage = "sent, outcome unknown (superdash stopped)"
)

// outcomeText is what the OUTCOME and MESSAGE columns say of e.
func outcomeText(e journal.Entry) (outcome, message string) {
	switch {
	case e.Outcome == journal.StateStopped:
		return journal.OutcomeUnknown, stoppedMessage
	case e.Outcome == journal.StateSending && !e.Mine:
		return outcomeSending, fmt.Sprintf("sent by superdash pid %d, which is still running", e.PID)
	case e.Outcome == journal.StateSending:
		return outcomeSending, ""
	}
	return e.Outcome, e.Message
}

func (v Model) row(e journal.Entry, r *common.Row) {
	outcome, message := outcomeText(e)
	for col, w := range v.widths {
		switch col {
		case jcolTime:
			r.Cell(w, common.Plain(e.Time.UTC().Format("2006-01-02 15:04:05")))
		case jcolJob:
			r.Cell(w, common.Plain(sanitize.Line(e.JobID)))
		case jcolAction:
			r.Cell(w, common.Plain(sanitize.Line(e.Action)))
		case jcolOutcome:
			r.Cell(w, common.Styled(sanitize.Line(outcome), v.outcomeStyle(e.Outcome)))
		case jcolStatus:
			r.Cell(w, common.Plain(sanitize.Line(e.Status)))
		case jcolMessage:
			r.Cell(w, common.Plain(sanitize.Line(message)))
		case jcolApp:
			r.Cell(w, common.Plain(sanitize.Line(e.App)))
		case jcolHost:
			r.Cell(w, common.Plain(sanitize.Line(e.Host)))
		}
	}
}

func (v Model) outcomeStyle(outcome string) lipgloss.Style {
	s := v.c.Styles
	switch outcome {
	case journal.OutcomeDone:
		return s.Success
	case journal.OutcomeRefused, journal.OutcomeUnknown, journal.StateStopped:
		return s.Warning
	case journal.StateSending:
		return s.Faint
	}
	return s.Error
}

// load reads the journal's newest entries, in a command.
func (v Model) load() tea.Cmd {
	path := v.path
	return func() tea.Msg {
		entries, err := journal.Read(path, journalLimit)
		return ReadMsg{entries: entries, err: err}
	}
}

// Help is the help of the journal screen.
func (v Model) Help() keymap.Help {
	k := v.c.Keys
	nav := []key.Binding{k.Nav.Up, k.Nav.Down, k.Nav.PageUp, k.Nav.PageDown, k.Nav.Top, k.Nav.Bottom}
	back := k.Global.Back
	journal := k.Global.Journal
	journal.SetHelp(journal.Help().Key, "close journal")
	ours := []key.Binding{back, journal, k.Global.Help, k.Global.Quit}
	return keymap.Help{
		Short: append([]key.Binding{k.Nav.Down, k.Nav.Up}, ours...),
		Full:  [][]key.Binding{nav, ours},
	}
}
