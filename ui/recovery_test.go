package ui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"superdash/api/sim"
	"superdash/internal/rawhttp"
)

// TestOutageRecoveryWithinOneInterval: the API's host goes away (it takes
// connections and drops them unanswered) for longer than the backoff
// would grow to, then comes back between two polls. While it is away,
// every poll sends one probe, one small request, and nothing else; once a
// probe is answered, the full sync starts at once, so the dashboard is
// live again within one interval of the API's return, not after a
// backoff. The server in front records what it received.
func TestOutageRecoveryWithinOneInterval(t *testing.T) {
	srv, clock := testServer(t, sim.Options{Jobs: 200, Apps: 1})
	raw, err := rawhttp.Start(srv.Server, rawhttp.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	e, m := newFaultDashboardVia(t, srv, clock, raw.URL+"/v1", 0)
	m = e.tickDue(t, m) // the first load
	requireMirrors(t, m, srv)
	app := srv.AppIDs()[0]

	raw.SetDown(true)
	m = e.tickDue(t, m) // the poll that finds the API gone
	if m.poll.Status().Err == nil || !strings.Contains(notice(m), "the connection to 127.0.0.1:") {
		t.Fatalf("a poll of the vanished API: err %v, banner %q", m.poll.Status().Err, notice(m))
	}
	requireContains(t, "the title", title(m), "retrying in 5s")

	// Two minutes away: a backoff would have grown past a minute by then.
	const probe = "GET /v1/apps/%s/jobs?page=0&size=1"
	for i := range 24 {
		before := len(raw.Requests())
		due := m.poll.Status().RetryAt
		if got := due.Sub(clock.Now()); got != pollInterval {
			t.Fatalf("poll %d of the outage: the next is %s away, want one interval, %s", i+1, got, pollInterval)
		}
		clock.Set(due)
		var cmd tea.Cmd
		m, cmd = send(m, tick(m))
		requireContains(t, "the title while probing", title(m), "⟳ probing")
		e.pump.run(cmd)
		m = e.pump.probed(t, m)
		if m.poll.Status().Syncing {
			t.Fatalf("poll %d of the outage started a sync", i+1)
		}
		got := raw.Requests()[before:]
		if len(got) != 1 || got[0].Method+" "+got[0].Target != strings.Replace(probe, "%s", app, 1) || !got[0].Unanswered {
			t.Fatalf("poll %d of the outage: the server received %s, want one probe: %s", i+1, requestLines(got), strings.Replace(probe, "%s", app, 1))
		}
		requireContains(t, "the title during the outage", title(m), "retrying in 5s")
		requireContains(t, "the banner during the outage", notice(m), "Showing the last good data.")
	}

	// Back, two seconds after a probe: the next one is answered and the
	// full sync starts with it.
	clock.Advance(2 * time.Second)
	raw.SetDown(false)
	back, before := clock.Now(), len(raw.Requests())
	m = e.pollDue(t, m)
	if !m.poll.Status().Syncing {
		t.Fatalf("the first probe after the API came back started no sync; the server received %s", requestLines(raw.Requests()[before:]))
	}
	if waited := clock.Now().Sub(back); waited > pollInterval {
		t.Fatalf("the sync started %s after the API came back, want within %s", waited, pollInterval)
	}
	m = e.pump.finish(t, m)
	if m.poll.Status().Err != nil {
		t.Fatalf("the sync after the outage failed: %v", m.poll.Status().Err)
	}
	requireContains(t, "the title after the outage", title(m), "● live · updated 0s ago")
	if got := strings.TrimSpace(notice(m)); got != "" {
		t.Fatalf("the banner after the outage: %q", got)
	}
	requireMirrors(t, m, srv)
	for _, r := range raw.Requests()[before:] {
		if r.Unanswered {
			t.Fatalf("after the API came back a request went unanswered: %s", requestLines(raw.Requests()[before:]))
		}
	}
}

func requestLines(reqs []rawhttp.Request) string {
	lines := make([]string, len(reqs))
	for i, r := range reqs {
		lines[i] = r.Method + " " + r.Target
		if r.Unanswered {
			lines[i] += " (unanswered)"
		}
	}
	return "[" + strings.Join(lines, ", ") + "]"
}
