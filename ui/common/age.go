package common

import (
	"fmt"
	"time"
)

// Age writes a duration the way a glance needs it: one unit, rounded down
// ("45s", "12m", "3h", "9d"). Negative durations (clock skew between the
// API and this machine) read as "0s" rather than as nonsense.
func Age(d time.Duration) string {
	switch {
	case d < time.Second:
		return "0s"
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d/time.Second))
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d/time.Minute))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh", int(d/time.Hour))
	default:
		return fmt.Sprintf("%dd", int(d/(24*time.Hour)))
	}
}

// AgeChangesIn is how long until Age(d) reads differently as d grows: the
// next whole second, minute, hour or day, whichever unit Age shows d in.
// A view that shows ages can keep what it drew for that long.
func AgeChangesIn(d time.Duration) time.Duration {
	var unit time.Duration
	switch {
	case d < time.Minute: // negative durations included: "0s" until 1s
		unit = time.Second
	case d < time.Hour:
		unit = time.Minute
	case d < 48*time.Hour:
		unit = time.Hour
	default:
		unit = 24 * time.Hour
	}
	if d < 0 {
		return unit - d
	}
	return unit - d%unit
}
