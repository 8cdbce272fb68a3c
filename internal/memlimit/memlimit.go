// Package memlimit keeps the Go runtime's soft memory limit at a multiple
// of the live heap, which in superdash is mostly the job store.
//
// With the default GOGC of 100 the heap may grow to twice what is live
// before a collection, and the memory it reached is handed back to the
// system only slowly: a dashboard holding 100,000 jobs sat at about twice
// its live heap. Lowering GOGC would make every collection come sooner,
// small heaps included. A soft limit instead bites only when the heap
// nears it: it is set after each collection to Ratio times the heap that
// survived it, never below Floor, so a small dashboard collects as it
// always did and a large one stays within Ratio of its data, the runtime
// returning memory above the limit to the system promptly.
package memlimit

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
)

const (
	// Ratio is the limit over the live heap: 1.4 leaves a collection 40%
	// of the live heap of room for garbage. At 1.5 a dashboard holding
	// 100,000 jobs sat at 2.36–2.53 times their JSON (BENCHMARKS.md).
	Ratio = 1.4
	// Floor is the least the limit is set to: below it the limit would
	// make collections more frequent than GOGC does, for no memory worth
	// saving.
	Floor = 64 << 20
)

// Start keeps the limit at ratio times the live heap, at least floor,
// re-set after every collection, until stop is called, which restores the
// limit Start found. It starts no goroutine: the runtime runs the
// re-setting after each collection, and nothing runs while none happens.
func Start(ratio float64, floor int64) (stop func()) {
	t := &tuner{ratio: ratio, floor: floor, previous: debug.SetMemoryLimit(-1)}
	t.sample = []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	started.Lock()
	current = t
	started.Unlock()
	t.arm()
	return func() {
		started.Lock()
		if current == t {
			current = nil
		}
		started.Unlock()
		t.stopped.Store(true)
		t.mu.Lock()
		defer t.mu.Unlock()
		debug.SetMemoryLimit(t.previous)
	}
}

// The runtime's memory limit is one per process, and so is the tuner that
// keeps it: Lift finds it here.
var (
	started sync.Mutex
	current *tuner
)

// Lift lifts the limit while a load runs, until the returned restore is
// called (once; later calls do nothing). A load keeps most of what it
// allocates: under the limit its heap would be collected every time it
// grew by the ratio, each collection marking all that was loaded so far,
// a fifth of a 100,000-job load's CPU. Without the limit it is collected
// as GOGC says; the memory it took beyond its data is for the caller to
// hand back once the load is in (debug.FreeOSMemory), before restore.
// With no limit started, Lift does nothing.
func Lift() (restore func()) {
	started.Lock()
	t := current
	started.Unlock()
	if t == nil {
		return func() {}
	}
	t.mu.Lock()
	t.lifted++
	debug.SetMemoryLimit(math.MaxInt64)
	t.mu.Unlock()
	return sync.OnceFunc(func() {
		t.mu.Lock()
		defer t.mu.Unlock()
		if t.lifted--; t.lifted == 0 && !t.stopped.Load() {
			debug.SetMemoryLimit(t.limit())
		}
	})
}

type tuner struct {
	ratio    float64
	floor    int64
	previous int64
	sample   []metrics.Sample
	stopped  atomic.Bool
	// mu orders the setting of the limit after a collection against Lift
	// and its restore; lifted counts the Lifts not yet restored.
	mu     sync.Mutex
	lifted int
}

// sentinel is allocated to be collected: its cleanup runs after the
// collection that found it unreachable. It holds a pointer so that it is
// not a tiny allocation, which may share a block and outlive the cycle.
type sentinel struct{ _ *int }

func (t *tuner) arm() {
	runtime.AddCleanup(new(sentinel), func(t *tuner) { t.collected() }, t)
}

// collected runs after each collection, on the runtime's cleanup goroutine.
func (t *tuner) collected() {
	if t.stopped.Load() {
		return
	}
	t.mu.Lock()
	if t.lifted == 0 && !t.stopped.Load() {
		debug.SetMemoryLimit(t.limit())
	}
	t.mu.Unlock()
	t.arm()
}

func (t *tuner) limit() int64 {
	metrics.Read(t.sample)
	live := float64(t.sample[0].Value.Uint64())
	return max(t.floor, int64(min(live*t.ratio, math.MaxInt64/2)))
}
