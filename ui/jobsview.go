package ui

import (
	"fmt"
	"maps"
	"slices"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"superdash/model"
	"superdash/sanitize"
	"superdash/ui/common"
)

// Layout thresholds: the detail pane sits beside the table when there are
// enough columns for both, below it when there are enough rows, and only
// full screen (Enter) otherwise.
const (
	sideBySideWidth = 150
	stackedHeight   = 16
	tableShare      = 55 // percent of the width (side by side) or height (stacked) for the table
)

// bodyRect is the screen's area under its bars, in its own coordinates.
func (s jobsScreen) bodyRect() rect {
	bars := len(s.Bars())
	return rect{x: 0, y: bars, w: s.width, h: max(s.height-bars, 0)}
}

// splitRects divides the body between the table and the detail pane. A
// zero-sized rect means that part is not shown.
func (s jobsScreen) splitRects(body rect) (table, pane rect) {
	switch {
	case s.zoomed:
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

func (s jobsScreen) detailVisible() bool {
	_, pane := s.splitRects(s.bodyRect())
	return pane.w > 0 && pane.h > 0
}

// layout sizes the table and the pane. It runs when the screen's size,
// its bars or the split change.
func (s *jobsScreen) layout() {
	table, pane := s.splitRects(s.bodyRect())
	s.table.SetSize(table.w, table.h)
	s.pane.SetSize(pane.w, pane.h)
}

// View is the table and the detail pane, fitted to the body. Both keep
// their frame while nothing they show changes (the clock's once-a-second
// redraw of the header), and so does this: it puts them together again
// only when one of them or the layout changed.
func (s jobsScreen) View() string {
	body := s.bodyRect()
	tr, pr := s.splitRects(body)
	var table, pane string
	if tr.w > 0 {
		table = s.table.View()
	}
	if pr.w > 0 {
		pane = s.pane.View()
	}
	k := s.cache
	if k.drawn && k.body == body && k.table == table && k.pane == pane && k.tr == tr && k.pr == pr {
		return k.view // the same strings: compared by address first, so this is cheap
	}
	var content string
	switch {
	case tr.w == 0:
		content = pane
	case pr.w == 0:
		content = table
	case tr.x == pr.x: // stacked
		content = lipgloss.JoinVertical(lipgloss.Left, table, pane)
	default:
		content = lipgloss.JoinHorizontal(lipgloss.Top, table, pane)
	}
	view := common.Box(content, body.w, body.h)
	*k = cachedBody{body: body, tr: tr, pr: pr, table: table, pane: pane, view: view, drawn: true}
	return view
}

// refreshRows hands the table the filtered, sorted list when it changed,
// and keeps the detail pane on the job under the cursor. The view caches:
// when neither the store, the query nor the sort moved, this is cheap.
func (s *jobsScreen) refreshRows() tea.Cmd {
	if s.store == nil {
		return nil
	}
	s.tabs.track(s.store, s.c.JobNow())
	s.measureColumns()
	rows := s.view.Jobs(s.filter.query(s.c.JobNow()), s.sort)
	s.table.SetSort(s.sort)
	shown := listing{filter: s.filter.text, sort: s.sort}
	another := shown != s.listing
	s.listing = shown
	if sameRows(rows, s.rows) {
		return nil
	}
	s.rows = rows
	if another {
		s.table.ReplaceRows(rows) // nothing arrived: the user asked for other rows
	} else {
		s.table.SetRows(rows)
	}
	if s.filter.text != "" && s.store.Len() > 0 {
		s.table.SetEmptyMessage("no job matches the filter: esc clears it")
	} else {
		s.table.SetEmptyMessage("no jobs")
	}
	return s.showSelected()
}

// measureColumns gives the table what its ID and BATCH columns need for
// all the app's jobs (see jobtable.SetKeyWidth and SetBatchLabels): the
// longest key when the jobs changed, the batches' labels when the set of
// batches did (a new batch may need another's prefix to grow). An app of
// more than maxLabelledBatches batches shows their ids whole (cut): their
// labels would cost a sort of every id at every new batch.
func (s *jobsScreen) measureColumns() {
	if s.store.Version() != s.measured {
		s.measured = s.store.Version()
		s.table.SetKeyWidth(s.store.WidestKey())
	}
	if s.store.BatchesVersion() == s.labelled {
		return
	}
	s.labelled = s.store.BatchesVersion()
	batches := s.store.CountByBatch()
	if len(batches) > maxLabelledBatches {
		s.table.SetBatchLabels(nil)
		return
	}
	ids := slices.Collect(maps.Keys(batches))
	labels := make(map[string]string, len(ids))
	for i, label := range common.ShortIDs(ids) {
		labels[ids[i]] = label
	}
	s.table.SetBatchLabels(labels)
}

// maxLabelledBatches is the most batches measureColumns labels.
const maxLabelledBatches = 5000

// listing is what selects and orders the table's rows: the same listing
// after a sync may have new jobs above the window; another one has only
// other rows.
type listing struct {
	filter string
	sort   model.Sort
}

// sameRows reports whether a and b are the same cached list: the view
// hands back the very slice it built until something changes.
func sameRows(a, b []*model.Job) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// showSelected points the detail pane at the job under the cursor, with its
// latest data. The pane keeps its scroll when the job is the same one.
func (s *jobsScreen) showSelected() tea.Cmd {
	if !s.detailVisible() {
		return nil
	}
	job, ok := s.table.Selected()
	if !ok {
		return s.pane.SetJob(nil)
	}
	return s.pane.SetJob(job)
}

// goToJob puts the cursor on the job key (one the journal names). A job
// the filter hides is worth more than the filter: it is cleared, and the
// footer says so; a job not loaded is said to be so.
func (s *jobsScreen) goToJob(key string) tea.Cmd {
	if s.store == nil {
		return nil
	}
	if _, ok := s.store.Get(key); !ok {
		s.say(fmt.Sprintf("job %s is not among the jobs loaded of this app: it may have been retired", sanitize.Line(key)))
		return nil
	}
	var cmd tea.Cmd
	if !slices.ContainsFunc(s.rows, func(j *model.Job) bool { return j.Key() == key }) {
		s.say(fmt.Sprintf("filter %q cleared to show job %s", s.filter.text, sanitize.Line(key)))
		cmd = s.setFilter("")
	}
	i := slices.IndexFunc(s.rows, func(j *model.Job) bool { return j.Key() == key })
	if i < 0 {
		return cmd
	}
	s.focus, s.zoomed = focusTable, false
	s.layout()
	s.table.SetCursor(i)
	return tea.Batch(cmd, s.showSelected())
}
