package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"superdash/model"
	"superdash/ui/common"
)

// countsForm is one way to write the status counts, from the fullest to the
// most compact; countsLine takes the first that fits the width.
type countsForm struct {
	short    bool // SCH, RUN, FAIL instead of SCHEDULED, IN_PROGRESS, FAILED
	problems bool // only the statuses that want a look (common.IsProblem)
	failed   bool // only FAILED
	sort     bool // the order, when the table does not show it
}

// The order, when the table's columns leave out the sorted one, is kept
// to the last: nothing else on screen says it.
var countsForms = []countsForm{
	{sort: true},
	{short: true, sort: true},
	{short: true, problems: true, sort: true},
	{short: true, failed: true, sort: true},
	{short: true, failed: true},
}

// countsLine: the number of jobs, then each status among the jobs the
// table shows, in display order and in its colour. It adapts to the width
// rather than being cut from the right: short names, then only the
// problem statuses; FAILED, when there are any, is never dropped.
func (h header) countsLine() string {
	if !h.showsApp {
		return ""
	}
	lead, counts := h.countsLead(), h.statusCounts()
	line := ""
	for _, form := range countsForms {
		line = h.countsIn(form, lead, counts)
		if ansi.StringWidth(line) <= h.width {
			return line
		}
	}
	// Not even the count and FAILED fit: FAILED goes first, the count is
	// what is cut.
	failed := h.countsIn(countsForm{short: true, failed: true}, nil, counts)
	if failed == "" {
		return line
	}
	return failed + h.c.Styles.Faint.Render("  ") + strings.Join(lead, h.c.Styles.Faint.Render("  "))
}

// countsLead is what comes before the status counts: how many jobs (of how
// many, under a filter), the --since window, and the marks.
func (h header) countsLead() []string {
	s := h.c.Styles
	count := common.Count(h.store.Len(), "job")
	if h.jobs.filter.text != "" {
		count = common.Thousands(len(h.jobs.rows)) + " of " + count
	}
	if since := h.opts.Sync.Since; since > 0 {
		// The window comes right after the count: it says which jobs the
		// count is of.
		count += s.Info.Render(" created in the last " + common.Age(since))
	}
	lead := []string{count}
	if n := h.jobs.acts.Marked(); n > 0 {
		lead = append(lead, s.HeaderTitle.Render(common.Thousands(n)+" marked"))
	}
	return lead
}

// statusCounts are of what the table shows: under a filter, the rows it
// kept; else every job in the store.
func (h header) statusCounts() []model.StatusCount {
	if h.jobs.filter.text == "" || h.jobs.view == nil {
		return h.store.StatusCounts()
	}
	return h.jobs.view.Counts() // of the rows: the view made them last
}

// countsIn writes the lead and the counts in one form.
func (h header) countsIn(form countsForm, lead []string, counts []model.StatusCount) string {
	s := h.c.Styles
	parts := append([]string(nil), lead...)
	for _, sc := range counts {
		switch {
		case sc.Count == 0:
			continue
		case form.failed && sc.Status != model.StatusFailed:
			continue
		case form.problems && !common.IsProblem(sc.Status):
			continue
		}
		name := common.StatusName(sc.Status)
		if form.short {
			name = common.ShortStatusName(sc.Status)
		}
		parts = append(parts, s.Status(sc.Status).Render(name)+" "+common.Thousands(sc.Count))
	}
	if form.sort && !h.jobs.table.SortShown() {
		// The table's arrow says the order; without its column, this does.
		parts = append(parts, s.Faint.Render("· by "+h.jobs.sort.Key.String()+" "+common.SortArrow(h.jobs.sort.Desc)))
	}
	return strings.Join(parts, s.Faint.Render("  "))
}
