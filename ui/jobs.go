package ui

import (
	"fmt"
	"os"

	tea "github.com/charmbracelet/bubbletea"

	"superdash/api"
	"superdash/keymap"
	"superdash/model"
	"superdash/ui/actions"
	"superdash/ui/apppicker"
	"superdash/ui/common"
	"superdash/ui/detail"
	"superdash/ui/jobtable"
	"superdash/ui/journalscreen"
	"superdash/ui/nav"
)

// focus is which child of the jobs screen gets the keys.
type focus int

const (
	focusTable focus = iota
	focusDetail
)

// jobsScreen is the watched app's jobs: the saved filters' tabs and the
// filter bar over the table, the detail pane beside or below it, and the
// keys that find, sort, act on and hand off jobs. Unlike the other screens
// it stays in package ui: the export prompt it opens is one of the root's
// overlays (overlay.go), and the header draws its rows, filter, sort and
// marks (header.go), so a package of its own would export most of its
// insides to the root.
type jobsScreen struct {
	c      *common.Common
	out    *nav.Outbox
	client *api.Client
	appID  string          // the --app given, "" for none
	sync   api.SyncOptions // as the poller syncs, for the list request the curl menu offers
	resub  resubmitState   // resubmit's editor, journal and the new job to follow (resubmit.go)

	width, height int
	store         *model.Store // the watched app's, nil before one is chosen
	app           model.App    // the app being watched
	view          *model.View  // the store filtered and sorted, cached
	rows          []*model.Job // what the table was last given
	measured      uint64       // the store's version the table's ID column was measured at
	labelled      uint64       // the store's batches version the table's batch labels are of
	listing       listing      // what selected and sorted rows
	sort          model.Sort   // of the table
	filter        filterBar    // the query above the table
	tabs          tabBar       // the saved filters, as tabs over the table
	table         jobtable.Model
	pane          detail.Model
	focus         focus
	zoomed        bool          // the detail pane fills the body
	clipboard     clipboards    // where y and Y copy to: the terminal, and the system's when local (clipboard.go)
	acts          actions.Model // cancel and restart: marks, dialogs, actions in flight, bulk runs, the journal file
	cache         *cachedBody   // the body View drew last (framecache.go)
}

func newJobsScreen(d deps) jobsScreen {
	s := jobsScreen{
		c:         d.c,
		out:       d.out,
		client:    d.opts.Client,
		appID:     d.opts.AppID,
		sync:      d.opts.Sync,
		resub:     resubmitState{journalPath: d.opts.JournalPath, exec: d.exec()},
		clipboard: localClipboards(os.Getenv),
		table:     jobtable.New(d.c),
		pane:      detail.New(d.c, d.opts.Client.GetJobOutput),
		filter:    newFilterBar(d.c),
		tabs:      newTabBar(d.opts.Saved),
		sort:      defaultSort,
		cache:     &cachedBody{},
		acts: actions.New(d.c, actions.Options{
			Client: d.opts.Client, Life: d.life, ReadOnly: d.opts.ReadOnly, JournalPath: d.opts.JournalPath, Bar: d.bar,
			Workers: d.opts.BulkWorkers,
		}),
	}
	s.acts.ShowMarks(&s.table) // the marks' column, before the first mark
	if d.opts.Filter != "" {
		s.filter.set(d.opts.Filter, d.c.JobNow(), nil) // no data yet: every status may come
	}
	return s
}

func (s jobsScreen) Update(msg tea.Msg) (nav.Screen, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.KeyMsg:
		cmd = s.onKey(msg)
	case tea.MouseMsg:
		cmd = s.onMouse(msg)
	case nav.WatchMsg:
		s.watch(msg.App, msg.Store)
	case nav.ShownMsg:
		s.layout()
		cmd = s.refreshRows()
	case nav.StoreMsg:
		s.acts.Unmark(&s.table, msg.Removed...) // a job no longer listed keeps no mark
		cmd = s.refreshRows()
		s.followNew()
	case nav.FilterMsg:
		cmd = s.setFilter(msg.Text)
	case clockMsg:
		cmd = s.followClock()
	case nav.GoToJobMsg:
		cmd = s.goToJob(msg.Key)
	case apppicker.ListedMsg:
		s.onAppsListed(msg)
	case appFetchedMsg:
		s.onAppFetched(msg)
	case actions.Msg:
		cmd = s.onActions(msg)
	case resubmitEditedMsg:
		s.onResubmitEdited(msg)
	case resubmittedMsg:
		s.onResubmitted(msg)
	case resubmitKeysMsg:
		cmd = s.onResubmitKeys(msg)
	case copiedMsg, tempFileMsg, viewerClosedMsg, exportedMsg:
		cmd = s.onHandOffDone(msg)
	case journalscreen.ReadMsg, nav.CloseMsg, nav.JournalChangedMsg: // other screens'
	default: // the pane's: its output, its spinner
		s.pane, cmd = s.pane.Update(msg)
	}
	return s, cmd
}

