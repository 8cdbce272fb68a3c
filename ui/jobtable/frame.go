package jobtable

import (
	"math"
	"time"

	"superdash/model"
	"superdash/ui/common"
)

// forever is how long a frame without ages or dates on screen lasts.
const forever = time.Duration(math.MaxInt64)

// frame is the last frame View drew, what it was drawn from, and the span
// of the jobs' clock over which it stays true. It is reused only when all
// of that still matches, so a copy of the model in another state can never
// be handed this one's frame: it draws its own.
type frame struct {
	key         frameKey
	from, until time.Time
	view        string
	drawn       bool
	rows        map[*model.Job]keptRow // the rows of view, by job
	// marksUntil is when the first change mark on view expires, on the
	// wall clock (the marks' clock); zero while view has none.
	marksUntil time.Time
	revs       uint64 // the last rev handed out
}

// frameKey is everything View draws from, but the jobs' clock: plain
// values, and rev, which SetRows moves with each new list (the list itself
// is not kept in the key: while the table is not drawn, a kept list would
// hold on to every job version it had).
type frameKey struct {
	cursor, offset int
	width, height  int
	focused        bool
	emptyMsg       string
	arrived        int
	rev            uint64
	theme          common.Theme
}

func (m Model) frameKey() frameKey {
	k := frameKey{
		cursor:   m.at.Cursor,
		offset:   m.at.Offset,
		width:    m.width,
		height:   m.height,
		focused:  m.focused,
		emptyMsg: m.emptyMsg,
		arrived:  m.arrived,
		rev:      m.rev,
		theme:    common.CurrentTheme(),
	}
	return k
}

// holds reports whether the frame kept is the one to draw for key at now
// (the jobs' clock), with its change marks still live at wall. A clock
// that went back draws again too.
func (f *frame) holds(key frameKey, now, wall time.Time) bool {
	return f.drawn && f.key == key && !now.Before(f.from) && now.Before(f.until) &&
		(f.marksUntil.IsZero() || wall.Before(f.marksUntil))
}

func (f *frame) keep(key frameKey, now time.Time, d drawn) {
	f.key, f.from, f.until, f.view, f.drawn, f.rows, f.marksUntil = key, now, now.Add(d.lasts), d.view, true, d.rows, d.marksUntil
}

// drawn is a frame render drew: the text, how long past now its time
// cells read the same, its rows to keep, and when its first change mark
// expires (zero for none).
type drawn struct {
	view       string
	lasts      time.Duration
	rows       map[*model.Job]keptRow
	marksUntil time.Time
}

// keptRow is one row as drawn, what it was drawn from, and the span of the
// jobs' clock over which it stays true.
type keptRow struct {
	key         rowKey
	from, until time.Time
	view        string
}

// rowKey is everything a row is drawn from but the clock. The job is
// replaced, never changed, when its data is (model.Store), so its address
// stands for its data.
type rowKey struct {
	job                        *model.Job
	selected, focused          bool
	gutter, marked             bool
	statusChanged              bool // a change mark (see changeMark)
	pending                    string
	hasPending                 bool
	width, idWidth, batchWidth int // the columns
	theme                      common.Theme
}

// rowKey is row i's key; statusChanged is whether it bears a change mark.
func (m Model) rowKey(i int, statusChanged bool) rowKey {
	j := m.jobs[i]
	k := rowKey{
		job:        j,
		selected:   i == m.at.Cursor,
		focused:    m.focused,
		gutter:     m.gutter() > 0,
		width:      m.width,
		idWidth:    m.idWidth,
		batchWidth: m.batchWidth,
		theme:      common.CurrentTheme(),
	}
	if k.gutter {
		k.marked = m.marked != nil && m.marked(j.Key())
		k.statusChanged = statusChanged
	}
	k.pending, k.hasPending = m.pending[j.Key()]
	return k
}

func (r keptRow) holds(key rowKey, now time.Time) bool {
	return r.key == key && !now.Before(r.from) && now.Before(r.until)
}

// changed gives the model a new rev: something View does not compare (the
// list, a pending label, the marks) changed.
func (m *Model) changed() {
	if m.frame == nil {
		return
	}
	m.frame.revs++
	m.rev = m.frame.revs
}
