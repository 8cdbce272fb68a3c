package sim

import (
	"context"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"
)

// Faults are the failures a real network and a real API produce, switched
// on at will. Rates are shares of requests, drawn from a random stream
// seeded by Options.Seed, so a test sees the same faults on every run.
type Faults struct {
	// Latency is added before every response. When the request's context
	// ends first (the client gave up, or Running.Close), the connection is
	// dropped without an answer.
	Latency       time.Duration
	ErrorRate     float64 // answered 500, 502, 503 or 504 without being served
	RateLimitRate float64 // answered 429 with Retry-After: 1 without being served
	MalformedRate float64 // served, but the body is cut mid-JSON (a complete HTTP response)
	// DropRate: served, but the connection is dropped halfway through the
	// body. This aborts the handler, so it needs a real net/http server.
	DropRate float64
}

// damage is what happens to a served response's body on its way out.
type damage int

const (
	intact damage = iota
	truncated
	dropped
)

// verdict is fault injection's decision for one request.
type verdict struct {
	reject *response // answer this instead of serving the request
	damage damage    // otherwise, serve it and damage the body this way
}

var serverErrors = []int{
	http.StatusInternalServerError,
	http.StatusBadGateway,
	http.StatusServiceUnavailable,
	http.StatusGatewayTimeout,
}

type faultInjector struct {
	mu     sync.Mutex
	seed   uint64
	rng    *rand.Rand
	faults Faults

	failNext       int // requests still to fail as FailNext asked
	failStatus     int
	failRetryAfter string
}

func newFaultInjector(seed int64) faultInjector {
	return faultInjector{seed: uint64(seed), rng: rand.New(rand.NewPCG(uint64(seed), faultStream))}
}

// SetFaults switches faults on or off (the zero Faults is off). The random
// stream restarts, so the faults that follow depend only on the seed and on
// the requests made since.
func (s *Server) SetFaults(f Faults) {
	fi := &s.faults
	fi.mu.Lock()
	defer fi.mu.Unlock()
	fi.faults = f
	fi.rng = rand.New(rand.NewPCG(fi.seed, faultStream))
}

// FailNext makes the next n authenticated requests answer status with a
// {"message": …} body and, unless retryAfter is empty, a Retry-After header
// carrying it verbatim (seconds, or an HTTP date). It replaces any earlier
// FailNext still pending (n <= 0 just cancels that), and takes precedence
// over Faults.
func (s *Server) FailNext(n int, status int, retryAfter string) {
	fi := &s.faults
	fi.mu.Lock()
	defer fi.mu.Unlock()
	fi.failNext, fi.failStatus, fi.failRetryAfter = n, status, retryAfter
}

// delay waits out the configured latency. It reports false if ctx ended
// first: the client is gone and nothing should be written.
func (fi *faultInjector) delay(ctx context.Context) bool {
	fi.mu.Lock()
	d := fi.faults.Latency
	fi.mu.Unlock()
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// decide draws the fate of one authenticated request.
func (fi *faultInjector) decide() verdict {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	if fi.failNext > 0 {
		fi.failNext--
		return reject(fi.failStatus, fi.failRetryAfter)
	}
	f := &fi.faults
	p := fi.rng.Float64()
	if p -= f.ErrorRate; p < 0 {
		return reject(pick(fi.rng, serverErrors), "")
	}
	if p -= f.RateLimitRate; p < 0 {
		return reject(http.StatusTooManyRequests, "1")
	}
	if p -= f.MalformedRate; p < 0 {
		return verdict{damage: truncated}
	}
	if p -= f.DropRate; p < 0 {
		return verdict{damage: dropped}
	}
	return verdict{}
}

func reject(status int, retryAfter string) verdict {
	resp := fail(status, "simulated failure: %d %s", status, http.StatusText(status))
	resp.retryAfter = retryAfter
	return verdict{reject: &resp}
}
