package rawhttp

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// The server frames a body by Content-Length only, as servers without
// chunked support do: a chunked body's last chunk is read as a second
// request, refused with a 400, and the connection closed.
func TestChunkedBodyIsReadAsASecondRequest(t *testing.T) {
	s, err := Start(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"ok":true}`)
	}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, err := net.Dial("tcp", strings.TrimPrefix(s.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	io.WriteString(c, "POST /v1/jobs/1/cancel HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
	replies, err := io.ReadAll(c)
	if err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(strings.NewReader(string(replies)))
	var codes []int
	for {
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			break
		}
		io.Copy(io.Discard, resp.Body)
		codes = append(codes, resp.StatusCode)
	}
	if len(codes) != 2 || codes[0] != 200 || codes[1] != 400 {
		t.Fatalf("answers %v, want [200 400]; on the wire:\n%q", codes, replies)
	}
	reqs := s.Requests()
	if len(reqs) != 1 || len(reqs[0].Body) != 0 || reqs[0].Header.Get("Transfer-Encoding") != "chunked" {
		t.Fatalf("requests read: %+v", reqs)
	}
	if refused := s.Refused(); len(refused) != 1 || refused[0] != "0" {
		t.Fatalf("refused lines %q, want [\"0\"]", refused)
	}
}
