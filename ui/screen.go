package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"superdash/keymap"
	"superdash/model"
)

// screen is what the body of the dashboard shows: the shape of soft-serve's
// common.Component (a model, its help keys, a size), plus whether it is
// taking text. A screen is a value, as the root is: Update and SetSize
// return the changed copy.
//
// A screen never reaches into the root nor into another screen. What it
// asks of the dashboard (show another screen, poll now, say something in
// the footer) it puts in the outbox it was built with; the root carries it
// out as soon as the screen's Update returns.
type screen interface {
	Update(msg tea.Msg) (screen, tea.Cmd)
	// View draws the screen's body, exactly the size it was given.
	View() string
	SetSize(width, height int) screen
	// Help is the short and full help of the screen's keys.
	Help() keymap.Help
	// Typing reports whether a text input has the keyboard: then only
	// ctrl+c is global, and `q` is a letter, not quit.
	Typing() bool
}

// screenID names a screen in the root's list (newScreens).
type screenID int

const (
	screenApps    screenID = iota // choosing an app
	screenJobs                    // the job table (and detail pane)
	screenBatches                 // a row per batch of the app
	screenTags                    // a row per tag
	screenJournal                 // the actions sent, newest first
)

// newScreens is the root's list of screens, in screenID order. Adding a
// screen is one line here (and its id above).
func newScreens(d deps) []screen {
	return []screen{
		screenApps:    newAppsScreen(d),
		screenJobs:    newJobsScreen(d),
		screenBatches: newBatchesScreen(d),
		screenTags:    newTagsScreen(d),
		screenJournal: newJournalScreen(d),
	}
}

// Optional parts of a screen, asked for with a type assertion.
type (
	// barred screens draw lines above their body (the jobs screen's saved
	// filters and filter bar) that stay while an overlay covers the body.
	barred interface{ Bars() []string }
	// dialogOwner screens may show a dialog of their own (the actions'
	// confirm dialog, a bulk run's progress): the root puts it in its
	// overlay slot while it shows, and it gets every key.
	dialogOwner interface{ Dialog() (dialog, bool) }
	// appless screens are not about the watched app (the app picker): the
	// header leaves the app, its counts and its freshness out.
	appless interface{ appless() }
	// noted screens add a paragraph under their keys in the ? help.
	noted interface{ HelpNote() string }
)

// Messages the root sends a screen.
type (
	// shownMsg: the screen is now the one shown, opened from the screen
	// from, with the store as it is; reason says why it opened when it
	// opened by itself ("" otherwise).
	shownMsg struct {
		from   screenID
		store  *model.Store
		reason string
	}
	// storeMsg: a sync changed the store; removed are the keys of the
	// jobs it no longer lists; shown is whether the screen receiving it
	// is the one shown (a hidden list catches up when shown again).
	storeMsg struct {
		store   *model.Store
		removed []string
		shown   bool
	}
	// closeMsg: the key that opened the screen was pressed again.
	closeMsg struct{}
	// filterMsg: filter the jobs by text (a batch or tag chosen).
	filterMsg struct{ text string }
	// journalChangedMsg: an action wrote to the journal.
	journalChangedMsg struct{}
	// watchMsg: the dashboard now watches app, in a new store.
	watchMsg struct {
		app   model.App
		store *model.Store
	}
)

// outbox holds what screens ask of the root, in order; the root empties
// it after every call into a screen (Model.apply).
type outbox struct{ reqs []request }

// request is something a screen asks of the root.
type request interface{ request() }

type (
	showReq struct { // show a screen
		to     screenID
		reason string  // why it opens, when it opens by itself
		with   tea.Msg // a message for it once shown (filterMsg); nil for none
	}
	chooseAppReq struct{ app model.App } // watch app (or go back to it) and show its jobs
	stopPollReq  struct{}                // the watched app does not exist: stop polling it
	pauseReq     struct{}                // pause or resume polling
	syncNowReq   struct{}                // poll now
	noticeReq    struct{ text string }   // the footer's answer to the last key
	askReq       struct{ ov overlay }    // put ov in the overlay slot
	journalReq   struct{}                // the journal has new lines
	quitReq      struct{}                // quit the dashboard
)

func (showReq) request()      {}
func (chooseAppReq) request() {}
func (stopPollReq) request()  {}
func (pauseReq) request()     {}
func (syncNowReq) request()   {}
func (noticeReq) request()    {}
func (askReq) request()       {}
func (journalReq) request()   {}
func (quitReq) request()      {}

func (o *outbox) send(r request) { o.reqs = append(o.reqs, r) }

// take returns the requests and empties the box.
func (o *outbox) take() []request {
	reqs := o.reqs
	o.reqs = nil
	return reqs
}
