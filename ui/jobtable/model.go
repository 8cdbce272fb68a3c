// Package jobtable is the job table: one line per job under a column
// header, with a cursor. It draws only the rows on screen and keeps only
// those (see frame), so a frame costs the same with a thousand jobs as with
// a hundred thousand.
package jobtable

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"superdash/model"
	"superdash/ui/common"
)

// Model is the job table. The zero value is not usable; call New.
type Model struct {
	c *common.Common

	jobs []*model.Job    // the caller's filtered, sorted list; read-only here
	at   common.Scroller // the selected row and the first row on screen, as indexes in jobs

	width, height int // height counts the header line
	focused       bool
	emptyMsg      string
	pending       map[string]string // job key → label of an action in flight
	marked        func(key string) bool

	// arrived counts the jobs that arrived above the window since it left
	// the top (see SetRows); 0 at the top, where the table follows the head.
	arrived int
	// changedAt says when a job last changed status (see
	// SetStatusChanges); nil for no change marks.
	changedAt func(key string) time.Time
	// batchLabels is the label of every batch id (see SetBatchLabels);
	// nil shows every id whole.
	batchLabels map[string]string
	// keyWidth is the longest key of all the jobs, in bytes (see
	// SetKeyWidth); 0 when not given.
	keyWidth int

	// idWidth and batchWidth are what the ID and BATCH columns ask for,
	// measured with the rows or from what SetKeyWidth and SetBatchLabels
	// gave, so that View never looks at every job.
	idWidth, batchWidth int
	sort                model.Sort // shown as an arrow in the sorted column's header
	cols                []column
	header              string         // rendered once per layout
	blurred             lipgloss.Style // the cursor row while another pane has focus

	// frame is the last frame drawn, shared by the copies Bubble Tea makes
	// of the model; rev names the state of what View cannot compare (the
	// pending labels, the marks), taken from frame so no two copies that
	// changed it differently share one. See View.
	frame *frame
	rev   uint64
}

// New returns an empty, focused table. Give it a size and rows before use.
func New(c *common.Common) Model {
	return Model{
		c:          c,
		focused:    true,
		emptyMsg:   "no jobs",
		idWidth:    len(headers[colID]),
		batchWidth: len(headers[colBatch]),
		blurred:    c.Styles.Selection.UnsetBold().Faint(true),
		frame:      &frame{},
	}
}

// SetSize sets the table's size in cells; height includes the header line.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = max(width, 0), max(height, 0)
	m.settle(m.arrived) // a taller table may reach the top
	m.relayout()
}

// SetRows replaces the list the table shows with a newer version of the
// same listing (the same filter and sort, after a sync). jobs belongs to
// the caller and is never modified; nor may the caller change it while the
// table shows it (View keeps what it drew of it): a new list is a new
// slice. The cursor stays on the same job, by key, if it is still listed
// (and on the same screen line if it can, so a refresh does not make the
// selection jump); otherwise it keeps its index, clamped.
//
// The exception is a focused table resting on its first row: it stays on
// the first row, like a log followed at its head, so jobs arriving at the
// top of the list show up instead of pushing the window down. Scrolled
// away from the top, the table counts the jobs that arrive above its
// window instead, in a marker line above the header (see
// common.CountArrived).
func (m *Model) SetRows(jobs []*model.Job) { m.setRows(jobs, true) }

// ReplaceRows replaces the list with another listing (a new filter or
// sort): what it holds above the window did not arrive, so the count of
// new jobs starts again. Otherwise it is SetRows.
func (m *Model) ReplaceRows(jobs []*model.Job) { m.setRows(jobs, false) }

func (m *Model) setRows(jobs []*model.Job, sameListing bool) {
	key := ""
	if j, ok := m.Selected(); ok {
		key = j.Key()
	}
	followHead := m.focused && m.at.Cursor == 0 && m.at.Offset == 0
	before, above, seen := m.jobs, m.at.Offset, m.at.Offset+m.rows()
	line := m.at.Cursor - m.at.Offset
	m.jobs = jobs
	if followHead {
		m.at = common.Scroller{}
	} else {
		m.at.Cursor = m.indexOf(key, m.at.Cursor)
		m.at.Offset = m.at.Cursor - line
	}
	m.clamp()
	arrived := 0
	if sameListing && !followHead {
		arrived = m.arrived + common.CountArrived(before, jobs, (*model.Job).Key, above, seen, m.at.Offset)
	}
	m.settle(arrived)

	m.idWidth = m.measureKeys(jobs)
	m.batchWidth = m.measureBatches(jobs)
	m.relayout()
	m.changed()
}

// Arrived is how many jobs arrived above the window since it left the top
// of the list: what the marker line says.
func (m Model) Arrived() int { return m.arrived }

// indexOf finds the job with key, looking first at hint, where it usually
// still is. Without a match it returns hint.
func (m *Model) indexOf(key string, hint int) int {
	if key == "" {
		return hint
	}
	if hint < len(m.jobs) && m.jobs[hint].Key() == key {
		return hint
	}
	for i, j := range m.jobs {
		if j.Key() == key {
			return i
		}
	}
	return hint
}

// SetSort says how the rows are sorted; the sorted column's header shows
// it with an arrow (the rows themselves come sorted, see SetRows).
func (m *Model) SetSort(s model.Sort) {
	if s != m.sort {
		m.sort = s
		m.relayout()
	}
}

// SortShown reports whether the sorted column is on screen, arrow and all;
// a table too narrow for it leaves the order for the caller to show.
func (m *Model) SortShown() bool {
	sorted := sortedColumn(m.sort.Key)
	for _, col := range m.cols {
		if col.kind == sorted {
			return true
		}
	}
	return false
}

