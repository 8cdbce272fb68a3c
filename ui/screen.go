package ui

import (
	"superdash/ui/apppicker"
	"superdash/ui/instatus"
	"superdash/ui/journalscreen"
	"superdash/ui/nav"
)

// newScreens is the root's list of screens, in nav.ID order. Adding a
// screen is one line here (and its id in nav).
func newScreens(d deps) []nav.Screen {
	return []nav.Screen{
		nav.Apps:     apppicker.New(d.c, d.out),
		nav.Jobs:     newJobsScreen(d),
		nav.Batches:  newBatchesScreen(d),
		nav.Tags:     newTagsScreen(d),
		nav.Journal:  journalscreen.New(d.c, d.out, d.opts.JournalPath, d.opts.Client.Host()),
		nav.InStatus: instatus.New(d.c, d.out),
	}
}

// askReq asks the root to put an overlay in its slot (the jobs screen's
// export prompt).
type askReq struct{ ov overlay }
