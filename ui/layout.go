package ui

import (
	"slices"
	"superdash/ui/nav"
)

// The smallest screen the dashboard draws on. Below it, it says so instead
// of drawing a broken screen.
const (
	minWidth  = 40
	minHeight = 10
)

// footerHeight is the one line of short help.
const footerHeight = 1

type rect struct{ x, y, w, h int }

func (r rect) contains(x, y int) bool {
	return x >= r.x && x < r.x+r.w && y >= r.y && y < r.y+r.h
}

// showsApp reports whether the screen shows the watched app (its jobs, or
// the batches, tags or journal beside them) rather than the app picker.
func (m Model) showsApp() bool {
	_, picking := m.current().(nav.Appless)
	return m.poll.Store() != nil && !picking
}

func (m Model) tooSmall() bool { return m.width < minWidth || m.height < minHeight }

// bodyRect is what the screen shown gets: all but the header, the watch
// strip and the footer.
func (m Model) bodyRect() rect {
	top := headerLines + m.stripLines()
	return rect{x: 0, y: top, w: m.width, h: max(m.height-top-footerHeight, 0)}
}

// layout hands every screen its size. It runs on resize and when another
// screen shows.
func (m *Model) layout() {
	if m.tooSmall() {
		return
	}
	body := m.bodyRect()
	screens := slices.Clone(m.screens)
	for i, s := range screens {
		screens[i] = s.SetSize(body.w, body.h)
	}
	m.screens = screens
	m.help.Width = m.width
	m.header.loadBar.Width = min(m.width-2, 60)
}
