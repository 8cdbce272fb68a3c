package detail

import (
	"superdash/model"
	"superdash/ui/common"
)

// keptFrame is the last frame View drew and what it was drawn from, shared by
// the copies Bubble Tea makes of the model. It is reused only when all of
// that still matches, so a copy in another state draws its own.
type keptFrame struct {
	key   frameKey
	view  string
	drawn bool
}

// frameKey is everything View draws from, while the search input does not
// have the keyboard (it is not kept then): plain values, and the identity
// of the content, the rows and the matches, which are built anew, never
// changed in place.
type frameKey struct {
	width, height int
	focused       bool
	job           *model.Job // replaced, never changed, when the job's data is
	firstLine     *line
	lines         int
	firstRow      *row
	rows          int
	offset        int
	spinner       string // the spinner's frame, while the output loads
	query, input  string
	firstMatch    *match
	matches       int
	current       int
	capped        bool
	theme         common.Theme
}

func (m *Model) frameKey() frameKey {
	k := frameKey{
		width:   m.width,
		height:  m.height,
		focused: m.focused,
		job:     m.job,
		lines:   len(m.lines),
		rows:    len(m.rows),
		offset:  m.offset,
		query:   m.search.query,
		input:   m.search.input.Value(),
		matches: len(m.search.matches),
		current: m.search.current,
		capped:  m.search.capped,
		theme:   common.CurrentTheme(),
	}
	if len(m.lines) > 0 {
		k.firstLine = &m.lines[0]
	}
	if len(m.rows) > 0 {
		k.firstRow = &m.rows[0]
	}
	if len(m.search.matches) > 0 {
		k.firstMatch = &m.search.matches[0]
	}
	if m.loading {
		k.spinner = m.spinner.View()
	}
	return k
}
