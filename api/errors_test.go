package api

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"superdash/api/sim"
	"superdash/model"
)

// mustFail returns err as an *Error, failing the test if it is anything else.
func mustFail(t *testing.T, err error) *Error {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v (%T), want *Error", err, err)
	}
	return e
}

func TestWrongKeyNamesItsSourceNotTheKey(t *testing.T) {
	const wrong = "wrong-key-that-must-not-show"
	f := newFixture(t, sim.Options{}, func(o *Options) { o.APIKey = wrong })
	_, err := f.client.ListJobs(context.Background(), f.appID, JobQuery{})
	e := mustFail(t, err)
	msg := err.Error()
	if !IsUnauthorized(err) || e.StatusCode != http.StatusUnauthorized || e.Retryable {
		t.Errorf("err = %#v", e)
	}
	if !strings.Contains(msg, keySource) || !strings.Contains(msg, "missing, wrong or lacks access") || strings.Contains(msg, wrong) {
		t.Errorf("message = %q", msg)
	}
	if !strings.Contains(e.Message, "invalid API key") {
		t.Errorf("the API's own message is lost: %q", e.Message)
	}
	if n := f.requests(sim.EndpointListJobs); n != 1 {
		t.Errorf("a 401 was sent %d times, want once", n)
	}
	for _, line := range f.lines() {
		if strings.Contains(line, wrong) {
			t.Errorf("the key was logged: %s", line)
		}
	}
}

func TestMissingKeySaysSo(t *testing.T) {
	f := newFixture(t, sim.Options{}, func(o *Options) { o.APIKey = "" })
	_, err := f.client.GetJob(context.Background(), "1")
	if !IsUnauthorized(err) || !strings.Contains(err.Error(), "no API key is set (looked in "+keySource+")") {
		t.Errorf("err = %v", err)
	}
}

func TestNotFoundNamesWhatWasMissing(t *testing.T) {
	f := newFixture(t, sim.Options{}, nil)
	ctx := context.Background()
	doing := f.jobIn(t, is(model.StatusScheduled))
	calls := []struct {
		name, want string
		call       func() error
	}{
		{"job", "get job 999999: job 999999 not found", func() error { _, err := f.client.GetJob(ctx, "999999"); return err }},
		{"app", "list jobs of app nope: app nope not found", func() error { _, err := f.client.ListJobs(ctx, "nope", JobQuery{}); return err }},
		{"batches", "app nope not found", func() error { _, err := f.client.ListBatches(ctx, "nope"); return err }},
		{"batch", "batch b-0 of app " + f.appID + " not found", func() error { _, err := f.client.GetBatch(ctx, f.appID, "b-0"); return err }},
		{"output", "output of job " + doing + " not found", func() error { _, err := f.client.GetJobOutput(ctx, doing); return err }},
		{"cancel", "job 999999 not found", func() error { _, err := f.client.CancelJob(ctx, "999999"); return err }},
	}
	for _, c := range calls {
		err := c.call()
		if !IsNotFound(err) || IsUnsupported(err) || IsRetryable(err) || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "(HTTP 404)") {
			t.Errorf("%s: err = %v, want it to say %q", c.name, err, c.want)
		}
	}
}

func TestRestartUnsupportedOnSimulatorWithoutIt(t *testing.T) {
	f := newFixture(t, sim.Options{NoRestart: true}, nil)
	id := f.jobIn(t, model.Status.Restartable)
	_, err := f.client.RestartJob(context.Background(), id)
	want := fmt.Sprintf("this API host (%s) does not offer restart", f.client.Host())
	if !IsUnsupported(err) || IsNotFound(err) || !strings.Contains(err.Error(), want) {
		t.Errorf("err = %v, want IsUnsupported and %q", err, want)
	}
	if n := f.requests(sim.EndpointUnmatched); n != 1 {
		t.Errorf("restart sent %d times, want once", n)
	}
}

