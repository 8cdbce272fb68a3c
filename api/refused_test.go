package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"superdash/internal/rawhttp"
)

// answering starts a bare-socket HTTP server that answers every request
// with status and body, and a client talking to it.
func answering(t *testing.T, status int, body string) (*Client, *rawhttp.Server) {
	t.Helper()
	srv, err := rawhttp.Start(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		fmt.Fprint(w, body)
	}), rawhttp.Options{})
	if err != nil {
		t.Fatal(err)
	}
	transport := &http.Transport{}
	t.Cleanup(func() {
		transport.CloseIdleConnections()
		if err := srv.Close(); err != nil {
			t.Errorf("closing the raw server: %v", err)
		}
	})
	c, err := New(Options{BaseURL: srv.URL + "/v1", APIKey: secretKey, Sleep: noSleep, HTTPClient: &http.Client{Transport: transport}})
	if err != nil {
		t.Fatal(err)
	}
	return c, srv
}

// TestRefusedIsTheAPISayingNo: a refusal is an answer that declines the
// action and changed nothing; a rate limit, a key problem, a server
// failure or a lost answer is not one, whatever its status code.
func TestRefusedIsTheAPISayingNo(t *testing.T) {
	tests := []struct {
		name    string
		status  int
		body    string
		restart bool
		down    bool
		refused bool
		reason  string // what Reason must say, exactly, when not empty
	}{
		{name: "409", status: 409, body: `{"message":"Job 7 cannot be canceled in status COMPLETED"}`, refused: true,
			reason: "Job 7 cannot be canceled in status COMPLETED (HTTP 409)"},
		{name: "404", status: 404, body: `{"message":"no such job"}`, refused: true, reason: "job 7 not found: no such job (HTTP 404)"},
		{name: "400", status: 400, body: `{"message":"bad id"}`, refused: true, reason: "bad id (HTTP 400)"},
		{name: "restart 405", status: 405, body: `{}`, restart: true, refused: true},
		{name: "429", status: 429, body: `{"message":"slow down"}`},
		{name: "401", status: 401, body: `{}`},
		{name: "403", status: 403, body: `{}`},
		{name: "500", status: 500, body: `{}`},
		{name: "503", status: 503, body: `{}`},
		{name: "dropped", down: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv := answering(t, tt.status, tt.body)
			srv.SetDown(tt.down)
			var err error
			if tt.restart {
				_, err = c.RestartJob(context.Background(), "7")
			} else {
				_, err = c.CancelJob(context.Background(), "7")
			}
			if err == nil {
				t.Fatal("no error")
			}
			if got := IsRefused(err); got != tt.refused {
				t.Errorf("IsRefused = %v, want %v (err %v)", got, tt.refused, err)
			}
			reason := Reason(err)
			if op := Operation(err); op == "" || strings.Contains(reason, op) || !strings.HasSuffix(err.Error(), reason) {
				t.Errorf("Reason = %q, Operation = %q: want the error %q without what was attempted", reason, op, err)
			}
			if tt.reason != "" && reason != tt.reason {
				t.Errorf("Reason = %q, want %q", reason, tt.reason)
			}
		})
	}
}

func TestReasonOfErrorsNotFromTheClient(t *testing.T) {
	apiErr := &Error{Op: "cancel job 7", StatusCode: 409, Message: "no"}
	tests := []struct {
		err        error
		reason, op string
	}{
		{nil, "", ""},
		{errors.New("disk full"), "disk full", ""},
		{apiErr, "no (HTTP 409)", "cancel job 7"},
		// Wrapped with words of its own in front: the Op is inside, not a
		// prefix, and the whole text stays.
		{fmt.Errorf("nothing sent: %w", apiErr), "nothing sent: cancel job 7: no (HTTP 409)", "cancel job 7"},
	}
	for _, tt := range tests {
		if got := Reason(tt.err); got != tt.reason {
			t.Errorf("Reason(%v) = %q, want %q", tt.err, got, tt.reason)
		}
		if got := Operation(tt.err); got != tt.op {
			t.Errorf("Operation(%v) = %q, want %q", tt.err, got, tt.op)
		}
		if IsRefused(tt.err) != (tt.err != nil && tt.op != "") {
			t.Errorf("IsRefused(%v) = %v", tt.err, IsRefused(tt.err))
		}
	}
}
