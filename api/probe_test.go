package api

import (
	"context"
	"net"
	"net/http"
	"testing"
	"time"

	"superdash/api/sim"
	"superdash/internal/rawhttp"
)

// A probe is one request for one job, never retried, and reports whether
// the host answered at all: a host that drops the connection has not, one
// that answers an error status has.
func TestProbeIsOneSmallRequest(t *testing.T) {
	f := newFixture(t, sim.Options{}, nil)
	raw := f.behindRawServer(t, rawhttp.Options{})
	want := "GET /v1/apps/" + f.appID + "/jobs?page=0&size=1"
	for _, tc := range []struct {
		name     string
		set      func()
		answered bool
	}{
		{"host up", func() {}, true},
		{"host dropping connections", func() { raw.SetDown(true) }, false},
		{"host back", func() { raw.SetDown(false) }, true},
		{"host answering 503", func() { f.sim.FailNext(5, http.StatusServiceUnavailable, "") }, true},
	} {
		tc.set()
		before := len(raw.Requests())
		if got := f.client.Probe(context.Background(), f.appID); got != tc.answered {
			t.Errorf("%s: Probe = %v, want %v", tc.name, got, tc.answered)
		}
		got := raw.Requests()[before:]
		if len(got) != 1 || got[0].Method+" "+got[0].Target != want {
			t.Errorf("%s: the server received %d requests (%+v), want one: %s", tc.name, len(got), got, want)
		}
	}
	if len(f.hooks.Sleeps()) != 0 {
		t.Errorf("a probe waited to retry: %v", f.hooks.Sleeps())
	}
}

// Only a host that cannot be reached is a connection error: not one that
// answers with an error, nor one that is slow.
func TestIsConnectionError(t *testing.T) {
	f := newFixture(t, sim.Options{}, nil)
	raw := f.behindRawServer(t, rawhttp.Options{})
	ctx := context.Background()

	raw.SetDown(true)
	_, err := f.client.ListJobs(ctx, f.appID, JobQuery{})
	if !IsConnectionError(err) {
		t.Errorf("a dropped connection: IsConnectionError(%v) = false", err)
	}
	raw.SetDown(false)
	for _, status := range []int{http.StatusServiceUnavailable, http.StatusBadRequest, http.StatusUnauthorized} {
		f.sim.FailNext(10, status, "")
		if _, err := f.client.ListJobs(ctx, f.appID, JobQuery{}); err == nil || IsConnectionError(err) {
			t.Errorf("HTTP %d: IsConnectionError(%v) = true", status, err)
		}
	}
	f.sim.FailNext(0, 0, "")

	slowOpts := f.opts // straight to the simulator, which gives up on a request the client gave up
	slowOpts.Timeout = 100 * time.Millisecond
	slow, err := New(slowOpts)
	if err != nil {
		t.Fatal(err)
	}
	f.sim.SetFaults(sim.Faults{Latency: 5 * time.Second})
	if _, err := slow.ListJobs(ctx, f.appID, JobQuery{}); !IsTimeout(err) || IsConnectionError(err) {
		t.Errorf("a slow host: IsTimeout %v, IsConnectionError %v (%v)", IsTimeout(err), IsConnectionError(err), err)
	}
	f.sim.SetFaults(sim.Faults{})

	closed := freeURL(t)
	c, err := New(Options{BaseURL: closed, Sleep: f.hooks.Sleep, Now: f.hooks.Now, Jitter: f.hooks.Jitter})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListJobs(ctx, f.appID, JobQuery{}); !IsConnectionError(err) {
		t.Errorf("nothing listening: IsConnectionError(%v) = false", err)
	}
	if c.Probe(ctx, f.appID) {
		t.Error("nothing listening: Probe = true")
	}
}

// freeURL is a base URL on a loopback port nothing listens on.
func freeURL(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr + "/v1"
}
