package api_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"superdash/api"
	"superdash/api/sim"
	"superdash/model"
)

// parkedStatuses are moving statuses the simulator never leaves by itself:
// a job set to one stays there until the test moves it on.
var parkedStatuses = []model.Status{
	model.StatusPending, model.StatusNeedsWork, model.StatusNeedsReview, model.StatusPostProcessing,
}

// pollEvery is the interval the tests poll at: the dashboard's default.
const pollEvery = 5 * time.Second

// TestSyncerCadenceUnderHeavyChurn changes a third of the app's jobs
// between polls (uploads, endings, restarts, moves between moving statuses)
// and syncs at the default cadence. After every poll the store must hold
// every job the server has, with every ending seen; where a status is
// behind, the server's is a moving one (a move the cheap pass only sees on
// the passes that list the moving set); after each of those, and after the
// full pass that ends the test, it must mirror the server exactly.
func TestSyncerCadenceUnderHeavyChurn(t *testing.T) {
	const every = 3
	jobs, changes, steps := 6000, 2000, 12
	if raceEnabled {
		jobs, changes, steps = 3000, 1000, 9
	}
	h := newHarness(t, sim.Options{Seed: 11, Apps: 1, Jobs: jobs},
		api.SyncOptions{PageSize: 200, FullEvery: time.Hour, MovingEvery: every, RereadLimit: 10})
	if res := h.sync(false); !res.Delta.Full {
		t.Fatal("the first sync must be a full pass")
	}
	h.assertMirrors("after the first load")

	rng := rand.New(rand.NewPCG(3, 4))
	mirrored, changed := 0, 0
	for step := range steps {
		// Polls a minute or two apart: past the watermarks' overlap, so a
		// poll re-reads little but this step's changes.
		h.clock.Advance(time.Duration(60+rng.IntN(60)) * time.Second)
		changed += h.churn(rng, changes)
		res := h.sync(false)
		if res.Delta.Full {
			// A vanished job (one no query returned) would have been read
			// back; more than RereadLimit of them force a full pass. The
			// cheap queries must account for every change themselves.
			t.Fatalf("step %d: the churn forced a full pass", step)
		}
		when := fmt.Sprintf("step %d", step)
		h.assertBehindOnlyInMoving(when)
		if h.state.SinceMoving == 0 {
			h.assertMirrors(when + ", a pass that listed the moving set")
			mirrored++
		} else if h.state.SinceMoving >= every {
			t.Fatalf("%s: %d passes without listing the moving set", when, h.state.SinceMoving)
		}
	}
	if mirrored != steps/every {
		t.Errorf("%d passes listed the moving set, want %d", mirrored, steps/every)
	}
	t.Logf("%d changes over %d polls", changed, steps)

	// A review moves jobs completed long ago to another ended status
	// without touching their completion time: no cheap query can see that.
	// The background full pass exists for it.
	var reviewed []string
	old := h.clock.Now().Add(-time.Hour)
	h.store.Each(func(j *model.Job) bool {
		if j.Status == model.StatusCompleted && j.Completed.Before(old) {
			reviewed = append(reviewed, j.Key())
		}
		return len(reviewed) < 300
	})
	for _, id := range reviewed {
		h.srv.SetStatus(id, model.StatusReviewed)
	}
	for range every {
		h.clock.Advance(pollEvery)
		h.sync(false)
	}
	for _, id := range reviewed {
		if j, _ := h.store.Get(id); j.Status != model.StatusCompleted {
			t.Fatalf("a cheap pass saw a review (%s): the test no longer shows why the full pass exists", j.Status)
		}
	}
	h.clock.Advance(time.Hour)
	if res := h.sync(false); !res.Delta.Full {
		t.Fatal("no full pass after FullEvery")
	}
	h.assertMirrors("after the full pass")
}

// churn makes about n changes to the app: uploads, endings of moving
// jobs, restarts of ended ones and moves between moving statuses, each job
// changed at most once. It returns how many it made.
func (h *syncHarness) churn(rng *rand.Rand, n int) int {
	var moving, ended []string
	for id, st := range h.srv.Snapshot(h.app) {
		if st.Ended() {
			ended = append(ended, id)
		} else {
			moving = append(moving, id)
		}
	}
	// Map order is random per run: sort, then shuffle with the seeded rng.
	slices.Sort(moving)
	slices.Sort(ended)
	rng.Shuffle(len(moving), func(i, j int) { moving[i], moving[j] = moving[j], moving[i] })
	rng.Shuffle(len(ended), func(i, j int) { ended[i], ended[j] = ended[j], ended[i] })

	made := len(h.srv.AddJobs(h.app, n/8))
	restarts := min(n/4, len(ended))
	for _, id := range ended[:restarts] {
		h.srv.SetStatus(id, model.StatusScheduled)
	}
	made += restarts
	endings := []model.Status{model.StatusCompleted, model.StatusFailed, model.StatusCanceled, model.StatusExpired}
	moves := []model.Status{model.StatusInProgress, model.StatusSuspended, model.StatusScheduled, model.StatusPending, model.StatusNeedsReview}
	for i, id := range moving[:min(n-made, len(moving))] {
		if i%3 == 0 {
			h.srv.SetStatus(id, endings[rng.IntN(len(endings))])
		} else {
			h.srv.SetStatus(id, moves[rng.IntN(len(moves))])
		}
		made++
	}
	return made
}

