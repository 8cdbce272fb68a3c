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
	t.arm()
	return func() {
		t.stopped.Store(true)
		debug.SetMemoryLimit(t.previous)
	}
}

type tuner struct {
	ratio    float64
	floor    int64
	previous int64
	sample   []metrics.Sample
	stopped  atomic.Bool
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
	debug.SetMemoryLimit(t.limit())
	t.arm()
}

func (t *tuner) limit() int64 {
	metrics.Read(t.sample)
	live := float64(t.sample[0].Value.Uint64())
	return max(t.floor, int64(min(live*t.ratio, math.MaxInt64/2)))
}
