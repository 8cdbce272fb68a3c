package api_test

import (
	"context"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"superdash/api"
	"superdash/api/sim"
	"superdash/model"
)

// syncHarness drives a Syncer against a simulator on a manual clock, the
// way the dashboard does: state in, state out, deltas into a Store.
type syncHarness struct {
	t      testing.TB
	srv    *sim.Running
	clock  *sim.ManualClock
	app    string
	client *api.Client
	syncer *api.Syncer
	store  *model.Store
	state  api.SyncState
	// skew is how far this machine's clock runs ahead of the server's
	// (negative: behind): the syncer's Now is the server's time plus it.
	skew time.Duration
}

func newSyncHarness(t testing.TB, jobs int, opts api.SyncOptions) *syncHarness {
	t.Helper()
	return newHarness(t, sim.Options{Seed: 7, Apps: 2, Jobs: jobs}, opts)
}

// newHarness is newSyncHarness over a simulator set up by so (its clock is
// the harness's manual clock), syncing the first app.
func newHarness(t testing.TB, so sim.Options, opts api.SyncOptions) *syncHarness {
	t.Helper()
	clock := sim.NewManualClock(time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC))
	so.Clock = clock.Now
	srv, err := sim.Start(so, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	client, err := api.New(api.Options{BaseURL: srv.BaseURL, APIKey: srv.APIKey(), KeySource: "test"})
	if err != nil {
		t.Fatal(err)
	}
	app := srv.AppIDs()[0]
	opts.AppID = app
	return &syncHarness{
		t: t, srv: srv, clock: clock, app: app, client: client,
		syncer: api.NewSyncer(client, opts),
		store:  model.NewStore(),
	}
}

// sync runs one sync and merges it, returning the result.
func (h *syncHarness) sync(full bool) api.SyncResult {
	h.t.Helper()
	return h.syncWith(api.SyncRequest{Full: full})
}

// syncWith runs the sync req asks for (its State, Moving and Now are
// filled in) and merges it.
func (h *syncHarness) syncWith(req api.SyncRequest) api.SyncResult {
	h.t.Helper()
	var moving []string
	h.store.Each(func(j *model.Job) bool {
		if !j.Status.Ended() {
			moving = append(moving, j.Key())
		}
		return true
	})
	req.State, req.Moving, req.Now = h.state, moving, h.clock.Now().Add(h.skew)
	res := h.syncer.Sync(context.Background(), req, func(d model.Delta) { h.store.Apply(d) })
	if res.Delta.Err != nil {
		h.t.Fatalf("sync: %v", res.Delta.Err)
	}
	h.store.Apply(res.Delta)
	h.state = res.State
	return res
}

// assertMirrors fails unless the store holds exactly the server's jobs of
// the app, each in the server's status.
func (h *syncHarness) assertMirrors(when string) {
	h.t.Helper()
	want := h.srv.Snapshot(h.app)
	if h.store.Len() != len(want) {
		h.t.Fatalf("%s: store holds %d jobs, server %d", when, h.store.Len(), len(want))
	}
	for id, status := range want {
		j, ok := h.store.Get(id)
		if !ok {
			h.t.Fatalf("%s: job %s missing from the store", when, id)
		}
		if j.Status != status {
			h.t.Fatalf("%s: job %s is %s in the store, %s on the server", when, id, j.Status, status)
		}
	}
}

// TestSyncerMirrorsServerThroughChurn lists the moving set on every pass,
// so the store must mirror the server after each one. (The default cadence
// is tested by TestSyncerCadenceUnderHeavyChurn.)
func TestSyncerMirrorsServerThroughChurn(t *testing.T) {
	h := newSyncHarness(t, 1200, api.SyncOptions{PageSize: 100, FullEvery: time.Hour, MovingEvery: 1})
	first := h.sync(false)
	if !first.Delta.Full || !h.state.Loaded {
		t.Fatalf("the first sync must be a full pass (full=%v loaded=%v)", first.Delta.Full, h.state.Loaded)
	}
	h.assertMirrors("after the first load")

	rng := rand.New(rand.NewPCG(1, 2))
	for step := range 30 {
		// The world moves on its own...
		h.clock.Advance(time.Duration(5+rng.IntN(60)) * time.Second)
		// ...and the test adds what the simulation does rarely: uploads,
		// restarts of ended jobs, cancels, moves between moving statuses.
		snapshot := h.srv.Snapshot(h.app)
		ids := make([]string, 0, len(snapshot))
		for id := range snapshot {
			ids = append(ids, id)
		}
		if step%5 == 0 {
			h.srv.AddJobs(h.app, 1+rng.IntN(40))
		}
		for range 10 {
			id := ids[rng.IntN(len(ids))]
			switch st := snapshot[id]; {
			case st.Restartable():
				h.srv.SetStatus(id, model.StatusScheduled)
			case st == model.StatusScheduled:
				h.srv.SetStatus(id, model.StatusSuspended)
			case st.Cancellable():
				h.srv.SetStatus(id, model.StatusCanceled)
			}
		}
		res := h.sync(false)
		if res.Delta.Full {
			t.Fatalf("step %d: a cheap pass was due, got a full pass", step)
		}
		h.assertMirrors("step " + strconv.Itoa(step))
	}
}

