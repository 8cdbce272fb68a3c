package api

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"superdash/api/sim"
	"superdash/internal/rawhttp"
	"superdash/model"
)

// healAfterPOST clears the simulator's faults as soon as the client reports
// its POST attempt, so the re-read that follows meets a healthy server: the
// network failing exactly once, at the worst moment.
func healAfterPOST(f *fixture) {
	f.setOnLog(func(line string) {
		if strings.HasPrefix(line, "api: POST ") {
			f.sim.SetFaults(sim.Faults{})
		}
	})
}

func TestCancelTimingOutIsSentOnceAndTheJobReRead(t *testing.T) {
	// The timeout leaves the request ample time to arrive on a busy machine.
	f := newFixture(t, sim.Options{}, func(o *Options) { o.Timeout = 500 * time.Millisecond })
	id := f.jobIn(t, is(model.StatusScheduled))
	f.sim.SetFaults(sim.Faults{Latency: 10 * time.Second})
	healAfterPOST(f)

	job, err := f.client.CancelJob(context.Background(), id)
	if !IsOutcomeUnknown(err) || !IsTimeout(err) || IsRetryable(err) {
		t.Fatalf("err = %v", err)
	}
	if n := f.requests(sim.EndpointCancel); n != 1 {
		t.Errorf("cancel sent %d times, want exactly once", n)
	}
	if n := f.requests(sim.EndpointGetJob); n != 1 {
		t.Errorf("job re-read %d times, want once", n)
	}
	// The simulated latency ran out the attempt before the server acted.
	if job.ID != id || job.Status != model.StatusScheduled {
		t.Errorf("re-read job = %s %s", job.ID, job.Status)
	}
	want := "cancel job " + id + ": the API did not answer within 500ms; it is not known whether job " + id +
		" was canceled; its status is now SCHEDULED"
	if err.Error() != want {
		t.Errorf("message\n got %q\nwant %q", err.Error(), want)
	}
}

// A dropped connection after the server acted: not resent, and the re-read
// shows what happened.
func TestRestartWithDroppedAnswerIsSentOnce(t *testing.T) {
	f := newFixture(t, sim.Options{}, nil)
	id := f.jobIn(t, model.Status.Restartable)
	f.sim.SetFaults(sim.Faults{DropRate: 1})
	healAfterPOST(f)

	job, err := f.client.RestartJob(context.Background(), id)
	if !IsOutcomeUnknown(err) || IsTimeout(err) || IsRetryable(err) {
		t.Fatalf("err = %v", err)
	}
	if n := f.requests(sim.EndpointRestart); n != 1 {
		t.Errorf("restart sent %d times, want exactly once", n)
	}
	if job.Status != model.StatusScheduled || !strings.HasSuffix(err.Error(), "its status is now SCHEDULED") {
		t.Errorf("job %s, err %v", job.Status, err)
	}
}

func TestActionGatewayErrorIsNotResent(t *testing.T) {
	for _, status := range []int{http.StatusBadGateway, http.StatusGatewayTimeout} {
		f := newFixture(t, sim.Options{}, nil)
		id := f.jobIn(t, model.Status.Cancellable)
		f.sim.FailNext(1, status, "")
		job, err := f.client.CancelJob(context.Background(), id)
		if !IsOutcomeUnknown(err) || job.ID != id {
			t.Errorf("%d: job %q, err %v", status, job.ID, err)
		}
		if n := f.requests(sim.EndpointCancel); n != 1 {
			t.Errorf("%d: cancel sent %d times, want once", status, n)
		}
	}
}

// 429 and 503 say the server did nothing, so resending is safe.
func TestActionRateLimitedIsRetried(t *testing.T) {
	for _, status := range []int{http.StatusTooManyRequests, http.StatusServiceUnavailable} {
		f := newFixture(t, sim.Options{}, nil)
		id := f.jobIn(t, model.Status.Cancellable)
		f.sim.FailNext(1, status, "2")
		job, err := f.client.CancelJob(context.Background(), id)
		if err != nil || job.Status != model.StatusCanceled {
			t.Fatalf("%d: job %s, err %v", status, job.Status, err)
		}
		if n := f.requests(sim.EndpointCancel); n != 2 {
			t.Errorf("%d: cancel sent %d times, want 2", status, n)
		}
		if f.requests(sim.EndpointGetJob) != 0 {
			t.Errorf("%d: re-read a job whose outcome was known", status)
		}
	}
}

