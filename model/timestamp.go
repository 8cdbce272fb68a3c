package model

import (
	"fmt"
	"strings"
	"time"
)

// timestampLayouts are the spellings the API uses across its endpoints:
// RFC 3339 with an offset and optional fraction (jobs), with Z and
// milliseconds (other endpoints), a space-separated form naming UTC (apps),
// and the same without any zone, which is read as UTC.
//
// The apps form spells UTC literally rather than with the MST zone-name
// element: time.Parse gives an abbreviation it cannot place (PST, CET...)
// the local zone's offset if the names happen to match and zero otherwise,
// so such a date would be read hours off, differently on each machine.
// Rejecting it puts it in Job.Problems instead.
var timestampLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02 15:04:05.999999999 UTC",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999",
}

// ParseTimestamp reads a timestamp in any spelling the API is known to use
// and returns it in UTC. An empty string is not an error: it means "not set".
func ParseTimestamp(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range timestampLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("unrecognised timestamp %q", truncateForMessage(s))
}

// FormatQueryTime formats t the way the job list's date filters expect:
// UTC, whole seconds, with a Z.
func FormatQueryTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05Z")
}

// truncateForMessage keeps error messages one readable line even when the
// API sends something huge where a short value belongs.
func truncateForMessage(s string) string {
	const max = 64
	if len(s) <= max {
		return s
	}
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return string(r[:max]) + "…"
}