// followClock moves a filter or a tab count with an age in it
// (created:<1h, in-status:>15m) on as time passes, once a second, though
// the store has not changed: jobs stuck in a status change nothing, and
// are what in-status:>15m is there to find. Without an age, nothing moves
// and this costs nothing.
func (s *jobsScreen) followClock() tea.Cmd {
	if s.store == nil || !s.filter.applied.Ages() && !s.tabs.aged(s.c.JobNow()) {
		return nil
	}
	return s.refreshRows()
}

// say answers the last key in the footer.
func (s *jobsScreen) say(text string) { s.out.Send(nav.Notice{Text: text}) }

func (s jobsScreen) SetSize(w, h int) nav.Screen {
	s.width, s.height = w, h
	s.acts.SetWidth(w)
	s.layout()
	return s
}

// Typing reports whether the filter bar or the pane's search has the
// keyboard; a dialog's number is the root's to ask (Dialog).
func (s jobsScreen) Typing() bool { return s.filter.typing() || s.pane.Typing() }

func (s jobsScreen) Help() keymap.Help {
	switch {
	case s.Typing():
		return s.c.Keys.InputHelp()
	case s.focus == focusDetail:
		return s.c.Keys.DetailHelp()
	}
	return s.c.Keys.TableHelp()
}

// HelpNote is the filter's language, under the keys in the ? help.
func (jobsScreen) HelpNote() string { return filterSyntax }

// Bars are the saved filters' tabs and the filter bar, each while it
// shows.
func (s jobsScreen) Bars() []string {
	var bars []string
	if s.tabs.shown() {
		bars = append(bars, s.tabs.view(s.c, s.filter.text, s.width))
	}
	if s.filter.shown() {
		bars = append(bars, s.filter.view(s.c, s.width))
	}
	return bars
}

// watch starts showing app from scratch, in the new store the poller
// filled for it.
func (s *jobsScreen) watch(app model.App, store *model.Store) {
	s.acts.ForgetMarks(&s.table) // they name jobs of the previous app
	s.app, s.store = app, store
	s.view = model.NewView(store)
	s.rows, s.measured, s.labelled = nil, 0, 0
	s.table.SetBatchLabels(nil)
	s.table.SetKeyWidth(0)
	s.table.ReplaceRows(nil)
	s.table.SetStatusChanges(store.StatusChangedAt)
	s.pane.SetJob(nil)
	s.focus, s.zoomed = focusTable, false
}

// onAppsListed names the watched app, from the account's list.
func (s *jobsScreen) onAppsListed(msg apppicker.ListedMsg) {
	for _, a := range msg.Apps {
		if a.UUID == s.app.UUID {
			s.app = a
		}
	}
}

// onAppFetched names the app --app gave. An app that does not exist is no
// use polling: the picker opens instead, saying why. Any other failure
// leaves the id in the header; the sync reports what is wrong.
func (s *jobsScreen) onAppFetched(msg appFetchedMsg) {
	stillWatched := s.store != nil && s.app.UUID == s.appID // not switched away meanwhile
	switch {
	case msg.err == nil && stillWatched:
		app := msg.app
		app.UUID = s.app.UUID // the one polled, whatever the body says
		s.app = app
	case api.IsNotFound(msg.err) && stillWatched:
		s.out.Send(nav.StopPolling{})
		s.out.Send(nav.Show{To: nav.Apps, Reason: fmt.Sprintf("there is no app %s on %s for this API key: choose one below", s.app.UUID, s.client.Host())})
		s.app, s.store = model.App{}, nil
	}
}

// filterSyntax is the filter bar's language in brief; the README has it in
// full.
const filterSyntax = `filter (/): all terms must hold; -term negates
  status:failed,expired (a unique prefix will do, or moving / ended)   tag:poodle   tag:poo*
  batch:<id or prefix>   type:calibration   correct:true|false|none
  created:<2h  created:>7d  completed:>2026-11-01  (ages: s m h d w)
  in-status:>15m  in-status:<5m  time in the current status (I shows them all)
  bare words and "quoted phrases" search id, uuid, batch, tags, input and metadata`
