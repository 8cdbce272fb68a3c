package api

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"superdash/api/sim"
	"superdash/model"
)

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in     string
		want   time.Duration
		wantOK bool
	}{
		{"", 0, false},
		{"0", 0, true},
		{"5", 5 * time.Second, true},
		{" 7 ", 7 * time.Second, true},
		{"-1", 0, false},
		{"1.5", 0, false},
		{"soon", 0, false},
		{"99999999999999", 24 * time.Hour, true}, // clamped, no overflow
		{now.Add(30 * time.Second).Format(http.TimeFormat), 30 * time.Second, true},
		{now.Add(-time.Minute).Format(http.TimeFormat), 0, true},                // past: now
		{now.Add(90 * time.Second).Format(time.RFC850), 90 * time.Second, true}, // obsolete form
		{now.Add(2 * time.Second).Format(time.ANSIC), 2 * time.Second, true},    // asctime form
	}
	for _, tt := range tests {
		got, ok := parseRetryAfter(tt.in, now)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("parseRetryAfter(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestBackoffCapDoublesUpToMaxDelay(t *testing.T) {
	p := RetryPolicy{}.withDefaults()
	want := []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 10 * time.Second, 10 * time.Second}
	for i, w := range want {
		if got := p.backoffCap(i + 1); got != w {
			t.Errorf("backoffCap(%d) = %v, want %v", i+1, got, w)
		}
	}
	if got := p.backoffCap(1000); got != p.MaxDelay {
		t.Errorf("backoffCap(1000) = %v, want MaxDelay %v (no overflow)", got, p.MaxDelay)
	}
}

func TestFullJitterStaysWithinBounds(t *testing.T) {
	if got := fullJitter(0); got != 0 {
		t.Fatalf("fullJitter(0) = %v", got)
	}
	const max = 3 * time.Millisecond
	for range 10000 {
		if d := fullJitter(max); d < 0 || d > max {
			t.Fatalf("fullJitter(%v) = %v, out of [0, max]", max, d)
		}
	}
}

func TestRetryPolicyDefaults(t *testing.T) {
	got := RetryPolicy{}.withDefaults()
	want := RetryPolicy{MaxAttempts: 4, BaseDelay: 500 * time.Millisecond, MaxDelay: 10 * time.Second, MaxTotal: 30 * time.Second}
	if got != want {
		t.Fatalf("defaults = %+v, want %+v", got, want)
	}
	custom := RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond, MaxDelay: time.Second, MaxTotal: time.Minute}
	if got := custom.withDefaults(); got != custom {
		t.Fatalf("set fields changed: %+v", got)
	}
}

func TestRateLimitHonoursRetryAfterSeconds(t *testing.T) {
	f := newFixture(t, sim.Options{}, nil)
	id := f.jobIn(t, model.Status.Known)
	f.sim.FailNext(1, http.StatusTooManyRequests, "3")
	if _, err := f.client.GetJob(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	if got := f.hooks.Sleeps(); !slices.Equal(got, []time.Duration{3 * time.Second}) {
		t.Errorf("slept %v, want exactly the 3s the API asked for", got)
	}
	if n := f.requests(sim.EndpointGetJob); n != 2 {
		t.Errorf("sent %d times, want 2", n)
	}
}

func TestRateLimitHonoursRetryAfterDate(t *testing.T) {
	f := newFixture(t, sim.Options{}, nil)
	// The client's clock reads t0 (see hooks): the date is 7s after it.
	f.sim.FailNext(1, http.StatusTooManyRequests, t0.Add(7*time.Second).Format(http.TimeFormat))
	if _, err := f.client.ListApps(context.Background(), 0, 10); err != nil {
		t.Fatal(err)
	}
	if got := f.hooks.Sleeps(); !slices.Equal(got, []time.Duration{7 * time.Second}) {
		t.Errorf("slept %v, want 7s", got)
	}
}

// A Retry-After longer than the client will block is handed to the caller,
// never shortened.
func TestRetryAfterBeyondWhatWeWaitIsReturned(t *testing.T) {
	f := newFixture(t, sim.Options{}, nil)
	f.sim.FailNext(1, http.StatusTooManyRequests, "60")
	_, err := f.client.GetJob(context.Background(), "1")
	e := mustFail(t, err)
	if e.StatusCode != http.StatusTooManyRequests || e.RetryAfter != time.Minute || !e.Retryable {
		t.Fatalf("err = %#v", e)
	}
	if !strings.Contains(err.Error(), "the API asks to wait 1m0s") {
		t.Errorf("message = %q", err.Error())
	}
	if n, s := f.requests(sim.EndpointGetJob), f.hooks.Sleeps(); n != 1 || len(s) != 0 {
		t.Errorf("sent %d times, slept %v; want once, no sleep", n, s)
	}
}

func TestGatewayErrorsThenSuccess(t *testing.T) {
	for _, status := range []int{http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout} {
		f := newFixture(t, sim.Options{}, nil)
		f.sim.FailNext(2, status, "")
		if _, err := f.client.ListJobs(context.Background(), f.appID, JobQuery{}); err != nil {
			t.Fatalf("%d: %v", status, err)
		}
		// Jitter takes the top of each range: 500ms, then 1s.
		if got := f.hooks.Sleeps(); !slices.Equal(got, []time.Duration{500 * time.Millisecond, time.Second}) {
			t.Errorf("%d: slept %v", status, got)
		}
		if n := f.requests(sim.EndpointListJobs); n != 3 {
			t.Errorf("%d: sent %d times, want 3", status, n)
		}
	}
}

func TestRetriesStopAtMaxAttempts(t *testing.T) {
	f := newFixture(t, sim.Options{}, nil)
	f.sim.FailNext(100, http.StatusServiceUnavailable, "")
	_, err := f.client.GetJob(context.Background(), "1")
	if !IsRetryable(err) || mustFail(t, err).StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("err = %v", err)
	}
	if n := f.requests(sim.EndpointGetJob); n != 4 {
		t.Errorf("sent %d times, want MaxAttempts=4", n)
	}
	want := []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second}
	if got := f.hooks.Sleeps(); !slices.Equal(got, want) {
		t.Errorf("slept %v, want %v", got, want)
	}
}

