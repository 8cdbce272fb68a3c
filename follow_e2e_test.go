package main

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// arrivedLine is the marker line above the job table: how many jobs
// arrived above the window since the cursor left the top.
var arrivedLine = regexp.MustCompile(`(?m)^↑ ([0-9,]+) new  g: to the top *$`)

// TestDemoCountsNewJobsAboveTheCursor runs the real binary with --demo,
// whose world creates jobs all the time: with the cursor down the table,
// new jobs do not move it off its job; a line above the table counts them,
// and g goes up to them and the line goes.
func TestDemoCountsNewJobsAboveTheCursor(t *testing.T) {
	bin := endToEnd(t)
	term := startDemo(t, bin)
	term.keys(t, "j", "j", "j")
	screen := term.waitFor(t, "the fourth job selected", 5*time.Second, func(s string) bool {
		rows := jobRows(s)
		m := detailTitle.FindStringSubmatch(s)
		return len(rows) > 3 && m != nil && m[1] == rows[3][0]
	})
	on := detailTitle.FindStringSubmatch(screen)[1]

	// The demo creates a job every few seconds; a minute is room enough
	// on a loaded machine.
	screen = term.waitFor(t, "the marker line of new jobs", 60*time.Second, arrivedLine.MatchString)
	if got := detailTitle.FindStringSubmatch(screen); got == nil || got[1] != on {
		t.Fatalf("jobs arrived and the selection left job %s:\n%s", on, screen)
	}
	lines := strings.Split(screen, "\n")
	for i, l := range lines {
		if arrivedLine.MatchString(l) && (i+1 >= len(lines) || !tableHeader.MatchString(lines[i+1])) {
			t.Fatalf("the marker line is not right above the table's header:\n%s", screen)
		}
	}
	if !containsRow(jobRows(screen), on) {
		t.Fatalf("job %s left the screen:\n%s", on, screen)
	}

	term.keys(t, "g")
	term.waitFor(t, "the marker gone and the newest job selected", 5*time.Second, func(s string) bool {
		rows := jobRows(s)
		m := detailTitle.FindStringSubmatch(s)
		return !arrivedLine.MatchString(s) && len(rows) > 0 && m != nil && m[1] == rows[0][0]
	})
}
