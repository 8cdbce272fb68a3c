package model

import (
	"fmt"
	"testing"
)

// A tally must equal a count from scratch after every kind of change the
// store goes through, for every kind of term.
func TestTallyAgreesWithCountMatches(t *testing.T) {
	sim := newSyncSim(11)
	sim.s.Merge(sim.newJobs(400))
	var tallies []*Tally
	for _, text := range []string{
		"status:fail", "-status:ended", "batch:b", "7", "-7 status:moving", `"0"`, "created:>2026-11-20",
	} {
		tallies = append(tallies, sim.s.Tally(mustQuery(t, text)))
	}
	check := func(when string) {
		t.Helper()
		for _, tl := range tallies {
			if want := sim.s.CountMatches(tl.Query()); tl.Count() != want {
				t.Fatalf("%s: the tally of %q is %d, a count from scratch %d", when, tl.Query().String(), tl.Count(), want)
			}
		}
	}
	check("at the start")
	for step := range 300 {
		sim.step(40, 400)
		check(fmt.Sprintf("step %d", step))
	}
	// A dropped tally is no longer kept; the others still are.
	dropped := tallies[0]
	dropped.Drop()
	dropped.Drop()
	before := dropped.Count()
	tallies = tallies[1:]
	for step := range 20 {
		sim.step(40, 400)
		check(fmt.Sprintf("step %d after a drop", step))
	}
	if dropped.Count() != before || len(sim.s.tallies) != len(tallies) {
		t.Errorf("a dropped tally moved from %d to %d, or is still held (%d tallies)", before, dropped.Count(), len(sim.s.tallies))
	}
}

// Bare words are matched against the search text of each version: the old
// one's (built or not) when it goes, the new one's when it comes.
func TestTallyFollowsSearchTexts(t *testing.T) {
	s := NewStore()
	s.Merge(decodeJobs(t, matchDocs))
	pink := s.Tally(mustQuery(t, "pink"))
	green := s.Tally(mustQuery(t, "green -status:fail"))
	want := func(when string, p, g int) {
		t.Helper()
		if pink.Count() != p || green.Count() != g {
			t.Errorf("%s: pink %d, green %d; want %d and %d", when, pink.Count(), green.Count(), p, g)
		}
	}
	want("at the start", 2, 0)
	s.Merge(decodeJobs(t, []string{`{"id": "1", "status": "FAILED", "metadata": {"c": "Green"}}`}))
	want("job 1 turned green", 1, 0) // still failed
	s.Merge(decodeJobs(t, []string{`{"id": "1", "status": "COMPLETED", "metadata": {"c": "Green"}}`}))
	want("job 1 completed", 1, 1)
	s.CountMatches(mustQuery(t, "pink")) // builds every text, so the next change finds job 3's built
	s.Remove("3")
	want("job 3 removed", 0, 1)
	s.RetainOnly(map[string]struct{}{"2": {}, "4": {}})
	want("a full pass that kept jobs 2 and 4", 0, 0)
	s.Merge(decodeJobs(t, []string{`{"id": "9", "input": "PINK and green"}`}))
	want("a new job", 1, 1)
}
