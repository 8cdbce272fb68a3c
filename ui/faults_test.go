package ui

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"superdash/api"
	"superdash/api/sim"
	"superdash/model"
	"superdash/ui/common"
)

// Failing networks: the dashboard against the simulator's fault switches,
// over loopback HTTP, on the simulator's manual clock. In every case the
// last good data stays on screen with its age, the banner says what is
// wrong in plain words, the retries back off, and once the fault clears
// the next due tick brings the dashboard back to live, with the store
// equal to the server.

func TestFaultsKeepTheDataAndRecover(t *testing.T) {
	for _, fc := range faultCases {
		t.Run(fc.name, func(t *testing.T) {
			e, m := newFaultDashboard(t, sim.Options{Jobs: 300, Apps: 1}, fc.timeout)
			m = e.tickDue(t, m) // the first load
			if m.poll.Status().Err != nil || m.poll.Store().Len() == 0 {
				t.Fatalf("first load: %d jobs, err %v", m.poll.Store().Len(), m.poll.Status().Err)
			}
			requireMirrors(t, m, e.srv)
			lastOK := m.poll.Status().LastOK
			held := m.poll.Store().Keys()

			fc.on(e.srv)
			failures := 0
			for i := range max(len(fc.waits), 8) {
				if !fc.flaky && i == len(fc.waits) {
					break
				}
				before := e.clock.Now()
				asked := e.srv.Stats().Endpoints
				if fc.probes && i > 0 {
					m = e.pollDue(t, m)
					requireOneProbe(t, asked, e.srv.Stats().Endpoints)
				} else {
					m = e.tickDue(t, m)
				}
				if m.poll.Status().Err == nil {
					if !fc.flaky {
						t.Fatalf("sync %d under %s succeeded", i+1, fc.name)
					}
					lastOK, held = m.poll.Status().LastOK, m.poll.Store().Keys()
					continue
				}
				failures++
				requireKeepsData(t, m, held, lastOK, e.clock.Now())
				banner := notice(m)
				requireContains(t, "the banner", banner, "⚠ ")
				for _, words := range fc.banner {
					requireContains(t, "the banner", banner, words)
				}
				requireNotContains(t, "the banner", banner, e.srv.APIKey())
				if fc.flaky {
					continue
				}
				// The backoff: the header counts down to the retry, and the
				// retry is not before it.
				wait := time.Duration(fc.waits[i]) * time.Second
				if got := m.poll.Status().RetryAt.Sub(e.clock.Now()); got != wait {
					t.Fatalf("failure %d: the retry is %s away, want %s (after the sync at %v)", i+1, got, wait, before)
				}
				requireContains(t, "the title", title(m), "retrying in "+common.Age(wait))
				if fc.probes {
					continue // a tick sends a probe whenever it comes
				}
				e.clock.Set(m.poll.Status().RetryAt.Add(-time.Second))
				requests := e.srv.Stats().Requests
				if early := update(m, tick(m)); early.poll.Status().Syncing || e.srv.Stats().Requests != requests {
					t.Fatalf("failure %d: a tick a second before the retry synced", i+1)
				}
			}
			// The fault clears during an outage: a flaky API is polled on
			// until a sync fails.
			for i := 0; m.poll.Status().Err == nil && i < 50; i++ {
				m = e.tickDue(t, m)
				if m.poll.Status().Err != nil {
					failures++
				}
			}
			if failures == 0 || m.poll.Status().Err == nil {
				t.Fatalf("%s never failed a sync: the test proves nothing", fc.name)
			}

			// While the API was down, jobs moved on: one of each kind of
			// move a poll must see (between two moving statuses, to an
			// ended one), whatever the simulation did meanwhile.
			moveDuringOutage(t, e.srv, m.jobs().app.UUID)

			// The fault clears; the next due tick brings the dashboard back.
			e.srv.SetFaults(sim.Faults{})
			e.srv.FailNext(0, 0, "")
			m = e.tickDue(t, m)
			if m.poll.Status().Err != nil {
				t.Fatalf("the first sync after the fault cleared failed: %v", m.poll.Status().Err)
			}
			if got := strings.TrimSpace(notice(m)); got != "" {
				t.Fatalf("the banner after recovering: %q, want none", got)
			}
			requireContains(t, "the title after recovering", title(m), "● live · updated 0s ago")
			requireMirrors(t, m, e.srv)
			if !m.poll.Status().RetryAt.IsZero() || m.poll.Status().Failures != 0 {
				t.Fatalf("after recovering: retry at %v, %d failures; want the backoff reset", m.poll.Status().RetryAt, m.poll.Status().Failures)
			}
		})
	}
}

// requireOneProbe fails unless the server was asked one thing between the
// counts before and after: one list of jobs, the probe.
func requireOneProbe(t *testing.T, before, after map[string]int) {
	t.Helper()
	for endpoint, n := range after {
		want := before[endpoint]
		if endpoint == sim.EndpointListJobs {
			want++
		}
		if n != want {
			t.Fatalf("a due tick while the API was out of reach sent %d requests to %s, want %d", n-before[endpoint], endpoint, want-before[endpoint])
		}
	}
}

