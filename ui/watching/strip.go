package watching

import (
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"superdash/model"
	"superdash/model/watch"
	"superdash/ui/common"
)

// Lines is how many lines the strip takes on a screen height lines tall
// when n items are watched: up to 3 on a tall screen, 1 on a short one
// (the first item, and how many more), none below that, where the table
// needs every line and the toast alone tells.
func Lines(n, height int) int {
	switch {
	case n == 0 || height < shortScreen:
		return 0
	case height < tallScreen:
		return 1
	}
	return min(n, maxLines)
}

const (
	maxLines    = 3
	tallScreen  = 30
	shortScreen = 20
)

// Strip draws lines lines of the watched items, each width cells wide:
// a glyph for its state, its name, a bar stacked by outcome, ended/total,
// its failures and its ETA, or how it ended, in columns aligned from line
// to line. What does not fit is counted at the end: "+2 more". now is the
// jobs' clock.
func (s *Set) Strip(width, lines int, st common.Styles, now time.Time) []string {
	if lines <= 0 || len(s.items) == 0 {
		return nil
	}
	shown := s.items[:min(lines, len(s.items))]
	rows := make([]stripRow, len(shown))
	var cols stripColumns
	for i, it := range shown {
		rows[i] = newStripRow(it, st, now)
		cols.fit(rows[i])
	}
	more := ""
	if hidden := len(s.items) - len(shown); hidden > 0 {
		more = "+" + strconv.Itoa(hidden) + " more"
	}
	cols.layout(width, more)
	out := make([]string, len(rows))
	for i, row := range rows {
		line := row.draw(cols, st)
		if i == len(rows)-1 && more != "" {
			line += gap + st.Faint.Render(more)
		}
		out[i] = common.Cut(line, width)
	}
	return out
}

var (
	gap   = strings.Repeat(" ", common.ColumnGap)
	plain = lipgloss.NewStyle() // a line's base: each run brings its own style
)

// stripRow is one item's line, its texts measured before they are laid out.
type stripRow struct {
	name, count, failed string
	glyph, state        common.Run
	counts              model.OutcomeCounts
}

func newStripRow(it item, st common.Styles, now time.Time) stripRow {
	p := it.progress
	row := stripRow{
		name:   it.name,
		count:  strconv.Itoa(p.Jobs.Total()-len(p.Moving)) + "/" + strconv.Itoa(p.Jobs.Total()),
		counts: p.Jobs.Counts,
	}
	if n := p.Failed(); n > 0 {
		row.failed = "✗" + strconv.Itoa(n)
	}
	row.glyph, row.state = stateOf(p, st, now)
	return row
}

// stripColumns are the widths every line of the strip shares.
type stripColumns struct{ name, bar, count, failed, state int }

// fit widens the columns to hold row.
func (c *stripColumns) fit(row stripRow) {
	c.count = max(c.count, ansi.StringWidth(row.count))
	c.failed = max(c.failed, ansi.StringWidth(row.failed))
	c.state = max(c.state, ansi.StringWidth(row.state.Text), len("~59m left"))
}

// layout shares width out: the bar's width by the room there is, the name
// what is left, after room for more on the last line.
func (c *stripColumns) layout(width int, more string) {
	room := width
	if more != "" {
		room -= ansi.StringWidth(more) + common.ColumnGap
	}
	c.bar = 20
	switch {
	case room < 60:
		c.bar = 6
	case room < 100:
		c.bar = 10
	}
	fixed := 1 + c.bar + c.count + c.state + 4*common.ColumnGap
	if c.failed > 0 {
		fixed += c.failed + common.ColumnGap
	}
	c.name = max(room-fixed, 8)
}

func (r stripRow) draw(c stripColumns, st common.Styles) string {
	line := common.NewRow(plain)
	line.Cell(1, r.glyph)
	line.Cell(c.name, common.Plain(r.name))
	line.Cell(c.bar, common.OutcomeBar(r.counts, c.bar, st)...)
	line.Cell(c.count, common.Plain(r.count))
	line.Cell(c.failed, common.Styled(r.failed, st.Error))
	line.Cell(c.state, r.state)
	return line.String()
}

// stateOf is an item's glyph and where it stands: its ETA while it
// moves, how it ended once it has.
func stateOf(p watch.Progress, st common.Styles, now time.Time) (glyph, state common.Run) {
	switch {
	case p.Jobs.Total() == 0:
		return common.Styled("◌", st.Faint), common.Styled("no job yet", st.Faint)
	case !p.Ended():
		eta := common.ETA(len(p.Moving), p.Recent, p.Jobs.Stalled(now))
		if eta == common.Stalled {
			return common.Styled("◉", st.Warning), common.Styled(eta, st.Warning)
		}
		return common.Styled("◉", st.Info), common.Plain(eta)
	case p.Failed()+p.Jobs.Counts[model.OutcomeStopped] > 0:
		return common.Styled("✗", st.Error), common.Styled("ended", st.Error)
	}
	return common.Styled("✓", st.Success), common.Styled("ended", st.Success)
}
