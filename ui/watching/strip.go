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
// its failures and its ETA, or how it ended. What does not fit is counted
// at the end of the last line: "+2 more". now is the jobs' clock.
func (s *Set) Strip(width, lines int, st common.Styles, now time.Time) []string {
	if lines <= 0 || len(s.items) == 0 {
		return nil
	}
	shown := s.items[:min(lines, len(s.items))]
	out := make([]string, len(shown))
	for i, it := range shown {
		more := ""
		if i == len(shown)-1 && len(s.items) > len(shown) {
			more = "+" + strconv.Itoa(len(s.items)-len(shown)) + " more"
		}
		out[i] = stripLine(it, more, width, st, now)
	}
	return out
}

// stripLine is one item's line; more, when not empty, is right-aligned at
// its end.
func stripLine(it item, more string, width int, st common.Styles, now time.Time) string {
	p := it.progress
	room := width // for the item, without more
	if more != "" {
		room -= ansi.StringWidth(more) + common.ColumnGap
	}
	barWidth := 20
	switch {
	case room < 60:
		barWidth = 6
	case room < 100:
		barWidth = 10
	}
	ended := p.Jobs.Total() - len(p.Moving)
	count := strconv.Itoa(ended) + "/" + strconv.Itoa(p.Jobs.Total())
	glyph, state := stateOf(p, st, now)
	stateWidth := max(lipgloss.Width(state.Text), len("~99m left"))
	fixed := 1 + barWidth + len(count) + stateWidth + 4*common.ColumnGap
	if n := p.Failed(); n > 0 {
		fixed += len(strconv.Itoa(n)) + 1 + common.ColumnGap
	}
	nameWidth := max(room-fixed, 8)
	r := common.NewRow(lipgloss.NewStyle())
	r.Cell(1, glyph)
	r.Cell(nameWidth, common.Plain(it.watch.Target.Name()))
	r.Cell(barWidth, common.OutcomeBar(p.Jobs.Counts, barWidth, st)...)
	r.Cell(len(count), common.Plain(count))
	if n := p.Failed(); n > 0 {
		text := "✗" + strconv.Itoa(n)
		r.Cell(ansi.StringWidth(text), common.Styled(text, st.Error))
	}
	r.Cell(stateWidth, state)
	line := r.String()
	if more != "" {
		line = common.Fit(line, room) + strings.Repeat(" ", common.ColumnGap) + st.Faint.Render(more)
	}
	return common.Cut(line, width)
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
