package common

import (
	"strconv"
	"strings"
	"time"
)

// PaceWindow is how far back a pace looks: long enough to smooth over the
// bursts a sync every few seconds brings, short enough to show a batch
// that speeds up or stalls within minutes.
const PaceWindow = 10 * time.Minute

// Rate is the throughput, per minute, of what had recent jobs end within
// the PaceWindow.
func Rate(recent int) string {
	return PerMinuteText(float64(recent) / PaceWindow.Minutes())
}

// PerMinuteText is a pace with one decimal below ten a minute, where it
// tells 0.1 from 0.9, and none above or for a whole number: "0.5/min",
// "2/min", "15/min".
func PerMinuteText(perMin float64) string {
	if perMin >= 10 {
		return strconv.Itoa(int(perMin+0.5)) + "/min"
	}
	return strings.TrimSuffix(strconv.FormatFloat(perMin, 'f', 1, 64), ".0") + "/min"
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
