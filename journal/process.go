package journal

import "time"

// sameStartWithin is how far apart the start a process's entries carry
// and the start the system gives for a live process of that pid may be,
// for the two to be one process. The entries' start is read from the
// clock as the program starts; the system's is counted from boot, to the
// hundredth of a second: a few seconds covers both and a slewing clock.
const sameStartWithin = 5 * time.Second

// mayBeRunning reports whether w, another process than this one, may
// still be running, so that an entry of it without an outcome may still
// get one. It answers no only when that is certain: w's pid is this
// process's (so w ended before this process started), no process has the
// pid, or the process that has it is a zombie or started at another time
// than w (the pid was reused).
func mayBeRunning(w writer) bool {
	if w.pid == self.pid {
		return false
	}
	alive, started, known := processState(w.pid)
	if !alive {
		return false
	}
	if !known {
		return true
	}
	gap := started.Sub(w.started)
	return gap > -sameStartWithin && gap < sameStartWithin
}
