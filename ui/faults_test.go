package ui

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"superdash/api"
	"superdash/api/sim"
	"superdash/model"
	"superdash/ui/common"
	"superdash/ui/poller"
)

// Failing networks: the dashboard against the simulator's fault switches,
// over loopback HTTP, on the simulator's manual clock. In every case the
// last good data stays on screen with its age, the banner says what is
// wrong in plain words, the retries back off, and once the fault clears
// the next due tick brings the dashboard back to live, with the store
// equal to the server.

// faultEnv is one dashboard against one simulator, driven tick by tick.
type faultEnv struct {
	srv   *sim.Running
	clock *sim.ManualClock
	pump  *pump
	// sleeps are the waits the client asked for between attempts of one
	// call; they pass at once.
	mu     sync.Mutex
	sleeps []time.Duration
}

func (e *faultEnv) sleep(ctx context.Context, d time.Duration) error {
	e.mu.Lock()
	e.sleeps = append(e.sleeps, d)
	e.mu.Unlock()
	return ctx.Err()
}

func (e *faultEnv) takeSleeps() []time.Duration {
	e.mu.Lock()
	defer e.mu.Unlock()
	s := e.sleeps
	e.sleeps = nil
	return s
}

// newFaultDashboard is newPollModel with a client whose attempts time out
// after timeout, whose backoff jitter takes the longest wait allowed (so
// the waits can be checked) and whose waits are recorded, not slept.
func newFaultDashboard(t *testing.T, opts sim.Options, timeout time.Duration) (*faultEnv, Model) {
	t.Helper()
	srv, clock := testServer(t, opts)
	return newFaultDashboardVia(t, srv, clock, srv.BaseURL, timeout)
}

// newFaultDashboardVia is newFaultDashboard on srv and its clock (from
// testServer) with the client pointed at baseURL: srv itself, or a server
// in front of it.
func newFaultDashboardVia(t *testing.T, srv *sim.Running, clock *sim.ManualClock, baseURL string, timeout time.Duration) (*faultEnv, Model) {
	t.Helper()
	e := &faultEnv{srv: srv, clock: clock}
	transport := http.DefaultTransport.(*http.Transport).Clone()
	t.Cleanup(transport.CloseIdleConnections)
	client, err := api.New(api.Options{
		BaseURL:    baseURL,
		APIKey:     srv.APIKey(),
		KeySource:  "the test",
		Timeout:    timeout,
		HTTPClient: &http.Client{Transport: transport},
		Sleep:      e.sleep,
		Jitter:     func(max time.Duration) time.Duration { return max },
	})
	if err != nil {
		t.Fatal(err)
	}
	c := common.New()
	c.Now, c.JobNow = clock.Now, clock.Now
	m := New(Options{Client: client, AppID: srv.AppIDs()[0], Interval: pollInterval, Common: c})
	t.Cleanup(m.Close)
	m.header.clockArmed = true // no 1 s redraw timer: see newPollModel
	e.pump = newPump(t)
	return e, update(m, tea.WindowSizeMsg{Width: 200, Height: 40})
}

// pump runs commands as the program does, each on a goroutine of its
// own, and hands their messages back. Unlike msgsOf it never waits for a
// command: the poll timer's command blocks for an interval of real time,
// and only ends early when the dashboard closes.
type pump struct {
	out  chan tea.Msg
	done chan struct{}
}

func newPump(t *testing.T) *pump {
	p := &pump{out: make(chan tea.Msg), done: make(chan struct{})}
	// Runs before the dashboard's Close (cleanups run last-in first-out):
	// no message is delivered after the test; the timers still pending
	// then end with the dashboard's context.
	t.Cleanup(func() { close(p.done) })
	return p
}

func (p *pump) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() {
		msg := cmd()
		if batch, ok := msg.(tea.BatchMsg); ok {
			for _, c := range batch {
				p.run(c)
			}
			return
		}
		if msg == nil {
			return
		}
		select {
		case p.out <- msg:
		case <-p.done:
		}
	}()
}

// finish feeds the pages and the end of the sync in flight into m until
// the sync is over. Ticks that fire meanwhile are dropped: the test
// delivers ticks itself, when the manual clock says they are due.
func (p *pump) finish(t *testing.T, m Model) Model {
	t.Helper()
	deadline := time.After(time.Minute)
	for m.poll.Status().Syncing {
		select {
		case msg := <-p.out:
			switch msg := msg.(type) {
			case poller.PageMsg:
				var next tea.Cmd
				m, next = send(m, msg)
				p.run(next)
			case poller.DoneMsg:
				// Its command is the retry timer, a real wait: the test
				// delivers the retry's tick itself.
				m, _ = send(m, msg)
			}
		case <-deadline:
			t.Fatal("the sync did not end within a minute")
		}
	}
	return m
}

// probed waits for the answer of the probe in flight and feeds it into m,
// running what it starts (a sync, when the API answered).
func (p *pump) probed(t *testing.T, m Model) Model {
	t.Helper()
	deadline := time.After(time.Minute)
	for m.poll.Status().ProbeSent {
		select {
		case msg := <-p.out:
			if pm, ok := msg.(poller.ProbedMsg); ok {
				var next tea.Cmd
				m, next = send(m, pm)
				p.run(next)
			}
		case <-deadline:
			t.Fatal("the probe did not end within a minute")
		}
	}
	return m
}

