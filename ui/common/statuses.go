package common

import (
	"strconv"

	"github.com/charmbracelet/x/ansi"

	"superdash/model"
	"superdash/sanitize"
)

// StatusTally counts the jobs of one group (a batch, a tag) by status. A
// group sees a handful of statuses, so a slice searched in order is cheaper
// than a map per group.
type StatusTally []model.StatusCount

// Add counts one job in status st.
func (t *StatusTally) Add(st model.Status) {
	for i := range *t {
		if (*t)[i].Status == st {
			(*t)[i].Count++
			return
		}
	}
	*t = append(*t, model.StatusCount{Status: st, Count: 1})
}

// Sort puts the tally in display order (see Status.Less), the order Runs
// shows it in.
func (t StatusTally) Sort() { model.SortStatusCounts(t) }

// Total counts the jobs whose status satisfies keep.
func (t StatusTally) Total(keep func(model.Status) bool) int {
	n := 0
	for _, sc := range t {
		if keep(sc.Status) {
			n += sc.Count
		}
	}
	return n
}

// classSymbols stand for a status class in the compact form of Runs. All
// are one cell wide even where East Asian widths apply, and read without
// colour (NO_COLOR), unlike a coloured dot.
var classSymbols = map[model.Class]string{
	model.ClassQueued:    "◌",
	model.ClassRunning:   "▸",
	model.ClassAttention: "!",
	model.ClassDone:      "✓",
	model.ClassFailed:    "✗",
	model.ClassStopped:   "⊘",
	model.ClassUnknown:   "?",
}

// Runs is the sorted tally as coloured text for a cell width cells wide:
// every status by name ("COMPLETED 812  FAILED 40") when that fits, else
// one symbol per class ("✓812 ✗40"), which a narrow cell can still hold
// and which Cell cuts with an ellipsis if even that is too long.
func (t StatusTally) Runs(width int, s Styles) []Run {
	// A separator goes in the run it precedes: blanks show no colour, and
	// a row costs a render per run.
	runs := make([]Run, 0, len(t))
	used := 0
	for i, sc := range t {
		text := StatusName(sc.Status) + " " + strconv.Itoa(sc.Count)
		if i > 0 {
			text = "  " + text
		}
		runs = append(runs, Styled(text, s.Status(sc.Status)))
		used += ansi.StringWidth(text)
	}
	if used <= width {
		return runs
	}
	runs = runs[:0]
	// Statuses of one class are adjacent in display order, so merging
	// neighbours gives one count per class.
	for i := 0; i < len(t); {
		class, n, j := t[i].Status.Class(), 0, i
		for ; j < len(t) && t[j].Status.Class() == class; j++ {
			n += t[j].Count
		}
		text := classSymbols[class] + strconv.Itoa(n)
		if i > 0 {
			text = " " + text
		}
		runs = append(runs, Styled(text, s.Status(t[i].Status)))
		i = j
	}
	return runs
}

// StatusName is a status as the screen writes it: sanitised, and named
// even when the API sent none, so a count never stands without a label.
func StatusName(st model.Status) string {
	if st == "" {
		return "no status"
	}
	return sanitize.Line(string(st))
}

// shortStatusNames are the abbreviations the header falls back to when the
// full names do not fit; a status not listed keeps its name.
var shortStatusNames = map[model.Status]string{
	model.StatusPending:        "PEND",
	model.StatusScheduled:      "SCH",
	model.StatusInProgress:     "RUN",
	model.StatusPostProcessing: "POST",
	model.StatusSuspended:      "SUS",
	model.StatusNeedsWork:      "WORK",
	model.StatusNeedsReview:    "REVW",
	model.StatusCompleted:      "DONE",
	model.StatusPostProcessed:  "PPD",
	model.StatusReviewed:       "RVWD",
	model.StatusFailed:         "FAIL",
	model.StatusCanceled:       "CXL",
	model.StatusExpired:        "EXP",
}

// ShortStatusName is StatusName in at most four letters when the status is
// one this build knows (SCH, RUN, FAIL, CXL, ...).
func ShortStatusName(st model.Status) string {
	if short, ok := shortStatusNames[st]; ok {
		return short
	}
	return StatusName(st)
}

// IsProblem reports whether a job in status st wants a look: parked,
// failed, stopped, or in a state this build does not know.
func IsProblem(st model.Status) bool {
	switch st.Class() {
	case model.ClassAttention, model.ClassFailed, model.ClassStopped, model.ClassUnknown:
		return true
	}
	return false
}