// TestSyncerQuietPollCostsLittle measures a poll that lists the moving set
// (the dearest kind) right after the first load, in a world that keeps
// moving. TestSyncerPollCost measures the scenario.
func TestSyncerQuietPollCostsLittle(t *testing.T) {
	h := newSyncHarness(t, 5000, api.SyncOptions{PageSize: 500, FullEvery: time.Hour, MovingEvery: 1})
	h.srv.ResetStats()
	full := h.sync(false)
	fullStats := h.srv.Stats()

	h.clock.Advance(5 * time.Second)
	h.srv.ResetStats()
	cheap := h.sync(false)
	cheapStats := h.srv.Stats()

	if cheap.Delta.Full {
		t.Fatal("the second sync should be a cheap pass")
	}
	if full.Requests != fullStats.Requests || cheap.Requests != cheapStats.Requests {
		t.Errorf("syncer counted %d/%d requests, server saw %d/%d",
			full.Requests, cheap.Requests, fullStats.Requests, cheapStats.Requests)
	}
	t.Logf("full pass: %d requests, %d bytes; quiet poll: %d requests, %d bytes",
		fullStats.Requests, fullStats.Bytes, cheapStats.Requests, cheapStats.Bytes)
	if cheapStats.Bytes*5 > fullStats.Bytes {
		t.Errorf("a quiet poll sent %d bytes, more than a fifth of a full pass (%d)", cheapStats.Bytes, fullStats.Bytes)
	}
	h.assertMirrors("after the quiet poll")
}

func TestSyncerRunsFullPassOnCadence(t *testing.T) {
	h := newSyncHarness(t, 300, api.SyncOptions{FullEvery: time.Minute})
	h.sync(false)
	h.clock.Advance(10 * time.Second)
	if res := h.sync(false); res.Delta.Full {
		t.Fatal("a full pass ran before its cadence")
	}
	h.clock.Advance(time.Minute)
	if res := h.sync(false); !res.Delta.Full {
		t.Fatal("no full pass after FullEvery")
	}
	h.assertMirrors("after the cadence pass")
}

func TestSyncerKeepsStateOnFailure(t *testing.T) {
	h := newSyncHarness(t, 300, api.SyncOptions{})
	h.sync(false)
	before := h.state
	h.clock.Advance(10 * time.Second)
	h.srv.FailNext(10, 400, "")
	req := api.SyncRequest{State: h.state, Now: h.clock.Now()}
	res := h.syncer.Sync(context.Background(), req, func(model.Delta) {})
	if res.Delta.Err == nil {
		t.Fatal("expected the sync to fail")
	}
	if res.State.Watermark != before.Watermark || !res.State.Loaded {
		t.Errorf("a failed sync moved the state: %+v → %+v", before, res.State)
	}
}

// A background full pass that fails does not make every following poll a
// full pass: cheap passes run until the retry gap is over.
func TestSyncerFailedFullPassFallsBackToCheapPasses(t *testing.T) {
	h := newSyncHarness(t, 300, api.SyncOptions{FullEvery: time.Minute, MovingEvery: 10})
	h.sync(false)
	h.clock.Advance(2 * time.Minute) // a full pass is due
	h.srv.FailNext(1, 500, "")
	res := h.syncer.Sync(context.Background(), api.SyncRequest{State: h.state, Now: h.clock.Now()}, func(model.Delta) {})
	if !res.Delta.Full || res.Delta.Err == nil {
		t.Fatalf("expected a failed full pass, got full=%v err=%v", res.Delta.Full, res.Delta.Err)
	}
	h.state = res.State
	h.clock.Advance(5 * time.Second)
	if next := h.sync(false); next.Delta.Full {
		t.Fatal("the poll after a failed full pass was a full pass again")
	}
	h.assertMirrors("after the cheap pass")
	h.clock.Advance(time.Minute)
	if later := h.sync(false); !later.Delta.Full {
		t.Fatal("the full pass was not tried again after the retry gap")
	}
}

// TestSyncerWithStrictAndLenientHosts syncs against a host that ignores a
// status it does not know (it matches no job) and one that refuses it with
// a 400, as a strict host does with the newer statuses. Either way the
// store must mirror the server after every pass that lists the moving set;
// against the strict host the syncer falls back to the classic statuses
// after one refusal, and says so in its state.
func TestSyncerWithStrictAndLenientHosts(t *testing.T) {
	for _, strict := range []bool{false, true} {
		host := map[bool]string{false: "lenient", true: "strict"}[strict]
		t.Run(host, func(t *testing.T) {
			h := newHarness(t, sim.Options{Seed: 11, Apps: 1, Jobs: 400, StrictStatuses: strict},
				api.SyncOptions{PageSize: 100, FullEvery: time.Hour, MovingEvery: 1})
			h.sync(false)
			h.assertMirrors("after the first load")
			for step := range 10 {
				h.clock.Advance(45 * time.Second)
				h.sync(false) // fails the test on an error
				h.assertMirrors("after cheap pass " + strconv.Itoa(step+1))
			}
			if h.state.ClassicStatuses != strict {
				t.Errorf("ClassicStatuses = %v against a %s host", h.state.ClassicStatuses, host)
			}
		})
	}
}
