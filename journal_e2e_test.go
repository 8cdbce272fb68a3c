package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"superdash/api/sim"
)

// TestJournalSurvivesKill9MidBulk kills the real binary with SIGKILL in
// the middle of a bulk cancel, and holds the journal to what the server
// received: every cancel POST that reached the server has a "sending"
// line, and every one whose answer reached the dashboard (and was read
// back) has its outcome too. A dashboard started afterwards shows the
// ones without an outcome as sent, outcome unknown.
//
// The server answers each cancel after 150 ms, as a slow API does, and
// from the eighth on answers none until the dashboard is dead, so the
// kill always lands with requests out.
func TestJournalSurvivesKill9MidBulk(t *testing.T) {
	bin := endToEnd(t)
	const jobs, answered = 20, 7
	dir := t.TempDir()
	config := emptyConfig(t, dir)
	state := filepath.Join(dir, "state")
	journalFile := filepath.Join(state, "superdash", "journal.jsonl")

	// A still clock: the jobs stay SCHEDULED, cancellable, until canceled.
	world := sim.New(sim.Options{Jobs: -1, Apps: 1, Clock: sim.NewManualClock(time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)).Now})
	app := world.AppIDs()[0]
	world.AddJobs(app, jobs)
	api := &slowCancels{next: world, answerFirst: answered, delay: 150 * time.Millisecond, release: make(chan struct{})}
	srv := httptest.NewServer(api)
	t.Cleanup(srv.Close)
	t.Cleanup(api.releaseHeld) // before Close, which waits for the held requests

	script := `XDG_STATE_HOME="$1" SUPERAI_API_KEY="$2" "$0" --config "$3" --base-url "$4" --app "$5"; echo "e2e: exited $?"; read _`
	term := startTmux(t, dir, 160, 50, script, bin, state, world.APIKey(), config, srv.URL+"/v1", app)
	term.waitFor(t, "the jobs", 15*time.Second, func(s string) bool { return len(jobRows(s)) == jobs })
	term.keys(t, "V")
	term.waitFor(t, "the marks", 5*time.Second, func(s string) bool { return strings.Contains(s, "20 marked") })
	term.keys(t, "c")
	term.waitFor(t, "the dialog", 5*time.Second, func(s string) bool { return strings.Contains(s, "Cancel 20 marked jobs?") })
	term.keys(t, "y")

	// Kill once the answered requests are recorded and others are out.
	waitUntil(t, "the answered cancels recorded and more sent", 20*time.Second, func() bool {
		received, done := api.seen()
		return len(received) > answered && len(done) == answered && hasOutcomes(readJournalLines(t, journalFile), done)
	})
	signalDashboard(t, term, syscall.SIGKILL)
	term.waitFor(t, "the dashboard killed", 10*time.Second, func(s string) bool { return strings.Contains(s, "e2e: exited 137") })

	received, done := api.seen()
	lines := readJournalLines(t, journalFile)
	sending := map[string]string{} // entry id by job
	outcomes := map[string]journalLine{}
	for _, l := range lines {
		switch l.Phase {
		case "sending":
			sending[l.JobID] = l.Entry
		case "outcome":
			outcomes[l.Entry] = l
		default:
			t.Errorf("a journal line of no phase: %+v", l)
		}
	}
	for _, id := range received {
		if _, ok := sending[id]; !ok {
			t.Errorf("the server received the cancel of job %s; the journal has no line of it", id)
		}
	}
	for _, id := range done {
		if o, ok := outcomes[sending[id]]; !ok || o.Outcome != "done" || o.Status != "CANCELED" || o.JobID != id {
			t.Errorf("job %s was canceled and read back; its outcome line is %+v (found %v)", id, o, ok)
		}
	}
	unpaired := len(sending) - len(outcomes)
	t.Logf("server received %d cancels, answered %d; journal: %d sending, %d outcomes", len(received), len(done), len(sending), len(outcomes))
	if len(outcomes) != len(done) || unpaired < len(received)-len(done) {
		t.Fatalf("%d outcome lines for %d answers, %d sending lines without one for %d requests unanswered",
			len(outcomes), len(done), unpaired, len(received)-len(done))
	}

	// A new dashboard reads the journal: the unanswered ones were sent by
	// a process that is gone.
	again := startTmux(t, t.TempDir(), 160, 50, script, bin, state, world.APIKey(), config, srv.URL+"/v1", app)
	again.waitFor(t, "the jobs", 15*time.Second, func(s string) bool { return len(jobRows(s)) == jobs })
	again.keys(t, "L")
	screen := again.waitFor(t, "the journal", 10*time.Second, func(s string) bool {
		return strings.Contains(s, "Action journal") && strings.Count(s, " done ") == len(done)
	})
	if got := strings.Count(screen, "sent, outcome unknown (superdash stopped)"); got != unpaired {
		t.Errorf("the journal screen shows %d actions as sent, outcome unknown; want %d:\n%s", got, unpaired, screen)
	}
	if strings.Contains(screen, "sending…") {
		t.Errorf("the journal screen shows an action of the killed dashboard as still sending:\n%s", screen)
	}
	again.keys(t, "q")
	again.waitFor(t, "the second dashboard to exit", 10*time.Second, func(s string) bool { return strings.Contains(s, "e2e: exited 0") })
}

// slowCancels is the API in front of the simulator: it notes every cancel
// POST as it arrives, answers the first answerFirst after delay each, and
// holds the rest unanswered until released.
type slowCancels struct {
	next        http.Handler
	answerFirst int
	delay       time.Duration
	release     chan struct{}
	once        sync.Once

	mu       sync.Mutex
	received []string // job ids, in the order their cancels arrived
	answered []string // job ids whose cancel was answered
}