// assertBehindOnlyInMoving checks what every poll guarantees whatever the
// cadence: the store holds exactly the server's jobs, and a job whose
// status differs is in a moving status on the server (so every ending,
// the change that matters most, has been seen).
func (h *syncHarness) assertBehindOnlyInMoving(when string) {
	h.t.Helper()
	want := h.srv.Snapshot(h.app)
	if h.store.Len() != len(want) {
		h.t.Fatalf("%s: store holds %d jobs, server %d", when, h.store.Len(), len(want))
	}
	behind := 0
	for id, status := range want {
		j, ok := h.store.Get(id)
		switch {
		case !ok:
			h.t.Fatalf("%s: job %s missing from the store", when, id)
		case j.Status == status:
		case status.Ended():
			h.t.Fatalf("%s: job %s ended (%s) on the server, the store says %s", when, id, status, j.Status)
		default:
			behind++
		}
	}
	h.t.Logf("%s: %d jobs behind in a moving status", when, behind)
}

// TestSyncerMovingStalenessIsBounded makes one change of each kind at every
// phase of the cadence and counts the polls until the store shows it.
// Endings and new jobs must show on the next poll; restarts and moves
// between moving statuses within MovingEvery polls, and, at the worst
// phase, not sooner (the cadence is real).
func TestSyncerMovingStalenessIsBounded(t *testing.T) {
	for _, every := range []int{1, 3, 5} {
		t.Run(fmt.Sprintf("MovingEvery=%d", every), func(t *testing.T) {
			testStaleness(t, every)
		})
	}
}

func testStaleness(t *testing.T, every int) {
	h := newHarness(t, sim.Options{Seed: 5, Apps: 1, Jobs: 600, MaxJobs: 600},
		api.SyncOptions{PageSize: 100, FullEvery: time.Hour, MovingEvery: every})
	h.clock.Advance(2 * time.Hour) // the initial workload has ended: only the test moves jobs now
	h.sync(false)
	var ended []string
	for id := range h.srv.Snapshot(h.app) {
		ended = append(ended, id)
	}
	slices.Sort(ended)
	var parked []string // jobs the test set to a parked status
	park := func() string {
		id := ended[0]
		ended = ended[1:]
		h.srv.SetStatus(id, parkedStatuses[0])
		parked = append(parked, id)
		return id
	}
	for range 4 * every {
		park()
	}
	h.pollUntil("the parked jobs to show, on a pass that listed the moving set", every+1, func() bool {
		return h.state.SinceMoving == 0 && len(parked) == h.store.Count(parkedStatuses[0])
	})

	worst := map[string]int{}
	for round := range 2 * every {
		phase := round % every
		h.pollUntil(fmt.Sprintf("phase %d of the cadence", phase), every, func() bool {
			return h.state.SinceMoving == phase
		})
		// One change of each kind, at once, to different jobs.
		moved, done := parked[0], parked[1]
		parked = parked[2:]
		next := parkedStatuses[1+round%(len(parkedStatuses)-1)]
		h.srv.SetStatus(moved, next)
		h.srv.SetStatus(done, model.StatusCompleted)
		restarted := park()
		added := h.srv.AddJobs(h.app, 1)[0]
		want := map[string]model.Status{
			"move": next, "ending": model.StatusCompleted,
			"restart": parkedStatuses[0], "new job": model.StatusScheduled,
		}
		ids := map[string]string{"move": moved, "ending": done, "restart": restarted, "new job": added}
		seen := map[string]int{}
		for polls := 1; len(seen) < len(ids); polls++ {
			if polls > every+1 {
				t.Fatalf("round %d (phase %d): after %d polls the store still misses %v", round, phase, polls-1, stillMissing(ids, seen))
			}
			h.clock.Advance(pollEvery)
			h.sync(false)
			for kind, id := range ids {
				if j, ok := h.store.Get(id); ok && j.Status == want[kind] && seen[kind] == 0 {
					seen[kind] = polls
					worst[kind] = max(worst[kind], polls)
				}
			}
		}
		parked = append(parked, moved)
		h.srv.SetStatus(moved, parkedStatuses[0]) // back in the pool, seen by a later pass
	}
	t.Logf("polls until the store showed it, at worst: %v", worst)
	for kind, bound := range map[string]int{"ending": 1, "new job": 1, "move": every, "restart": every} {
		if worst[kind] != bound {
			t.Errorf("a %s took up to %d polls to show; want exactly %d at the worst phase", kind, worst[kind], bound)
		}
	}
}

