package main

import (
	"strings"
	"testing"
	"time"

	"superdash/api/sim"
	"superdash/internal/rawhttp"
	"superdash/model"
)

// TestWatchInATerminal runs the built binary's watch in a real terminal,
// against the simulator behind a hand-written HTTP server: one progress
// line redrawn in place (an earlier state never left on screen), the bar
// drawn, exit status 1 once the last job has ended and one of them
// failed, and no request beyond the job lists a sync makes.
func TestWatchInATerminal(t *testing.T) {
	bin := endToEnd(t)
	srv, raw, app, jobs := threeJobs(t, 2)

	dir := t.TempDir()
	term := startTmux(t, dir, 160, 10,
		`SUPERAI_API_KEY="$1" "$0" watch --config "$2" --base-url "$3" --app "$4" --job "$5" --filter "status:moving" --interval 1s; echo "exit=$?"; read _`,
		bin, srv.APIKey(), emptyConfig(t, dir), raw.URL+"/v1", app, jobs[1])
	term.waitFor(t, "the first progress line", 20*time.Second, func(s string) bool {
		return strings.Contains(s, "0/1 ended")
	})
	srv.SetStatus(jobs[1], model.StatusFailed)
	screen := term.waitFor(t, "the exit", 20*time.Second, func(s string) bool { return strings.Contains(s, "exit=") })
	if !strings.Contains(screen, "exit=1") {
		t.Fatalf("want exit status 1:\n%s", screen)
	}
	if strings.Contains(screen, "0/1 ended") || strings.Count(screen, "ended ·") != 1 {
		t.Errorf("the progress line was not redrawn in place:\n%s", screen)
	}
	if !strings.Contains(screen, "✗ job "+jobs[1]+", filter status:moving: 1/1 ended · completed 0 · failed 1") {
		t.Errorf("no bar and final counts on screen:\n%s", screen)
	}
	if !strings.Contains(screen, "superdash: 1 of 1 watched jobs ended without output (1 failed, 0 canceled or expired)") {
		t.Errorf("no verdict on screen:\n%s", screen)
	}
	for _, r := range raw.Requests() {
		if r.Method != "GET" || !strings.HasPrefix(r.Target, "/v1/apps/"+app+"/jobs?") {
			t.Errorf("a request a sync does not make: %s %s", r.Method, r.Target)
		}
	}
}

// threeJobs is a simulated app of three jobs, its clock standing still,
// served by the hand-written HTTP server: what the watch tests follow to
// their end. It returns the simulator, the server, the app and the jobs.
func threeJobs(t *testing.T, seed int64) (*sim.Server, *rawhttp.Server, string, []string) {
	t.Helper()
	clock := sim.NewManualClock(watchT0)
	srv := sim.New(sim.Options{Seed: seed, Apps: 1, Jobs: -1, Clock: clock.Now})
	raw := serveRaw(t, srv, rawhttp.Options{})
	app := srv.AppIDs()[0]
	return srv, raw, app, srv.AddJobs(app, 3)
}
