// Package instatus is the I screen: how long the moving jobs have been in
// their statuses, as a histogram per status (a row each, a bucket a
// column: see model.InStatusBounds), so a queue that stopped draining, or
// jobs stuck for a day, show at a glance. The cursor moves over the
// buckets; enter shows the jobs table filtered to the bucket under it,
// with the query in the filter bar, where the user can read and change it.
//
// Everything is counted from the store (no API request), once per store
// version and clock minute: a frame with nothing new draws from a cache.
package instatus

import (
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"superdash/keymap"
	"superdash/model"
	"superdash/ui/common"
	"superdash/ui/nav"
)

// Model is the time-in-status screen. The zero value is not usable; call
// New.
type Model struct {
	c             *common.Common
	out           *nav.Outbox
	store         *model.Store // nil while no app is watched
	width, height int
	back          nav.ID // where esc returns to

	// The cursor: a status (kept by name, so it stays on its status when
	// the rows change) and a bucket.
	status model.Status
	bucket int

	cache *cache // shared by the copies of a Model
}

// New builds the screen, which asks the root for what it needs through out.
func New(c *common.Common, out *nav.Outbox) Model {
	return Model{c: c, out: out, back: nav.Jobs, cache: &cache{}}
}

func (m Model) Update(msg tea.Msg) (nav.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case nav.ShownMsg:
		m.store = msg.Store
		if msg.From != nav.InStatus {
			m.back = msg.From
		}
	case nav.StoreMsg:
		m.store = msg.Store
	case nav.CloseMsg:
		m.out.Send(nav.Show{To: m.back})
	case tea.KeyMsg:
		m.onKey(msg)
	}
	return m, nil
}

// onKey moves the cursor, filters the table by the bucket under it, or
// goes back.
func (m *Model) onKey(msg tea.KeyMsg) {
	k := m.c.Keys
	rows := m.counts().rows
	row := m.row(rows)
	switch {
	case key.Matches(msg, k.Global.Back, k.Table.InStatus):
		m.out.Send(nav.Show{To: m.back})
	case key.Matches(msg, k.List.Choose):
		if row < 0 {
			m.out.Send(nav.Notice{Text: "no moving jobs to show"})
			return
		}
		text := model.InStatusQuery(rows[row].Status, m.bucket)
		m.out.Send(nav.Show{To: nav.Jobs, With: nav.FilterMsg{Text: text}})
	case key.Matches(msg, k.Chart.Left):
		m.bucket = max(m.bucket-1, 0)
	case key.Matches(msg, k.Chart.Right):
		m.bucket = min(m.bucket+1, model.InStatusBuckets-1)
	case key.Matches(msg, k.Nav.Up):
		m.moveTo(rows, row-1)
	case key.Matches(msg, k.Nav.Down):
		m.moveTo(rows, row+1)
	case key.Matches(msg, k.Nav.Top, k.Nav.PageUp):
		m.moveTo(rows, 0)
	case key.Matches(msg, k.Nav.Bottom, k.Nav.PageDown):
		m.moveTo(rows, len(rows)-1)
	}
}

// row is the index of the cursor's status among rows: the first row when
// that status has no moving job left, -1 when there are no rows.
func (m Model) row(rows []model.InStatusCounts) int {
	for i, r := range rows {
		if r.Status == m.status {
			return i
		}
	}
	if len(rows) == 0 {
		return -1
	}
	return 0
}

func (m *Model) moveTo(rows []model.InStatusCounts, i int) {
	if len(rows) > 0 {
		m.status = rows[max(0, min(i, len(rows)-1))].Status
	}
}

func (m Model) SetSize(w, h int) nav.Screen {
	m.width, m.height = w, h
	return m
}

func (Model) Typing() bool { return false }

// Help is the screen's moves, enter, and the global keys.
func (m Model) Help() keymap.Help {
	k := m.c.Keys
	choose := k.List.Choose
	choose.SetHelp(choose.Help().Key, "show these jobs")
	own := []key.Binding{k.Nav.Up, k.Nav.Down, k.Chart.Left, k.Chart.Right, choose, k.Global.Back}
	return keymap.Help{
		Short: append(own, k.Global.Help, k.Global.Quit),
		Full:  [][]key.Binding{own, {k.Table.InStatus, k.Global.Help, k.Global.Quit}, {k.Global.Pause, k.Global.Refresh, k.Global.SwitchApp, k.Global.ForceQuit}},
	}
}

// HelpNote says what the time in status is measured from.
func (Model) HelpNote() string { return measuredFrom }

// measuredFrom is how the time in status is known, which the screen and
// its help both say: the API gives no status-change times.
const measuredFrom = "Time in status counts from when superdash saw each job enter its status; a job already moving when first read counts from then."

// counts is the histogram of the store now, from the cache while the
// store and the clock's minute are unchanged.
func (m Model) counts() counted {
	if m.store == nil {
		return counted{}
	}
	key := countKey{store: m.store, version: m.store.Version(), minute: m.c.Now().Truncate(time.Minute).Unix()}
	if !m.cache.ok || m.cache.key != key {
		rows, at := m.store.TimeInStatus()
		m.cache.counted = counted{rows: rows, at: at, gen: m.cache.counted.gen + 1}
		m.cache.key, m.cache.ok = key, true
	}
	return m.cache.counted
}

// countKey is what the counts depend on: the store's contents, and the
// minute the clock is in (jobs cross into older buckets as time passes).
type countKey struct {
	store   *model.Store
	version uint64
	minute  int64
}

// counted is one count of the store, numbered so that the drawing made of
// it can be kept too.
type counted struct {
	rows []model.InStatusCounts
	at   time.Time // the store's clock when counted
	gen  uint64
}

// cache keeps the counts and the last drawing between frames.
type cache struct {
	key     countKey
	ok      bool
	counted counted

	drawn     drawKey
	drawnText string
}
