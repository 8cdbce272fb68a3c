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
		47 * time.Hour:                  "47h",
		9 * 24 * time.Hour:              "9d",
	}
	for d, want := range cases {
		if got := Age(d); got != want {
			t.Errorf("Age(%v) = %q, want %q", d, got, want)
		}
	}
}