// A 404 to a restart is a host without the path, or a job that does not
// exist: the client tells them apart by reading the job, once; after that
// what the host was found to do answers, without a read.
func TestRestart404TellsAMissingJobFromAMissingPath(t *testing.T) {
	ctx := context.Background()
	t.Run("host with restart", func(t *testing.T) {
		f := newFixture(t, sim.Options{}, nil)
		_, err := f.client.RestartJob(ctx, "999999")
		if !IsNotFound(err) || IsUnsupported(err) || !strings.Contains(err.Error(), "job 999999 not found") {
			t.Fatalf("restarting a job that does not exist: err = %v, want job 999999 not found", err)
		}
		if n := f.requests(sim.EndpointGetJob); n != 1 {
			t.Errorf("the job was read %d times, want once", n)
		}
		// A restart that works tells that the host has the path: a 404
		// then is the job's, with no read.
		if _, err := f.client.RestartJob(ctx, f.jobIn(t, model.Status.Restartable)); err != nil {
			t.Fatal(err)
		}
		_, err = f.client.RestartJob(ctx, "999998")
		if !IsNotFound(err) || f.requests(sim.EndpointGetJob) != 1 {
			t.Errorf("after a restart that worked: err = %v, %d reads", err, f.requests(sim.EndpointGetJob))
		}
	})
	t.Run("host without restart", func(t *testing.T) {
		f := newFixture(t, sim.Options{NoRestart: true}, nil)
		_, err := f.client.RestartJob(ctx, "999999")
		if !IsNotFound(err) || IsUnsupported(err) {
			t.Fatalf("restarting a job that does not exist: err = %v, want not found", err)
		}
		_, err = f.client.RestartJob(ctx, f.jobIn(t, model.Status.Restartable))
		if !IsUnsupported(err) || f.requests(sim.EndpointGetJob) != 2 {
			t.Fatalf("restarting a job that exists: err = %v after %d reads, want unsupported after 2", err, f.requests(sim.EndpointGetJob))
		}
		// Now the path is known to be missing: no read any more.
		_, err = f.client.RestartJob(ctx, "999998")
		if !IsUnsupported(err) || f.requests(sim.EndpointGetJob) != 2 {
			t.Errorf("once the path is known missing: err = %v, %d reads", err, f.requests(sim.EndpointGetJob))
		}
	})
}

// The simulator answers a missing restart with 404; a host may answer 405.
func TestRestartUnsupportedOn405(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", "GET")
		http.Error(w, `{"message":"Method Not Allowed"}`, http.StatusMethodNotAllowed)
	}))
	defer srv.Close()
	c, err := New(Options{BaseURL: srv.URL + "/v1", APIKey: secretKey, Sleep: noSleep})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.RestartJob(context.Background(), "12")
	if !IsUnsupported(err) || mustFail(t, err).StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("err = %v", err)
	}
	c.rc.GetClient().CloseIdleConnections()
}

func TestConflictCarriesTheAPIsMessage(t *testing.T) {
	f := newFixture(t, sim.Options{}, nil)
	id := f.jobIn(t, is(model.StatusCompleted))
	job, err := f.client.CancelJob(context.Background(), id)
	e := mustFail(t, err)
	if e.StatusCode != http.StatusConflict || e.Retryable || IsOutcomeUnknown(err) || job.ID != "" {
		t.Errorf("err = %v", err)
	}
	want := fmt.Sprintf("cancel job %s: Job %s cannot be canceled in status COMPLETED (HTTP 409)", id, id)
	if err.Error() != want {
		t.Errorf("message\n got %q\nwant %q", err.Error(), want)
	}
	if n := f.requests(sim.EndpointCancel); n != 1 {
		t.Errorf("a 409 was sent %d times", n)
	}
}

func TestOtherClientErrorsAreNotRetried(t *testing.T) {
	for _, status := range []int{http.StatusBadRequest, http.StatusForbidden, http.StatusInternalServerError, 418} {
		f := newFixture(t, sim.Options{}, nil)
		f.sim.FailNext(5, status, "1")
		_, err := f.client.GetJob(context.Background(), "1")
		e := mustFail(t, err)
		if e.StatusCode != status || e.Retryable || !strings.Contains(e.Message, "simulated failure") {
			t.Errorf("%d: err = %v", status, err)
		}
		if n := f.requests(sim.EndpointGetJob); n != 1 {
			t.Errorf("%d: sent %d times, want once", status, n)
		}
		if len(f.hooks.Sleeps()) != 0 {
			t.Errorf("%d: slept %v", status, f.hooks.Sleeps())
		}
	}
}

func TestMalformedBodyIsReadOnceMoreThenReported(t *testing.T) {
	f := newFixture(t, sim.Options{}, nil)
	f.sim.SetFaults(sim.Faults{MalformedRate: 1})
	_, err := f.client.ListJobs(context.Background(), f.appID, JobQuery{Size: 20})
	if !IsMalformed(err) || IsRetryable(err) || !strings.Contains(err.Error(), "the API sent a malformed response") {
		t.Fatalf("err = %v", err)
	}
	if strings.Contains(err.Error(), "HTTP 200") {
		t.Errorf("a 200 is not news: %v", err)
	}
	if n := f.requests(sim.EndpointListJobs); n != 2 {
		t.Errorf("sent %d times, want 2 (one retry)", n)
	}
	f.sim.SetFaults(sim.Faults{})
	if _, err := f.client.ListJobs(context.Background(), f.appID, JobQuery{Size: 20}); err != nil {
		t.Errorf("after the fault: %v", err)
	}
}

