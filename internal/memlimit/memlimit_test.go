package memlimit

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
)

// After a collection the limit is Ratio times what survived it, or the
// floor; stop puts back the limit there was.
func TestLimitFollowsTheLiveHeap(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	stop := Start(1.5, 1<<20)
	live := make([][]byte, 0, 64)
	for range 64 {
		live = append(live, make([]byte, 1<<20)) // 64 MB kept
	}
	// The re-setting runs after the collection, on the runtime's cleanup
	// goroutine: a second collection waits for the first one's cleanups.
	runtime.GC()
	runtime.GC()
	runtime.GC()
	limit := debug.SetMemoryLimit(-1)
	if limit < 96<<20 || limit > 3*(96<<20)/2 {
		t.Errorf("with 64 MB live the limit is %d MB, want about 96 (1.5 times)", limit>>20)
	}
	runtime.KeepAlive(live)
	live = nil
	runtime.GC()
	runtime.GC()
	runtime.GC()
	if got := debug.SetMemoryLimit(-1); got >= limit/2 {
		t.Errorf("with the 64 MB dropped the limit is still %d MB", got>>20)
	}
	stop()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("after stop the limit is %d, want %d as before", got, before)
	}
	runtime.GC()
	runtime.GC()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("a collection after stop set the limit to %d", got)
	}
}

func TestLimitNeverBelowTheFloor(t *testing.T) {
	stop := Start(1.5, 1<<40)
	defer stop()
	runtime.GC()
	runtime.GC()
	runtime.GC()
	if got := debug.SetMemoryLimit(-1); got != 1<<40 {
		t.Errorf("the limit is %d, want the floor %d", got, int64(1<<40))
	}
	if got := debug.SetMemoryLimit(-1); got == math.MaxInt64 {
		t.Error("no limit set")
	}
}

// While lifted there is no limit, whatever the collections; restore puts
// it back at once at the ratio of the live heap, and a second restore
// changes nothing.
func TestLiftHoldsTheLimitOffUntilRestored(t *testing.T) {
	stop := Start(1.5, 1<<20)
	defer stop()
	live := make([][]byte, 0, 64)
	for range 64 {
		live = append(live, make([]byte, 1<<20)) // 64 MB kept
	}
	restore := Lift()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Fatalf("lifted, the limit is %d MB, want none", got>>20)
	}
	runtime.GC()
	runtime.GC()
	runtime.GC()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Fatalf("a collection while lifted set the limit to %d MB", got>>20)
	}
	restore()
	limit := debug.SetMemoryLimit(-1)
	if limit < 96<<20 || limit > 3*(96<<20)/2 {
		t.Errorf("restored with 64 MB live, the limit is %d MB, want about 96 (1.5 times)", limit>>20)
	}
	runtime.KeepAlive(live)
	debug.SetMemoryLimit(1 << 40)
	restore()
	if got := debug.SetMemoryLimit(-1); got != 1<<40 {
		t.Errorf("a second restore set the limit to %d MB", got>>20)
	}
}

// Without a limit started, Lift and its restore leave the runtime's limit
// alone.
func TestLiftWithoutStart(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	Lift()()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("the limit is %d, want %d as before", got, before)
	}
}
