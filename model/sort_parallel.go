package model

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// Matching 100,000 jobs, building their search texts or their sort records
// is milliseconds of pure CPU on the UI goroutine, whenever the user types
// or the data moves; spread over the machine's cores, it stays within a
// frame. Each job is handled on its own, so how the work is cut does not
// change the result.

// parallelMin is the least work, in jobs, worth a goroutine of its own.
const parallelMin = 8 << 10

// piecesPerWorker is how many pieces each worker's share of the work is
// cut into. Pieces are handed out as workers free up, so a CPU that is
// busy with something else (the terminal drawing the last frame, the
// simulator, a collection) holds back one small piece rather than half of
// the work: the key waits for the slowest piece, not the slowest half.
const piecesPerWorker = 8

// inParallel calls fn over [0, n) cut into pieces, on one goroutine per
// CPU (the caller's among them), and waits for them all. Below twice
// parallelMin, fn runs alone on the whole.
func inParallel(n int, fn func(lo, hi int)) {
	workers := min(runtime.GOMAXPROCS(0), n/parallelMin)
	if workers <= 1 {
		fn(0, n)
		return
	}
	piece := max(n/(workers*piecesPerWorker), 1)
	var (
		next     atomic.Int64
		wg       sync.WaitGroup
		once     sync.Once
		panicked any
	)
	work := func() {
		// A panic is carried back to the caller's goroutine, where the
		// program's crash guard can restore the terminal, once every
		// worker has stopped touching the data.
		defer func() {
			if r := recover(); r != nil {
				once.Do(func() { panicked = fmt.Sprintf("%v\n%s", r, debug.Stack()) })
			}
		}()
		for {
			lo := int(next.Add(int64(piece))) - piece
			if lo >= n {
				return
			}
			fn(lo, min(lo+piece, n))
		}
	}
	for range workers - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
	if panicked != nil {
		panic(panicked)
	}
}
