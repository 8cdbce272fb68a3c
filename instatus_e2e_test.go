package main

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestTimeInStatusEndToEnd: in the built binary, on the demo, I opens the
// time-in-status view, and enter on a bucket goes back to the table
// filtered by that status and bucket: the query in the filter bar, every
// row in that status.
func TestTimeInStatusEndToEnd(t *testing.T) {
	term := startDemo(t, endToEnd(t))
	term.keys(t, "I")
	selected := regexp.MustCompile(`▸ ([A-Z_]+), under 5m in it: [0-9,]+ jobs?`)
	screen := term.waitFor(t, "the time-in-status view", 10*time.Second, func(s string) bool {
		return strings.Contains(s, "Time in status") && strings.Contains(s, "under 5m") && selected.MatchString(s)
	})
	status := selected.FindStringSubmatch(screen)[1]
	query := "status:" + status + " in-status:<5m"
	if !strings.Contains(screen, "  "+query) {
		t.Fatalf("the view does not show the filter enter sets (%q):\n%s", query, screen)
	}

	term.keys(t, "Enter")
	screen = term.waitFor(t, "the table filtered by the bucket", 10*time.Second, func(s string) bool {
		return strings.Contains(s, "/ "+query) && tableHeader.MatchString(s)
	})
	if strings.Contains(screen, "✗") {
		t.Errorf("the filter bar reports an error:\n%s", screen)
	}
	// The demo started seconds ago: every moving job is under 5m in.
	if len(jobRows(screen)) == 0 {
		t.Errorf("no %s job under 5m in its status on a demo just started:\n%s", status, screen)
	}
	for _, row := range jobRows(screen) {
		if row[1] != status {
			t.Errorf("job %s is %s in a table filtered by %q:\n%s", row[0], row[1], query, screen)
		}
	}
	t.Logf("%d %s rows under %q", len(jobRows(screen)), status, query)

	// I, then I again, closes the view on the table as it was.
	term.keys(t, "I")
	term.waitFor(t, "the view again", 5*time.Second, func(s string) bool { return strings.Contains(s, "Time in status") })
	term.keys(t, "I")
	term.waitFor(t, "the table again", 5*time.Second, func(s string) bool {
		return tableHeader.MatchString(s) && strings.Contains(s, "/ "+query)
	})
}
