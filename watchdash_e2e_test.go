package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"superdash/internal/rawhttp"
	"superdash/model"
)

// TestWatchInTheDashboard runs the built binary in a real tmux against the
// simulator behind a hand-written HTTP server, watches a batch from the
// batches view (w) and ends its jobs: the toast is on screen, tmux saw
// the bell (it flags the window), and what the program wrote to the pane
// holds the OSC 9 notification once, wrapped in tmux's passthrough,
// however many syncs follow; and watching asked the server for nothing
// the syncs before it did not (a watch reads what the store holds).
func TestWatchInTheDashboard(t *testing.T) {
	bin := endToEnd(t)
	srv, raw, app, jobs := threeJobs(t, 3)

	dir := t.TempDir()
	term := startTmux(t, dir, 120, 40,
		`SUPERAI_API_KEY="$1" "$0" --config "$2" --base-url "$3" --app "$4" --interval 1s`,
		bin, srv.APIKey(), emptyConfig(t, dir), raw.URL+"/v1", app)
	// Every byte the program writes to the pane, as tmux reads it.
	written := filepath.Join(dir, "pane.out")
	term.run(t, "pipe-pane", "-O", "-t", tmuxTarget, "cat > "+written)
	term.waitFor(t, "the jobs", 20*time.Second, func(s string) bool { return strings.Contains(s, "3 jobs") })
	if flag := term.format(t, "#{window_bell_flag}"); flag != "0" {
		t.Fatalf("the window is flagged for a bell before anything ended: %q", flag)
	}
	term.keys(t, "b")
	term.waitFor(t, "the batches view", 10*time.Second, func(s string) bool { return strings.Contains(s, "0/3") })
	watchedAt := len(raw.Requests())
	term.keys(t, "w")
	term.waitFor(t, "the watch", 10*time.Second, func(s string) bool { return strings.Contains(s, "watching batch ") })
	term.keys(t, "Escape")

	for _, id := range jobs {
		srv.SetStatus(id, model.StatusCompleted)
	}
	term.waitFor(t, "the toast", 20*time.Second, func(s string) bool {
		return strings.Contains(s, "ended: 3 completed of 3 │")
	})
	deadline := time.Now().Add(10 * time.Second)
	for term.format(t, "#{window_bell_flag}") != "1" {
		if time.Now().After(deadline) {
			t.Fatal("tmux never saw a bell: the window is not flagged")
		}
		time.Sleep(50 * time.Millisecond)
	}
	// Three more syncs, each of which could tell the end again.
	after := len(raw.Requests())
	term.waitFor(t, "three more syncs", 20*time.Second, func(string) bool { return len(raw.Requests()) >= after+3 })
	term.run(t, "pipe-pane", "-t", tmuxTarget) // stops the pipe, so the file is whole
	out, err := os.ReadFile(written)
	if err != nil {
		t.Fatal(err)
	}
	var batch string // as the toast names it
	for _, line := range strings.Split(term.capture(t), "\n") {
		if !strings.Contains(line, " ended: 3 completed of 3") {
			continue
		}
		if _, rest, ok := strings.Cut(line, "✓ batch "); ok {
			batch, _, _ = strings.Cut(rest, " ")
			break
		}
	}
	want := "\x1bPtmux;\x1b\x1b]9;superdash: batch " + batch + " ended: 3 completed of 3\a\x1b\\"
	if n := strings.Count(string(out), want); n != 1 || batch == "" {
		t.Errorf("the pane received the wrapped OSC 9 notification %d times, want once: %q\nin %q", n, want, out)
	}
	if n := strings.Count(string(out), "]9;"); n != 1 {
		t.Errorf("the pane received %d OSC 9 sequences, want 1", n)
	}

	endpoint := func(r rawhttp.Request) string {
		path, _, _ := strings.Cut(r.Target, "?")
		return r.Method + " " + path
	}
	requests := raw.Requests()
	synced := map[string]bool{}
	for _, r := range requests[:watchedAt] {
		synced[endpoint(r)] = true
	}
	for _, r := range requests[watchedAt:] {
		// The detail pane fetches the output of the job under the cursor
		// once it has completed: the pane's, not the watch's.
		if strings.HasSuffix(endpoint(r), "/response") {
			continue
		}
		if !synced[endpoint(r)] {
			t.Errorf("while watching the dashboard asked for %s %s, which no sync before the watch did", r.Method, r.Target)
		}
	}
}
