// Package detail is the job detail pane: a job's fields, what could not be
// read from it, its input, metadata, output and raw JSON, scrollable and
// searchable. The output is fetched when a job that has one is shown, and
// cached.
package detail

import (
	"bytes"
	"slices"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"superdash/model"
	"superdash/ui/common"
)

// Model is the detail pane. Build it with New.
type Model struct {
	c     *common.Common
	fetch OutputFetcher

	width, height int
	focused       bool

	job *model.Job // the job shown: a copy, the store keeps its own

	// The content is built when the job or its output changes, and kept:
	// View only styles the rows on screen.
	head, output, raw []line // the sections above, at and below the output
	lines             []line // head, output and raw, in order
	rows              []row  // lines wrapped to layoutWidth
	firstRow          []int  // the row each line starts on
	layoutWidth       int
	offset            int // the first row on screen

	// The cache and the in-flight set are shared by every copy of the
	// model, as Bubble Tea hands copies around: they belong to the pane.
	cache    *outputCache
	inflight map[outputKey]bool
	outErr   error // why the shown job's output could not be fetched
	loading  bool  // the Output section waits for its fetch
	spinner  spinner.Model

	search search

	frame *keptFrame // the last frame drawn, shared by copies: see View
}

// New builds an empty pane. fetch reads a job's output; it must not be nil.
func New(c *common.Common, fetch OutputFetcher) Model {
	return Model{
		c:        c,
		fetch:    fetch,
		cache:    newOutputCache(),
		inflight: make(map[outputKey]bool),
		spinner:  spinner.New(spinner.WithSpinner(spinner.MiniDot), spinner.WithStyle(c.Styles.Progress)),
		search:   newSearch(),
		frame:    &keptFrame{},
	}
}

// SetSize sets the size of the whole pane, border included.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	w, _ := m.innerSize()
	m.search.input.Width = max(1, w-ansi.StringWidth(m.search.input.Prompt)-statusWidth-1)
	if w != m.layoutWidth {
		m.relayout()
	}
	m.scrollTo(m.offset)
}

// SetFocused switches between the focused and the plain border. A pane
// losing focus keeps its search but gives the keyboard back.
func (m *Model) SetFocused(focused bool) {
	m.focused = focused
	if !focused && m.Typing() {
		m.search.input.Blur()
		if m.search.query == "" {
			m.clearSearch()
		}
	}
	m.SetSize(m.width, m.height) // the two borders may differ in size
}

// SetJob shows j, or nothing when j is nil. The same job with new data
// keeps its scroll position and search; another job starts at the top. The
// returned command fetches the output when the job has one that is not
// cached yet.
func (m *Model) SetJob(j *model.Job) tea.Cmd {
	if j == nil {
		m.job, m.head, m.output, m.raw = nil, nil, nil, nil
		m.outErr, m.loading, m.offset = nil, false, 0
		m.clearSearch()
		m.join()
		return nil
	}
	if m.job == nil || m.job.Key() != j.Key() {
		m.offset = 0
		m.clearSearch()
	}
	sameOutput := m.job != nil && m.outputKey() == outputKey{key: j.Key(), status: j.Status}
	if sameOutput && bytes.Equal(m.job.Raw, j.Raw) {
		// A refresh that changed nothing: the common case, every sync.
		return m.requestOutput()
	}
	job := *j
	m.job = &job
	m.head, m.raw = headLines(m.job), rawLines(m.job)
	if !sameOutput {
		m.outErr = nil
		m.output, m.loading = m.outputSection()
	}
	m.join()
	return m.requestOutput()
}

// setOutput rebuilds the Output section after its fetch ended.
func (m *Model) setOutput() {
	m.output, m.loading = m.outputSection()
	m.join()
}

func (m *Model) outputSection() ([]line, bool) {
	body, loading := m.outputLines()
	return section("Output", body), loading
}

// join puts the sections together and lays them out. The scroll offset
// stays where it was, as far as the new content allows.
func (m *Model) join() {
	m.lines = slices.Concat(m.head, m.output, m.raw)
	w, _ := m.innerSize()
	m.rows, m.firstRow = layout(m.lines, w)
	m.layoutWidth = w
	m.refreshSearch()
	m.scrollTo(m.offset)
}

// relayout wraps the content to a new width, keeping the line at the top
// of the pane there.
func (m *Model) relayout() {
	top := -1
	if m.offset < len(m.rows) {
		top = m.rows[m.offset].line
	}
	w, _ := m.innerSize()
	m.rows, m.firstRow = layout(m.lines, w)
	m.layoutWidth = w
	if top >= 0 && top < len(m.firstRow) {
		m.offset = m.firstRow[top]
	}
}

// scrollTo puts row offset at the top of the body, as far as it goes.
func (m *Model) scrollTo(offset int) {
	m.offset = max(0, min(offset, len(m.rows)-m.bodyHeight()))
}

// Update handles the pane's output results and spinner ticks, the mouse
// wheel (the root only sends wheel events over the pane) and, when the pane
// is focused, keys.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case OutputFetchedMsg:
		m.outputFetched(msg)
	case spinner.TickMsg:
		// A tick that finds nothing loading is dropped, which ends the
		// chain: an idle pane causes no redraws.
		if m.loading {
			var cmd tea.Cmd
			m.spinner, cmd = m.spinner.Update(msg)
			return m, cmd
		}
	case tea.MouseMsg:
		m.mouse(msg)
	case tea.KeyMsg:
		if m.focused {
			return m, m.key(msg)
		}
	}
	return m, nil
}

// wheelRows is how far one notch of the wheel scrolls, as in bubbles/viewport.
const wheelRows = 3

func (m *Model) mouse(msg tea.MouseMsg) {
	if msg.Action != tea.MouseActionPress {
		return
	}
	switch msg.Button {
	case tea.MouseButtonWheelUp:
		m.scrollTo(m.offset - wheelRows)
	case tea.MouseButtonWheelDown:
		m.scrollTo(m.offset + wheelRows)
	}
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	if m.Typing() {
		return m.searchKey(msg)
	}
	nav, keys := m.c.Keys.Nav, m.c.Keys.Detail
	switch {
	case key.Matches(msg, nav.Up):
		m.scrollTo(m.offset - 1)
	case key.Matches(msg, nav.Down):
		m.scrollTo(m.offset + 1)
	case key.Matches(msg, nav.PageUp):
		m.scrollTo(m.offset - m.bodyHeight())
	case key.Matches(msg, nav.PageDown):
		m.scrollTo(m.offset + m.bodyHeight())
	case key.Matches(msg, nav.Top):
		m.scrollTo(0)
	case key.Matches(msg, nav.Bottom):
		m.scrollTo(len(m.rows))
	case key.Matches(msg, keys.Search):
		return m.openSearch()
	case key.Matches(msg, keys.NextMatch):
		m.stepMatch(1)
	case key.Matches(msg, keys.PrevMatch):
		m.stepMatch(-1)
	}
	return nil
}

// Typing reports whether the search input has the keyboard: the root must
// then send it every key, `q` included.
func (m Model) Typing() bool { return m.search.input.Focused() }

// JobKey is the key of the job shown, "" when none.
func (m Model) JobKey() string {
	if m.job == nil {
		return ""
	}
	return m.job.Key()
}
