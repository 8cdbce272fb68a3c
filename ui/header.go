package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/progress"
	"github.com/charmbracelet/x/ansi"

	"superdash/api"
	"superdash/model"
	"superdash/sanitize"
	"superdash/ui/apppicker"
	"superdash/ui/common"
	"superdash/ui/nav"
	"superdash/ui/poller"
)

// headerLines is fixed so the table does not jump when a banner or the
// progress bar comes and goes: title and state, counts, then the banner,
// the progress bar or nothing.
const headerLines = 3

// header draws the top lines from what the root and the jobs screen hold.
type header struct {
	c        *common.Common
	opts     Options
	width    int
	store    *model.Store  // the watched app's; nil for none
	poll     poller.Status // of the poll loop
	showsApp bool          // the screen shows the watched app (Model.showsApp)
	jobs     jobsScreen    // the rows, filter, sort and marks the counts are of
	bar      progress.Model
	since    sinceState // what the since line counts from
	cache    *frameCache
	// stripBelow is set when the screen draws the throughput in full
	// itself (the batches view): the header's strip would repeat it.
	stripBelow bool
}

// heading is the header as it is drawn now.
func (m Model) heading() header {
	return header{
		c: m.c, opts: m.opts, width: m.width, store: m.poll.Store(), poll: m.poll.Status(), showsApp: m.showsApp(),
		jobs: m.jobs(), bar: m.header.loadBar, since: m.since, cache: m.frameCache,
		stripBelow: m.active == nav.Batches,
	}
}

// view is the three lines: the title and freshness; the counts; then an
// error banner, a load's progress, or the news (headernews.go).
func (h header) view() string {
	notice := h.noticeLine()
	third := common.Fit(notice, h.width)
	if notice == "" {
		third = h.newsView()
	}
	return common.Fit(h.titleLine(), h.width) + "\n" + h.countsView(notice != "") + "\n" + third
}

// countsView is the counts line, fitted, with the since line beside it
// when the third line is taken. It changes with the store and with what
// the table shows of it, not with the clock, so it is kept between
// changes (see frameCache).
func (h header) countsView(sinceBeside bool) string {
	draw := func() string {
		line := h.countsLine()
		if sinceBeside {
			line = h.besideCounts(line)
		}
		return common.Fit(line, h.width)
	}
	if h.cache == nil || !h.showsApp {
		return draw()
	}
	key := countsKey{
		store:       h.store,
		version:     h.store.Version(),
		shown:       len(h.jobs.rows),
		filter:      h.jobs.filter.text,
		sort:        h.jobs.sort,
		sortInTable: h.jobs.table.SortShown(),
		since:       h.opts.Sync.Since,
		marked:      h.jobs.acts.Marked(),
		width:       h.width,
		theme:       common.CurrentTheme(),
	}
	if sinceBeside && h.sinceShown() {
		key.sinceBeside = h.sinceKey()
	}
	return h.cache.counts.get(key, draw)
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
	sinceBeside sinceKey // the since line beside the counts; zero for none
}

// titleLine: what is being watched on the left, how fresh it is on the
// right. When both do not fit, the left gives way: the freshness and poll
// state are what a user must never lose sight of.
func (h header) titleLine() string {
	s := h.c.Styles
	left := s.HeaderTitle.Render("superdash") + s.Faint.Render(" · "+sanitize.Line(h.opts.Client.Host()))
	if h.showsApp {
		left += s.Faint.Render(" · ") + sanitize.Line(h.appName())
	}
	right := h.freshness()
	if h.opts.ReadOnly {
		// On the right, which never gives way: whoever is at the keyboard
		// must see that c and R do nothing here.
		badge := s.Info.Render("read-only")
		if right != "" {
			badge += s.Faint.Render(" · ")
		}
		right = badge + right
	}
	room := h.width - ansi.StringWidth(right) - 1
	if room < 1 {
		return right
	}
	left = common.Cut(left, room)
	return left + strings.Repeat(" ", h.width-ansi.StringWidth(left)-ansi.StringWidth(right)) + right
}

func (h header) appName() string {
	name := h.jobs.app.Name
	if name == "" {
		name = h.jobs.app.UUID
	}
	return name + apppicker.Marks(h.jobs.app)
}

// freshness says how old the data on screen is and what the poller does:
// live, paused, syncing, or retrying after a failure (probing whether an
// API it could not reach answers again).
func (h header) freshness() string {
	s := h.c.Styles
	if !h.showsApp {
		return ""
	}
	now, poll := h.c.Now(), h.poll
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
	if age > 2*h.opts.Interval {
		updated = s.Stale.Render(" · STALE: updated " + common.Age(age) + " ago")
	}
	return state + updated
}

// noticeLine is the error banner when the last sync failed (the data below
// stays, with its age above), else the progress of a paging pass.
func (h header) noticeLine() string {
	s := h.c.Styles
	if !h.showsApp {
		return ""
	}
	poll := h.poll
	if err := poll.Err; err != nil {
		text := " ⚠ " + sanitize.Line(errorSummary(err, !poll.LastOK.IsZero()))
		return s.Banner.Render(common.Fit(text, h.width))
	}
	if poll.Pages > 0 {
		pct := float64(poll.PagesDone) / float64(poll.Pages)
		label := fmt.Sprintf(" loading page %d of %d", poll.PagesDone, poll.Pages)
		if poll.PagesPerSec > 0 {
			label += fmt.Sprintf(" · %.1f pages/s", poll.PagesPerSec)
		}
		return h.bar.ViewAs(pct) + s.Faint.Render(label)
	}
	return ""
}

// errorSummary words a sync failure for the banner: the reason first, then
// what to do, then which request failed, so a narrow banner cut at its
// end loses the least useful part. loaded says whether any sync ever
// succeeded: without one there is no last good data to point to.
func errorSummary(err error, loaded bool) string {
	reason, op := api.Reason(err), ""
	if attempted := api.Operation(err); attempted != "" {
		op = " (" + attempted + ")"
	}
	switch {
	case api.IsUnauthorized(err):
		// The advice first: the API's own words after it may be long.
		return "Check the API key, then press r: " + reason + op
	case (api.IsRetryable(err) || api.IsTimeout(err)) && !loaded:
		return reason + ". Nothing loaded yet." + op
	case api.IsRetryable(err), api.IsTimeout(err):
		return reason + ". Showing the last good data." + op
	default:
		return reason + op
	}
}
