package common

import (
	"fmt"
	"time"
)

// day is a day as ages count it.
const day = 24 * time.Hour

// daysAndHours is the age up to which days are told with their hours
// ("6d23h"); past it the hours no longer matter at a glance ("9d").
const daysAndHours = 7 * day

// Age writes a duration the way a glance needs it, rounded down: one unit
// ("45s", "12m", "3h", "9d"), or days and hours in the first week
// ("1d19h", not "43h", which has to be worked out). Negative durations
// (clock skew between the API and this machine) read as "0s" rather than
// as nonsense.
func Age(d time.Duration) string {
	switch {
	case d < time.Second:
		return "0s"
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d/time.Second))
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d/time.Minute))
	case d < day:
		return fmt.Sprintf("%dh", int(d/time.Hour))
	case d < daysAndHours:
		return fmt.Sprintf("%dd%dh", int(d/day), int(d%day/time.Hour))
	default:
		return fmt.Sprintf("%dd", int(d/day))
	}
}

// AgeChangesIn is how long until Age(d) reads differently as d grows: the
// next whole second, minute, hour or day, whichever unit Age ends d in.
// A view that shows ages can keep what it drew for that long.
func AgeChangesIn(d time.Duration) time.Duration {
	var unit time.Duration
	switch {
	case d < time.Minute: // negative durations included: "0s" until 1s
		unit = time.Second
	case d < time.Hour:
		unit = time.Minute
	case d < daysAndHours:
		unit = time.Hour
	default:
		unit = day
	}
	if d < 0 {
		return unit - d
	}
	return unit - d%unit
}
