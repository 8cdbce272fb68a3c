package common

import (
	"slices"
	"strconv"
	"time"

	"superdash/model"
)

// SinceForms are the ways to write the since line, what changed since
// someone last looked: "+3 FAILED · +120 COMPLETED since 14:02", each
// count in its status's colour. Failures come first, whatever their
// number, because they are what the line is for; the rest follow in
// display order. counts is what Store.EnteredSince gives. The forms go
// from the fullest to the shortest, for a narrow header to take the first
// that fits: the full line; the statuses' short names; only the failures
// (or, without any, the first status) with the time; only those. The
// failures are the last to go. nil when counts is empty.
func SinceForms(counts []model.StatusCount, since time.Time, s Styles) [][]Run {
	if len(counts) == 0 {
		return nil
	}
	ordered := slices.Clone(counts)
	failed := func(sc model.StatusCount) bool { return sc.Status.Class() == model.ClassFailed }
	slices.SortStableFunc(ordered, func(a, b model.StatusCount) int {
		return boolRank(failed(b)) - boolRank(failed(a))
	})
	nFailed := 0
	for nFailed < len(ordered) && failed(ordered[nFailed]) {
		nFailed++
	}
	lead := ordered[:max(1, nFailed)]
	at := " since " + since.Format("15:04")
	return [][]Run{
		sinceRuns(ordered, StatusName, at, s),
		sinceRuns(ordered, ShortStatusName, at, s),
		sinceRuns(lead, StatusName, at, s),
		sinceRuns(lead, StatusName, "", s),
	}
}

// sinceRuns writes counts with their statuses named by name, then at.
func sinceRuns(counts []model.StatusCount, name func(model.Status) string, at string, s Styles) []Run {
	runs := make([]Run, 0, 2*len(counts)+1)
	for i, sc := range counts {
		if i > 0 {
			runs = append(runs, Styled(" · ", s.Faint))
		}
		runs = append(runs, Styled("+"+strconv.Itoa(sc.Count)+" "+name(sc.Status), s.Status(sc.Status)))
	}
	if at != "" {
		runs = append(runs, Styled(at, s.Faint))
	}
	return runs
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}