// tickDue moves the clock to when the next sync is due (the end of the
// backoff, or one interval on) and delivers the tick, and fails unless a
// sync starts: from the tick, or from the answer of the probe it sent. It
// runs that sync to its end.
func (e *faultEnv) tickDue(t *testing.T, m Model) Model {
	t.Helper()
	m = e.pollDue(t, m)
	if !m.poll.Status().Syncing {
		t.Fatalf("the tick due at %v started no sync", e.clock.Now())
	}
	return e.pump.finish(t, m)
}

// pollDue moves the clock to when the next tick is due (the end of the
// backoff, the next probe, or one interval on), delivers the tick and
// waits for the probe it sent, if it sent one. A sync started is left
// running.
func (e *faultEnv) pollDue(t *testing.T, m Model) Model {
	t.Helper()
	due := m.poll.Status().RetryAt
	if due.IsZero() {
		due = e.clock.Now().Add(pollInterval)
	}
	e.clock.Set(due)
	m, cmd := send(m, tick(m))
	e.pump.run(cmd)
	return e.pump.probed(t, m)
}

// requireMirrors fails unless the store holds exactly the server's jobs,
// each in the server's status.
func requireMirrors(t *testing.T, m Model, srv *sim.Running) {
	t.Helper()
	want := srv.Snapshot(m.jobs().app.UUID)
	got := make(map[string]model.Status, m.poll.Store().Len())
	m.poll.Store().Each(func(j *model.Job) bool {
		got[j.Key()] = j.Status
		return true
	})
	var diffs []string
	for id, st := range want {
		if g, ok := got[id]; !ok {
			diffs = append(diffs, fmt.Sprintf("%s missing (server: %s)", id, st))
		} else if g != st {
			diffs = append(diffs, fmt.Sprintf("%s is %s, server says %s", id, g, st))
		}
	}
	for id := range got {
		if _, ok := want[id]; !ok {
			diffs = append(diffs, id+" is not on the server")
		}
	}
	if len(diffs) > 0 {
		slices.Sort(diffs)
		t.Fatalf("the store (%d jobs) differs from the server (%d jobs): %d differences, first: %s",
			len(got), len(want), len(diffs), strings.Join(diffs[:min(len(diffs), 5)], "; "))
	}
}

// faultCases are the faults of issue 8, each as the simulator makes it and
// as the banner must word it.
var faultCases = []struct {
	name    string
	timeout time.Duration // of each attempt; 0 for the client's default
	on      func(*sim.Running)
	banner  []string // what the banner must say, in plain words
	// waits are the backoffs, in seconds, after the first failures in a
	// row: doubling from one interval (5 s), or longer when the API asks.
	waits []int
	// flaky faults fail some syncs only: no fixed backoff to check.
	flaky bool
	// probes: a connection error, after which each due tick sends one
	// probe, not a sync, until the API answers one (waits are then the
	// time to the next probe).
	probes bool
}{
	{
		name:  "30% of responses 5xx",
		on:    func(s *sim.Running) { s.SetFaults(sim.Faults{ErrorRate: 0.3}) },
		flaky: true,
	},
	{
		name:   "the API is down (503)",
		on:     func(s *sim.Running) { s.FailNext(1<<20, http.StatusServiceUnavailable, "") },
		banner: []string{"the API is unavailable right now", "Showing the last good data."},
		waits:  []int{5, 10, 20, 40, 80, 120, 120},
	},
	{
		name: "bursts of 429 with Retry-After",
		// 30 s is more than the client waits on its own (RetryPolicy.MaxDelay):
		// it hands the wait to the dashboard, which must honour it.
		on:     func(s *sim.Running) { s.FailNext(1<<20, http.StatusTooManyRequests, "30") },
		banner: []string{"the API is limiting how often it may be called", "the API asks to wait 30s"},
		waits:  []int{30, 30, 30, 40, 80},
	},
	{
		name:    "responses slower than the timeout",
		timeout: 200 * time.Millisecond,
		on:      func(s *sim.Running) { s.SetFaults(sim.Faults{Latency: time.Second}) },
		banner:  []string{"the API did not answer within 200ms", "Showing the last good data."},
		waits:   []int{5, 10, 20},
	},
	{
		name:   "malformed JSON",
		on:     func(s *sim.Running) { s.SetFaults(sim.Faults{MalformedRate: 1}) },
		banner: []string{"the API sent a malformed response"},
		waits:  []int{5, 10, 20},
	},
	{
		name:   "connections dropped mid-body",
		on:     func(s *sim.Running) { s.SetFaults(sim.Faults{DropRate: 1}) },
		banner: []string{"the connection to 127.0.0.1:", "failed", "Showing the last good data."},
		waits:  []int{5, 5, 5, 5},
		probes: true,
	},
	{
		// The simulator checks one key and cannot rotate it: a revoked key
		// is the 401 it answers for a wrong one, with its message.
		name:   "the key revoked mid-session (401)",
		on:     func(s *sim.Running) { s.FailNext(1<<20, http.StatusUnauthorized, "") },
		banner: []string{"the API key from the test is missing, wrong or lacks access", "press r"},
		waits:  []int{5, 10, 20},
	},
}

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
