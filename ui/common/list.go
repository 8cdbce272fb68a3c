package common

import (
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"superdash/model"
)

// List is the rows of a list view drawn one per line under a one-line
// header, with their cursor, scroll window and sort order. The rows are
// whatever the view computes from the store (a batch, a tag); List
// recomputes them only when the store changed, sorts them, keeps the
// cursor on the same row by key, and handles the keys and the mouse, so
// every list view behaves the same without repeating the logic. The view
// draws each row. The zero value is not usable; call NewList.
type List[T any] struct {
	c      *Common
	key    func(T) string            // identifies a row across refreshes
	sort   func(rows []T, order int) // sorts rows in place in an order of orders
	orders []string                  // names of the sort orders, for the help
	order  int                       // index in orders of the current one

	// store and version are what rows were computed from. The store is
	// compared by identity: a new one (another app) starts again at a
	// version the old one may have had.
	store   *model.Store
	version uint64
	rows    []T

	at            Scroller // the selected row; the first row on screen
	width, height int      // height counts the header line and the marker line
	// arrived counts the rows that arrived above the window since it left
	// the top (see Refresh); 0 at the top, where the list follows its head.
	arrived int
}

// NewList returns an empty list. key identifies a row across refreshes;
// sort sorts rows in one of the orders, named as the help shows them
// ("newest", "count"). The first order is the default; the sort key
// cycles through them.
func NewList[T any](c *Common, key func(T) string, sort func(rows []T, order int), orders ...string) List[T] {
	return List[T]{c: c, key: key, sort: sort, orders: orders}
}

// SetSize sets the list's size in cells; height includes the header line.
func (l *List[T]) SetSize(width, height int) {
	l.width, l.height = max(width, 0), max(height, 0)
	l.settle(l.arrived) // a taller list may reach the top
}

// Refresh replaces the rows with compute(store) if the store changed since
// they were computed, and reports whether it did. compute is meant to be
// one pass over the store; when nothing changed Refresh costs nothing.
//
// A list resting on its first row follows its head: it stays on the first
// row, so rows arriving at the top (a new batch) show up instead of
// pushing the window down. Scrolled away from the top, the cursor stays
// on its row and a marker line above the header counts the rows that
// arrived above the window (see CountArrived). A store other than the one
// the rows came from (another app) has no rows that arrived.
func (l *List[T]) Refresh(store *model.Store, compute func(*model.Store) []T) bool {
	if store != nil && store == l.store && store.Version() == l.version {
		return false
	}
	sameStore := store == l.store
	var rows []T
	if store != nil {
		rows = compute(store)
	}
	l.replace(rows, sameStore)
	l.store = store
	if store != nil {
		l.version = store.Version()
	}
	return true
}

// SetRows replaces the rows with a newer version of the same listing that
// does not come from the store (the action journal read again), as
// Refresh does. A later Refresh computes them again.
func (l *List[T]) SetRows(rows []T) { l.setRows(rows, l.store == nil) }

// ReplaceRows replaces the rows with another listing (the journal of
// another scope): what it holds above the window did not arrive, so the
// count of new rows starts again. Otherwise it is SetRows.
func (l *List[T]) ReplaceRows(rows []T) { l.setRows(rows, false) }

func (l *List[T]) setRows(rows []T, sameRows bool) {
	l.replace(rows, sameRows)
	l.store, l.version = nil, 0
}

// replace puts rows in the list, sorted, following the head or keeping
// the cursor on its row (see Refresh); rows arriving above the window are
// counted when they are a newer version of the same rows (sameRows).
func (l *List[T]) replace(rows []T, sameRows bool) {
	followHead := l.at.Cursor == 0 && l.at.Offset == 0
	selected, ok := l.Selected()
	before, above, seen := l.rows, l.at.Offset, l.at.Offset+l.pageSize()
	l.rows = rows
	l.resort(selected, ok && !followHead)
	arrived := 0
	if sameRows && !followHead {
		arrived = l.arrived + CountArrived(before, l.rows, l.key, above, seen, l.at.Offset)
	}
	l.settle(arrived)
}

// resort sorts the rows in the current order and, when keep, puts the
// cursor back on the row selected, or on the same index if it is gone;
// otherwise on the first row. The cursor keeps its screen line when it
// can, so a refresh that moves the selected row up or down the list does
// not make it jump on screen.
func (l *List[T]) resort(selected T, keep bool) {
	l.sort(l.rows, l.order)
	if !keep {
		l.at = Scroller{}
		l.clamp()
		return
	}
	line := l.at.Cursor - l.at.Offset
	key := l.key(selected)
	if i := slices.IndexFunc(l.rows, func(r T) bool { return l.key(r) == key }); i >= 0 {
		l.at.Cursor = i
	}
	l.at.Offset = l.at.Cursor - line
	l.clamp()
}

