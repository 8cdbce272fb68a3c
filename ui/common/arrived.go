package common

// A list scrolled away from its top does not follow its head: rows that
// arrive above the window would push the rows the user is reading off the
// screen, so the window stays on them instead, and a marker line above the
// list counts what arrived unseen: "↑ 47 new". The job table and the list
// views (batches, tags) share the counting and the line, so they agree on
// what "new" means.

// ArrivedMinHeight is the least height (header and rows included) at which
// a list gives a line to the marker: below it the rows are too few to lose
// one, and the count waits until there is room or the top is reached.
const ArrivedMinHeight = 5

// MarkerLines is 1 while a list height lines tall (header and rows
// included) shows the marker line of arrived rows above its header, else 0.
func MarkerLines(arrived, height int) int {
	if arrived > 0 && height >= ArrivedMinHeight {
		return 1
	}
	return 0
}

// SettleArrived clamps the window at of a list of n rows, height lines
// tall, to the marker line that arrived rows bring or take away, and
// returns the count the line is to say. There are never more rows arrived
// above the window than rows above it, and none once the window is at the
// top: when the window reaches the top without the marker line, the line
// goes (a list scrolled away from the top by the line alone would keep it
// forever).
func SettleArrived(at *Scroller, n, height, arrived int) int {
	page := func(arrived int) int { return max(height-1-MarkerLines(arrived, height), 0) }
	at.Clamp(n, page(0))
	if at.Offset == 0 || arrived <= 0 {
		return 0
	}
	arrived = min(arrived, at.Offset)
	at.Clamp(n, page(arrived))
	return arrived
}

// CountArrived counts the rows that arrived above a list's window: the
// rows of after[:afterAbove] (above the window now) that were not among
// before[:beforeSeen] (above the window, or on screen, before). A row the
// user saw on screen that scrolled above is not new; a row that entered
// the list above the window is, whether a new job or one the filter or
// the sort brought there. key identifies a row in both lists, where it is
// unique. beforeAbove is where the window started before.
//
// A refresh keeps the rows that did not change in their order, so the
// lists are compared by key from both ends of what lies above the window,
// and what differs in the middle is walked side by side: only rows out of
// step (new, gone, moved) are looked up, in sets holding those rows alone.
// Rows arriving at the top, however many, or a few rows moving, cost a few
// lookups. A list reordered wholesale (more than maxOutOfStep rows out of
// step) is not walked to its end: its count is how many more rows lie
// above the window than before.
func CountArrived[T any](before, after []T, key func(T) string, beforeAbove, beforeSeen, afterAbove int) int {
	beforeSeen = min(beforeSeen, len(before))
	beforeAbove = min(beforeAbove, beforeSeen)
	afterAbove = min(afterAbove, len(after))
	p := 0
	for p < afterAbove && p < beforeAbove && key(after[p]) == key(before[p]) {
		p++
	}
	ai, bj := afterAbove, beforeAbove // ends of the middles
	for ai > p && bj > p && key(after[ai-1]) == key(before[bj-1]) {
		ai, bj = ai-1, bj-1
	}
	unmatched, ok := walkOutOfStep(after[p:ai], before[p:bj], key)
	if !ok {
		return max(ai-bj, 0)
	}
	for _, r := range before[beforeAbove:beforeSeen] { // on screen before: seen
		unmatched.take(key(r))
	}
	return len(unmatched)
}

// maxOutOfStep bounds the rows CountArrived looks up: past it, a refresh
// reordered the list rather than added to it.
const maxOutOfStep = 4096

// walkOutOfStep walks after and before side by side and returns the keys
// of after that are not in before, or false once more than maxOutOfStep
// rows were out of step.
func walkOutOfStep[T any](after, before []T, key func(T) string) (outOfStep, bool) {
	var (
		unmatched outOfStep // rows of after not met in before, yet
		left      outOfStep // rows of before not met in after, yet
	)
	i, j := 0, 0
	for i < len(after) && j < len(before) {
		a, b := key(after[i]), key(before[j])
		switch {
		case a == b:
			i, j = i+1, j+1
		case left.take(a):
			i++
		case unmatched.take(b):
			j++
		default:
			if len(unmatched)+len(left) >= maxOutOfStep {
				return nil, false
			}
			unmatched.add(a)
			left.add(b)
			i, j = i+1, j+1
		}
	}
	for ; i < len(after); i++ {
		if a := key(after[i]); !left.take(a) {
			unmatched.add(a)
		}
	}
	for ; j < len(before); j++ {
		unmatched.take(key(before[j]))
	}
	return unmatched, true
}

// outOfStep is a set of row keys, made on the first add.
type outOfStep map[string]struct{}

func (s *outOfStep) add(k string) {
	if *s == nil {
		*s = outOfStep{}
	}
	(*s)[k] = struct{}{}
}

// take removes k and reports whether it was there.
func (s outOfStep) take(k string) bool {
	if _, ok := s[k]; !ok {
		return false
	}
	delete(s, k)
	return true
}

// ArrivedLine is the marker line above a list: how many rows arrived above
// its window, and the key that goes up to them, in the info role's style,
// exactly width cells wide.
func ArrivedLine(c *Common, n, width int) string {
	text := "↑ " + Thousands(n) + " new"
	if keys := c.Keys.Nav.Top.Keys(); len(keys) > 0 && c.Keys.Nav.Top.Enabled() {
		text += "  " + keys[0] + ": to the top"
	}
	row := NewRow(c.Styles.Cell)
	row.Cell(width, Styled(text, c.Styles.Info))
	return row.String()
}
