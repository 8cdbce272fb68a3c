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

// CountArrived counts the rows that arrived above a list's window: the
// rows of after[:afterAbove] (above the window now) that were not among
// before[:beforeSeen] (above the window, or on screen, before). A row the
// user saw on screen that scrolled above is not new; a row that entered
// the list above the window is, whether a new job or one the filter or
// the sort brought there. key identifies a row in both lists, where it is
// unique. beforeAbove is where the window started before.
//
// The common cases cost no map: nothing changed above the window (the
// lists start the same), and rows arrived at the top of a list sorted
// newest first (the lists end the same, back from the window). Only what
// lies between is looked up.
func CountArrived[T any](before, after []T, key func(T) string, beforeAbove, beforeSeen, afterAbove int) int {
	beforeSeen = min(beforeSeen, len(before))
	beforeAbove = min(beforeAbove, beforeSeen)
	afterAbove = min(afterAbove, len(after))
	p := 0
	for p < afterAbove && p < beforeAbove && key(after[p]) == key(before[p]) {
		p++
	}
	i, j := afterAbove-1, beforeAbove-1
	for i >= p && j >= p && key(after[i]) == key(before[j]) {
		i, j = i-1, j-1
	}
	if i < p {
		return 0
	}
	seen := make(map[string]struct{}, max(j+1-p, 0)+beforeSeen-beforeAbove)
	for _, r := range before[p : j+1] {
		seen[key(r)] = struct{}{}
	}
	for _, r := range before[beforeAbove:beforeSeen] {
		seen[key(r)] = struct{}{}
	}
	n := 0
	for _, r := range after[p : i+1] {
		if _, ok := seen[key(r)]; !ok {
			n++
		}
	}
	return n
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
