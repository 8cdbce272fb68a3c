package common

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"superdash/keymap"
)

// wheelStep is how many rows one notch of the mouse wheel scrolls.
const wheelStep = 3

// Scroller is the cursor and scroll window of a list drawn under a one-line
// header: the job table and the list views share it, so every list of the
// dashboard moves the same way. Cursor is the selected row, Offset the
// first row on screen.
type Scroller struct {
	Cursor, Offset int
}

// Navigate moves the cursor on the navigation keys, the mouse wheel and
// left clicks, for a list of n rows of which page fit on screen, width
// cells wide. A click's Y counts from the header line. It reports whether
// msg was one of those.
func (s *Scroller) Navigate(msg tea.Msg, nav keymap.Nav, n, page, width int) bool {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, nav.Up):
			s.MoveTo(s.Cursor-1, n, page)
		case key.Matches(msg, nav.Down):
			s.MoveTo(s.Cursor+1, n, page)
		case key.Matches(msg, nav.PageUp):
			s.Scroll(-max(page, 1), n, page)
		case key.Matches(msg, nav.PageDown):
			s.Scroll(max(page, 1), n, page)
		case key.Matches(msg, nav.Top):
			s.MoveTo(0, n, page)
		case key.Matches(msg, nav.Bottom):
			s.MoveTo(n-1, n, page)
		default:
			return false
		}
		return true
	case tea.MouseMsg:
		if msg.Action != tea.MouseActionPress {
			return false
		}
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			s.Scroll(-wheelStep, n, page)
		case tea.MouseButtonWheelDown:
			s.Scroll(wheelStep, n, page)
		case tea.MouseButtonLeft:
			line := msg.Y - 1
			if msg.X >= 0 && msg.X < width && line >= 0 && line < page && s.Offset+line < n {
				s.Cursor = s.Offset + line
			}
		default:
			return false
		}
		return true
	}
	return false
}

// MoveTo puts the cursor on row i, scrolling only when it would leave the
// screen, like a pager.
func (s *Scroller) MoveTo(i, n, page int) {
	s.Cursor = i
	s.Clamp(n, page)
}

// Scroll moves the window and the cursor together by delta rows, so the
// cursor keeps its place on screen until the window hits either end.
func (s *Scroller) Scroll(delta, n, page int) {
	s.Cursor += delta
	s.Offset += delta
	s.Clamp(n, page)
}

// Clamp brings cursor and offset back into a list of n rows, then scrolls
// as little as needed to show the cursor. The window never scrolls past the
// last row, so a long list always fills the screen.
func (s *Scroller) Clamp(n, page int) {
	s.Cursor = max(0, min(s.Cursor, n-1))
	s.Offset = max(0, min(s.Offset, n-page))
	if s.Cursor < s.Offset {
		s.Offset = s.Cursor
	}
	if page > 0 && s.Cursor >= s.Offset+page {
		s.Offset = s.Cursor - page + 1
	}
}
