// Package rawhttp is an HTTP/1.1 server written on a bare socket, for
// tests that must meet a server as the world has them rather than Go's
// net/http, which accepts anything Go's client sends.
//
// It reads each request by hand and frames its body by Content-Length
// alone: like many small servers that are not written in Go, it knows
// nothing of chunked transfer coding. A chunked body is therefore left on
// the connection and read as the next request, which is refused with a 400
// and the connection closed, as such a server does. It records the bytes
// of every request exactly as they arrived, so a test can assert on the
// wire rather than on what the client meant to send.
package rawhttp

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Options shape how the server misbehaves.
type Options struct {
	// Unsolicited, when set, is written on the connection right after every
	// response, as a server does that answers bytes it did not understand:
	// the client's HTTP stack finds it on a connection it thinks idle.
	Unsolicited string
}

// Request is one request as the server read it.
type Request struct {
	Method, Target string
	Header         http.Header
	Body           []byte
	// Raw is every byte the request took on the wire, head and body.
	Raw []byte
	// Unanswered: the server was down (SetDown) and closed the connection
	// instead of answering.
	Unanswered bool
	// Conn numbers the connection the request came on, from 1 in order of
	// acceptance: requests sharing it were sent over a kept-alive one.
	Conn int
}

// Server serves one http.Handler over the hand-written protocol.
type Server struct {
	// URL is http://127.0.0.1:port, without a trailing slash.
	URL string

	ln      net.Listener
	handler http.Handler
	opts    Options
	wg      sync.WaitGroup

	mu       sync.Mutex
	conns    map[net.Conn]struct{}
	accepted int // connections accepted so far
	requests []Request
	refused  []string // request lines that were not HTTP requests
	down     bool     // see SetDown
}

// maxHeadLine bounds one line of a request head.
const maxHeadLine = 8 << 10

// Start listens on a loopback port and serves h until Close.
func Start(h http.Handler, opts Options) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("rawhttp: listen: %w", err)
	}
	s := &Server{
		URL:     "http://" + ln.Addr().String(),
		ln:      ln,
		handler: h,
		opts:    opts,
		conns:   map[net.Conn]struct{}{},
	}
	s.wg.Add(1)
	go s.accept()
	return s, nil
}

// Close stops listening, closes every connection and returns once every
// goroutine of the server has ended.
func (s *Server) Close() error {
	err := s.ln.Close()
	s.mu.Lock()
	for c := range s.conns {
		c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
	return err
}

// SetDown takes the service behind the server down or brings it back.
// While it is down, the server still accepts connections and reads each
// request (and records it), but closes the connection without an answer,
// as a host does whose backend has gone: the client sees a connection
// error. Going down also closes every open connection, so none kept alive
// from before carries a request through.
func (s *Server) SetDown(down bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.down = down
	if down {
		for c := range s.conns {
			c.Close()
		}
	}
}

// Requests are the requests read so far, in order of arrival.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requests)
}

// Refused are the lines the server was sent where a request should have
// begun and that were not one (such as the "0" ending a chunked body).
func (s *Server) Refused() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.refused)
}

func (s *Server) accept() {
	defer s.wg.Done()
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return // closed
		}
		s.mu.Lock()
		s.conns[c] = struct{}{}
		s.accepted++
		n := s.accepted
		s.mu.Unlock()
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			s.serveConn(c, n)
			s.mu.Lock()
			delete(s.conns, c)
			s.mu.Unlock()
			c.Close()
		}()
	}
}

// serveConn answers the requests of one keep-alive connection, the n-th
// accepted, in turn.
func (s *Server) serveConn(c net.Conn, n int) {
	br := bufio.NewReaderSize(c, maxHeadLine)
	for {
		req, line, err := readRequest(br)
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			s.mu.Lock()
			s.refused = append(s.refused, line)
			s.mu.Unlock()
			msg := "bad request: " + err.Error()
			fmt.Fprintf(c, "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s", len(msg), msg)
			return
		}
		s.mu.Lock()
		down := s.down
		req.Unanswered, req.Conn = down, n
		s.requests = append(s.requests, req)
		s.mu.Unlock()
		if down {
			return
		}
		out := append(s.respond(c, req), s.opts.Unsolicited...)
		if _, err := c.Write(out); err != nil || strings.EqualFold(req.Header.Get("Connection"), "close") {
			return
		}
	}
}

// readRequest reads one request: a request line, header lines, and a body
// of Content-Length bytes. Transfer-Encoding is not understood, so it frames
// nothing. On an error, line is the first line read.
func readRequest(br *bufio.Reader) (req Request, line string, err error) {
	var raw bytes.Buffer
	readLine := func() (string, error) {
		l, err := br.ReadSlice('\n')
		raw.Write(l)
		if errors.Is(err, bufio.ErrBufferFull) || len(l) > maxHeadLine {
			return "", errors.New("line too long")
		}
		if err != nil {
			return "", err
		}
		return strings.TrimRight(string(l), "\r\n"), nil
	}
	if line, err = readLine(); err != nil {
		if raw.Len() == 0 {
			return req, "", io.EOF // the client closed between requests
		}
		return req, line, err
	}
	parts := strings.Split(line, " ")
	if len(parts) != 3 || parts[2] != "HTTP/1.1" || !strings.HasPrefix(parts[1], "/") {
		return req, line, fmt.Errorf("%q is not a request line", line)
	}
	req.Method, req.Target, req.Header = parts[0], parts[1], http.Header{}
	for {
		h, err := readLine()
		if err != nil {
			return req, line, err
		}
		if h == "" {
			break
		}
		name, value, ok := strings.Cut(h, ":")
		if !ok {
			return req, line, fmt.Errorf("%q is not a header line", h)
		}
		req.Header.Add(strings.TrimSpace(name), strings.TrimSpace(value))
	}
	if cl := req.Header.Get("Content-Length"); cl != "" {
		n, err := strconv.ParseUint(cl, 10, 31)
		if err != nil {
			return req, line, fmt.Errorf("Content-Length %q", cl)
		}
		req.Body = make([]byte, n)
		if _, err := io.ReadFull(br, req.Body); err != nil {
			return req, line, fmt.Errorf("body: %w", err)
		}
		raw.Write(req.Body)
	}
	req.Raw = raw.Bytes()
	return req, line, nil
}

// respond runs the handler on req and renders its answer by hand, framed
// by Content-Length.
func (s *Server) respond(c net.Conn, req Request) []byte {
	hreq, err := http.NewRequest(req.Method, s.URL+req.Target, bytes.NewReader(req.Body))
	if err != nil {
		msg := err.Error()
		return fmt.Appendf(nil, "HTTP/1.1 400 Bad Request\r\nContent-Length: %d\r\n\r\n%s", len(msg), msg)
	}
	hreq.Header = req.Header
	hreq.RemoteAddr = c.RemoteAddr().String()
	rec := httptest.NewRecorder()
	s.handler.ServeHTTP(rec, hreq)
	body := rec.Body.Bytes()
	var b bytes.Buffer
	fmt.Fprintf(&b, "HTTP/1.1 %d %s\r\n", rec.Code, http.StatusText(rec.Code))
	fmt.Fprintf(&b, "Date: %s\r\n", time.Now().UTC().Format(http.TimeFormat))
	for name, values := range rec.Header() {
		if strings.EqualFold(name, "Content-Length") || strings.EqualFold(name, "Transfer-Encoding") {
			continue
		}
		for _, v := range values {
			fmt.Fprintf(&b, "%s: %s\r\n", name, v)
		}
	}
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n", len(body))
	b.Write(body)
	return b.Bytes()
}
