package actions

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/progress"
	tea "github.com/charmbracelet/bubbletea"

	"superdash/api"
	"superdash/journal"
	"superdash/model"
	"superdash/ui/common"
	"superdash/ui/confirm"
	"superdash/ui/jobtable"
)

// Options configure the component.
type Options struct {
	Client *api.Client
	// Life ends when the dashboard quits: every request of an action
	// derives from it.
	Life context.Context
	// ReadOnly turns every action off: the keys only say so.
	ReadOnly bool
	// JournalPath is the file every action sent is recorded in; ""
	// records nothing, and each action says so.
	JournalPath string
	// Bar draws a bulk run's progress, as the dashboard's other bars.
	Bar progress.Model
	// Workers is how many requests a bulk run has out at once; 0 means
	// DefaultWorkers.
	Workers int
}

// Jobs is what the component acts on, lent by the dashboard for one call
// and never kept: the store the jobs are read from and merged into, the
// table whose cursor picks a job and whose rows show marks and actions in
// flight, and what the filter shows.
type Jobs struct {
	Store *model.Store
	Table *jobtable.Model
	Shown []*model.Job
	App   model.App
	// Marking is whether the table has the keys: marks are made there,
	// not in the detail pane.
	Marking bool
}

// Effect is what a call asks of the dashboard around the component.
type Effect struct {
	Notice  string // the footer's answer, "" for none
	Refresh bool   // the store changed, or the table shows again: refresh its rows
	Journal bool   // the journal has new lines: read it again where it shows
	Quit    bool   // the user quit from a bulk run's summary
	Moved   bool   // the table's cursor moved: show the job now under it
	Copy    string // text for the clipboard: job ids, one a line
	CopyOf  string // what Copy is, for the notice
	// Resubmit are jobs whose restart the host does not offer: the
	// dashboard offers to resubmit them instead.
	Resubmit []string
}

// Msg is a message of the component: the dashboard routes every Msg to
// Update.
type Msg interface{ actionsMsg() }

// doneMsg ends a single action.
type doneMsg struct{ res result }

func (doneMsg) actionsMsg()      {}
func (bulkEventMsg) actionsMsg() {}

// overlay is what the component shows over the jobs screen, taking every
// key.
type overlay int

const (
	overlayNone     overlay = iota
	overlayConfirm          // a dialog asks before an action
	overlayProgress         // a bulk run is sending
	overlaySummary          // a bulk run is over: what it did
)

// DefaultWorkers is how many requests a bulk run has out at once: a few,
// so that a thousand jobs take minutes rather than an hour, without
// hammering the API.
const DefaultWorkers = 4

// readOnlyNotice answers an action key in read-only mode.
const readOnlyNotice = "read-only: cancel and restart are off (--read-only or read_only in the config)"

// Model is the actions component. The zero value is not usable; call New.
type Model struct {
	c        *common.Common
	client   *api.Client
	life     context.Context
	readOnly bool
	bar      progress.Model
	width    int // of the body the overlay is drawn over

	overlay overlay
	dialog  confirm.Model
	plan    plan // what yes in the dialog does

	marks    marks              // the jobs a bulk action is for
	inFlight map[string]*Action // jobs whose request is out, by key
	bulk     bulkRun            // the running bulk run, or the last one
	runs     int                // bulk runs started: tells their events apart
	workers  int                // requests out at once in a bulk run
	// unsupported holds the actions the host answered it does not
	// offer: they are not sent again.
	unsupported map[*Action]bool

	journal *journal.Journal
}

// New builds the component.
func New(c *common.Common, opts Options) Model {
	return Model{
		c:           c,
		client:      opts.Client,
		life:        opts.Life,
		readOnly:    opts.ReadOnly,
		bar:         opts.Bar,
		marks:       marks{},
		inFlight:    map[string]*Action{},
		workers:     cmp.Or(opts.Workers, DefaultWorkers),
		unsupported: map[*Action]bool{},
		journal:     journal.Open(opts.JournalPath),
	}
}

// Overlay reports whether a dialog, a bulk run's progress or its summary
// shows: it then gets every key (Update).
func (m Model) Overlay() bool { return m.overlay != overlayNone }

// Typing reports whether the keys typed go into the dialog's number.
func (m Model) Typing() bool { return m.overlay == overlayConfirm && m.dialog.Typing() }

// SetWidth sets the width of the body the overlay is drawn over.
func (m *Model) SetWidth(w int) {
	m.width = w
	m.dialog.SetWidth(dialogWidth(w))
}

// dialogWidth is the width of a dialog or panel on a body w cells wide.
func dialogWidth(w int) int { return min(w-4, 76) }

// binding ties a key to the action it asks for.
type binding struct {
	key    key.Binding
	action *Action
}

func (m Model) bindings() []binding {
	k := m.c.Keys.Table
	return []binding{{k.Cancel, Cancel}, {k.Restart, Restart}}
}

