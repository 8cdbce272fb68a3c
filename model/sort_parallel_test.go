package model

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// withProcs runs the test with GOMAXPROCS at n, so the parallel paths run
// whatever the machine.
func withProcs(t *testing.T, n int) {
	old := runtime.GOMAXPROCS(n)
	t.Cleanup(func() { runtime.GOMAXPROCS(old) })
}

func TestInParallel(t *testing.T) {
	withProcs(t, 4)
	for _, n := range []int{0, 1, parallelMin, 2*parallelMin - 1, 2 * parallelMin, 3*parallelMin + 5, 100_000} {
		var mu sync.Mutex
		var rs [][2]int
		inParallel(n, func(lo, hi int) {
			mu.Lock()
			defer mu.Unlock()
			rs = append(rs, [2]int{lo, hi})
		})
		slices.SortFunc(rs, func(a, b [2]int) int { return a[0] - b[0] })
		if len(rs) == 0 || rs[0][0] != 0 || rs[len(rs)-1][1] != n {
			t.Errorf("inParallel(%d) ran over %v", n, rs)
			continue
		}
		for i, r := range rs {
			if i > 0 && r[0] != rs[i-1][1] {
				t.Errorf("inParallel(%d) ran over %v: not each index once", n, rs)
			}
		}
		if n < 2*parallelMin && len(rs) != 1 {
			t.Errorf("inParallel(%d) cut the work into %d pieces, want it whole", n, len(rs))
		}
		if n >= 2*parallelMin && len(rs) < 2*piecesPerWorker {
			t.Errorf("inParallel(%d) cut the work into %d pieces, want pieces to hand out", n, len(rs))
		}
	}
}

// A worker held up (its CPU busy with something else) holds back a small
// piece only: the other takes the rest of the work, where cutting it in
// halves would leave half of it waiting.
func TestInParallelWorkersTakeWhatIsLeft(t *testing.T) {
	withProcs(t, 2)
	const n = 4 * parallelMin
	const want = n - n/8
	var done atomic.Int64
	inParallel(n, func(lo, hi int) {
		if lo == 0 {
			deadline := time.Now().Add(5 * time.Second)
			for done.Load() < want {
				if time.Now().After(deadline) {
					t.Errorf("while one worker was held up the other did %d of %d jobs, want at least %d", done.Load(), n, want)
					break
				}
				time.Sleep(time.Millisecond)
			}
		}
		done.Add(int64(hi - lo))
	})
}

// A panic on one of the workers comes back on the caller's goroutine,
// where the program's crash guard can restore the terminal.
func TestInParallelCarriesAPanicBack(t *testing.T) {
	withProcs(t, 4)
	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "boom") {
			t.Errorf("recovered %v, want the worker's panic", r)
		}
	}()
	inParallel(4*parallelMin, func(lo, hi int) {
		if lo > 0 {
			panic("boom")
		}
	})
	t.Error("inParallel returned after a worker panicked")
}
