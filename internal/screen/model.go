package screen

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// Model wraps a program's model: it passes every message on, then draws
// the wrapped model's frame (see the package comment for when). Its own
// View is empty: the program runs without Bubble Tea's renderer.
type Model struct {
	inner tea.Model
	p     *painter
	state *flushState
}

// flushState is shared by the copies of a Model that Bubble Tea hands
// around by value.
type flushState struct {
	pending bool // a flushMsg is on its way
	now     func() time.Time
}

// flushMsg draws the frame held back by frameGap.
type flushMsg struct{}

// Inner is the wrapped model.
func (m Model) Inner() tea.Model { return m.inner }

func (m Model) Init() tea.Cmd { return m.inner.Init() }

func (m Model) View() string { return "" }

func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(flushMsg); ok {
		m.state.pending = false
		m.p.draw(m.inner.View(), m.state.now())
		return m, nil
	}
	if size, ok := msg.(tea.WindowSizeMsg); ok {
		m.p.resize(size.Width, size.Height)
	}
	inner, cmd := m.inner.Update(msg)
	m.inner = inner
	return m, tea.Batch(cmd, m.frame(msg))
}

// frame draws the inner model's frame now, or returns the command that
// draws it at the end of frameGap (nil if one is already on its way).
func (m Model) frame(msg tea.Msg) tea.Cmd {
	now := m.state.now()
	if urgent(msg) || now.Sub(m.p.drawn) >= frameGap {
		m.p.draw(m.inner.View(), now)
		return nil
	}
	if m.state.pending {
		return nil
	}
	m.state.pending = true
	return tea.Tick(frameGap-now.Sub(m.p.drawn), func(time.Time) tea.Msg { return flushMsg{} })
}

// urgent reports whether msg is the user's doing, to be on screen at once.
func urgent(msg tea.Msg) bool {
	switch msg.(type) {
	case tea.KeyMsg, tea.MouseMsg, tea.WindowSizeMsg:
		return true
	}
	return false
}
