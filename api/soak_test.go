package api_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"runtime"
	"slices"
	"testing"
	"time"

	"go.uber.org/goleak"

	"superdash/api"
	"superdash/api/sim"
	"superdash/model"
)

// TestSoak polls a simulated app for a simulated stretch of time, the
// simulator's clock moved by hand, the way the dashboard does: a sync per
// interval on a copy of the state, its pages and its result merged into a
// model.Store. Jobs churn all along (the simulated workforce moves them,
// and the test restarts ended ones), and faults are switched on and off:
// 5xx, 429 with Retry-After, malformed bodies, dropped connections.
// Failed syncs are expected; what must hold is that
//   - nothing panics and nothing hangs;
//   - the heap after warm-up stays within 10% (the heap measured is the
//     whole test process: the simulator, with its 100,000 jobs and their
//     cached JSON, is in it, so this bounds the client and the simulator
//     together; the simulator's world is kept at a fixed size with
//     MaxJobs = Jobs, so growth would be a leak);
//   - no goroutine outlives the test (goleak);
//   - after every sync that succeeds, the store holds exactly the
//     server's jobs with every ending seen, and after each that lists the
//     moving set (or is a full pass) it equals the server, status for
//     status: so the cheap passes cannot drift, even while the server
//     commits uploads and endings late and out of order (LateCommits);
//   - once the faults are off, the cheap passes alone bring the store
//     equal to the server, and so does a full pass after them.
//
// By default it runs a short version, in every `go test ./...` and in
// .ci/run: 2,000 jobs for 10 simulated minutes (with -short, 1,000 jobs
// for 4). The full soak, 100,000
// jobs for a simulated hour, takes minutes:
//
//	SUPERDASH_SOAK=1 go test ./api -run '^TestSoak$' -v -timeout 30m
//
// It logs its figures (polls, failed syncs, requests, heap) either way.
func TestSoak(t *testing.T) {
	cfg := soakConfig{
		jobs:     2_000,
		duration: 10 * time.Minute,
		poll:     5 * time.Second,
		toggle:   time.Minute, // faults on for a minute, off for a minute
		churn:    5,           // ended jobs restarted per poll
	}
	if os.Getenv("SUPERDASH_SOAK") == "1" {
		cfg = soakConfig{jobs: 100_000, duration: time.Hour, poll: 5 * time.Second, toggle: 5 * time.Minute, churn: 50}
	} else if testing.Short() {
		cfg.jobs, cfg.duration = 1_000, 4*time.Minute
	}
	runSoak(t, cfg)
}

type soakConfig struct {
	jobs     int
	duration time.Duration // simulated
	poll     time.Duration // simulated time between syncs
	toggle   time.Duration // faults switch on or off this often
	churn    int
}

// soakFaults are the faults switched on: every kind at once.
var soakFaults = sim.Faults{ErrorRate: 0.3, RateLimitRate: 0.1, MalformedRate: 0.05, DropRate: 0.05}

