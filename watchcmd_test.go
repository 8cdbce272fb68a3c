package main

import (
	"bytes"
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"superdash/api"
	"superdash/api/sim"
	"superdash/model"
)

var watchT0 = time.Date(2024, 6, 3, 9, 0, 0, 0, time.UTC)

// watchFixture is a simulator holding one upload of fresh jobs, on a
// clock that moves only when the watch pauses between polls.
type watchFixture struct {
	srv   *sim.Running
	clock *sim.ManualClock
	app   string
	jobs  []string
	batch string
}

func newWatchFixture(t *testing.T, n int) *watchFixture {
	t.Helper()
	clock := sim.NewManualClock(watchT0)
	srv, err := sim.Start(sim.Options{Seed: 2, Apps: 1, Jobs: -1, Clock: clock.Now}, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	t.Setenv("SUPERAI_API_KEY", srv.APIKey())
	f := &watchFixture{srv: srv, clock: clock, app: srv.AppIDs()[0]}
	f.jobs = srv.AddJobs(f.app, n)
	f.batch = f.job(t, f.jobs[0]).BatchID
	return f
}

// job reads a job straight from the simulator's API.
func (f *watchFixture) job(t *testing.T, id string) model.Job {
	t.Helper()
	client, err := api.New(api.Options{BaseURL: f.srv.BaseURL, APIKey: f.srv.APIKey()})
	if err != nil {
		t.Fatal(err)
	}
	j, err := client.GetJob(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return j
}

// step moves the job-th job of the fixture to a status.
type step struct {
	job int
	to  model.Status
}

// run watches with args, and on the k-th pause between polls, a second
// later, takes the k-th step: the jobs move one poll at a time.
func (f *watchFixture) run(t *testing.T, steps []step, args ...string) (stdout string, code int, err error) {
	t.Helper()
	pauses := 0
	pause := func(ctx context.Context, d time.Duration) error {
		if pauses >= len(steps) {
			t.Fatalf("still watching after %d polls", pauses+1)
		}
		f.clock.Advance(time.Second)
		f.srv.SetStatus(f.jobs[steps[pauses].job], steps[pauses].to)
		pauses++
		return nil
	}
	var out, errOut bytes.Buffer
	all := append([]string{"--config", "", "--base-url", f.srv.BaseURL, "--app", f.app}, args...)
	err = watch(context.Background(), all, &out, &errOut, pause)
	if err == nil && errOut.Len() > 0 {
		t.Errorf("stderr: %s", errOut.String())
	}
	return out.String(), statusOf(err), err
}

// statusOf is the exit status superdash ends with after err.
func statusOf(err error) int {
	if err == nil {
		return 0
	}
	return exitCode(err)
}

func TestWatchExitsZeroWhenEveryJobCompletes(t *testing.T) {
	f := newWatchFixture(t, 3)
	out, code, err := f.run(t, []step{{0, model.StatusCompleted}, {1, model.StatusInProgress}, {2, model.StatusCompleted}, {2, model.StatusCompleted}, {1, model.StatusReviewed}},
		"--batch", f.batch)
	if code != 0 {
		t.Fatalf("exit %d (%v), want 0; output:\n%s", code, err, out)
	}
	// Not a terminal: a plain line per change (a poll that saw none adds
	// none), no carriage return, no
	// escape sequence; the lines are the whole history.
	want := []string{
		"0/3 ended · completed 0 · failed 0 · canceled/expired 0 · running 0 · queued 3",
		"1/3 ended · completed 1 · failed 0 · canceled/expired 0 · running 0 · queued 2",
		"1/3 ended · completed 1 · failed 0 · canceled/expired 0 · running 1 · queued 1",
		"2/3 ended · completed 2 · failed 0 · canceled/expired 0 · running 1 · queued 0",
		"3/3 ended · completed 3 · failed 0 · canceled/expired 0 · running 0 · queued 0",
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(want) || strings.ContainsAny(out, "\r\x1b") {
		t.Fatalf("output %q, want %d plain lines", out, len(want))
	}
	for i, line := range lines {
		if w := "batch " + f.batch + ": " + want[i]; line != w {
			t.Errorf("line %d = %q, want %q", i, line, w)
		}
	}
}

// TestWatchKeepsWhatTheFilterMatched: a job the filter matched stays
// watched after it leaves the filter's statuses, so watching the moving
// jobs ends when they have ended, with their verdict.
func TestWatchKeepsWhatTheFilterMatched(t *testing.T) {
	f := newWatchFixture(t, 2)
	out, code, err := f.run(t, []step{{0, model.StatusCompleted}, {1, model.StatusCompleted}}, "--filter", "status:moving")
	if code != 0 {
		t.Fatalf("exit %d (%v), want 0; output:\n%s", code, err, out)
	}
	if !strings.Contains(out, "filter status:moving: 2/2 ended · completed 2") {
		t.Errorf("output %q does not end on both jobs completed", out)
	}
}

func TestWatchExitsOneWhenAJobFails(t *testing.T) {
	f := newWatchFixture(t, 2)
	out, code, err := f.run(t, []step{{0, model.StatusFailed}}, "--job", f.jobs[0], "--filter", "status:failed,scheduled")
	if code != 0 && code != 1 {
		t.Fatalf("exit %d (%v)", code, err)
	}
	if code != 1 || !strings.Contains(err.Error(), "1 of 1 watched jobs ended without output (1 failed") {
		t.Fatalf("exit %d (%v), want 1 naming the failure; output:\n%s", code, err, out)
	}
	if !strings.HasPrefix(out, "job "+f.jobs[0]+", filter status:failed,scheduled: 0/1 ended") {
		t.Errorf("output does not name what it watches: %q", out)
	}

	f = newWatchFixture(t, 2)
	if _, code, err = f.run(t, []step{{0, model.StatusCompleted}, {1, model.StatusExpired}}, "--batch", f.batch); code != 1 {
		t.Errorf("an expired job: exit %d (%v), want 1", code, err)
	}
}

func TestWatchExitsTwoOnErrors(t *testing.T) {
	f := newWatchFixture(t, 1)
	cases := map[string][]string{
		"matches batch no-such-batch":            {"--batch", "no-such-batch"},
		"needs something":                        {},
		"needs a value":                          {"--job"},
		"--job is given twice":                   {"--job", "1", "--job=2"},
		"not defined: --frobnicate":              {"--batch", f.batch, "--frobnicate"},
		"empty value for status":                 {"--filter", "status:"},
		"in-status: works in the dashboard only": {"--filter", "status:moving in-status:>15m"},
	}
	for want, args := range cases {
		_, code, err := f.run(t, nil, args...)
		if code != 2 || err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("watch %q: exit %d (%v), want 2 and %q", args, code, err, want)
		}
	}

	// A host that refuses connections: a port that was free a moment ago.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	var out, errOut bytes.Buffer
	err = watch(context.Background(), []string{"--config", "", "--base-url", "http://" + addr + "/v1", "--app", f.app, "--batch", f.batch, "--timeout", "2s"},
		&out, &errOut, func(context.Context, time.Duration) error { return errors.New("paused") })
	if code := statusOf(err); code != 2 || !strings.Contains(err.Error(), addr) {
		t.Errorf("refused connection: exit %d (%v), want 2 naming the host", code, err)
	}
	// What was watched, then the API's error, which names its request: the
	// app is said once.
	want := "watch batch " + f.batch + ": list jobs of app " + f.app + ": could not connect to "
	if !strings.HasPrefix(err.Error(), want) || strings.Count(err.Error(), f.app) != 1 {
		t.Errorf("refused connection: %q, want it to start %q and name the app once", err, want)
	}
}

func TestWatchHelp(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run([]string{"watch", "--help"}, &out, &errOut)
	if statusOf(err) != 0 {
		t.Fatalf("--help: %v", err)
	}
	for _, want := range []string{"Usage:\n  superdash watch --app APP", "1  one or more ended without", "&& next-step", "--interval"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("help lacks %q:\n%s", want, out.String())
		}
	}
}
