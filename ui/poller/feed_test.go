package poller

import (
	"context"
	"testing"
	"time"

	"go.uber.org/goleak"

	"superdash/api"
	"superdash/api/sim"
	"superdash/internal/rawhttp"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// A first load fetches every page while the UI is busy and takes none of
// them: the pages wait for the UI, never the fetching for the UI. The UI
// then takes what arrived in a few messages, not one per page, and ends
// with every job and the sync's end.
func TestLoadFetchesEveryPageWhileTheUITakesNone(t *testing.T) {
	const jobs, size = 2000, 20
	world := sim.New(sim.Options{Seed: 7, Apps: 1, Jobs: jobs, Clock: sim.NewManualClock(time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)).Now})
	server, err := rawhttp.Start(world, rawhttp.Options{}) // a server as the world has them
	if err != nil {
		t.Fatal(err)
	}
	defer server.Close()
	client, err := api.New(api.Options{BaseURL: server.URL + "/v1", APIKey: "sim-key"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p := New(ctx, Options{Client: client, Interval: time.Hour, Now: time.Now,
		Sync: api.SyncOptions{PageSize: size, Concurrency: 4}})
	p.Watch(world.AppIDs()[0])
	defer p.Stop()

	msg := p.SyncNow()() // the first page: the UI draws it, and is then busy
	if _, ok := msg.(PageMsg); !ok {
		t.Fatalf("the sync began with %T, want its first page", msg)
	}
	const pages = jobs / size
	for deadline := time.Now().Add(time.Minute); len(server.Requests()) < pages; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the server was asked for %d of the %d pages while the UI took none", len(server.Requests()), pages)
		}
	}

	taken := 1
	for {
		_, next := p.Update(msg)
		if msg = next(); msg == nil {
			t.Fatal("the sync ended without its DoneMsg")
		}
		if _, ok := msg.(DoneMsg); ok {
			p.Update(msg)
			break
		}
		taken++
	}
	if got := p.Store().Len(); got != jobs || p.Status().Syncing {
		t.Fatalf("after the sync the store holds %d jobs (syncing %v), want %d", got, p.Status().Syncing, jobs)
	}
	if taken > pages/4 {
		t.Errorf("the UI took the %d pages in %d messages; want them taken together as they wait (at most %d)", pages, taken, pages/4)
	}
}
