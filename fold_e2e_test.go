package main

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"superdash/api/sim"
)

// TestLoadEndsWithEveryPageShown loads 3,000 jobs in 120 pages into the
// real binary in tmux, the pages a few milliseconds apart, so that most of
// them arrive within 100 ms of the sorted view's last fold and wait for
// the next. When the load is over, the table must show the newest job on
// top (it sorts newest first, and the newest jobs come in the last page):
// the last page folds in at once, not at the next poll a minute later.
func TestLoadEndsWithEveryPageShown(t *testing.T) {
	bin := endToEnd(t)
	dir := t.TempDir()
	// A still clock: the world does not move, so nothing but the load
	// changes what the table shows.
	world := sim.New(sim.Options{Seed: 5, Jobs: -1, Apps: 1,
		Clock: sim.NewManualClock(time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)).Now})
	app := world.AppIDs()[0]
	ids := world.AddJobs(app, 3000)
	newest := slices.MaxFunc(ids, func(a, b string) int {
		x, _ := strconv.ParseInt(a, 10, 64)
		y, _ := strconv.ParseInt(b, 10, 64)
		return int(x - y)
	})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(5 * time.Millisecond) // pages a few ms apart, as over a network
		world.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)

	script := `SUPERAI_API_KEY="$1" "$0" --config "$2" --base-url "$3" --app "$4" --page-size 25 --concurrency 2 --interval 60s`
	term := startTmux(t, dir, 160, 50, script, bin, world.APIKey(), emptyConfig(t, dir), srv.URL+"/v1", app)
	term.waitFor(t, "the load to end", 30*time.Second, func(s string) bool {
		return strings.Contains(s, "3,000 jobs") && !strings.Contains(s, "loading page")
	})
	term.waitFor(t, "the newest job on top", 3*time.Second, func(s string) bool {
		rows := jobRows(s)
		return len(rows) > 0 && rows[0][0] == newest
	})
}
