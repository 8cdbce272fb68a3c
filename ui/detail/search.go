package detail

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"superdash/sanitize"
	"superdash/ui/common"
)

// match is one occurrence of the query: bytes start to end of a line.
type match struct{ line, start, end int }

// maxMatches bounds the matches of one query: a one-letter query over a
// large output would otherwise allocate a match per letter on every key.
const maxMatches = 10000

// search is the pane's `/`: the input on the bottom line and the matches of
// what it holds in the plain text of the content lines.
type search struct {
	input   textinput.Model
	query   string // the folded query the matches are for; "" for none
	matches []match
	capped  bool // maxMatches reached: there are more
	current int
	folded  []string // the content lines folded; built by the first search over them
	origin  int      // the scroll offset when the input opened: esc goes back there
}

func newSearch() search {
	in := textinput.New()
	in.Prompt = "/"
	// A blinking cursor would redraw the screen twice a second for as long
	// as the input is open.
	in.Cursor.SetMode(cursor.CursorStatic)
	return search{input: in}
}

// active reports whether the bottom line belongs to the search.
func (s *search) active() bool { return s.input.Focused() || s.query != "" }

// find recomputes the matches of the query in lines.
func (s *search) find(lines []line) {
	s.matches, s.capped = nil, false
	if s.query == "" {
		return
	}
	if s.folded == nil {
		s.folded = make([]string, len(lines))
		for i, l := range lines {
			s.folded[i] = fold(l.text)
		}
	}
	for i, text := range s.folded {
		for off := 0; ; {
			j := strings.Index(text[off:], s.query)
			if j < 0 {
				break
			}
			if len(s.matches) == maxMatches {
				s.capped = true
				return
			}
			start := off + j
			off = start + len(s.query)
			s.matches = append(s.matches, match{line: i, start: start, end: off})
		}
	}
}

// status is the search's report for the bottom line.
func (s *search) status() string {
	switch {
	case s.query == "":
		return ""
	case len(s.matches) == 0:
		return "no match"
	case s.capped:
		return fmt.Sprintf("match %d/%d+", s.current+1, len(s.matches))
	default:
		return fmt.Sprintf("match %d/%d", s.current+1, len(s.matches))
	}
}

// statusWidth is room kept for the widest status on the input's line.
var statusWidth = ansi.StringWidth(fmt.Sprintf("match %d/%d+", maxMatches, maxMatches))

// fold lower-cases s for matching without case, rune by rune and only where
// that keeps the rune's length, so offsets found in the folded text hold in
// the original (strings.ToLower can change lengths: "İ" becomes "i̇").
func fold(s string) string {
	return strings.Map(func(r rune) rune {
		if l := unicode.ToLower(r); utf8.RuneLen(l) == utf8.RuneLen(r) {
			return l
		}
		return r
	}, s)
}

// openSearch gives the keyboard to a new, empty search.
func (m *Model) openSearch() tea.Cmd {
	m.clearSearch()
	m.search.origin = m.offset
	return m.search.input.Focus()
}

// clearSearch ends the search and its highlights.
func (m *Model) clearSearch() {
	m.search.input.Blur()
	m.search.input.Reset()
	m.search.query, m.search.matches, m.search.capped, m.search.current = "", nil, false, 0
}

// searchKey handles a key while the input has the keyboard: matches follow
// every change of the query, from where the search started.
func (m *Model) searchKey(msg tea.KeyMsg) tea.Cmd {
	keys := m.c.Keys.Input
	switch {
	case key.Matches(msg, keys.Cancel):
		origin := m.search.origin
		m.clearSearch()
		m.scrollTo(origin)
		return nil
	case key.Matches(msg, keys.Accept):
		m.search.input.Blur()
		if m.search.query == "" {
			m.clearSearch()
		}
		return nil
	}
	var cmd tea.Cmd
	m.search.input, cmd = m.search.input.Update(msg)
	if q := fold(m.search.input.Value()); q != m.search.query {
		m.search.query = q
		m.search.find(m.lines)
		m.search.current = m.firstMatchFrom(m.search.origin)
		if len(m.search.matches) == 0 {
			m.scrollTo(m.search.origin)
		} else {
			m.showMatch()
		}
	}
	return cmd
}

// refreshSearch finds the query again in new content, keeping the current
// match's number but not moving the view: the user may be reading.
func (m *Model) refreshSearch() {
	m.search.folded = nil
	m.search.find(m.lines)
	m.search.current = max(0, min(m.search.current, len(m.search.matches)-1))
}

// firstMatchFrom is the first match at or below the row offset, or the
// first one of all when none is below.
func (m *Model) firstMatchFrom(offset int) int {
	if offset >= len(m.rows) {
		return 0
	}
	from := m.rows[offset].line
	ms := m.search.matches
	if i := sort.Search(len(ms), func(i int) bool { return ms[i].line >= from }); i < len(ms) {
		return i
	}
	return 0
}

// stepMatch moves to the next (+1) or previous (-1) match, wrapping around.
func (m *Model) stepMatch(delta int) {
	n := len(m.search.matches)
	if n == 0 {
		return
	}
	m.search.current = ((m.search.current+delta)%n + n) % n
	m.showMatch()
}

// showMatch scrolls the current match into view, a third down the body
// so the lines before it give context.
func (m *Model) showMatch() {
	r := m.rowOf(m.search.matches[m.search.current])
	if body := m.bodyHeight(); r < m.offset || r >= m.offset+body {
		m.scrollTo(r - body/3)
	}
}

// rowOf is the row where a match starts.
func (m *Model) rowOf(mt match) int {
	if mt.line >= len(m.firstRow) {
		return 0
	}
	r := m.firstRow[mt.line]
	for r+1 < len(m.rows) && m.rows[r+1].line == mt.line && m.rows[r+1].start <= mt.start {
		r++
	}
	return r
}

// matchesOn returns the matches on line l and the index of the first one.
func (s *search) matchesOn(l int) ([]match, int) {
	ms := s.matches
	i := sort.Search(len(ms), func(i int) bool { return ms[i].line >= l })
	j := i
	for j < len(ms) && ms[j].line == l {
		j++
	}
	return ms[i:j], i
}

// searchBar is the bottom line while a search is open or kept: the input
// (or the kept query) and the match count.
func (m *Model) searchBar(width int) string {
	st := m.c.Styles
	var left string
	if m.search.input.Focused() {
		left = m.search.input.View()
	} else {
		left = st.Faint.Render(m.search.input.Prompt + sanitize.Line(m.search.input.Value()))
	}
	status := m.search.status()
	statusStyle := st.Faint
	if m.search.query != "" && len(m.search.matches) == 0 {
		statusStyle = st.Error
	}
	sw := ansi.StringWidth(status)
	if status == "" || width < sw+2 {
		return common.Fit(left, width)
	}
	return common.Fit(left, width-sw-1) + " " + statusStyle.Render(status)
}
