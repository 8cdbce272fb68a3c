package common

import "strings"

// sparkTicks are the eight heights of a sparkline, lowest first.
var sparkTicks = []rune("▁▂▃▄▅▆▇█")

// Sparkline draws series as exactly width cells, the last value at the
// right. A series longer than width is folded, neighbours summed, so the
// whole of it still shows; a shorter one is padded with blanks on the
// left. The largest value reaches the top; zero sits on the floor (▁) and
// any other value at least one step above it, so one failure among
// hundreds of completions still shows.
func Sparkline(series []int, width int) string {
	if width <= 0 {
		return ""
	}
	values := fold(series, width)
	peak := 0
	for _, v := range values {
		peak = max(peak, v)
	}
	var b strings.Builder
	b.WriteString(strings.Repeat(" ", width-len(values)))
	top := len(sparkTicks) - 1
	for _, v := range values {
		level := 0
		if v > 0 && peak > 0 {
			level = (v*top + peak - 1) / peak // rounded up: never back to the floor
		}
		b.WriteRune(sparkTicks[level])
	}
	return b.String()
}

// fold sums series into at most width values, each covering an equal
// share of it (give or take one), in order.
func fold(series []int, width int) []int {
	if len(series) <= width {
		return series
	}
	out := make([]int, width)
	for i, v := range series {
		out[i*width/len(series)] += max(v, 0)
	}
	return out
}