func TestActionOutcomeUnknownAndReReadFailing(t *testing.T) {
	f := newFixture(t, sim.Options{}, nil)
	id := f.jobIn(t, model.Status.Cancellable)
	f.sim.SetFaults(sim.Faults{DropRate: 1}) // never heals
	job, err := f.client.CancelJob(context.Background(), id)
	if !IsOutcomeUnknown(err) || job.ID != "" || !strings.Contains(err.Error(), "reading the job again failed too") {
		t.Fatalf("job %q, err %v", job.ID, err)
	}
	if n := f.requests(sim.EndpointCancel); n != 1 {
		t.Errorf("cancel sent %d times, want once", n)
	}
	if n := f.requests(sim.EndpointGetJob); n != 4 {
		t.Errorf("re-read %d times, want 4 (reads do retry)", n)
	}
}

func TestActionCancelledInFlightIsOutcomeUnknown(t *testing.T) {
	f := newFixture(t, sim.Options{}, nil)
	id := f.jobIn(t, model.Status.Cancellable)
	f.sim.SetFaults(sim.Faults{Latency: 5 * time.Second})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	_, err := f.client.CancelJob(ctx, id)
	if !IsOutcomeUnknown(err) || !IsCanceled(err) {
		t.Fatalf("err = %v", err)
	}
	if f.requests(sim.EndpointGetJob) != 0 {
		t.Error("re-read with a cancelled context")
	}
}

// A 2xx is an accepted action even when its body is unreadable: the job is
// read back, nothing is resent, and no error is reported.
func TestActionAcceptedWithUnreadableAnswerReadsTheJob(t *testing.T) {
	f := newFixture(t, sim.Options{}, nil)
	id := f.jobIn(t, model.Status.Cancellable)
	f.sim.SetFaults(sim.Faults{MalformedRate: 1})
	healAfterPOST(f)
	job, err := f.client.CancelJob(context.Background(), id)
	if err != nil || job.ID != id || job.Status != model.StatusCanceled {
		t.Fatalf("job %s %s, err %v", job.ID, job.Status, err)
	}
	if c, g := f.requests(sim.EndpointCancel), f.requests(sim.EndpointGetJob); c != 1 || g != 1 {
		t.Errorf("%d cancels, %d reads; want 1 and 1", c, g)
	}
}

// A cancel or restart has no body, and must say so in a way every server
// understands: "Content-Length: 0" (or no framing header), and not one
// byte after the head. A server without chunked support reads a chunked
// "0\r\n\r\n" as a second request, and answers it with a 400 the client
// never asked for. The server here is such a server, and records the
// bytes it received.
func TestActionsWithoutBodyAreNotChunked(t *testing.T) {
	for _, tc := range []struct {
		verb string
		act  func(c *Client, ctx context.Context, id string) (model.Job, error)
		can  func(model.Status) bool
		want model.Status
	}{
		{"cancel", (*Client).CancelJob, model.Status.Cancellable, model.StatusCanceled},
		{"restart", (*Client).RestartJob, model.Status.Restartable, model.StatusScheduled},
	} {
		t.Run(tc.verb, func(t *testing.T) {
			f := newFixture(t, sim.Options{}, nil)
			raw := f.behindRawServer(t, rawhttp.Options{})
			id := f.jobIn(t, tc.can)

			job, err := tc.act(f.client, context.Background(), id)
			if err != nil {
				t.Fatalf("%s against a server without chunked support: %v", tc.verb, err)
			}
			if job.ID != id || job.Status != tc.want {
				t.Errorf("%s returned job %s %s, want %s %s", tc.verb, job.ID, job.Status, id, tc.want)
			}
			if got := f.sim.Snapshot(f.appID)[id]; got != tc.want {
				t.Errorf("the server holds job %s as %s, want %s", id, got, tc.want)
			}

			var posts []rawhttp.Request
			for _, r := range raw.Requests() {
				if r.Method == http.MethodPost {
					posts = append(posts, r)
				}
			}
			if len(posts) != 1 {
				t.Fatalf("the server read %d POSTs, want 1: %+v", len(posts), raw.Requests())
			}
			post := posts[0]
			if want := "/v1/jobs/" + id + "/" + tc.verb; post.Target != want {
				t.Errorf("POST %s, want %s", post.Target, want)
			}
			if te := post.Header.Values("Transfer-Encoding"); len(te) > 0 {
				t.Errorf("the POST carries Transfer-Encoding %q; on the wire:\n%q", te, post.Raw)
			}
			if cl := post.Header.Values("Content-Length"); len(cl) > 1 || (len(cl) == 1 && cl[0] != "0") {
				t.Errorf("the POST carries Content-Length %q, want 0 or none", cl)
			}
			if !bytes.HasSuffix(post.Raw, []byte("\r\n\r\n")) || len(post.Body) != 0 {
				t.Errorf("the POST does not end with its head; on the wire:\n%q", post.Raw)
			}
			if refused := raw.Refused(); len(refused) > 0 {
				t.Errorf("the server was sent lines that are no request: %q", refused)
			}
		})
	}
}