func (s *slowCancels) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	id, isCancel := strings.CutSuffix(strings.TrimPrefix(r.URL.Path, "/v1/jobs/"), "/cancel")
	if r.Method != http.MethodPost || !isCancel {
		s.next.ServeHTTP(w, r)
		return
	}
	s.mu.Lock()
	s.received = append(s.received, id)
	n := len(s.received)
	s.mu.Unlock()
	wait := time.After(s.delay)
	if n > s.answerFirst {
		wait = nil // only the release, or the client gone
	}
	select {
	case <-wait:
	case <-s.release:
		panic(http.ErrAbortHandler) // the test is over: no answer
	case <-r.Context().Done():
		panic(http.ErrAbortHandler) // the dashboard is gone: no one to answer
	}
	s.next.ServeHTTP(w, r)
	s.mu.Lock()
	s.answered = append(s.answered, id)
	s.mu.Unlock()
}

func (s *slowCancels) releaseHeld() { s.once.Do(func() { close(s.release) }) }

// seen is what arrived and what was answered so far.
func (s *slowCancels) seen() (received, answered []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.received...), append([]string(nil), s.answered...)
}

// journalLine is a line of the journal file, as the test reads it.
type journalLine struct {
	Entry   string `json:"entry"`
	Phase   string `json:"phase"`
	JobID   string `json:"job_id"`
	Outcome string `json:"outcome"`
	Status  string `json:"status"`
}

// readJournalLines reads the journal file line by line; a missing file
// has none.
func readJournalLines(t *testing.T, path string) []journalLine {
	t.Helper()
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var out []journalLine
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		var l journalLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("journal line %q: %v", sc.Text(), err)
		}
		out = append(out, l)
	}
	return out
}

// hasOutcomes reports whether every job of ids has a line with its
// outcome (of whichever format: the waiting must not hide what the test
// then asserts).
func hasOutcomes(lines []journalLine, ids []string) bool {
	ended := map[string]bool{}
	for _, l := range lines {
		if l.Outcome != "" {
			ended[l.JobID] = true
		}
	}
	for _, id := range ids {
		if !ended[id] {
			return false
		}
	}
	return true
}

// waitUntil polls ok until it holds, for at most limit.
func waitUntil(t *testing.T, what string, limit time.Duration, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("waited %s for %s", limit, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestDemoJournalEntryAndJump cancels a job on the demo, whose world runs
// twenty times faster than the wall clock, and reads it back as the user
// does: enter on the journal's newest entry shows it in full, at the
// demo's clock (never before the job was created), and J shows the job
// in the table with its detail.
func TestDemoJournalEntryAndJump(t *testing.T) {
	bin := endToEnd(t)
	started := time.Now()
	term := startDemo(t, bin)
	// By now the demo's world is a minute ahead of the wall clock.
	time.Sleep(time.Until(started.Add(4 * time.Second)))

	var id string
	for try := 0; id == "" && try < 15; try++ {
		term.keys(t, "c")
		screen := term.waitFor(t, "the cancel dialog or why not", 5*time.Second, func(s string) bool {
			return cancelDialog.MatchString(s) || strings.Contains(s, "nothing sent")
		})
		if m := cancelDialog.FindStringSubmatch(screen); m != nil {
			id = m[1]
			break
		}
		term.keys(t, "j") // not cancellable: the next job
	}
	if id == "" {
		t.Fatal("no cancellable job in the demo's first fifteen rows")
	}
	sentBy := time.Now()
	term.keys(t, "y")
	term.waitFor(t, "the cancel's answer", 10*time.Second, func(s string) bool { return strings.Contains(s, "job "+id+" ") && !cancelDialog.MatchString(s) })

	term.keys(t, "L")
	term.waitFor(t, "the journal of the demo's app", 5*time.Second, func(s string) bool {
		return strings.Contains(s, "Action journal · ") && strings.Contains(s, "  "+id+"  ")
	})
	term.keys(t, "Enter")
	screen := term.waitFor(t, "the entry in full", 5*time.Second, func(s string) bool {
		return strings.Contains(s, "Journal entry · cancel of job "+id) && entryTime.MatchString(s)
	})
	sent, err := time.Parse("2006-01-02 15:04:05.000 MST", entryTime.FindStringSubmatch(screen)[1])
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^job +`+id+` *$`).MatchString(screen) || !strings.Contains(screen, "outcome ") {
		t.Errorf("the entry does not show its job and outcome:\n%s", screen)
	}
	if ahead := sent.Sub(sentBy); ahead < 30*time.Second {
		t.Errorf("the cancel is recorded at %s, %s from the wall clock's %s: not the demo's clock, which runs ahead", sent, ahead, sentBy.UTC())
	}

	term.keys(t, "J")
	screen = term.waitFor(t, "the job in the table", 5*time.Second, func(s string) bool {
		m := detailTitle.FindStringSubmatch(s)
		return tableHeader.MatchString(s) && m != nil && m[1] == id && createdField.MatchString(s)
	})
	created, err := time.Parse("2006-01-02 15:04:05 MST", createdField.FindStringSubmatch(screen)[1])
	if err != nil {
		t.Fatal(err)
	}
	if sent.Before(created) {
		t.Errorf("the journal says job %s was canceled at %s, before it was created at %s:\n%s", id, sent, created, screen)
	}
}

var (
	cancelDialog = regexp.MustCompile(`Cancel job ([0-9]+)\?`)
	entryTime    = regexp.MustCompile(`(?m)^time +([0-9-]+ [0-9:.]+ UTC)`)
	createdField = regexp.MustCompile(`(?m)^│created +([0-9-]+ [0-9:]+ UTC)`)
)
