package common

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"superdash/model"
)

// StoreList is a list view whose rows are computed from the store, one per
// thing jobs share (a batch, a tag), and drawn in columns. The batches and
// tags views differ only in what a row is, how the rows are computed and
// sorted, and which columns they have; that is their StoreListSpec.
// StoreList does the rest (sizing, refreshing, the keys, the help, the
// selection), so those views behave the same by construction rather than
// by copying. A view embeds it, so its methods are the view's, and adds
// its own Update (which returns the view's type) and View (which draws a
// row). The zero value is not usable; call NewStoreList.
type StoreList[T any] struct {
	c      *Common
	spec   StoreListSpec[T]
	list   List[T]
	widths []int // per column (see spec.Columns); 0 for a dropped one
	header string
}

// StoreListSpec is what makes a StoreList one view and not another.
type StoreListSpec[T any] struct {
	// Key identifies a row across refreshes, and is what Selected returns:
	// the value as the API sent it (a batch id, a tag), since Enter puts
	// it into a filter.
	Key func(T) string
	// Compute builds the rows in one pass over the store.
	Compute func(*model.Store) []T
	// Sort sorts rows in place in one of Orders, which name the orders as
	// the help shows them; the first is the default and the sort key
	// cycles through them.
	Sort   func(rows []T, order int)
	Orders []string
	// Columns are the view's columns, sized to what rows hold. They are
	// laid out again only on a new size or new rows, so drawing a frame
	// measures nothing.
	Columns func(rows []T) []Column
	// Open says what Enter does on a row, for the help ("show its jobs").
	Open string
	// Empty is shown, centred, where the rows would be when there are none.
	Empty string
}

// NewStoreList returns an empty view in the spec's first order. Give it a
// size and a store (Refresh) before use.
func NewStoreList[T any](c *Common, spec StoreListSpec[T]) StoreList[T] {
	v := StoreList[T]{c: c, spec: spec, list: NewList(c, spec.Key, spec.Sort, spec.Orders...)}
	v.relayout()
	return v
}

// SetSize sets the view's size in cells; height includes the header line.
func (v *StoreList[T]) SetSize(width, height int) {
	v.list.SetSize(width, height)
	v.relayout()
}

// Refresh recomputes the rows if the store changed since the last call,
// in one pass over it, keeps the cursor on the row it was on, and reports
// whether it recomputed. Call it before drawing: when nothing changed it
// costs nothing.
func (v *StoreList[T]) Refresh(store *model.Store) bool {
	if !v.list.Refresh(store, v.spec.Compute) {
		return false
	}
	v.relayout()
	return true
}

// Update moves the cursor (navigation keys, mouse) and cycles the sort
// order. Enter is the root's: it reads Selected and sets the filter.
func (v *StoreList[T]) Update(msg tea.Msg) { v.list.Update(msg) }

// HelpKeys are the bindings of the view, most used first. Enter is the
// keymap's List.Choose, which the root acts on.
func (v StoreList[T]) HelpKeys() []key.Binding { return v.list.HelpKeys(v.spec.Open) }

// Selected returns the key of the row under the cursor as the API sent
// it: it is for the filter, not the screen, so it is not sanitised.
func (v StoreList[T]) Selected() (key string, ok bool) {
	r, ok := v.list.Selected()
	if !ok {
		return "", false
	}
	return v.spec.Key(r), true
}

// Len is the number of rows.
func (v StoreList[T]) Len() int { return v.list.Len() }

// Rows are the rows in display order; they belong to the view.
func (v StoreList[T]) Rows() []T { return v.list.Rows() }

// Widths are the columns' widths in cells, in the order of spec.Columns;
// 0 for a column dropped for want of room.
func (v StoreList[T]) Widths() []int { return v.widths }

// View draws the header and the rows on screen, each by row (see
// List.View): exactly the size it was given, whatever the number of rows.
func (v StoreList[T]) View(row func(r T, line *Row)) string {
	return v.list.View(v.header, v.spec.Empty, row)
}

// relayout measures the rows and lays the columns out again, so View does
// neither. It runs on a new size or new rows.
func (v *StoreList[T]) relayout() {
	cols := v.spec.Columns(v.list.Rows())
	v.widths = Layout(v.list.Width(), cols)
	v.header = Header(cols, v.widths, v.c.Styles.TableHeader)
}