// moveDuringOutage moves a scheduled job to IN_PROGRESS and an in-progress
// one to COMPLETED on the server.
func moveDuringOutage(t *testing.T, srv *sim.Running, app string) {
	t.Helper()
	moves := map[model.Status]model.Status{
		model.StatusScheduled:  model.StatusInProgress,
		model.StatusInProgress: model.StatusCompleted,
	}
	snap := srv.Snapshot(app)
	ids := make([]string, 0, len(snap))
	for id := range snap {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for from, to := range moves {
		i := slices.IndexFunc(ids, func(id string) bool { return snap[id] == from })
		if i < 0 {
			t.Fatalf("no %s job on the server to move", from)
		}
		srv.SetStatus(ids[i], to)
	}
}

// requireKeepsData checks that a failed sync left the last good data on
// screen, with its age.
func requireKeepsData(t *testing.T, m Model, held []string, lastOK, now time.Time) {
	t.Helper()
	for _, key := range held {
		if _, ok := m.poll.Store().Get(key); !ok {
			t.Fatalf("a failed sync dropped job %s from the store", key)
		}
	}
	if m.jobs().table.Len() != m.poll.Store().Len() {
		t.Fatalf("the table shows %d rows, the store holds %d jobs", m.jobs().table.Len(), m.poll.Store().Len())
	}
	if !m.poll.Status().LastOK.Equal(lastOK) {
		t.Fatalf("a failed sync moved the time of the last good data from %v to %v", lastOK, m.poll.Status().LastOK)
	}
	age := common.Age(now.Sub(lastOK))
	requireContains(t, "the title", title(m), "updated "+age+" ago")
	if now.Sub(lastOK) > 2*pollInterval {
		requireContains(t, "the title", title(m), "STALE")
	}
	screen := ansi.Strip(m.View())
	requireFits(t, screen, m.width, m.height)
	if j, ok := m.jobs().table.Selected(); !ok || !strings.Contains(screen, j.Key()) {
		t.Fatalf("the jobs are not on screen after a failed sync:\n%s", screen)
	}
}

// TestClientRetriesBackOff: within one call the client waits longer after
// each failed attempt (full jitter, here at its cap: 500ms, 1s, 2s), and
// never retries what cannot help.
func TestClientRetriesBackOff(t *testing.T) {
	e, m := newFaultDashboard(t, sim.Options{Jobs: 50, Apps: 1}, 0)
	m = e.tickDue(t, m)
	e.takeSleeps()
	e.srv.FailNext(1<<20, http.StatusServiceUnavailable, "")
	m = e.tickDue(t, m)
	if m.poll.Status().Err == nil {
		t.Fatal("the sync succeeded")
	}
	want := []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second}
	if got := e.takeSleeps(); !slices.Equal(got, want) {
		t.Fatalf("the client waited %v between attempts, want %v", got, want)
	}

	// A 401 is not retried: the key will not get better by asking again.
	e.srv.FailNext(1<<20, http.StatusUnauthorized, "")
	m = e.tickDue(t, m)
	if !api.IsUnauthorized(m.poll.Status().Err) {
		t.Fatalf("err = %v, want a 401", m.poll.Status().Err)
	}
	if got := e.takeSleeps(); len(got) != 0 {
		t.Fatalf("the client retried a 401, waiting %v", got)
	}
}

// TestBannerSaysWhatIsWrongPlainly: on the classic 120-column terminal
// the banner of every failure the API can answer with says, in plain
// words, what is wrong and what happens or what to do: not only the
// server's own text and a status code.
func TestBannerSaysWhatIsWrongPlainly(t *testing.T) {
	for _, tc := range []struct {
		status int
		want   []string
	}{
		// Whatever the server's own text: the reason in our words first.
		{http.StatusInternalServerError, []string{"⚠ the API"}},
		{http.StatusBadGateway, []string{"⚠ the API's gateway could not get an answer from it"}},
		{http.StatusServiceUnavailable, []string{"⚠ the API is unavailable right now"}},
		{http.StatusGatewayTimeout, []string{"⚠ the API's gateway could not get an answer from it"}},
		{http.StatusTooManyRequests, []string{"⚠ the API is limiting how often it may be called"}},
		// And for a refused key, what to do.
		{http.StatusUnauthorized, []string{"API key", "press r"}},
	} {
		for _, w := range []int{120, 80} {
			t.Run(fmt.Sprintf("%d at %d columns", tc.status, w), func(t *testing.T) {
				e, m := newFaultDashboard(t, sim.Options{Jobs: 20, Apps: 1}, 0)
				m = update(m, tea.WindowSizeMsg{Width: w, Height: 24})
				m = e.tickDue(t, m)
				e.srv.FailNext(1<<20, tc.status, "")
				m = e.tickDue(t, m)
				for _, want := range tc.want {
					requireContains(t, "the banner", notice(m), want)
				}
			})
		}
	}
}
