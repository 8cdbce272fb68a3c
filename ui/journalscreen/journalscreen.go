// Package journalscreen is the L screen: the actions sent, newest first,
// read from the journal file in a command each time it opens (or an action
// ends while it is open). It shows the watched app's actions on this host
// until A asks for every host's and app's; enter opens an entry in full
// and J shows its job in the job table. Esc, or L again, goes back to the
// screen it was opened from.
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
	"superdash/model"
	"superdash/sanitize"
	"superdash/ui/apppicker"
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
	c       *common.Common
	out     *nav.Outbox
	path    string // the journal file; "" for none
	host    string // the host the dashboard talks to
	width   int
	height  int
	entries []journal.Entry // as read: every host's and app's
	list    common.List[journal.Entry]
	widths  []int
	header  string
	err     error
	loaded  bool
	back    nav.ID            // where esc returns to
	app     model.App         // the app watched; zero when none
	names   map[string]string // app names by uuid, as the app picker listed them
	all     bool              // every host's and app's entries, not only the watched app's
	open    *entryView        // the entry shown in full; nil for the list
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

// New builds the screen of the journal at path ("" for none) of a
// dashboard talking to host, which asks the root for what it needs
// through out.
func New(c *common.Common, out *nav.Outbox, path, host string) Model {
	v := Model{
		c: c, out: out, path: path, host: host, names: map[string]string{},
		list: common.NewList(c, entryKey, func([]journal.Entry, int) {}, "newest"),
	}
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
		v.back, v.app, v.all, v.open = msg.From, msg.App, false, nil
		if msg.App.Name != "" {
			v.names[msg.App.UUID] = msg.App.Name
		}
		v.filter(false)
		return v, v.load()
	case apppicker.ListedMsg:
		for _, a := range msg.Apps {
			if a.Name != "" {
				v.names[a.UUID] = a.Name
			}
		}
		v.relayout()
	case nav.JournalChangedMsg:
		return v, v.load()
	case ReadMsg:
		v.setEntries(msg)
	case nav.CloseMsg:
		v.out.Send(nav.Show{To: v.back})
	case tea.KeyMsg:
		v.onKey(msg)
	case tea.MouseMsg:
		if v.open == nil {
			v.list.Update(msg)
		}
	}
	return v, nil
}

func (v *Model) onKey(msg tea.KeyMsg) {
	k := v.c.Keys
	if v.open != nil {
		switch {
		case key.Matches(msg, k.Global.Back):
			v.open = nil
		case key.Matches(msg, k.Jrnl.GoToJob):
			v.goToJob(v.open.entry)
		default:
			v.open.scroll(msg, k.Nav, len(v.open.lines(*v, v.width)), max(v.height-1, 0))
		}
		return
	}
	switch {
	case key.Matches(msg, k.Global.Back):
		v.out.Send(nav.Show{To: v.back})
	case key.Matches(msg, k.List.Choose):
		if e, ok := v.list.Selected(); ok {
			v.open = &entryView{entry: e}
		}
	case key.Matches(msg, k.Jrnl.GoToJob):
		if e, ok := v.list.Selected(); ok {
			v.goToJob(e)
		}
	case key.Matches(msg, k.Jrnl.All):
		v.all = !v.all
		v.filter(false)
	default:
		v.list.Update(msg)
	}
}

// goToJob shows e's job in the job table when it is a job of the app
// watched on this host; otherwise it says whose job it is, since the
// table only holds the watched app's jobs.
func (v *Model) goToJob(e journal.Entry) {
	job := sanitize.Line(e.JobID)
	switch {
	case e.Host != v.host:
		v.out.Send(nav.Notice{Text: fmt.Sprintf("job %s was acted on at %s; this dashboard talks to %s, so the table cannot show it", job, sanitize.Line(e.Host), sanitize.Line(v.host))})
	case v.app.UUID == "":
		v.out.Send(nav.Notice{Text: fmt.Sprintf("job %s is of app %s and no app is watched: choose it with %s first", job, v.appName(e.App), v.c.Keys.Global.SwitchApp.Help().Key)})
	case e.App != v.app.UUID:
		v.out.Send(nav.Notice{Text: fmt.Sprintf("job %s is of app %s, not of %s, the one watched: choose it with %s to see the job", job, v.appName(e.App), v.appName(v.app.UUID), v.c.Keys.Global.SwitchApp.Help().Key)})
	default:
		v.out.Send(nav.Show{To: nav.Jobs, With: nav.GoToJobMsg{Key: e.JobID}})
	}
}

func (Model) Typing() bool { return false }

func (v *Model) setEntries(msg ReadMsg) {
	v.err, v.loaded = msg.err, true
	v.entries = msg.entries
	v.filter(true)
}

// filter lists the entries shown: all of them, or those of the app watched
// on this host (of this host when no app is watched). sameListing says the
// entries were read again for the same scope: only then did the entries
// above the list's window arrive since it was drawn.
func (v *Model) filter(sameListing bool) {
	shown := v.entries
	if !v.all {
		shown = nil
		for _, e := range v.entries {
			if e.Host == v.host && (v.app.UUID == "" || e.App == v.app.UUID) {
				shown = append(shown, e)
			}
		}
	}
	if sameListing {
		v.list.SetRows(shown)
	} else {
		v.list.ReplaceRows(shown)
	}
	v.relayout()
}