// Key handles a key of the jobs screen that is the component's: an
// action, or, when the table has the keys, a mark. ok is false when the
// key is none of them.
func (m *Model) Key(msg tea.KeyMsg, jobs Jobs) (fx Effect, cmd tea.Cmd, ok bool) {
	k := m.c.Keys.Table
	marking := []key.Binding{k.Mark, k.MarkAll, k.ClearMarks}
	if m.readOnly {
		// The one check of read-only mode. The bindings are off
		// (keymap.WithoutActions): nothing else here can match, and no
		// dialog or summary ever opens. Their keys still say why.
		var keys []key.Binding
		for _, b := range m.bindings() {
			keys = append(keys, b.key)
		}
		if jobs.Marking {
			keys = append(keys, marking...)
		}
		if boundTo(msg, keys...) {
			return Effect{Notice: readOnlyNotice}, nil, true
		}
		return Effect{}, nil, false
	}
	if jobs.Marking {
		if fx, ok := m.markKey(msg, jobs); ok {
			return fx, nil, true
		}
	}
	for _, b := range m.bindings() {
		if key.Matches(msg, b.key) {
			return m.ask(b.action, jobs), nil, true
		}
	}
	return Effect{}, nil, false
}

// boundTo reports whether msg is one of the bindings' keys, enabled or not:
// a key disabled by read-only mode still deserves an answer.
func boundTo(msg tea.KeyMsg, bindings ...key.Binding) bool {
	for _, b := range bindings {
		if slices.Contains(b.Keys(), msg.String()) {
			return true
		}
	}
	return false
}

// Update takes a key while the overlay shows, and the component's own
// messages.
func (m *Model) Update(msg tea.Msg, jobs Jobs) (Effect, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return m.overlayKey(msg, jobs)
	case doneMsg:
		return m.onDone(msg.res, jobs), nil
	case bulkEventMsg:
		return m.onBulkEvent(msg, jobs)
	}
	return Effect{}, nil
}

// overlayKey gives a key to the dialog, the progress or the summary.
func (m *Model) overlayKey(msg tea.KeyMsg, jobs Jobs) (Effect, tea.Cmd) {
	k := m.c.Keys
	switch m.overlay {
	case overlayConfirm:
		var choice confirm.Choice
		var cmd tea.Cmd
		m.dialog, choice, cmd = m.dialog.Update(msg)
		switch choice {
		case confirm.No:
			m.overlay = overlayNone
			return Effect{Notice: "nothing sent"}, nil
		case confirm.Yes:
			m.overlay = overlayNone
			return m.confirmed(jobs)
		}
		return Effect{}, cmd
	case overlayProgress:
		if key.Matches(msg, k.Bulk.Stop) {
			m.stopBulk()
		}
	case overlaySummary:
		switch {
		case key.Matches(msg, k.Bulk.Retry):
			return m.retryFailed(jobs), nil
		case key.Matches(msg, k.Table.CopyID):
			keys := m.bulk.unsuccessful()
			if len(keys) == 0 {
				return Effect{}, nil
			}
			return Effect{Copy: strings.Join(keys, "\n"), CopyOf: fmt.Sprintf("the ids of %s %s not %s",
				common.Thousands(len(keys)), common.Plural(len(keys), "job"), m.bulk.plan.action.Past)}, nil
		case key.Matches(msg, k.Bulk.Close):
			// Jobs whose restart the host lacks can still run again, as
			// new jobs: the dashboard offers that once the summary closes.
			m.overlay = overlayNone
			return Effect{Refresh: true, Resubmit: m.bulk.standIns()}, nil
		case key.Matches(msg, k.Global.Quit):
			return Effect{Quit: true}, nil
		}
	}
	return Effect{}, nil
}

// env copies out what sending needs. The journal's times are the jobs'
// clock, so that an action never reads as sent before the job it acted on
// was created (the demo's world runs faster than the wall clock).
func (m *Model) env(app string) env {
	return env{client: m.client, journal: m.journal, now: m.c.JobNow, app: app}
}

// sendOne sends a to one job; the row says so until the answer is in.
func (m *Model) sendOne(a *Action, key string, jobs Jobs) tea.Cmd {
	m.inFlight[key] = a
	jobs.Table.SetPending(key, a.InFlight)
	ctx, e := m.life, m.env(jobs.App.UUID)
	return func() tea.Msg { return doneMsg{res: send(ctx, e, a, key)} }
}

// onDone takes in a single action's result: the row loses its label, the
// job as re-read goes into the store, the footer says how it went.
func (m *Model) onDone(res result, jobs Jobs) Effect {
	delete(m.inFlight, res.Key)
	jobs.Table.ClearPending(res.Key)
	fx := Effect{Notice: res.notice(), Refresh: m.merge(res, jobs), Journal: true}
	if api.IsUnsupported(res.Err) {
		fx.Resubmit = insteadOf(res.Action, res.Key)
	}
	return fx
}

// merge puts the job an action read back into the store, if it is of the
// app on screen, and reports whether it did. A host without the action is
// remembered, so the next one is not sent at all.
func (m *Model) merge(res result, jobs Jobs) bool {
	if api.IsUnsupported(res.Err) {
		m.unsupported[res.Action] = true
	}
	if res.Job.Key() == "" || jobs.Store == nil || res.App != jobs.App.UUID {
		return false
	}
	jobs.Store.Merge([]model.Job{res.Job})
	return true
}
