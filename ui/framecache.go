package ui

import "superdash/ui/common"

// frameCache is what View drew last of the parts of the screen that seldom
// change, each with what it was drawn from: the clock's once-a-second
// redraw of the header finds them as they were and draws only the
// freshness again. It is shared by the copies Bubble Tea makes of the
// model, and a part is reused only when all it was drawn from matches.
type frameCache struct {
	counts cachedLine[countsKey]            // the header's job counts (header.go)
	since  cached[sinceKey, [][]common.Run] // the since line's forms (headernews.go)
	news   cachedLine[newsKey]              // the header's since line and throughput strip
	footer cachedLine[textLineKey]          // the short help
}

// cachedBody is the jobs screen's body (kept by the screen itself), and the views of the table and the
// pane it was put together from.
type cachedBody struct {
	body, tr, pr rect
	table, pane  string
	view         string
	drawn        bool
}

// cached is one thing drawn (or counted) for the screen and what it was
// drawn from.
type cached[K comparable, V any] struct {
	key   K
	view  V
	drawn bool
}

// cachedLine is one line of the screen and what it was drawn from.
type cachedLine[K comparable] = cached[K, string]

// get returns what was drawn for key, or draws it and keeps it.
func (l *cached[K, V]) get(key K, draw func() V) V {
	if !l.drawn || l.key != key {
		l.key, l.view, l.drawn = key, draw(), true
	}
	return l.view
}

// textLineKey is what a line is drawn from, written out as text, with the
// width and the theme.
type textLineKey struct {
	width int
	theme common.Theme
	text  string
}
