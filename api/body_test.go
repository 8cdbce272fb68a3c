package api

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/go-resty/resty/v2"
)

// rawResponder answers every request on a loopback socket with response,
// written as is (a hand-written HTTP/1.1 server: the head, the body, and
// whatever framing the test chose), then closes the connection.
func rawResponder(t *testing.T, response []byte) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			r := bufio.NewReader(conn)
			for line, err := r.ReadString('\n'); err == nil && line != "\r\n"; line, err = r.ReadString('\n') {
			}
			_, _ = conn.Write(response)
			_ = conn.Close()
		}
	})
	t.Cleanup(func() {
		_ = ln.Close()
		wg.Wait()
	})
	return "http://" + ln.Addr().String() + "/v1"
}

// fetchBody sends one GET through the client and returns the body its
// decoder was handed.
func fetchBody(t *testing.T, baseURL string) ([]byte, error) {
	t.Helper()
	c, err := New(Options{BaseURL: baseURL, APIKey: "k", Retry: RetryPolicy{MaxAttempts: 1}, Sleep: noSleep,
		HTTPClient: &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}})
	if err != nil {
		t.Fatal(err)
	}
	var got []byte
	err = c.do(context.Background(), &request{op: "read", method: http.MethodGet, path: "x",
		decode: func(b []byte) error { got = b; return nil }})
	return got, err
}

func httpResponse(head string, body []byte) []byte {
	return append([]byte("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"+head+"\r\n"), body...)
}

// A body whose length the server announced is read into one buffer of that
// length: the bytes allocated for a 4 MB body stay near 4 MB (reading in
// 512-byte steps into a doubling buffer, as resty does, allocates twice
// that and more).
func TestBodyIsReadIntoOneBufferOfItsLength(t *testing.T) {
	body := []byte(`"` + strings.Repeat("x", 4<<20) + `"`)
	url := rawResponder(t, httpResponse(fmt.Sprintf("Content-Length: %d\r\n", len(body)), body))
	if _, err := fetchBody(t, url); err != nil { // warm up: connections, pools
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	got, err := fetchBody(t, url)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, body) {
		t.Fatalf("read %d bytes, want the %d sent", len(got), len(body))
	}
	if allocated := after.TotalAlloc - before.TotalAlloc; float64(allocated) > 1.25*float64(len(body)) {
		t.Errorf("reading a %d-byte body allocated %d bytes (%.2f×), want at most 1.25×",
			len(body), allocated, float64(allocated)/float64(len(body)))
	}
}

// Bodies without a length (chunked), bodies gzipped unasked, and bodies
// cut short all read as they did through resty.
func TestBodyFramings(t *testing.T) {
	body := []byte(`{"jobs":[],"pages":0}`)
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	_, _ = w.Write(body)
	_ = w.Close()
	chunked := fmt.Sprintf("%x\r\n%s\r\n%x\r\n%s\r\n0\r\n\r\n", 5, body[:5], len(body)-5, body[5:])

	for _, tc := range []struct {
		name     string
		response []byte
	}{
		{"chunked", append([]byte("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"), chunked...)},
		{"gzip unasked", httpResponse(fmt.Sprintf("Content-Encoding: gzip\r\nContent-Length: %d\r\n", gz.Len()), gz.Bytes())},
		{"until close", httpResponse("Connection: close\r\n", body)},
	} {
		got, err := fetchBody(t, rawResponder(t, tc.response))
		if err != nil || !bytes.Equal(got, body) {
			t.Errorf("%s: read %q, %v; want %q", tc.name, got, err, body)
		}
	}

	short := httpResponse("Content-Length: 100\r\n", body)
	_, err := fetchBody(t, rawResponder(t, short))
	var e *Error
	if !errors.As(err, &e) || !e.Retryable || !strings.Contains(e.Error(), "connection") {
		t.Errorf("a body cut short: %v, want a retryable connection failure", err)
	}
}

// A body over the limit is refused, before a byte of it is read when its
// length is announced.
func TestBodyOverTheLimitIsRefused(t *testing.T) {
	for _, length := range []int64{11, -1} {
		read := 0
		resp := &http.Response{ContentLength: length, Header: http.Header{},
			Body: io.NopCloser(readCounter{strings.NewReader(strings.Repeat("x", 11)), &read})}
		if _, err := readBody(resp, 10); !errors.Is(err, resty.ErrResponseBodyTooLarge) {
			t.Errorf("length %d: %v, want ErrResponseBodyTooLarge", length, err)
		}
		if length >= 0 && read > 0 {
			t.Errorf("length %d: %d bytes read before refusing", length, read)
		}
	}
}

type readCounter struct {
	r io.Reader
	n *int
}

func (c readCounter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	*c.n += n
	return n, err
}
