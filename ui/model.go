// Package ui is the dashboard: the root Bubble Tea model and the wiring of
// its children (header, job table, detail pane, app picker, help).
package ui

import (
	"context"
	"os"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/progress"
	tea "github.com/charmbracelet/bubbletea"

	"superdash/api"
	"superdash/config"
	"superdash/model"
	"superdash/ui/actions"
	"superdash/ui/batches"
	"superdash/ui/common"
	"superdash/ui/detail"
	"superdash/ui/jobtable"
	"superdash/ui/poller"
	"superdash/ui/tags"
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
}

// defaultSort shows the newest jobs first: what just arrived or just broke.
var defaultSort = model.Sort{Key: model.SortByCreated, Desc: true}

// screen is what the body of the dashboard shows.
type screen int

const (
	screenApps    screen = iota // choosing an app
	screenJobs                  // the job table (and detail pane)
	screenBatches               // a row per batch of the app
	screenTags                  // a row per tag
	screenJournal               // the actions sent, newest first
)

// focus is which child of the jobs screen gets the keys.
type focus int

const (
	focusTable focus = iota
	focusDetail
)

// Model is the root of the dashboard.
type Model struct {
	c      *common.Common
	opts   Options
	client *api.Client

	width, height int
	screen        screen
	focus         focus
	zoomed        bool // the detail pane fills the body
	showHelp      bool
	help          help.Model
	loadBar       progress.Model // the first load's progress, under the header
	frameCache    *frameCache    // what View drew last of the parts that seldom change (framecache.go)

	picker appPicker
	apps   []model.App // what the account's app list returned, for names

	app          model.App    // the app being watched
	jobs         *model.View  // the store filtered and sorted, cached
	rows         []*model.Job // what the table was last given
	sort         model.Sort   // of the table
	filter       filterBar    // the query above the table
	tabs         tabBar       // the saved filters, as tabs over the table
	table        jobtable.Model
	pane         detail.Model
	batches      batches.Model
	tags         tags.Model
	exportAsking bool       // the footer asks which format to export in
	clipboard    clipboards // where y and Y copy to: the terminal, and the system's when local (clipboard.go)
	notice       string     // one-line answer to the last key ("no failed job below"), cleared by the next

	acts          actions.Model // cancel and restart: marks, dialogs, actions in flight, bulk runs, the journal file
	journalScreen journalView   // the L screen: the journal file as a list

	poll       poller.Poller // keeps the watched app's store current
	clockArmed bool          // the 1 s header refresh is running

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
		clipboard:     localClipboards(os.Getenv),
		c:             c,
		opts:          opts,
		client:        opts.Client,
		help:          newHelp(c),
		frameCache:    &frameCache{},
		loadBar:       progress.New(progress.WithSolidFill(c.Styles.ProgressFill()), progress.WithoutPercentage()),
		picker:        newAppPicker(c),
		table:         jobtable.New(c),
		pane:          detail.New(c, opts.Client.GetJobOutput),
		batches:       batches.New(c),
		tags:          tags.New(c),
		filter:        newFilterBar(c),
		tabs:          newTabBar(opts.Saved),
		sort:          defaultSort,
		journalScreen: newJournalView(c),
	}
	if opts.Filter != "" {
		m.filter.set(opts.Filter, c.JobNow())
	}
	m.life, m.stop = context.WithCancel(context.Background())
	m.acts = actions.New(c, actions.Options{
		Client: opts.Client, Life: m.life, ReadOnly: opts.ReadOnly, JournalPath: opts.JournalPath, Bar: m.loadBar,
		Workers: opts.BulkWorkers,
	})
	m.poll = poller.New(m.life, poller.Options{Client: opts.Client, Interval: opts.Interval, Sync: opts.Sync, Now: c.Now})
	if opts.AppID != "" {
		m.screen = screenJobs
		m.app = model.App{UUID: opts.AppID}
		m.resetApp()
	}
	return m
}

// Init lists the apps (for the picker) and, when the app is known, reads
// it for its name and starts the first sync.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{listApps(m.life, m.client, m.opts.Org)}
	if m.screen == screenJobs {
		cmds = append(cmds, fetchApp(m.life, m.client, m.app.UUID), m.poll.Tick())
	}
	return tea.Batch(cmds...)
}

// Close stops every request still in flight. The program calls it on exit.
func (m Model) Close() { m.stop() }
