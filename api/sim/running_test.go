package sim

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"
)

// TestCloseEndsEverything: Close returns promptly even with a request in
// flight under a long latency, and leaves no goroutine behind.
func TestCloseEndsEverything(t *testing.T) {
	r, err := Start(Options{Jobs: 30}, "")
	if err != nil {
		t.Fatal(err)
	}
	r.SetFaults(Faults{Latency: time.Hour})
	transport := &http.Transport{}
	client := &http.Client{Transport: transport}
	inFlight := make(chan error, 1)
	go func() {
		req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, r.BaseURL+"/apps", nil)
		if err == nil {
			req.Header.Set("API-KEY", r.APIKey())
			var resp *http.Response
			if resp, err = client.Do(req); err == nil {
				resp.Body.Close()
			}
		}
		inFlight <- err
	}()
	for r.Stats().Requests == 0 {
		time.Sleep(time.Millisecond)
	}
	// The request waits an hour: Close returning at all proves it did
	// not wait for it.
	if err := r.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if err := <-inFlight; err == nil {
		t.Error("the request in flight succeeded after Close")
	}
	if err := r.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	transport.CloseIdleConnections()
	goleak.VerifyNone(t)
}

func TestDescribeAndAccessors(t *testing.T) {
	f := serve(t, Options{APIKey: "k-123"})
	if f.APIKey() != "k-123" || !f.Now().Equal(t0) {
		t.Errorf("APIKey %q, Now %v", f.APIKey(), f.Now())
	}
	if key := New(Options{Jobs: -1}).APIKey(); key != "sim-key" {
		t.Errorf("default key %q", key)
	}
	var b strings.Builder
	if err := f.Describe(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range append([]string{f.BaseURL, "k-123", "curl"}, f.AppIDs()...) {
		if !strings.Contains(out, want) {
			t.Errorf("Describe does not mention %q:\n%s", want, out)
		}
	}
	if !strings.HasPrefix(f.BaseURL, "http://127.0.0.1:") || !strings.HasSuffix(f.BaseURL, "/v1") {
		t.Errorf("BaseURL %q", f.BaseURL)
	}
}
