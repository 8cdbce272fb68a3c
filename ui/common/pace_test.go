package common

import "testing"

func TestRateAndETA(t *testing.T) {
	cases := []struct {
		moving, recent int
		stalled        bool
		rate, eta      string
	}{
		{0, 0, false, "0/min", "—"},            // nothing moves, nothing ended lately
		{0, 5, false, "0.5/min", "—"},          // just finished
		{3, 0, false, "0/min", "no pace"},      // jobs left, none ending yet
		{3, 0, true, "0/min", "stalled"},       // jobs left, quiet for too long
		{3, 5, false, "0.5/min", "~6m left"},   // 3 jobs at 0.5/min
		{1, 1, false, "0.1/min", "~10m left"},  // the slowest pace the window sees
		{50, 150, false, "15/min", "~3m left"}, // 3m20s, rounded down
		{1, 600, false, "60/min", "~1s left"},  // one left at a job a second
		{7, 99, false, "9.9/min", "~42s left"}, // one decimal below ten a minute
		{100000, 1, false, "0.1/min", "~694d left"},
	}
	for _, tc := range cases {
		if got := Rate(tc.recent); got != tc.rate {
			t.Errorf("Rate(%d) = %q, want %q", tc.recent, got, tc.rate)
		}
		if got := ETA(tc.moving, tc.recent, tc.stalled); got != tc.eta {
			t.Errorf("ETA(%d, %d, %v) = %q, want %q", tc.moving, tc.recent, tc.stalled, got, tc.eta)
		}
	}
}
