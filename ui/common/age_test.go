package common

import (
	"testing"
	"time"
)

func TestAge(t *testing.T) {
	cases := map[time.Duration]string{
		-5 * time.Second:                "0s",
		0:                               "0s",
		999 * time.Millisecond:          "0s",
		45 * time.Second:                "45s",
		12*time.Minute + 59*time.Second: "12m",
		3 * time.Hour:                   "3h",
		23*time.Hour + 59*time.Minute:   "23h",
		24 * time.Hour:                  "1d0h",
		43*time.Hour + 30*time.Minute:   "1d19h",
		7*24*time.Hour - time.Second:    "6d23h",
		7 * 24 * time.Hour:              "7d",
		9 * 24 * time.Hour:              "9d",
	}
	for d, want := range cases {
		if got := Age(d); got != want {
			t.Errorf("Age(%v) = %q, want %q", d, got, want)
		}
	}
}

// TestAgeChangesIn checks that Age reads the same until AgeChangesIn has
// passed, and differently from then on, at and around every boundary.
func TestAgeChangesIn(t *testing.T) {
	ds := []time.Duration{-90 * time.Second, -time.Nanosecond}
	for _, b := range []time.Duration{0, time.Second, time.Minute, time.Hour, 24 * time.Hour, 43 * time.Hour, 7 * 24 * time.Hour, 24 * time.Hour * 400} {
		for _, off := range []time.Duration{-time.Second, -time.Nanosecond, 0, time.Nanosecond, 500 * time.Millisecond, 59 * time.Second} {
			if d := b + off; d >= -time.Second {
				ds = append(ds, d)
			}
		}
	}
	for _, d := range ds {
		in := AgeChangesIn(d)
		if in <= 0 {
			t.Fatalf("AgeChangesIn(%v) = %v, want > 0", d, in)
		}
		if got, now := Age(d+in-time.Nanosecond), Age(d); got != now {
			t.Errorf("Age(%v) = %q but Age(%v) already %q: AgeChangesIn(%v) = %v is too late", d, now, d+in-time.Nanosecond, got, d, in)
		}
		if got, now := Age(d+in), Age(d); got == now {
			t.Errorf("Age(%v) = Age(%v) = %q: AgeChangesIn(%v) = %v is too early", d, d+in, now, d, in)
		}
	}
}