func TestRetriesStopAtMaxTotal(t *testing.T) {
	f := newFixture(t, sim.Options{}, func(o *Options) {
		o.Retry = RetryPolicy{MaxAttempts: 20, BaseDelay: time.Second, MaxDelay: time.Minute, MaxTotal: 10 * time.Second}
	})
	f.sim.FailNext(100, http.StatusBadGateway, "")
	if _, err := f.client.GetJob(context.Background(), "1"); !IsRetryable(err) {
		t.Fatalf("err = %v", err)
	}
	// 1s + 2s + 4s = 7s; another 8s would end past the 10s budget.
	want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second}
	if got := f.hooks.Sleeps(); !slices.Equal(got, want) {
		t.Errorf("slept %v, want %v", got, want)
	}
	if n := f.requests(sim.EndpointGetJob); n != 4 {
		t.Errorf("sent %d times, want 4", n)
	}
}

func TestDroppedConnectionsAreRetriedForReads(t *testing.T) {
	f := newFixture(t, sim.Options{}, nil)
	f.sim.SetFaults(sim.Faults{DropRate: 1})
	_, err := f.client.GetJob(context.Background(), "1")
	if !IsRetryable(err) || IsTimeout(err) || !strings.Contains(err.Error(), "the connection to "+f.client.Host()+" failed") {
		t.Fatalf("err = %v", err)
	}
	if n := f.requests(sim.EndpointGetJob); n != 4 {
		t.Errorf("sent %d times, want 4", n)
	}
	// Once the network heals, a dropped read is simply read again.
	id := f.jobIn(t, model.Status.Known)
	f.sim.SetFaults(sim.Faults{DropRate: 1})
	f.setOnLog(func(line string) {
		if strings.Contains(line, "retrying") {
			f.sim.SetFaults(sim.Faults{})
		}
	})
	if _, err := f.client.GetJob(context.Background(), id); err != nil {
		t.Errorf("after healing: %v", err)
	}
}

func TestConnectionRefusedIsRetried(t *testing.T) {
	f := newFixture(t, sim.Options{}, nil)
	base := f.sim.BaseURL
	if err := f.sim.Close(); err != nil {
		t.Fatal(err)
	}
	c, err := New(Options{BaseURL: base, APIKey: simKey, Sleep: f.hooks.Sleep, Now: f.hooks.Now, Jitter: f.hooks.Jitter})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetJob(context.Background(), "1")
	if !IsRetryable(err) || !strings.Contains(err.Error(), "could not connect to") {
		t.Fatalf("err = %v", err)
	}
	if got := len(f.hooks.Sleeps()); got != 3 {
		t.Errorf("slept %d times, want 3 (4 attempts)", got)
	}
}