// pollUntil polls at the dashboard's interval until done holds, at most
// limit times, and fails with the syncer's state if it never does.
func (h *syncHarness) pollUntil(what string, limit int, done func() bool) {
	h.t.Helper()
	for polls := 0; !done(); polls++ {
		if polls == limit {
			h.t.Fatalf("after %d polls, still waiting for %s; syncer state %+v, %d jobs held",
				polls, what, h.state, h.store.Len())
		}
		h.clock.Advance(pollEvery)
		h.sync(false)
	}
}

func stillMissing(ids map[string]string, seen map[string]int) []string {
	var out []string
	for kind := range ids {
		if seen[kind] == 0 {
			out = append(out, kind)
		}
	}
	slices.Sort(out)
	return out
}

// newHarnessWithUnseenMove loads an app of 300 jobs whose moving set is
// listed only every tenth poll, and then, a poll later, moves one of its
// jobs into PENDING on the server: a move only a listing of the moving set
// shows. It returns the job's id.
func newHarnessWithUnseenMove(t *testing.T) (*syncHarness, string) {
	t.Helper()
	h := newHarness(t, sim.Options{Seed: 5, Apps: 1, Jobs: 300, MaxJobs: 300},
		api.SyncOptions{FullEvery: time.Hour, MovingEvery: 10})
	h.clock.Advance(2 * time.Hour)
	h.sync(false)
	var id string
	for k := range h.srv.Snapshot(h.app) {
		id = k
		break
	}
	h.srv.SetStatus(id, model.StatusPending)
	h.clock.Advance(pollEvery)
	return h, id
}

// TestSyncerUserSyncListsMovingSet: a sync the user asked for (ListMoving)
// is up to date whatever the cadence.
func TestSyncerUserSyncListsMovingSet(t *testing.T) {
	h, id := newHarnessWithUnseenMove(t)
	h.syncWith(api.SyncRequest{ListMoving: true})
	if j, _ := h.store.Get(id); j.Status != model.StatusPending {
		t.Fatalf("after a sync that lists the moving set, job %s is %s, want PENDING", id, j.Status)
	}
	if h.state.SinceMoving != 0 {
		t.Errorf("SinceMoving = %d after listing the moving set", h.state.SinceMoving)
	}
}

// TestSyncerSinceWindow: with Since, every list asks only for the window;
// a moving job that ages out of it is read back once and dropped; ended
// ones go at the next full pass, after which the store holds exactly the
// server's jobs created within the window.
func TestSyncerSinceWindow(t *testing.T) {
	const since = 20 * time.Minute
	h := newHarness(t, sim.Options{Seed: 9, Apps: 1, Jobs: 3000, MaxJobs: 3000},
		api.SyncOptions{PageSize: 100, FullEvery: time.Hour, Since: since, MovingEvery: 1, RereadLimit: 1000})
	created := h.createdTimes()
	res := h.sync(false)
	want := h.windowJobs(created, since)
	if len(want) == 0 || len(want) == len(h.srv.Snapshot(h.app)) {
		t.Fatalf("the window holds %d of the app's jobs: the test needs some in and some out", len(want))
	}
	// The window's pages, and its first page again (see ListAllJobs).
	if pages := (len(want) + 99) / 100; res.Requests != pages+1 {
		t.Errorf("the full pass sent %d requests, want %d (the window's pages only, and the first again)", res.Requests, pages+1)
	}
	h.assertHoldsExactly(want, "after the first load")

	// Time passes: part of the live upload leaves the window.
	dropped := 0
	for range 15 {
		h.clock.Advance(time.Minute)
		res := h.sync(false)
		dropped += len(res.Delta.Drop)
		want := h.windowJobs(created, since)
		for id, st := range want {
			if got, ok := h.store.Get(id); !ok || got.Status != st {
				t.Fatalf("job %s of the window is missing or behind", id)
			}
		}
		h.store.Each(func(j *model.Job) bool {
			if _, in := want[j.Key()]; !in && !j.Status.Ended() {
				t.Fatalf("job %s left the window still moving but is still held", j.Key())
			}
			return true
		})
	}
	if dropped == 0 {
		t.Error("no moving job aged out of the window: the test does not exercise Drop")
	}
	h.sync(true)
	h.assertHoldsExactly(h.windowJobs(created, since), "after the full pass")
}