// SetFocused says whether the table has the keyboard; unfocused, its
// cursor row is drawn dimmer.
func (m *Model) SetFocused(focused bool) { m.focused = focused }

// SetEmptyMessage sets the line shown when there are no rows, e.g. to say
// that a filter matched nothing.
func (m *Model) SetEmptyMessage(msg string) { m.emptyMsg = msg }

// SetPending shows label (e.g. "canceling…") in the status cell of the job
// with key until ClearPending, so an action in flight is visible.
func (m *Model) SetPending(key, label string) {
	if m.pending == nil {
		m.pending = make(map[string]string)
	}
	m.pending[key] = label
	m.changed()
}

// ClearPending removes the marker SetPending put on the job with key.
func (m *Model) ClearPending(key string) {
	delete(m.pending, key)
	m.changed()
}

// SetMarked shows a mark before each row whose job marked reports, in a
// narrow gutter left of the ID that is there only while marked is set:
// nil (nothing marked) gives the columns their full width back. It is
// called once per row on screen per frame, so it must be cheap.
func (m *Model) SetMarked(marked func(key string) bool) {
	had := m.marked != nil
	m.marked = marked
	m.changed()
	if had != (marked != nil) {
		m.relayout()
	}
}

// SetBatchLabels gives the BATCH column the label of every batch there
// is, already safe to print: a long id (a UUID) is shown by its shortest
// prefix no other batch shares, as the batches view shows it, rather than
// cut with an ellipsis; what is shown, typed after batch:, selects it.
// The column is then as wide as the widest label, whichever rows are
// shown: it holds still while a filter is typed. Without labels (nil),
// ids are shown whole, in a column as wide as the rows' widest.
func (m *Model) SetBatchLabels(labels map[string]string) {
	m.batchLabels = labels
	m.batchWidth = m.measureBatches(m.jobs)
	m.relayout()
	m.changed()
}

// SetKeyWidth gives the ID column the length in bytes of the longest key
// among all the jobs there are (no key is wider on screen than it is
// long): the column is then that wide whichever rows are shown, and a
// filter's rows need no pass to measure. 0 measures the rows instead.
func (m *Model) SetKeyWidth(n int) {
	m.keyWidth = n
	m.idWidth = m.measureKeys(m.jobs)
	m.relayout()
	m.changed()
}

// measureKeys is the width the ID column asks for over jobs (see
// SetKeyWidth).
func (m *Model) measureKeys(jobs []*model.Job) int {
	if m.keyWidth > 0 {
		return min(max(m.keyWidth, len(headers[colID])), idCap)
	}
	return contentWidth(jobs, (*model.Job).Key, len(headers[colID]), idCap)
}

// measureBatches is the width the BATCH column asks for over jobs: that
// of the widest label when there are labels (a pass over the batches, not
// over every row), else of the widest id among jobs.
func (m *Model) measureBatches(jobs []*model.Job) int {
	if m.batchLabels == nil {
		return contentWidth(jobs, batchID, len(headers[colBatch]), batchCap)
	}
	widest := len(headers[colBatch])
	for _, label := range m.batchLabels {
		widest = max(widest, ansi.StringWidth(label))
	}
	return min(widest, batchCap)
}

// SetStatusChanges marks, for a few seconds, the rows whose job changed
// status (see changeMarkFor), asking changedAt when the job with a key
// last did; the zero time for never. Like SetMarked, it is called once per
// row on screen per frame, so it must be cheap (a map lookup).
func (m *Model) SetStatusChanges(changedAt func(key string) time.Time) {
	had := m.changedAt != nil
	m.changedAt = changedAt
	m.changed()
	if had != (changedAt != nil) {
		m.relayout()
	}
}

// Selected returns the job under the cursor, if there is one.
func (m Model) Selected() (*model.Job, bool) {
	if len(m.jobs) == 0 {
		return nil, false
	}
	return m.jobs[m.at.Cursor], true
}

// SetCursor moves the cursor to row i (clamped to the list), scrolling as
// little as needed to show it.
func (m *Model) SetCursor(i int) {
	m.at.MoveTo(i, len(m.jobs), m.rows())
	m.settle(m.arrived)
}

// Cursor is the index of the selected row.
func (m Model) Cursor() int { return m.at.Cursor }

// Len is the number of rows.
func (m Model) Len() int { return len(m.jobs) }

// Update moves the cursor on navigation keys, mouse wheel and clicks.
// Reaching the top of the list, by any of them, clears the count of new
// jobs: they are all on screen.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if mouse, ok := msg.(tea.MouseMsg); ok {
		mouse.Y -= m.markerLines() // a click's line counts from the header
		msg = mouse
	}
	m.at.Navigate(msg, m.c.Keys.Nav, len(m.jobs), m.rows(), m.width)
	m.settle(m.arrived)
	return m, nil
}

// settle sets the count of new jobs above the window to arrived, and
// clamps the window to the marker line (see common.SettleArrived).
func (m *Model) settle(arrived int) {
	m.arrived = common.SettleArrived(&m.at, len(m.jobs), m.height, arrived)
}

// rows is how many job rows fit under the header (and the marker line).
func (m Model) rows() int { return max(m.height-1-m.markerLines(), 0) }

// markerLines is 1 while the marker line of new jobs shows, else 0.
func (m Model) markerLines() int { return common.MarkerLines(m.arrived, m.height) }

// clamp keeps the cursor and the window inside the list.
func (m *Model) clamp() { m.at.Clamp(len(m.jobs), m.rows()) }
