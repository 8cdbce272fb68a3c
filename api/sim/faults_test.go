package sim

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"slices"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestFailNext(t *testing.T) {
	f := serve(t, Options{})
	date := t0.Add(time.Minute).Format(http.TimeFormat)
	for _, retryAfter := range []string{"2", date, ""} {
		f.FailNext(2, http.StatusServiceUnavailable, retryAfter)
		// An unauthenticated request is refused before FailNext counts it.
		f.requestCtx(t, context.Background(), http.MethodGet, "apps", "")
		for range 2 {
			resp, body := f.request(t, http.MethodGet, "apps")
			if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") != retryAfter {
				t.Errorf("status %d, Retry-After %q; want 503, %q", resp.StatusCode, resp.Header.Get("Retry-After"), retryAfter)
			}
			message(t, body)
		}
		f.get(t, "apps", http.StatusOK, nil)
	}
}

func TestErrorAndRateLimitFaults(t *testing.T) {
	f := serve(t, Options{})
	f.SetFaults(Faults{ErrorRate: 1})
	seen := map[int]bool{}
	for range 30 {
		resp, body := f.request(t, http.MethodGet, "apps")
		seen[resp.StatusCode] = true
		message(t, body)
	}
	for status := range seen {
		if !slices.Contains(serverErrors, status) {
			t.Errorf("ErrorRate 1 answered %d", status)
		}
	}
	if len(seen) < 2 {
		t.Errorf("ErrorRate 1 answered only %v", seen)
	}

	f.SetFaults(Faults{RateLimitRate: 1})
	resp, body := f.request(t, http.MethodGet, "apps")
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") != "1" {
		t.Errorf("RateLimitRate 1: status %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	message(t, body)

	f.SetFaults(Faults{ErrorRate: 0.5})
	statuses := map[int]int{}
	for range 40 {
		resp, _ := f.request(t, http.MethodGet, "apps")
		statuses[resp.StatusCode]++
	}
	if statuses[http.StatusOK] == 0 || statuses[http.StatusOK] == 40 {
		t.Errorf("ErrorRate 0.5 gave %v", statuses)
	}

	f.SetFaults(Faults{})
	f.get(t, "apps", http.StatusOK, nil)
}

func TestMalformedBody(t *testing.T) {
	f := serve(t, Options{})
	f.SetFaults(Faults{MalformedRate: 1})
	resp, body := f.request(t, http.MethodGet, "apps/"+f.AppIDs()[0]+"/jobs")
	if resp.StatusCode != http.StatusOK || len(body) == 0 {
		t.Fatalf("status %d with %d bytes", resp.StatusCode, len(body))
	}
	if json.Valid(body) {
		t.Errorf("MalformedRate 1 sent valid JSON: %s", body)
	}
}

func TestDroppedConnection(t *testing.T) {
	f := serve(t, Options{})
	f.SetFaults(Faults{DropRate: 1})
	req, err := http.NewRequest(http.MethodGet, f.BaseURL+"/apps/"+f.AppIDs()[0]+"/jobs", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("API-KEY", f.APIKey())
	resp, err := f.client.Do(req)
	if err != nil {
		t.Fatal(err) // the headers arrive; the body does not
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("reading a dropped body: %v after %d bytes, want unexpected EOF", err, len(body))
	}
	if len(body) == 0 {
		t.Error("nothing of the body arrived before the drop")
	}
}

func TestLatency(t *testing.T) {
	f := serve(t, Options{})
	const latency = 150 * time.Millisecond
	f.SetFaults(Faults{Latency: latency})
	begin := time.Now()
	f.get(t, "apps", http.StatusOK, nil)
	if took := time.Since(begin); took < latency {
		t.Errorf("request took %v with Latency %v", took, latency)
	}
}

func TestLatencyEndsWithTheRequest(t *testing.T) {
	f := serve(t, Options{})
	f.SetFaults(Faults{Latency: time.Hour})
	before := goleak.IgnoreCurrent()
	// Without keep-alives no client connection outlives the request, even
	// one whose dial completes after the request gave up.
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, f.BaseURL+"/apps", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("API-KEY", f.APIKey())
	if _, err := client.Do(req); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("request under an hour of latency: %v, want deadline exceeded", err)
	}
	// The handler must notice the client left and return, not sleep on.
	goleak.VerifyNone(t, before)
	if st := f.Stats(); st.Bytes != 0 {
		t.Errorf("%d bytes written to a client that left", st.Bytes)
	}
}
