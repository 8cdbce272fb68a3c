package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"superdash/api"
	"superdash/model"
	"superdash/sanitize"
	"superdash/ui/common"
)

// headerLines is fixed so the table does not jump when a banner or the
// progress bar comes and goes: title and state, counts, then the banner,
// the progress bar or nothing.
const headerLines = 3

func (m Model) headerHeight() int { return headerLines }

func (m Model) headerView() string {
	return common.Fit(m.titleLine(), m.width) + "\n" + m.countsView() + "\n" + common.Fit(m.noticeLine(), m.width)
}

// countsView is the counts line, fitted. It changes with the store and
// with what the table shows of it, not with the clock, so it is kept
// between changes (see frameCache).
func (m Model) countsView() string {
	draw := func() string { return common.Fit(m.countsLine(), m.width) }
	if m.frameCache == nil || !m.showsApp() {
		return draw()
	}
	return m.frameCache.counts.get(countsKey{
		store:       m.poll.Store(),
		version:     m.poll.Store().Version(),
		shown:       len(m.rows),
		filter:      m.filter.text,
		sort:        m.sort,
		sortInTable: m.table.SortShown(),
		since:       m.opts.Sync.Since,
		marked:      m.acts.Marked(),
		width:       m.width,
		theme:       common.CurrentTheme(),
	}, draw)
}

// countsKey is everything countsLine draws from.
type countsKey struct {
	store       *model.Store
	version     uint64 // the store's: its counts change only with it
	shown       int
	filter      string
	sort        model.Sort
	sortInTable bool // whether the table shows the order itself
	since       time.Duration
	marked      int
	width       int
	theme       common.Theme
}

// titleLine: what is being watched on the left, how fresh it is on the
// right. When both do not fit, the left gives way: the freshness and poll
// state are what a user must never lose sight of.
func (m Model) titleLine() string {
	s := m.c.Styles
	left := s.HeaderTitle.Render("superdash") + s.Faint.Render(" · "+sanitize.Line(m.client.Host()))
	if m.showsApp() {
		left += s.Faint.Render(" · ") + sanitize.Line(m.appName())
	}
	right := m.freshness()
	if m.opts.ReadOnly {
		// On the right, which never gives way: whoever is at the keyboard
		// must see that c and R do nothing here.
		badge := s.Info.Render("read-only")
		if right != "" {
			badge += s.Faint.Render(" · ")
		}
		right = badge + right
	}
	room := m.width - ansi.StringWidth(right) - 1
	if room < 1 {
		return right
	}
	left = common.Cut(left, room)
	return left + strings.Repeat(" ", m.width-ansi.StringWidth(left)-ansi.StringWidth(right)) + right
}

func (m Model) appName() string {
	name := m.app.Name
	if name == "" {
		name = m.app.UUID
	}
	return name + appMarks(m.app)
}

// freshness says how old the data on screen is and what the poller does:
// live, paused, syncing, or retrying after a failure (probing whether an
// API it could not reach answers again).
func (m Model) freshness() string {
	s := m.c.Styles
	if !m.showsApp() {
		return ""
	}
	now, poll := m.c.Now(), m.poll.Status()
	var state string
	switch {
	case poll.Paused:
		state = s.Warning.Render("⏸ paused")
	case poll.Syncing:
		state = s.Success.Render("⟳ syncing")
	case poll.ProbeSent:
		state = s.Stale.Render("⟳ probing")
	case poll.Err != nil && now.Before(poll.RetryAt):
		wait := poll.RetryAt.Sub(now).Round(time.Second)
		state = s.Stale.Render(fmt.Sprintf("retrying in %s", common.Age(wait)))
	case poll.Err != nil:
		state = s.Stale.Render("retrying")
	default:
		state = s.Success.Render("● live")
	}
	if poll.LastOK.IsZero() {
		return state + s.Faint.Render(" · not loaded yet")
	}
	age := now.Sub(poll.LastOK)
	updated := s.Faint.Render(" · updated " + common.Age(age) + " ago")
	if age > 2*m.opts.Interval {
		updated = s.Stale.Render(" · STALE: updated " + common.Age(age) + " ago")
	}
	return state + updated
}

// countsLine: the number of jobs, then each status present, in display
// order and in its colour.
func (m Model) countsLine() string {
	s := m.c.Styles
	if !m.showsApp() {
		return ""
	}
	count := common.Count(m.poll.Store().Len(), "job")
	if m.filter.text != "" {
		count = common.Thousands(len(m.rows)) + " of " + count
	}
	if since := m.opts.Sync.Since; since > 0 {
		// The window comes right after the count: it says which jobs the
		// count is of.
		count += s.Info.Render(" created in the last " + common.Age(since))
	}
	parts := []string{count}
	if n := m.acts.Marked(); n > 0 {
		parts = append(parts, s.HeaderTitle.Render(common.Thousands(n)+" marked"))
	}
	for _, sc := range m.poll.Store().StatusCounts() {
		parts = append(parts, s.Status(sc.Status).Render(common.StatusName(sc.Status))+" "+common.Thousands(sc.Count))
	}
	if !m.table.SortShown() {
		// The table's arrow says the order; without its column, this does.
		parts = append(parts, s.Faint.Render("· by "+m.sort.Key.String()+" "+common.SortArrow(m.sort.Desc)))
	}
	return strings.Join(parts, s.Faint.Render("  "))
}

// noticeLine is the error banner when the last sync failed (the data below
// stays, with its age above), else the progress of a paging pass.
func (m Model) noticeLine() string {
	s := m.c.Styles
	if !m.showsApp() {
		return ""
	}
	poll := m.poll.Status()
	if err := poll.Err; err != nil {
		text := " ⚠ " + sanitize.Line(errorSummary(err))
		return s.Banner.Render(common.Fit(text, m.width))
	}
	if poll.Pages > 0 {
		pct := float64(poll.PagesDone) / float64(poll.Pages)
		label := fmt.Sprintf(" loading page %d of %d", poll.PagesDone, poll.Pages)
		if poll.PagesPerSec > 0 {
			label += fmt.Sprintf(" · %.1f pages/s", poll.PagesPerSec)
		}
		return m.loadBar.ViewAs(pct) + s.Faint.Render(label)
	}
	return ""
}

// errorSummary words a sync failure for the banner: the reason first, then
// what to do, then which request failed, so a narrow banner cut at its
// end loses the least useful part.
func errorSummary(err error) string {
	reason, op := api.Reason(err), ""
	if attempted := api.Operation(err); attempted != "" {
		op = " (" + attempted + ")"
	}
	switch {
	case api.IsUnauthorized(err):
		// The advice first: the API's own words after it may be long.
		return "Check the API key, then press r: " + reason + op
	case api.IsRetryable(err), api.IsTimeout(err):
		return reason + ". Showing the last good data." + op
	default:
		return reason + op
	}
}
