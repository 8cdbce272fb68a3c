package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"superdash/api/sim"
	"superdash/model"
	"superdash/ui/common"
)

// TestPollingAStrictAndALenientHost: the dashboard lists its moving jobs
// with every status it knows. A lenient host matches none for a status it
// does not know; a strict one refuses the request with a 400, and the
// dashboard must then ask again with the classic statuses, on that poll
// and every one after, without the refusal ever reaching the banner. Either
// way the jobs on screen and their counts are the server's.
func TestPollingAStrictAndALenientHost(t *testing.T) {
	for _, strict := range []bool{false, true} {
		host := map[bool]string{false: "lenient", true: "strict"}[strict]
		t.Run(host, func(t *testing.T) {
			e, m := newFaultDashboard(t, sim.Options{Jobs: 300, Apps: 1, StrictStatuses: strict}, 0)
			m = e.tickDue(t, m) // the first load
			requireHostCounted(t, m, e.srv)
			for range 6 {
				// Long enough for jobs to move between moving statuses,
				// which only the listing of the moving set sees.
				e.clock.Advance(40 * time.Second)
				m = e.tickDue(t, m)
				if m.poll.Status().Err != nil {
					t.Fatalf("a poll of the %s host failed: %v", host, m.poll.Status().Err)
				}
				if got := strings.TrimSpace(notice(m)); got != "" {
					t.Fatalf("the banner after a poll of the %s host: %q, want none", host, got)
				}
			}
			m = syncNow(t, m) // lists the moving set whatever the cadence
			requireHostCounted(t, m, e.srv)
			if m.poll.State().ClassicStatuses != strict {
				t.Errorf("ClassicStatuses = %v against the %s host", m.poll.State().ClassicStatuses, host)
			}
		})
	}
}

// requireHostCounted fails unless the store mirrors the server and the
// header counts what the server holds: the total and each status.
func requireHostCounted(t *testing.T, m Model, srv *sim.Running) {
	t.Helper()
	requireMirrors(t, m, srv)
	snapshot := srv.Snapshot(m.jobs().app.UUID)
	counts := map[model.Status]int{}
	for _, st := range snapshot {
		counts[st]++
	}
	line := ansi.Strip(m.heading().countsLine()) + " " // so the last count ends in a space too
	requireContains(t, "the counts", line, common.Thousands(len(snapshot))+" jobs  ")
	for st, n := range counts {
		requireContains(t, "the counts", line, common.StatusName(st)+" "+common.Thousands(n)+" ")
	}
}
