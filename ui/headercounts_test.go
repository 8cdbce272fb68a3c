package ui

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"superdash/api/sim"
	"superdash/model"
)

// manyStatuses is an app's worth of jobs in seven statuses, more than an
// 80-column counts line holds by their full names.
func manyStatuses() []model.Status {
	var out []model.Status
	for _, sc := range []model.StatusCount{
		{Status: model.StatusScheduled, Count: 15}, {Status: model.StatusInProgress, Count: 10},
		{Status: model.StatusSuspended, Count: 4}, {Status: model.StatusCompleted, Count: 807},
		{Status: model.StatusFailed, Count: 75}, {Status: model.StatusCanceled, Count: 19},
		{Status: model.StatusExpired, Count: 71},
	} {
		for range sc.Count {
			out = append(out, sc.Status)
		}
	}
	return out
}

// TestHeaderAtEveryWidth: the header at 200, 120, 80 and 60 columns, with
// no filter, then with one. The counts line gives way by words (short
// names, then only the statuses that want a look), never by cutting
// FAILED off; under a filter it counts the jobs the table shows.
func TestHeaderAtEveryWidth(t *testing.T) {
	srv, _ := testServer(t, sim.Options{Jobs: -1})
	for _, w := range []int{200, 120, 80, 60} {
		t.Run(fmt.Sprintf("%d", w), func(t *testing.T) {
			m := loaded(newTestModel(t, srv, srv.AppIDs()[0], w, 20), testJobs(t, manyStatuses()...))
			all := headerOf(m)
			m = keys(m, "/", "status:fail,exp tag:t1", "enter")
			filtered := headerOf(m)
			for _, h := range []string{all, filtered} {
				counts := strings.Split(h, "\n")[1]
				if !strings.Contains(counts, "FAIL") || strings.Contains(counts, "…") {
					t.Errorf("at %d columns the counts line was cut or lost FAILED:\n%s", w, h)
				}
			}
			requireGolden(t, "no filter:\n"+all+"\nstatus:fail,exp tag:t1:\n"+filtered)
		})
	}
}

// headerOf is the header's lines as plain text.
func headerOf(m Model) string {
	lines := strings.Split(ansi.Strip(m.View()), "\n")
	return strings.Join(lines[:headerLines], "\n")
}

// TestBannerBeforeAnyData: when the host never answered there is no last
// good data to point to, and the banner must not claim there is.
func TestBannerBeforeAnyData(t *testing.T) {
	srv, _ := testServer(t, sim.Options{Jobs: 10})
	srv.FailNext(1000, http.StatusServiceUnavailable, "")
	m := newTestModel(t, srv, srv.AppIDs()[0], 120, 40)
	m = syncNow(t, m)
	requireContains(t, "the banner", notice(m), "Nothing loaded yet.")
	requireNotContains(t, "the banner", notice(m), "last good data")
}
