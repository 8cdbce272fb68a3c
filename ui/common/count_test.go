package common

import "testing"

func TestThousandsAndPlural(t *testing.T) {
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 123456: "123,456", 1234567: "1,234,567", -4200: "-4,200"} {
		if got := Thousands(n); got != want {
			t.Errorf("Thousands(%d) = %q, want %q", n, got, want)
		}
	}
	if got := Plural(1, "job") + " " + Plural(0, "job") + " " + Plural(2, "job"); got != "job jobs jobs" {
		t.Errorf("Plural: %q", got)
	}
}
