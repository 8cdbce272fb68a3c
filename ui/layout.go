package ui

// The smallest screen the dashboard draws on. Below it, it says so instead
// of drawing a broken screen.
const (
	minWidth  = 40
	minHeight = 10
)

// Layout thresholds: the detail pane sits beside the table when there are
// enough columns for both, below it when there are enough rows, and only
// full screen (Enter) otherwise.
const (
	sideBySideWidth = 150
	stackedHeight   = 16
	tableShare      = 55 // percent of the width (side by side) or height (stacked) for the table
)

type rect struct{ x, y, w, h int }

func (r rect) contains(x, y int) bool {
	return x >= r.x && x < r.x+r.w && y >= r.y && y < r.y+r.h
}

// showsApp reports whether the screen shows the watched app's jobs (the
// table, or the batches or tags made of them) rather than the app picker.
func (m Model) showsApp() bool { return m.poll.Store() != nil && m.screen != screenApps }

func (m Model) tooSmall() bool { return m.width < minWidth || m.height < minHeight }

// footerHeight is the one line of short help.
const footerHeight = 1

func (m Model) bodyRect() rect {
	top := m.headerHeight() + m.filterHeight()
	return rect{x: 0, y: top, w: m.width, h: max(m.height-top-footerHeight, 0)}
}

// filterHeight is the filter bar's line over the job table, there while it
// is typed in or a filter is applied.
func (m Model) filterHeight() int {
	lines := 0
	if m.screen == screenJobs && m.tabs.shown() {
		lines++
	}
	if m.screen == screenJobs && m.filter.shown() {
		lines++
	}
	return lines
}

// splitRects divides the body between the table and the detail pane. A
// zero-sized rect means that part is not shown.
func (m Model) splitRects(body rect) (table, pane rect) {
	switch {
	case m.zoomed:
		return rect{}, body
	case body.w >= sideBySideWidth:
		tw := body.w * tableShare / 100
		return rect{body.x, body.y, tw, body.h}, rect{body.x + tw, body.y, body.w - tw, body.h}
	case body.h >= stackedHeight:
		th := body.h * tableShare / 100
		return rect{body.x, body.y, body.w, th}, rect{body.x, body.y + th, body.w, body.h - th}
	default:
		return body, rect{}
	}
}

func (m Model) detailVisible() bool {
	_, pane := m.splitRects(m.bodyRect())
	return pane.w > 0 && pane.h > 0
}

// layout hands every child its size. It runs on resize and whenever
// something changes the header's height or the split.
func (m *Model) layout() {
	if m.tooSmall() {
		return
	}
	body := m.bodyRect()
	m.picker.setSize(body.w, body.h)
	m.batches.SetSize(body.w, body.h)
	m.tags.SetSize(body.w, body.h)
	m.journalScreen.setSize(body.w, body.h)
	m.acts.SetWidth(body.w)
	m.help.Width = m.width
	m.loadBar.Width = min(m.width-2, 60)
	table, pane := m.splitRects(body)
	m.table.SetSize(table.w, table.h)
	m.pane.SetSize(pane.w, pane.h)
}
