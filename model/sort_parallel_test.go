package model

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
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
		if len(rs) == 0 || len(rs) > 4 || rs[0][0] != 0 || rs[len(rs)-1][1] != n {
			t.Errorf("inParallel(%d) ran over %v", n, rs)
			continue
		}
		for i, r := range rs {
			if i > 0 && r[0] != rs[i-1][1] {
				t.Errorf("inParallel(%d) ran over %v: not contiguous", n, rs)
			}
			if len(rs) > 1 && r[1]-r[0] < parallelMin {
				t.Errorf("inParallel(%d) ran over %v: a range shorter than %d", n, rs, parallelMin)
			}
		}
		if want := min(4, max(1, n/parallelMin)); len(rs) != want {
			t.Errorf("inParallel(%d) used %d ranges, want %d", n, len(rs), want)
		}
	}
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
