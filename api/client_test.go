package api

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

const secretKey = "sk-very-secret-123"

func TestNewValidatesBaseURL(t *testing.T) {
	for _, bad := range []string{"", "api.super.ai/v1", "ftp://api.super.ai/v1", "https://", "/v1", "https://h/v1?x=1", "https://h/v1#frag", "://x"} {
		if _, err := New(Options{BaseURL: bad}); err == nil {
			t.Errorf("New(%q) accepted a bad base URL", bad)
		}
	}
	c, err := New(Options{BaseURL: "https://api.prod-eu.super.ai:8443/v1/"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Host() != "api.prod-eu.super.ai:8443" {
		t.Errorf("Host() = %q", c.Host())
	}
}

func TestNewRejectsControlCharactersWithoutShowingTheKey(t *testing.T) {
	_, err := New(Options{BaseURL: "https://h/v1", APIKey: "abc\x00def", KeySource: "$SUPERAI_API_KEY"})
	if err == nil || strings.Contains(err.Error(), "abc") || !strings.Contains(err.Error(), "$SUPERAI_API_KEY") {
		t.Fatalf("err = %v", err)
	}
}

func TestKeyNeverPrinted(t *testing.T) {
	opts := Options{BaseURL: "https://user:pw@h/v1", APIKey: secretKey, KeySource: "file"}
	c, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{fmt.Sprint(opts), fmt.Sprintf("%+v", opts), fmt.Sprintf("%#v", opts), fmt.Sprint(c), fmt.Sprintf("%v", c)} {
		if strings.Contains(s, secretKey) || strings.Contains(s, "pw@") {
			t.Errorf("printed a secret: %s", s)
		}
	}
}

// TestPathsJoinAndHeaders checks the wire format of a request: one slash
// between base and path, ids escaped into one segment, the API-KEY header.
func TestPathsJoinAndHeaders(t *testing.T) {
	var got *http.Request
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r
		fmt.Fprint(w, `{"id":"a/b"}`)
	}))
	defer srv.Close()
	c, err := New(Options{BaseURL: srv.URL + "/v1/", APIKey: " " + secretKey + "\n"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetJob(context.Background(), "a/b?x"); err != nil {
		t.Fatal(err)
	}
	if got.URL.EscapedPath() != "/v1/jobs/a%2Fb%3Fx" || got.URL.RawQuery != "" {
		t.Errorf("path = %s ? %s", got.URL.EscapedPath(), got.URL.RawQuery)
	}
	if got.Header.Get("API-KEY") != secretKey || got.Header.Get("Authorization") != "" {
		t.Errorf("headers = %v", got.Header)
	}
	if _, err := c.GetJob(context.Background(), " "); err == nil {
		t.Error("empty id accepted")
	}
}

// TestRedirectToAnotherHostIsRefused: net/http would forward API-KEY to the
// other host, so the client must not follow.
func TestRedirectToAnotherHostIsRefused(t *testing.T) {
	var leaked string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		leaked = r.Header.Get("API-KEY")
	}))
	defer other.Close()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		target := strings.Replace(other.URL, "127.0.0.1", "localhost", 1) + r.URL.Path
		http.Redirect(w, r, target, http.StatusFound)
	}))
	defer api.Close()
	c, err := New(Options{BaseURL: api.URL + "/v1", APIKey: secretKey, Sleep: noSleep})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetJob(context.Background(), "1")
	if err == nil || leaked != "" || IsRetryable(err) {
		t.Fatalf("err = %v, leaked = %q", err, leaked)
	}
}

func noSleep(context.Context, time.Duration) error { return nil }
