package main

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"superdash/api/sim"
	"superdash/internal/rawhttp"
)

// wiredDashboard is the built binary, in tmux, talking to a simulated app
// through a hand-written HTTP server that records every request as it
// arrived: what main passed on is judged by what the server received and
// what the screen shows.
type wiredDashboard struct {
	term *tmuxTerm
	raw  *rawhttp.Server
}

// startWired runs the binary with flags against a fresh simulator (400 jobs
// on the real clock, so some are still moving), polling every second, and
// waits for its first jobs.
func startWired(t *testing.T, bin string, flags ...string) *wiredDashboard {
	t.Helper()
	world := sim.New(sim.Options{Seed: 3, Apps: 1, Jobs: 400})
	raw := serveRaw(t, world, rawhttp.Options{})
	dir := t.TempDir()
	script := `k=$1 c=$2 b=$3 a=$4; shift 4; SUPERAI_API_KEY="$k" "$0" --config "$c" --base-url "$b" --app "$a" --interval 1s "$@"`
	args := append([]string{bin, world.APIKey(), emptyConfig(t, dir), raw.URL + "/v1", world.AppIDs()[0]}, flags...)
	term := startTmux(t, dir, 160, 45, script, args...)
	term.waitFor(t, "the first jobs", 15*time.Second, func(s string) bool { return len(jobRows(s)) > 0 })
	return &wiredDashboard{term: term, raw: raw}
}

// requests lists "METHOD target" for every request the server received.
func (d *wiredDashboard) requests() []string {
	var out []string
	for _, r := range d.raw.Requests() {
		out = append(out, r.Method+" "+r.Target)
	}
	return out
}

// waitForPolls waits until the server has received n more job lists: the
// dashboard has gone on working past whatever was typed before.
func (d *wiredDashboard) waitForPolls(t *testing.T, n int) {
	t.Helper()
	lists := func() int {
		count := 0
		for _, r := range d.requests() {
			if strings.HasPrefix(r, "GET /v1/apps/") && strings.Contains(r, "/jobs") {
				count++
			}
		}
		return count
	}
	want := lists() + n
	waitUntil(t, "more polls", 15*time.Second, func() bool { return lists() >= want })
}

const readOnlyNotice = "read-only: cancel and restart are off"

// TestFlagsReachTheDashboard: the flags main reads must reach the
// dashboard and the syncer, not only the config.
func TestFlagsReachTheDashboard(t *testing.T) {
	bin := endToEnd(t)

	// --read-only: a cancel is refused on screen, and neither it nor a
	// confirmed bulk cancel of every moving job sends anything.
	t.Run("read-only", func(t *testing.T) {
		d := startWired(t, bin, "--read-only")
		d.term.keys(t, "c")
		d.term.waitFor(t, "the read-only notice", 5*time.Second, func(s string) bool { return strings.Contains(s, readOnlyNotice) })
		d.term.keys(t, "M", "V", "c", "y")
		d.waitForPolls(t, 3)
		for _, r := range d.requests() {
			if !strings.HasPrefix(r, "GET ") {
				t.Errorf("a read-only dashboard sent %s", r)
			}
		}
	})

	// --filter: the dashboard opens filtered, the header saying so.
	t.Run("filter", func(t *testing.T) {
		d := startWired(t, bin, "--filter", "status:failed")
		screen := d.term.waitFor(t, "the filtered count", 10*time.Second, func(s string) bool {
			return filteredCount.MatchString(s)
		})
		m := filteredCount.FindStringSubmatch(screen)
		if m[1] == m[2] || m[1] == "0" {
			t.Fatalf("the header counts %s of %s jobs: not filtered to the failed ones:\n%s", m[1], m[2], screen)
		}
		for _, row := range jobRows(screen) {
			if row[1] != "FAILED" {
				t.Fatalf("opened with --filter status:failed, the table shows job %s %s:\n%s", row[0], row[1], screen)
			}
		}
	})

	// --since: every job list asks for createdStartDate no earlier than
	// that long before this machine's now, and the first, the full load,
	// for exactly that (give or take the test's own pace).
	t.Run("since", func(t *testing.T) {
		const since = 20 * time.Minute
		d := startWired(t, bin, "--since", "20m")
		d.waitForPolls(t, 2)
		var starts []time.Time
		for _, r := range d.raw.Requests() {
			u, err := url.Parse(r.Target)
			if err != nil || r.Method != "GET" || !strings.HasSuffix(u.Path, "/jobs") {
				continue
			}
			start, err := time.Parse(time.RFC3339, u.Query().Get("createdStartDate"))
			if err != nil {
				t.Fatalf("with --since 20m, a job list went without a createdStartDate: %s", r.Target)
			}
			if edge := time.Now().Add(-since - time.Minute); start.Before(edge) {
				t.Fatalf("with --since 20m, a job list asked for jobs created from %v, before %v: %s", start, edge, r.Target)
			}
			starts = append(starts, start)
		}
		if len(starts) == 0 {
			t.Fatalf("no job list among the requests: %v", d.requests())
		}
		if edge := time.Now().Add(-since); starts[0].Before(edge.Add(-time.Minute)) || starts[0].After(edge.Add(time.Minute)) {
			t.Errorf("with --since 20m, the first load asked for jobs created from %v, want about %v", starts[0], edge)
		}
	})
}

var filteredCount = regexp.MustCompile(`(?m)^([0-9,]+) of ([0-9,]+) jobs`)
