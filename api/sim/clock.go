package sim

import (
	"sync"
	"time"
)

// scaledClock runs simulated time from start at speed simulated seconds per
// real second, measured on the monotonic clock so a wall-clock jump on the
// host does not move the simulation.
func scaledClock(start time.Time, speed float64) func() time.Time {
	origin := time.Now()
	return func() time.Time {
		return start.Add(time.Duration(float64(time.Since(origin)) * speed))
	}
}

// ManualClock is a clock that moves only when told to, for tests: pass its
// Now as Options.Clock. It is safe for concurrent use.
type ManualClock struct {
	mu  sync.Mutex
	now time.Time
}

// NewManualClock returns a clock reading t.
func NewManualClock(t time.Time) *ManualClock { return &ManualClock{now: t} }

// Now returns the current reading.
func (c *ManualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d.
func (c *ManualClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Set moves the clock to t.
func (c *ManualClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}
