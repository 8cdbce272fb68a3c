// Package ui is the dashboard: the root Bubble Tea model and the wiring of
// its children (header, job table, detail pane, app picker, help).
package ui

import (
	"context"
	"io"
	"os/exec"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/progress"
	tea "github.com/charmbracelet/bubbletea"

	"superdash/api"
	"superdash/config"
	"superdash/model"
	"superdash/notify"
	"superdash/ui/apppicker"
	"superdash/ui/common"
	"superdash/ui/nav"
	"superdash/ui/poller"
	"superdash/ui/watching"
)

// Options configure the dashboard.
type Options struct {
	Client   *api.Client
	AppID    string        // empty: the user picks an app first
	Org      string        // an organisation whose apps the picker lists too; "" for none
	Interval time.Duration // between polls
	Sync     api.SyncOptions
	Common   *common.Common       // nil: default styles, keys and the real clock
	Filter   string               // a query to open the table with
	Saved    []config.SavedFilter // the config's saved filters, shown as tabs
	// ReadOnly hides and blocks every cancel and restart (--read-only).
	ReadOnly bool
	// JournalPath is the file every action sent is recorded in (see
	// journal.DefaultPath); "" records nothing, and each action says so.
	JournalPath string
	// BulkWorkers is how many requests a bulk cancel or restart has out
	// at once; 0 means actions.DefaultWorkers.
	BulkWorkers int
	// Notify is how a watch (w) tells that a watched item ended or is
	// failing; WatchFailThreshold is how many failures are told (0: only
	// the end).
	Notify             notify.Channels
	WatchFailThreshold int
	// Terminal is where the bell and desktop notifications are written:
	// the writer the program draws on (see writeTerminal); nil writes
	// none. TerminalWhere says whether it is behind tmux.
	Terminal      io.Writer
	TerminalWhere notify.Where
	// Exec runs a pager or $EDITOR with the terminal (tea.ExecProcess
	// when nil; the program's own renderer hands the terminal over).
	Exec func(*exec.Cmd, tea.ExecCallback) tea.Cmd
	// Settle runs, off the UI's goroutine, once a load is over: when its
	// search texts are in the store, or at the end of a full pass that
	// left none worth building. Its garbage (pages, decoding) can then go
	// back to the system (main passes debug.FreeOSMemory and puts the
	// memory limit back). Nil runs nothing.
	Settle func()
}

// defaultSort shows the newest jobs first: what just arrived or just broke.
var defaultSort = model.Sort{Key: model.SortByCreated, Desc: true}

// deps is what every screen is built from.
type deps struct {
	c    *common.Common
	opts Options
	out  *nav.Outbox
	life context.Context
	bar  progress.Model
}

// exec runs a pager or editor with the terminal: Options.Exec, else
// tea.ExecProcess.
func (d deps) exec() execFunc {
	if d.opts.Exec != nil {
		return d.opts.Exec
	}
	return tea.ExecProcess
}

// Model is the root of the dashboard. It sizes the screens, routes keys
// and messages to the one shown (or to the overlay over it), carries out
// what screens ask of it, and draws the header and the footer.
type Model struct {
	c    *common.Common
	opts Options

	width, height int
	screens       []nav.Screen // newScreens; copied before a change, as the root is a value
	active        nav.ID       // the screen shown
	overlay       overlay      // the help, the export prompt or the screen's dialog; nil for none
	out           *nav.Outbox  // what the screens ask of the root
	help          help.Model
	header        headerState
	frameCache    *frameCache    // what View drew last of the parts that seldom change (framecache.go)
	notice        string         // one-line answer to the last key ("no failed job below"), cleared by the next
	watches       *watching.Set  // what w watches, shown in the strip above the screen (watch.go)
	toast         watching.Toast // what a watch told last, for a few seconds
	since         sinceState     // what the header's since line counts from (since.go)

	poll poller.Poller // keeps the watched app's store current
	// textsBuilding is set while search texts are built in the
	// background (searchtexts.go).
	textsBuilding bool

	// life ends when the dashboard quits; every context and timer derives
	// from it, so no goroutine of the dashboard outlives it.
	life context.Context
	stop context.CancelFunc
}

// New builds the dashboard.
func New(opts Options) Model {
	c := opts.Common
	if c == nil {
		c = common.New()
	}
	if opts.ReadOnly {
		// A copy: the caller's Common keeps its bindings.
		ro := *c
		ro.Keys = ro.Keys.WithoutActions()
		c = &ro
	}
	m := Model{
		c:          c,
		opts:       opts,
		out:        &nav.Outbox{},
		help:       newHelp(c),
		frameCache: &frameCache{},
		watches:    &watching.Set{FailThreshold: opts.WatchFailThreshold},
		header:     headerState{loadBar: progress.New(progress.WithSolidFill(c.Styles.ProgressFill()), progress.WithoutPercentage())},
		active:     nav.Apps,
	}
	m.life, m.stop = context.WithCancel(context.Background())
	m.poll = poller.New(m.life, poller.Options{Client: opts.Client, Interval: opts.Interval, Sync: opts.Sync, Now: c.Now})
	m.screens = newScreens(deps{c: c, opts: opts, out: m.out, life: m.life, bar: m.header.loadBar})
	if opts.AppID != "" {
		m.poll.Watch(opts.AppID)
		m.updateScreen(nav.Jobs, nav.WatchMsg{App: model.App{UUID: opts.AppID}, Store: m.poll.Store()})
		m.active = nav.Jobs
	}
	return m
}

// Init lists the apps (for the picker) and, when the app is known, reads
// it for its name and starts the first sync.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{apppicker.List(m.life, m.opts.Client, m.opts.Org)}
	if m.opts.AppID != "" {
		cmds = append(cmds, fetchApp(m.life, m.opts.Client, m.opts.AppID), m.poll.Tick())
	}
	return tea.Batch(cmds...)
}

// Close stops every request still in flight. The program calls it on exit.
func (m Model) Close() { m.stop() }
