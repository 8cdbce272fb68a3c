package model

import (
	"strings"
	"testing"
	"time"
)

func TestParseTimestamp(t *testing.T) {
	tests := []struct{ in, want string }{
		// Every spelling API.md lists.
		{"2020-02-12T13:27:03+00:00", "2020-02-12T13:27:03Z"},
		{"2020-02-12T13:41:41.695000+00:00", "2020-02-12T13:41:41.695Z"},
		{"2023-07-25T12:29:24.123Z", "2023-07-25T12:29:24.123Z"},
		{"2023-07-25 12:29:24 UTC", "2023-07-25T12:29:24Z"},
		// Close relatives seen from other hosts and proxies.
		{"2023-07-25 12:29:24.5 UTC", "2023-07-25T12:29:24.5Z"},
		{"2020-02-12T13:27:03Z", "2020-02-12T13:27:03Z"},
		{"2020-02-12T15:27:03+02:00", "2020-02-12T13:27:03Z"},
		{"2020-02-12T13:27:03+0000", "2020-02-12T13:27:03Z"},
		{"2020-02-12 13:27:03+00:00", "2020-02-12T13:27:03Z"},
		{"2020-02-12T13:27:03.123456", "2020-02-12T13:27:03.123456Z"},
		{"2020-02-12 13:27:03", "2020-02-12T13:27:03Z"},
		{"  2020-02-12T13:27:03+00:00\n", "2020-02-12T13:27:03Z"},
	}
	for _, tt := range tests {
		got, err := ParseTimestamp(tt.in)
		if err != nil {
			t.Errorf("ParseTimestamp(%q): %v", tt.in, err)
			continue
		}
		want, _ := time.Parse(time.RFC3339Nano, tt.want)
		if !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("ParseTimestamp(%q) = %v, want %v in UTC", tt.in, got, want)
		}
	}
}

func TestParseTimestampEmpty(t *testing.T) {
	for _, in := range []string{"", "   "} {
		got, err := ParseTimestamp(in)
		if err != nil || !got.IsZero() {
			t.Errorf("ParseTimestamp(%q) = %v, %v; want zero, nil", in, got, err)
		}
	}
}

func TestParseTimestampRejects(t *testing.T) {
	for _, in := range []string{
		"12/02/2020",
		"yesterday",
		"2020-02-30T13:27:03Z",
		"2020-02-12T25:27:03Z",
		"1581514023",
		// A zone name other than UTC has no fixed meaning to time.Parse:
		// it would be read with an offset that depends on the machine.
		"2023-07-25 12:29:24 PST",
		"2023-07-25 12:29:24 CET",
	} {
		got, err := ParseTimestamp(in)
		if err == nil {
			t.Errorf("ParseTimestamp(%q) = %v, want an error", in, got)
			continue
		}
		if !got.IsZero() {
			t.Errorf("ParseTimestamp(%q) returned %v with its error, want zero", in, got)
		}
		if !strings.Contains(err.Error(), in) {
			t.Errorf("error %q does not quote the input", err)
		}
	}
	_, err := ParseTimestamp(strings.Repeat("9", 500))
	if err == nil || len(err.Error()) > 120 {
		t.Errorf("huge input: error %q, want a short one", err)
	}
}

func TestFormatQueryTime(t *testing.T) {
	in := time.Date(2020, 2, 12, 14, 27, 3, 999_000_000, time.FixedZone("CET", 3600))
	if got, want := FormatQueryTime(in), "2020-02-12T13:27:03Z"; got != want {
		t.Errorf("FormatQueryTime = %q, want %q", got, want)
	}
}

func TestTruncateForMessage(t *testing.T) {
	short := strings.Repeat("a", 64)
	if got := truncateForMessage(short); got != short {
		t.Errorf("64 bytes cut to %q", got)
	}
	// 40 two-byte runes exceed 64 bytes but not 64 runes: kept whole.
	accents := strings.Repeat("é", 40)
	if got := truncateForMessage(accents); got != accents {
		t.Errorf("40 runes cut to %q", got)
	}
	long := strings.Repeat("é", 100)
	if got, want := truncateForMessage(long), strings.Repeat("é", 64)+"…"; got != want {
		t.Errorf("truncateForMessage(100 runes) = %q, want %q", got, want)
	}
}
