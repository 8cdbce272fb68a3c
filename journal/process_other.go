//go:build !unix

package journal

import "time"

// processState cannot tell here whether a process runs: it may, so an
// entry of another process without an outcome stays "sending".
func processState(int) (alive bool, started time.Time, known bool) {
	return true, time.Time{}, false
}