func runSoak(t *testing.T, cfg soakConfig) {
	start := time.Now()
	clock := sim.NewManualClock(time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC))
	srv, err := sim.Start(sim.Options{Seed: 11, Apps: 1, Jobs: cfg.jobs, MaxJobs: cfg.jobs, Clock: clock.Now,
		LateCommits: lateCommits}, "")
	if err != nil {
		t.Fatal(err)
	}
	transport := &http.Transport{}
	client, err := api.New(api.Options{
		BaseURL:    srv.BaseURL,
		APIKey:     srv.APIKey(),
		KeySource:  "the soak test",
		HTTPClient: &http.Client{Transport: transport},
		// A 429's Retry-After and the backoff pass at once: the simulated
		// hour must not take a real one.
		Sleep: func(ctx context.Context, _ time.Duration) error { return ctx.Err() },
	})
	if err != nil {
		t.Fatal(err)
	}
	app := srv.AppIDs()[0]
	syncer := api.NewSyncer(client, api.SyncOptions{AppID: app})
	store := model.NewStore()
	store.SetClock(clock.Now)
	var state api.SyncState

	// Churn: ended jobs restarted, as a user restarting failures would.
	rng := rand.New(rand.NewPCG(11, 11))
	ids := make([]string, 0, cfg.jobs)
	for id := range srv.Snapshot(app) {
		ids = append(ids, id)
	}
	slices.Sort(ids)

	var stats struct{ polls, failed, fullPasses, requests, bytes int }
	poll := func(full bool) api.SyncResult {
		var moving []string
		store.Each(func(j *model.Job) bool {
			if !j.Status.Ended() {
				moving = append(moving, j.Key())
			}
			return true
		})
		req := api.SyncRequest{State: state, Moving: moving, Now: clock.Now(), Full: full}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		res := syncer.Sync(ctx, req, func(d model.Delta) { store.Apply(d) })
		store.Apply(res.Delta)
		state = res.State
		stats.polls++
		stats.requests += res.Requests
		stats.bytes += res.Bytes
		if res.Delta.Full {
			stats.fullPasses++
		}
		if res.Delta.Err != nil {
			stats.failed++
			return res
		}
		// Every sync that succeeds is checked, before any forced full
		// pass could erase what the cheap passes got wrong.
		when := fmt.Sprintf("after poll %d (full pass %v)", stats.polls, res.Delta.Full)
		requireStoreMatches(t, store, srv.Snapshot(app), res.Delta.Full || state.SinceMoving == 0, when)
		return res
	}

	steps := int(cfg.duration / cfg.poll)
	warmUp := steps / 6
	var warmHeap, peakHeap uint64
	faultsOn := false
	for step := range steps {
		clock.Advance(cfg.poll)
		if on := int(time.Duration(step)*cfg.poll/cfg.toggle)%2 == 1; on != faultsOn {
			faultsOn = on
			if on {
				srv.SetFaults(soakFaults)
			} else {
				srv.SetFaults(sim.Faults{})
			}
		}
		snap := srv.Snapshot(app)
		for range cfg.churn {
			id := ids[rng.IntN(len(ids))]
			if snap[id].Ended() {
				srv.SetStatus(id, model.StatusScheduled)
			}
		}
		poll(false)
		if step == warmUp {
			warmHeap = heapNow()
		}
		if step > warmUp && step%(steps/10+1) == 0 {
			peakHeap = max(peakHeap, heapNow())
		}
	}
	endHeap := heapNow()
	peakHeap = max(peakHeap, endHeap)

	// The faults clear: the cheap passes alone must bring the store equal
	// to the server, within a round of the moving-set cadence (the first
	// success after a failure lists it), then a forced full pass keeps it.
	srv.SetFaults(sim.Faults{})
	for cheap := 0; ; cheap++ {
		if cheap == 3 {
			t.Fatalf("%d cheap passes after the faults cleared, none listed the moving set: state %+v", cheap, state)
		}
		clock.Advance(cfg.poll)
		res := poll(false)
		if res.Delta.Err != nil || res.Delta.Full {
			t.Fatalf("a poll after the faults cleared: err %v, full pass %v; want a cheap pass that succeeds",
				res.Delta.Err, res.Delta.Full)
		}
		if state.SinceMoving == 0 {
			break // poll checked the store equals the server
		}
	}
	if res := poll(true); res.Delta.Err != nil {
		t.Fatalf("the full pass after the faults cleared failed: %v", res.Delta.Err)
	}

	t.Logf("soak: %d jobs, %s simulated in %s: %d polls (%d full passes), %d failed under faults, %d requests, %.1f MB read",
		cfg.jobs, cfg.duration, time.Since(start).Round(time.Millisecond), stats.polls, stats.fullPasses, stats.failed,
		stats.requests, float64(stats.bytes)/1e6)
	t.Logf("soak: heap after warm-up %.1f MB, highest after %.1f MB, at the end %.1f MB (%+.1f%%); goroutines %d",
		mb(warmHeap), mb(peakHeap), mb(endHeap), 100*(float64(endHeap)/float64(warmHeap)-1), runtime.NumGoroutine())
	if stats.failed == 0 {
		t.Error("no sync failed: the faults were never felt, the soak proves nothing about them")
	}
	if limit := warmHeap + warmHeap/10; endHeap > limit {
		t.Errorf("the heap grew from %.1f MB after warm-up to %.1f MB at the end: more than 10%%", mb(warmHeap), mb(endHeap))
	}

	transport.CloseIdleConnections()
	if err := srv.Close(); err != nil {
		t.Errorf("closing the simulator: %v", err)
	}
	goleak.VerifyNone(t)
}

// heapNow is the live heap after a full collection.
func heapNow() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

func mb(b uint64) float64 { return float64(b) / (1 << 20) }

// requireStoreMatches fails unless store holds exactly the jobs of want,
// each in its status; unless exact, a job may still be behind while the
// server has it in a moving status (a move the cheap pass sees only when
// it lists the moving set), but never miss an ending.
func requireStoreMatches(t *testing.T, store *model.Store, want map[string]model.Status, exact bool, when string) {
	t.Helper()
	var diffs []string
	for id, st := range want {
		j, ok := store.Get(id)
		switch {
		case !ok:
			diffs = append(diffs, fmt.Sprintf("%s missing (server: %s)", id, st))
		case j.Status != st && (exact || st.Ended()):
			diffs = append(diffs, fmt.Sprintf("%s is %s, server says %s", id, j.Status, st))
		}
	}
	for _, key := range store.Keys() {
		if _, ok := want[key]; !ok {
			diffs = append(diffs, key+" is not on the server")
		}
	}
	if len(diffs) > 0 {
		slices.Sort(diffs)
		t.Fatalf("%s: the store (%d jobs) differs from the server (%d): %d differences, first: %v",
			when, store.Len(), len(want), len(diffs), diffs[:min(5, len(diffs))])
	}
}
