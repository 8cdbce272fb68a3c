package common

import (
	"time"
)

// PaceWindow is how far back a pace looks: long enough to smooth over the
// bursts a sync every few seconds brings, short enough to show a batch
// that speeds up or stalls within minutes.
const PaceWindow = 10 * time.Minute

// Rate is the throughput, per minute, of what had recent jobs end within
// the PaceWindow.
func Rate(recent int) string {
	return PerMinute(float64(recent) / PaceWindow.Minutes())
}

// The ETA of jobs left: Stalled when the model says they stopped making
// progress (see model.BatchProgress.Stalled), NoPace when they have not,
// but none ended within the window to go by.
const (
	Stalled = "stalled"
	NoPace  = "no pace"
)

// ETA is how long moving jobs should take at the pace of recent endings
// within the PaceWindow: "~7m left", Stalled on the model's verdict,
// NoPace if none ended within the window, "—" once none move.
func ETA(moving, recent int, isStalled bool) string {
	switch {
	case moving == 0:
		return "—"
	case isStalled:
		return Stalled
	case recent == 0:
		return NoPace
	}
	return "~" + Age(time.Duration(moving)*PaceWindow/time.Duration(recent)) + " left"
}