func TestSlowAnswerTimesOut(t *testing.T) {
	f := newFixture(t, sim.Options{}, func(o *Options) { o.Timeout = 300 * time.Millisecond })
	f.sim.SetFaults(sim.Faults{Latency: 10 * time.Second})
	start := time.Now()
	_, err := f.client.GetJob(context.Background(), "1")
	if !IsTimeout(err) || IsCanceled(err) || !strings.Contains(err.Error(), "did not answer within 300ms") {
		t.Fatalf("err = %v", err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("took %v: the attempt timeout did not cut the latency short", took)
	}
	// Timeouts are not retried: a slow server is not helped by more load.
	if n := f.attempts("GET jobs/"); n != 1 {
		t.Errorf("%d attempts, want 1", n)
	}
}

func TestCancelledContextStopsTheCall(t *testing.T) {
	f := newFixture(t, sim.Options{}, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := f.client.GetJob(ctx, "1"); !IsCanceled(err) || IsTimeout(err) {
		t.Errorf("already cancelled: err = %v", err)
	}

	// Cancelled while the server takes its time.
	f.sim.SetFaults(sim.Faults{Latency: 5 * time.Second})
	ctx, cancel = context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	_, err := f.client.ListJobs(ctx, f.appID, JobQuery{})
	if !IsCanceled(err) || time.Since(start) > 2*time.Second {
		t.Errorf("cancelled in flight: err = %v after %v", err, time.Since(start))
	}

	// Cancelled during the backoff between attempts.
	f.sim.SetFaults(sim.Faults{})
	f.sim.FailNext(1, http.StatusServiceUnavailable, "")
	ctx, cancel = context.WithCancel(context.Background())
	f.setOnLog(func(line string) {
		if strings.Contains(line, "retrying") {
			cancel()
		}
	})
	if _, err := f.client.GetJob(ctx, "1"); !IsCanceled(err) {
		t.Errorf("cancelled in backoff: err = %v", err)
	}
	cancel()
}

func TestServerMessageEchoingTheKeyIsRedacted(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprintf(w, `{"message":"key %s is revoked"}`, r.Header.Get("API-KEY"))
	}))
	defer srv.Close()
	c, err := New(Options{BaseURL: srv.URL + "/v1", APIKey: secretKey, Sleep: noSleep})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetJob(context.Background(), "1")
	if err == nil || strings.Contains(err.Error(), secretKey) || !strings.Contains(err.Error(), "[redacted]") {
		t.Errorf("err = %v", err)
	}
	c.rc.GetClient().CloseIdleConnections()
}

// A short key is redacted where it stands as a word, not inside other
// words: the key "k" must not turn "lookup" into "loo[redacted]up" in a
// DNS error. A long one is redacted wherever it is.
func TestRedactKey(t *testing.T) {
	long := "0123456789abcdefXYZ"
	for _, c := range []struct{ s, key, want string }{
		{"dial tcp: lookup nonexistent.invalid: no such host", "k", "dial tcp: lookup nonexistent.invalid: no such host"},
		{"bad key k", "k", "bad key [redacted]"},
		{"k", "k", "[redacted]"},
		{"(k), k.", "k", "([redacted]), [redacted]."},
		{"kk k_k k", "k", "kk k_k [redacted]"},
		{"aaa aa", "aa", "aaa [redacted]"},
		{"key=sim-key&next=sim-keys", "sim-key", "key=[redacted]&next=sim-keys"},
		{"token" + long + "trailer", long, "token[redacted]trailer"},
		{"nothing here", "", "nothing here"},
	} {
		if got := redactKey(c.s, c.key); got != c.want {
			t.Errorf("redactKey(%q, %q) = %q, want %q", c.s, c.key, got, c.want)
		}
	}
}

func TestErrorTextForHandBuiltErrors(t *testing.T) {
	tests := []struct {
		e    *Error
		want string
	}{
		{&Error{Op: "get job 1", StatusCode: 409, Message: "busy"}, "get job 1: busy (HTTP 409)"},
		{&Error{Op: "get job 1", StatusCode: 502}, "get job 1: bad gateway (HTTP 502)"},
		{&Error{Op: "get job 1", Err: errors.New("boom")}, "get job 1: boom"},
		{&Error{Op: "list apps", StatusCode: 429, RetryAfter: 20 * time.Second}, "list apps: too many requests (HTTP 429); the API asks to wait 20s"},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

// TestUnreachableHostNamesItsSource: a host that cannot be reached is often
// the wrong host, so the error says where the host came from.
func TestUnreachableHostNamesItsSource(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now: the dial is refused
	const source = "super.AI's CLI environment sandbox (set by ~/.superai/.env)"
	c, err := New(Options{BaseURL: "http://" + addr + "/v1", APIKey: "k", HostSource: source,
		Retry: RetryPolicy{MaxAttempts: 1}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetJob(context.Background(), "1")
	if want := "could not connect to " + addr + " (host from " + source + ")"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("err = %v, want it to say %q", err, want)
	}
}