// Arrived is how many rows arrived above the window since it left the
// top: what the marker line says.
func (l List[T]) Arrived() int { return l.arrived }

// settle sets the count of rows arrived above the window and clamps the
// window to the marker line (see SettleArrived).
func (l *List[T]) settle(arrived int) {
	l.arrived = SettleArrived(&l.at, len(l.rows), l.height, arrived)
}

// Rows are the rows in display order; they belong to the list.
func (l List[T]) Rows() []T { return l.rows }

// Selected returns the row under the cursor, if there is one.
func (l List[T]) Selected() (T, bool) {
	if len(l.rows) == 0 {
		var zero T
		return zero, false
	}
	return l.rows[l.at.Cursor], true
}

// Len is the number of rows.
func (l List[T]) Len() int { return len(l.rows) }

// Width is the list's width in cells.
func (l List[T]) Width() int { return l.width }

// Update moves the cursor on the navigation keys, the mouse wheel and
// clicks (whose Y counts from the header line), and cycles the sort order
// on the sort key, keeping the cursor on its row.
func (l *List[T]) Update(msg tea.Msg) {
	if mouse, ok := msg.(tea.MouseMsg); ok {
		mouse.Y -= l.markerLines() // a click's line counts from the header
		msg = mouse
	}
	if l.at.Navigate(msg, l.c.Keys.Nav, len(l.rows), l.pageSize(), l.width) {
		l.settle(l.arrived) // reaching the top clears the count
		return
	}
	if msg, ok := msg.(tea.KeyMsg); ok && key.Matches(msg, l.c.Keys.List.Sort) && len(l.orders) > 1 {
		selected, ok := l.Selected()
		l.order = (l.order + 1) % len(l.orders)
		l.resort(selected, ok)
		l.settle(0) // another order: nothing above arrived
	}
}

// HelpKeys are the bindings of a list view, most used first: those Update
// acts on, with the sort key naming the current order, and Enter
// (List.Choose), which the owner's parent acts on, described as open and
// disabled, so the help hides it, while there is no row to open.
func (l List[T]) HelpKeys(open string) []key.Binding {
	nav := l.c.Keys.Nav
	enter := l.c.Keys.List.Choose
	enter.SetHelp(enter.Help().Key, open)
	enter.SetEnabled(len(l.rows) > 0)
	keys := []key.Binding{nav.Up, nav.Down, enter}
	if len(l.orders) > 1 {
		sort := l.c.Keys.List.Sort
		sort.SetHelp(sort.Help().Key, "sort: "+l.orders[l.order])
		keys = append(keys, sort)
	}
	return append(keys, nav.PageUp, nav.PageDown, nav.Top, nav.Bottom)
}

// View draws the marker line of arrived rows while there are some, the
// header and then the rows on screen, each by row, which fills
// line with cells adding up to exactly Width; the line's base style is the
// cursor's highlight on the selected row. Without rows, empty is centred
// where they would be. The result is exactly the list's size.
func (l List[T]) View(header, empty string, row func(r T, line *Row)) string {
	if l.width == 0 || l.height == 0 {
		return ""
	}
	var b strings.Builder
	if l.markerLines() > 0 {
		b.WriteString(ArrivedLine(l.c, l.arrived, l.width))
		b.WriteByte('\n')
	}
	b.WriteString(header)
	blank := strings.Repeat(" ", l.width)
	end := min(l.at.Offset+l.pageSize(), len(l.rows))
	for i := l.at.Offset; i < end; i++ {
		b.WriteByte('\n')
		base := l.c.Styles.Cell
		if i == l.at.Cursor {
			base = l.c.Styles.Selection
		}
		line := NewRow(base)
		row(l.rows[i], line)
		b.WriteString(line.String())
	}
	for i := range l.pageSize() - (end - l.at.Offset) {
		b.WriteByte('\n')
		if len(l.rows) > 0 || i != (l.pageSize()-1)/2 {
			b.WriteString(blank)
			continue
		}
		msg := Cut(empty, l.width)
		left := (l.width - ansi.StringWidth(msg)) / 2
		b.WriteString(blank[:left])
		b.WriteString(l.c.Styles.Faint.Render(msg))
		b.WriteString(blank[:l.width-left-ansi.StringWidth(msg)])
	}
	return b.String()
}

// pageSize is how many rows fit under the header (and the marker line).
func (l List[T]) pageSize() int { return max(l.height-1-l.markerLines(), 0) }

// markerLines is 1 while the marker line of arrived rows shows, else 0.
func (l List[T]) markerLines() int { return MarkerLines(l.arrived, l.height) }

// clamp keeps the cursor and the window inside the rows.
func (l *List[T]) clamp() { l.at.Clamp(len(l.rows), l.pageSize()) }
