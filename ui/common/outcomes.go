package common

import (
	"strconv"
	"strings"

	"superdash/model"
)

// outcomeLooks is how each part of a stacked progress bar is drawn: a
// glyph of its own, so the bar reads under NO_COLOR, and the status whose
// colour it takes, so it matches the statuses' colours everywhere else.
var outcomeLooks = [...]struct {
	glyph, name string
	colour      model.Status
}{
	model.OutcomeCompleted: {"█", "completed", model.StatusCompleted},
	model.OutcomeFailed:    {"✗", "failed", model.StatusFailed},
	model.OutcomeStopped:   {"⊘", "canceled/expired", model.StatusCanceled},
	model.OutcomeRunning:   {"▸", "running", model.StatusInProgress},
	model.OutcomeQueued:    {"░", "queued", model.StatusScheduled},
}

// OutcomeName is how an outcome is written: "completed", "failed",
// "canceled/expired", "running", "queued".
func OutcomeName(o model.Outcome) string { return outcomeLooks[o].name }

// OutcomeBar draws counts as a bar exactly width cells wide, stacked by
// outcome in drawing order. Cells are shared in proportion, largest
// remainders first, and every outcome with a job gets at least one cell
// while there is room, so a single failure in a thousand still shows and a
// batch with one job left never looks finished.
func OutcomeBar(counts model.OutcomeCounts, width int, s Styles) []Run {
	if width <= 0 {
		return nil
	}
	total := counts.Total()
	if total == 0 {
		return []Run{Styled(strings.Repeat("·", width), s.Faint)}
	}
	cells := shareCells(counts, width)
	runs := make([]Run, 0, len(cells))
	for o, n := range cells {
		if n > 0 {
			look := outcomeLooks[o]
			runs = append(runs, Styled(strings.Repeat(look.glyph, n), s.Status(look.colour)))
		}
	}
	return runs
}

// shareCells divides width cells between the outcomes in proportion to
// counts (whose total is not zero).
func shareCells(counts model.OutcomeCounts, width int) model.OutcomeCounts {
	total := counts.Total()
	var cells, rest model.OutcomeCounts
	used := 0
	for o, c := range counts {
		cells[o], rest[o] = c*width/total, c*width%total
		used += cells[o]
	}
	for ; used < width; used++ {
		best := 0
		for o := range rest {
			if rest[o] > rest[best] {
				best = o
			}
		}
		cells[best]++
		rest[best] = -1
	}
	// An outcome with jobs but no cell takes one from the widest part.
	for o, c := range counts {
		if c == 0 || cells[o] > 0 {
			continue
		}
		widest := 0
		for k := range cells {
			if cells[k] > cells[widest] {
				widest = k
			}
		}
		if cells[widest] > 1 {
			cells[widest]--
			cells[o]++
		}
	}
	return cells
}

// OutcomeLegend names each part of an OutcomeBar with its glyph, in its
// colour: "█ completed  ✗ failed  ⊘ canceled/expired  ▸ running  ░ queued".
// With counts, each name carries its count ("█ completed 812").
func OutcomeLegend(counts *model.OutcomeCounts, s Styles) []Run {
	runs := make([]Run, 0, len(outcomeLooks))
	for o, look := range outcomeLooks {
		text := look.glyph + " " + look.name
		if counts != nil {
			text += " " + strconv.Itoa(counts[o])
		}
		if o > 0 {
			text = "  " + text
		}
		runs = append(runs, Styled(text, s.Status(look.colour)))
	}
	return runs
}
