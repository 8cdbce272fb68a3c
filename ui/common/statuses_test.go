package common

import (
	"fmt"
	"testing"

	"superdash/model"
)

func tally(statuses ...model.Status) StatusTally {
	var t StatusTally
	for _, st := range statuses {
		t.Add(st)
	}
	t.Sort()
	return t
}

func TestStatusTally(t *testing.T) {
	got := tally("FAILED", "WARMING_UP", "COMPLETED", "IN_PROGRESS", "COMPLETED", "REVIEWED")
	if s := fmt.Sprint(got); s != "[{IN_PROGRESS 1} {COMPLETED 2} {REVIEWED 1} {FAILED 1} {WARMING_UP 1}]" {
		t.Errorf("tally = %s", s)
	}
	if n := got.Total(model.Status.Ended); n != 4 {
		t.Errorf("ended = %d, want 4", n)
	}
}

func TestStatusRuns(t *testing.T) {
	tl := tally("IN_PROGRESS", "COMPLETED", "COMPLETED", "REVIEWED", "FAILED", "CANCELED", "EXPIRED", "\x1b[2J")
	cases := map[int]string{
		100: "IN_PROGRESS 1  COMPLETED 2  REVIEWED 1  FAILED 1  CANCELED 1  EXPIRED 1  ␛[2J 1",
		30:  "▸1 ✓3 ✗1 ⊘2 ?1", // one count per class when the names do not fit
	}
	for width, want := range cases {
		var text string
		for _, run := range tl.Runs(width, DefaultStyles()) {
			text += run.Text
		}
		if text != want {
			t.Errorf("Runs(%d) = %q, want %q", width, text, want)
		}
	}
	if runs := StatusTally(nil).Runs(10, DefaultStyles()); len(runs) != 0 {
		t.Errorf("an empty tally has runs: %v", runs)
	}
}
