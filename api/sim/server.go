package sim

import (
	"crypto/subtle"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"sync"
)

// Server is the simulated API. It is an http.Handler serving paths under
// /v1/, safe for concurrent use.
type Server struct {
	opts   Options // with defaults applied
	routes []route
	stats  statsCounter
	faults faultInjector

	mu    sync.Mutex // guards world
	world *world
}

// New builds the initial workload and returns a server over it.
func New(opts Options) *Server {
	o := opts.withDefaults()
	s := &Server{opts: o, world: newWorld(o), faults: newFaultInjector(o.Seed)}
	s.routes = s.newRoutes()
	return s
}

// response is an answer before it is written, so faults can damage it on
// the way out.
type response struct {
	status     int
	body       []byte
	retryAfter string
	allow      string
}

// reply is a successful answer.
func reply(body []byte) response { return response{status: http.StatusOK, body: body} }

// fail is an error answer with the API's {"message": …} body.
func fail(status int, format string, args ...any) response {
	return response{status: status, body: encodeMessage(format, args...)}
}

// ServeHTTP answers one request: count it, wait out the simulated latency,
// check the key, let fault injection have its say, then serve it.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rt, args, allow := s.match(r.Method, r.URL.Path)
	endpoint := EndpointUnmatched
	if rt != nil {
		endpoint = rt.name
	}
	s.stats.count(endpoint)
	if !s.faults.delay(r.Context()) {
		// The client gave up, or the server is closing: an empty 200 would
		// read as an answer, so there must be none.
		abort()
	}
	if subtle.ConstantTimeCompare([]byte(r.Header.Get("API-KEY")), []byte(s.opts.APIKey)) != 1 {
		s.send(w, fail(http.StatusUnauthorized, "missing or invalid API key (send it in the API-KEY header)"), intact)
		return
	}
	v := s.faults.decide()
	if v.reject != nil {
		s.send(w, *v.reject, intact)
		return
	}
	switch {
	case rt != nil:
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRequestBody))
		if err != nil {
			s.send(w, fail(http.StatusRequestEntityTooLarge, "the request body could not be read: %v", err), intact)
			return
		}
		s.send(w, s.serve(rt, args, r.URL.Query(), body), v.damage)
	case allow != "":
		resp := fail(http.StatusMethodNotAllowed, "%s is not allowed on %s (allowed: %s)", r.Method, r.URL.Path, allow)
		resp.allow = allow
		s.send(w, resp, v.damage)
	default:
		s.send(w, fail(http.StatusNotFound, "no such endpoint: %s %s", r.Method, r.URL.Path), v.damage)
	}
}

// maxRequestBody bounds a request body: a submission of many inputs is a
// few MB at most.
const maxRequestBody = 64 << 20

// serve runs a route's handler on the world advanced to the clock's now.
func (s *Server) serve(rt *route, args []string, q url.Values, body []byte) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.world.advanceTo(s.opts.Clock())
	return rt.handle(args, q, body)
}

// send writes resp, damaged as fault injection decided. A truncated body is
// a complete HTTP response carrying broken JSON; a dropped one announces the
// whole body, sends half, and aborts the connection.
func (s *Server) send(w http.ResponseWriter, resp response, d damage) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	if resp.retryAfter != "" {
		h.Set("Retry-After", resp.retryAfter)
	}
	if resp.allow != "" {
		h.Set("Allow", resp.allow)
	}
	body, length := resp.body, len(resp.body)
	switch d {
	case truncated:
		body = body[:len(body)/2]
		length = len(body)
	case dropped:
		body = body[:len(body)/2] // while Content-Length promises all of it
	}
	h.Set("Content-Length", strconv.Itoa(length))
	w.WriteHeader(resp.status)
	// A failed write means the client has gone; there is no one to tell.
	n, _ := w.Write(body)
	s.stats.wrote(n)
	if d == dropped {
		// Put the half body on the wire before the connection goes. A flush
		// error means it went already.
		_ = http.NewResponseController(w).Flush()
		abort()
	}
}

// abort ends a request without a complete response: net/http drops the
// connection (or resets the HTTP/2 stream) and logs nothing. It needs a
// real net/http server around the handler.
func abort() {
	panic(http.ErrAbortHandler)
}