// createdTimes reads the creation time of every job of the app, with a
// plain client: it never changes, so the window's jobs at any time follow.
func (h *syncHarness) createdTimes() map[string]time.Time {
	h.t.Helper()
	out := map[string]time.Time{}
	err := h.client.ListAllJobs(context.Background(), h.app, api.JobQuery{Size: 1000}, 4, func(p api.JobPage, _, _ int) error {
		for _, j := range p.Jobs {
			out[j.Key()] = j.Created
		}
		return nil
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return out
}

// windowJobs is the server's jobs created within since of the clock's now,
// with their statuses, keyed by id. (The simulator adds no jobs here.)
func (h *syncHarness) windowJobs(created map[string]time.Time, since time.Duration) map[string]model.Status {
	h.t.Helper()
	start := h.clock.Now().Add(-since).Truncate(time.Second)
	out := map[string]model.Status{}
	for id, st := range h.srv.Snapshot(h.app) {
		if !created[id].Before(start) {
			out[id] = st
		}
	}
	return out
}

func (h *syncHarness) assertHoldsExactly(want map[string]model.Status, when string) {
	h.t.Helper()
	if h.store.Len() != len(want) {
		h.t.Fatalf("%s: store holds %d jobs, the window %d", when, h.store.Len(), len(want))
	}
	for id, st := range want {
		if got, ok := h.store.Get(id); !ok || got.Status != st {
			h.t.Fatalf("%s: job %s missing or behind", when, id)
		}
	}
}

// TestSyncerReportsPagesPerSecond: a full pass's deltas carry its pace.
func TestSyncerReportsPagesPerSecond(t *testing.T) {
	tick := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := func() time.Time { tick = tick.Add(250 * time.Millisecond); return tick }
	h := newHarness(t, sim.Options{Seed: 1, Apps: 1, Jobs: 1000}, api.SyncOptions{PageSize: 100, Concurrency: 1, Clock: clock})
	var rates []float64
	req := api.SyncRequest{Now: h.clock.Now()}
	res := h.syncer.Sync(context.Background(), req, func(d model.Delta) { rates = append(rates, d.PagesPerSec) })
	// 10 pages, and the first again (see ListAllJobs).
	if res.Delta.Err != nil || len(rates) != 11 {
		t.Fatalf("err %v, %d pages", res.Delta.Err, len(rates))
	}
	// The clock moves 250 ms per reading, one reading per page after the
	// start: 4 pages a second, whatever the page.
	for i, r := range rates {
		if r != 4 {
			t.Fatalf("page %d: %v pages/s, want 4", i+1, r)
		}
	}
	if res.Delta.PagesPerSec != 4 {
		t.Errorf("final delta: %v pages/s, want 4", res.Delta.PagesPerSec)
	}
}

// TestSyncerFullGapGrowsWithTheApp: the background full pass waits longer
// the more pages it takes, so that it stays a small share of polling.
func TestSyncerFullGapGrowsWithTheApp(t *testing.T) {
	s := api.NewSyncer(nil, api.SyncOptions{})
	for _, tc := range []struct {
		pages int
		want  time.Duration
	}{
		{0, 5 * time.Minute}, {20, 5 * time.Minute}, {40, 10 * time.Minute}, {200, 50 * time.Minute},
	} {
		if got := s.FullGap(api.SyncState{FullPages: tc.pages}); got != tc.want {
			t.Errorf("after a full pass of %d pages: next in %v, want %v", tc.pages, got, tc.want)
		}
	}
}

// TestSyncerListsMovingSetAfterFailure: after a failed sync, the first
// one that succeeds lists the moving set, so a recovery is complete.
func TestSyncerListsMovingSetAfterFailure(t *testing.T) {
	h, id := newHarnessWithUnseenMove(t)
	h.srv.FailNext(1, 400, "")
	req := api.SyncRequest{State: h.state, Now: h.clock.Now()}
	res := h.syncer.Sync(context.Background(), req, func(model.Delta) {})
	if res.Delta.Err == nil {
		t.Fatal("expected the sync to fail")
	}
	h.state = res.State
	h.clock.Advance(pollEvery)
	h.sync(false)
	if j, _ := h.store.Get(id); j.Status != model.StatusPending {
		t.Fatalf("after the first sync past a failure, job %s is %s, want PENDING", id, j.Status)
	}
}
