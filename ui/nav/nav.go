// Package nav is the contract between the dashboard's root and its
// screens: what a screen is (the shape of soft-serve's common.Component: a
// model, its help keys, a size, plus whether it is taking text), the
// messages the root sends a screen, and the requests a screen makes of the
// root. A screen never reaches into the root nor into another screen: it
// puts what it asks for (show another screen, poll now, say something in
// the footer) in the Outbox it was built with, and the root carries it out
// as soon as the screen's Update returns.
package nav

import (
	tea "github.com/charmbracelet/bubbletea"

	"superdash/keymap"
	"superdash/model"
	"superdash/model/watch"
)

// Screen is what the body of the dashboard shows. A screen is a value, as
// the root is: Update and SetSize return the changed copy.
type Screen interface {
	Update(msg tea.Msg) (Screen, tea.Cmd)
	// View draws the screen's body, exactly the size it was given.
	View() string
	SetSize(width, height int) Screen
	// Help is the short and full help of the screen's keys.
	Help() keymap.Help
	// Typing reports whether a text input has the keyboard: then only
	// ctrl+c is global, and `q` is a letter, not quit.
	Typing() bool
}

// ID names a screen in the root's list of screens.
type ID int

const (
	Apps     ID = iota // choosing an app
	Jobs               // the job table (and detail pane)
	Batches            // a row per batch of the app
	Tags               // a row per tag
	Journal            // the actions sent, newest first
	InStatus           // how long the moving jobs have been in their statuses
)

// Optional parts of a screen, asked for with a type assertion.
type (
	// Barred screens draw lines above their body (the jobs screen's saved
	// filters and filter bar) that stay while an overlay covers the body.
	Barred interface{ Bars() []string }
	// DialogOwner screens may show a dialog of their own (the actions'
	// confirm dialog, a bulk run's progress): the root puts it in its
	// overlay slot while it shows, and it gets every key.
	DialogOwner interface{ Dialog() (Dialog, bool) }
	// Appless screens are not about the watched app (the app picker): the
	// header leaves the app, its counts and its freshness out.
	Appless interface{ Appless() }
	// Noted screens add a paragraph under their keys in the ? help.
	Noted interface{ HelpNote() string }
)

// Dialog is a screen's own overlay (see DialogOwner).
type Dialog interface {
	View(width, height int) string
	Help() keymap.Help
	Typing() bool
}

// Messages the root sends a screen.
type (
	// ShownMsg: the screen is now the one shown, opened from the screen
	// From, with the store as it is (nil when no app is watched) and the
	// app watched (zero when none); Reason says why it opened when it
	// opened by itself ("" otherwise).
	ShownMsg struct {
		From   ID
		Store  *model.Store
		App    model.App
		Reason string
	}
	// StoreMsg: a sync changed the store; Removed are the keys of the jobs
	// it no longer lists; Shown is whether the screen receiving it is the
	// one shown (a hidden list catches up when shown again).
	StoreMsg struct {
		Store   *model.Store
		Removed []string
		Shown   bool
	}
	// WatchMsg: the dashboard now watches App, in a new store.
	WatchMsg struct {
		App   model.App
		Store *model.Store
	}
	// CloseMsg: the key that opened the screen was pressed again.
	CloseMsg struct{}
	// FilterMsg: filter the jobs by Text (a batch or tag chosen).
	FilterMsg struct{ Text string }
	// JournalChangedMsg: an action wrote to the journal.
	JournalChangedMsg struct{}
	// GoToJobMsg: put the job table's cursor on the job Key of the app
	// watched (a journal entry's job).
	GoToJobMsg struct{ Key string }
)

// Requests a screen makes of the root.
type (
	// Show shows screen To; Reason says why when it opens by itself, and
	// With is a message for it once shown (a FilterMsg), nil for none.
	Show struct {
		To     ID
		Reason string
		With   tea.Msg
	}
	ChooseApp   struct{ App model.App } // watch App (or go back to it) and show its jobs
	StopPolling struct{}                // the watched app does not exist: stop polling it
	Pause       struct{}                // pause or resume polling
	SyncNow     struct{}                // poll now
	Notice      struct{ Text string }   // the footer's answer to the last key
	JournalNew  struct{}                // the journal has new lines: the screen shown may read them
	Quit        struct{}                // quit the dashboard
	// ToggleWatch watches Target (w), or stops watching it when watched.
	ToggleWatch struct{ Target watch.Target }
)

// Outbox holds what screens ask of the root, in order; the root empties it
// after every call into a screen. It is shared by the copies of a screen:
// the requests are taken before anything else can see them.
type Outbox struct{ reqs []any }

// Send asks the root for r: one of this package's requests, or one the
// root defines for its own screens.
func (o *Outbox) Send(r any) { o.reqs = append(o.reqs, r) }

// Take returns the requests and empties the box.
func (o *Outbox) Take() []any {
	reqs := o.reqs
	o.reqs = nil
	return reqs
}
