package model

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
)

// Matching 100,000 jobs, building their search texts or their sort records
// is milliseconds of pure CPU on the UI goroutine, whenever the user types
// or the data moves; spread over the machine's cores, it stays within a
// frame. Each job is handled on its own, so how the work is cut does not
// change the result.

// parallelMin is the least work, in jobs, worth a goroutine of its own.
const parallelMin = 8 << 10

// inParallel calls fn over [0, n) cut into one range per CPU, all at once,
// and waits for them. A range is never shorter than parallelMin: below
// twice that, fn runs alone on the whole.
func inParallel(n int, fn func(lo, hi int)) {
	workers := min(runtime.GOMAXPROCS(0), n/parallelMin)
	if workers <= 1 {
		fn(0, n)
		return
	}
	size := (n + workers - 1) / workers
	var (
		wg       sync.WaitGroup
		once     sync.Once
		panicked any
	)
	for lo := 0; lo < n; lo += size {
		wg.Go(func() {
			// A panic is carried back to the caller's goroutine, where
			// the program's crash guard can restore the terminal.
			defer func() {
				if r := recover(); r != nil {
					once.Do(func() { panicked = fmt.Sprintf("%v\n%s", r, debug.Stack()) })
				}
			}()
			fn(lo, min(lo+size, n))
		})
	}
	wg.Wait()
	if panicked != nil {
		panic(panicked)
	}
}
