package api

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"superdash/api/sim"
	"superdash/internal/rawhttp"
	"superdash/model"
)

// TestMain fails the package if any test leaves a goroutine behind.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

var t0 = time.Date(2024, 3, 12, 10, 0, 0, 0, time.UTC)

const (
	simKey    = "sim-secret-key-42"
	keySource = "$SUPERAI_API_KEY"
)

// hooks stand in for the clock and the sleeps between attempts: a wait is
// recorded and advances the clock instead of passing, so backoff tests are
// fast and can assert the exact delay the client asked for.
type hooks struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

func (h *hooks) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.sleeps = append(h.sleeps, d)
	h.now = h.now.Add(d)
	return nil
}

func (h *hooks) Now() time.Time {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.now
}

// Jitter always takes the longest wait allowed, so the caps can be checked.
func (h *hooks) Jitter(max time.Duration) time.Duration { return max }

func (h *hooks) Sleeps() []time.Duration {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.sleeps)
}

// fixture is a simulator over real HTTP and a client talking to it.
type fixture struct {
	sim       *sim.Running
	client    *Client
	hooks     *hooks
	appID     string
	transport *http.Transport
	opts      Options // the client's, for a second client to the same simulator

	mu    sync.Mutex
	logs  []string
	onLog func(line string) // called for each log line, outside mu
}

// newFixture starts a small simulator (300 jobs, a clock that stands still)
// and a client whose sleeps are recorded. tweak adjusts the client options.
func newFixture(t *testing.T, so sim.Options, tweak func(*Options)) *fixture {
	t.Helper()
	if so.Jobs == 0 {
		so.Jobs = 300
	}
	if so.Apps == 0 {
		so.Apps = 2
	}
	if so.Seed == 0 {
		so.Seed = 7
	}
	if so.APIKey == "" {
		so.APIKey = simKey
	}
	if so.Clock == nil {
		so.Clock = sim.NewManualClock(t0).Now
	}
	r, err := sim.Start(so, "")
	if err != nil {
		t.Fatal(err)
	}
	transport := &http.Transport{}
	f := &fixture{sim: r, hooks: &hooks{now: t0}, appID: r.AppIDs()[0], transport: transport}
	t.Cleanup(func() {
		transport.CloseIdleConnections()
		if err := r.Close(); err != nil {
			t.Errorf("closing the simulator: %v", err)
		}
		for _, line := range f.lines() {
			if strings.Contains(line, simKey) {
				t.Errorf("the key was logged: %s", line)
			}
		}
	})
	opts := Options{
		BaseURL:    r.BaseURL,
		APIKey:     simKey,
		KeySource:  keySource,
		Timeout:    5 * time.Second,
		HTTPClient: &http.Client{Transport: transport},
		Logf:       f.logf,
		Sleep:      f.hooks.Sleep,
		Now:        f.hooks.Now,
		Jitter:     f.hooks.Jitter,
	}
	if tweak != nil {
		tweak(&opts)
	}
	f.opts = opts
	if f.client, err = New(opts); err != nil {
		t.Fatal(err)
	}
	return f
}

// behindRawServer puts a hand-written HTTP/1.1 server (see rawhttp: no
// chunked encoding, every byte recorded) in front of the fixture's
// simulator, points the fixture's client at it and returns it.
func (f *fixture) behindRawServer(t *testing.T, ro rawhttp.Options) *rawhttp.Server {
	t.Helper()
	raw, err := rawhttp.Start(f.sim.Server, ro)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		f.transport.CloseIdleConnections()
		if err := raw.Close(); err != nil {
			t.Errorf("closing the raw server: %v", err)
		}
	})
	opts := f.opts
	opts.BaseURL = raw.URL + "/v1"
	if f.client, err = New(opts); err != nil {
		t.Fatal(err)
	}
	return raw
}

func (f *fixture) logf(format string, args ...any) {
	line := fmt.Sprintf(format, args...)
	f.mu.Lock()
	f.logs = append(f.logs, line)
	onLog := f.onLog
	f.mu.Unlock()
	if onLog != nil {
		onLog(line)
	}
}

func (f *fixture) lines() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.logs)
}

func (f *fixture) setOnLog(fn func(string)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.onLog = fn
}

// jobIn returns the lowest-numbered job of the fixture's app whose status
// satisfies want, so tests pick the same job on every run.
func (f *fixture) jobIn(t *testing.T, want func(model.Status) bool) string {
	t.Helper()
	snap := f.sim.Snapshot(f.appID)
	var ids []string
	for id, st := range snap {
		if want(st) {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		t.Fatal("the simulator has no job in the wanted status")
	}
	// Numeric ids: shorter is smaller.
	slices.SortFunc(ids, func(a, b string) int { return cmp.Or(cmp.Compare(len(a), len(b)), strings.Compare(a, b)) })
	return ids[0]
}

// attempts counts the attempts the client logged for requests starting
// with prefix ("GET jobs/"): what it sent, whether or not it arrived.
func (f *fixture) attempts(prefix string) int {
	n := 0
	for _, line := range f.lines() {
		if strings.HasPrefix(line, "api: "+prefix) && strings.Contains(line, "(attempt ") {
			n++
		}
	}
	return n
}

// requests is how often the simulator was asked endpoint.
func (f *fixture) requests(endpoint string) int { return f.sim.Stats().Endpoints[endpoint] }

func is(s model.Status) func(model.Status) bool {
	return func(st model.Status) bool { return st == s }
}