// appName is what the dashboard calls the app of uuid: its name as the
// app picker listed it, else the start of its uuid, which is enough to
// tell apps apart.
func (v Model) appName(uuid string) string {
	if name, ok := v.names[uuid]; ok {
		return sanitize.Line(name)
	}
	return shortUUID(sanitize.Line(uuid))
}

// shortUUID is the first block of a uuid and an ellipsis.
func shortUUID(uuid string) string {
	const keep = 8
	if ansi.StringWidth(uuid) <= keep+1 {
		return uuid
	}
	return ansi.Truncate(uuid, keep, "") + common.Ellipsis
}

// relayout measures the job ids and statuses on record and lays the
// columns out. The app and host columns show only with every host's and
// app's entries; when the width runs out the host goes first, then the
// app, and the message takes what is left.
func (v *Model) relayout() {
	jobWidth, statusWidth, messageWidth, appWidth := len("JOB"), len("STATUS"), 20, len("APP")
	for _, e := range v.list.Rows() {
		appWidth = max(appWidth, ansi.StringWidth(v.appName(e.App)))
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
		jcolAction:  {Title: "ACTION", Width: len("resubmit"), Drop: 6},
		jcolOutcome: {Title: "OUTCOME", Width: ansi.StringWidth(outcomeSending), Drop: 8},
		jcolStatus:  {Title: "STATUS", Width: min(statusWidth, 15), Drop: 4},
		jcolMessage: {Title: "MESSAGE", Width: messageWidth, Drop: 5, Flex: true},
		jcolApp:     {Title: "APP", Width: min(appWidth, 24), Drop: 2},
		jcolHost:    {Title: "HOST", Width: 20, Drop: 1},
	}
	if !v.all {
		cols = cols[:jcolApp] // the title names them
	}
	v.widths = common.Layout(v.list.Width(), cols)
	v.header = common.Header(cols, v.widths, v.c.Styles.TableHeader)
}

// View draws the title line (whose actions, and the file, so the user can
// find it) and the list, or the entry opened, exactly the size given.
func (v Model) View() string {
	if v.open != nil {
		return common.Box(v.open.view(v, v.width, v.height), v.width, v.height)
	}
	path := v.path
	s := v.c.Styles
	title := s.PaneTitle.Render("Action journal") + s.Faint.Render(" · "+v.scope()+" · newest first · "+sanitize.Line(path))
	empty := "loading…"
	switch {
	case path == "":
		empty = "no journal: " + journal.ErrNoPath.Error()
	case v.err != nil:
		empty = "the journal could not be read: " + sanitize.Line(v.err.Error())
	case v.loaded && len(v.entries) > 0:
		empty = fmt.Sprintf("no action sent here yet · %s shows all %s", v.c.Keys.Jrnl.All.Help().Key, common.Count(len(v.entries), "action"))
	case v.loaded:
		empty = "no action sent yet"
	}
	return common.Box(common.Cut(title, v.list.Width())+"\n"+v.list.View(v.header, empty, v.row), v.width, v.height)
}

// scope says whose actions the list shows.
func (v Model) scope() string {
	switch {
	case v.all:
		return "every host and app"
	case v.app.UUID == "":
		return "on " + sanitize.Line(v.host)
	}
	return v.appName(v.app.UUID) + " on " + sanitize.Line(v.host)
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
			r.Cell(w, common.Plain(v.appName(e.App)))
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

// Help is the help of the journal screen: of its list, or of the entry
// opened.
func (v Model) Help() keymap.Help {
	k := v.c.Keys
	nav := []key.Binding{k.Nav.Up, k.Nav.Down, k.Nav.PageUp, k.Nav.PageDown, k.Nav.Top, k.Nav.Bottom}
	journal := k.Global.Journal
	journal.SetHelp(journal.Help().Key, "close journal")
	goTo := k.Jrnl.GoToJob
	back := k.Global.Back
	if v.open != nil {
		back.SetHelp(back.Help().Key, "back to the list")
		ours := []key.Binding{goTo, back, journal, k.Global.Help, k.Global.Quit}
		return keymap.Help{
			Short: []key.Binding{goTo, back, k.Nav.Down, k.Nav.Up, journal, k.Global.Help, k.Global.Quit},
			Full:  [][]key.Binding{nav, ours},
		}
	}
	open := k.List.Choose
	open.SetHelp(open.Help().Key, "open entry")
	all := k.Jrnl.All
	if v.all {
		all.SetHelp(all.Help().Key, "this app only")
	}
	hasRows := v.list.Len() > 0
	open.SetEnabled(hasRows)
	goTo.SetEnabled(hasRows)
	ours := []key.Binding{open, goTo, all, back, journal, k.Global.Help, k.Global.Quit}
	return keymap.Help{
		// Most telling first: the hint line drops from the end (but ? and q).
		Short: []key.Binding{all, open, goTo, back, k.Nav.Down, k.Nav.Up, journal, k.Global.Help, k.Global.Quit},
		Full:  [][]key.Binding{nav, ours},
	}
}
