package sim

import (
	"maps"
	"sync"
)

// Stats counts what the server was asked and what it sent, so tests can
// check how much a client fetches.
type Stats struct {
	Requests  int            // every request, whatever its answer
	Bytes     int64          // response body bytes written
	Endpoints map[string]int // requests per endpoint, keyed by the Endpoint… names
}

type statsCounter struct {
	mu    sync.Mutex
	stats Stats
}

func (c *statsCounter) count(endpoint string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stats.Endpoints == nil {
		c.stats.Endpoints = make(map[string]int)
	}
	c.stats.Requests++
	c.stats.Endpoints[endpoint]++
}

func (c *statsCounter) wrote(n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stats.Bytes += int64(n)
}

// Stats returns the counts since New or the last ResetStats.
func (s *Server) Stats() Stats {
	c := &s.stats
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.stats
	out.Endpoints = maps.Clone(c.stats.Endpoints)
	return out
}

// ResetStats sets every count back to zero.
func (s *Server) ResetStats() {
	c := &s.stats
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stats = Stats{}
}
