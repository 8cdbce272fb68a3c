package main

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// TestLettersTypedTogetherEachMove types "jjj" into the real binary in one
// write, as fast typing, key repeat over SSH or a script's send-keys
// deliver it: the dashboard reads the three letters at once, and each must
// still move the cursor one row.
func TestLettersTypedTogetherEachMove(t *testing.T) {
	bin := endToEnd(t)
	term := startDemo(t, bin)
	// Paused, the table holds still: no new job lands above the cursor
	// between the look at the rows and the keys.
	term.keys(t, "p")
	rows := stableRows(t, term)

	start := openedJob(t, term)
	from := rowIndex(t, rows, start)
	if from+3 >= len(rows) {
		t.Fatalf("the cursor is on row %d of %d: no three rows below it", from, len(rows))
	}
	typeAtOnce(t, term, "jjj")
	if got := openedJob(t, term); got != rows[from+3][0] {
		t.Fatalf(`"jjj" typed at once: the cursor is on job %s (row %d), want %s, three rows below job %s`,
			got, rowIndex(t, rows, got), rows[from+3][0], start)
	}
	typeAtOnce(t, term, "jk")
	if got := openedJob(t, term); got != rows[from+3][0] {
		t.Errorf(`"jk" typed at once: the cursor is on job %s, want it back on %s`, got, rows[from+3][0])
	}
}

// typeAtOnce writes text to the dashboard's terminal in one write: tmux's
// send-keys -l sends a literal string as it is.
func typeAtOnce(t *testing.T, term *tmuxTerm, text string) {
	t.Helper()
	term.run(t, "send-keys", "-t", tmuxTarget, "-l", text)
}

// stableRows waits for the paused table to stop changing (a sync already
// under way when the pause key was read can still land) and returns its
// rows.
func stableRows(t *testing.T, term *tmuxTerm) [][]string {
	t.Helper()
	var last [][]string
	term.waitFor(t, "the paused table to hold still", 10*time.Second, func(s string) bool {
		rows := jobRows(s)
		same := strings.Contains(s, "⏸ paused") && len(rows) > 0 && slices.EqualFunc(rows, last, slices.Equal)
		if !same {
			last = rows
			time.Sleep(300 * time.Millisecond)
		}
		return same
	})
	return last
}

// openedJob opens the job under the cursor full screen, reads its id, and
// goes back to the table.
func openedJob(t *testing.T, term *tmuxTerm) string {
	t.Helper()
	term.keys(t, "Enter")
	screen := term.waitFor(t, "the full-screen detail", 5*time.Second, func(s string) bool {
		return detailTitle.MatchString(s) && !tableHeader.MatchString(s)
	})
	term.keys(t, "Escape")
	// The table must be back before the next keys: an Escape read together
	// with a letter is Alt and that letter.
	term.waitFor(t, "the table again", 5*time.Second, func(s string) bool {
		return tableHeader.MatchString(s) && len(jobRows(s)) > 0
	})
	return detailTitle.FindStringSubmatch(screen)[1]
}

// rowIndex is the position of the job id among rows.
func rowIndex(t *testing.T, rows [][]string, id string) int {
	t.Helper()
	i := slices.IndexFunc(rows, func(r []string) bool { return r[0] == id })
	if i < 0 {
		t.Fatalf("job %s is not among the table's rows %v", id, rows)
	}
	return i
}
