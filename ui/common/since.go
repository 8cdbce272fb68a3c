package common

import (
	"slices"
	"strconv"
	"time"

	"superdash/model"
)

// SinceLine is what changed since someone last looked, as the header
// writes it: "+3 FAILED · +120 COMPLETED since 14:02", each count in its
// status's colour. Failures come first, whatever their number, because
// they are what the line is for; the rest follow in display order. counts
// is what Store.EnteredSince gives; nil when it is empty.
func SinceLine(counts []model.StatusCount, since time.Time, s Styles) []Run {
	if len(counts) == 0 {
		return nil
	}
	ordered := slices.Clone(counts)
	slices.SortStableFunc(ordered, func(a, b model.StatusCount) int {
		return boolRank(b.Status.Class() == model.ClassFailed) - boolRank(a.Status.Class() == model.ClassFailed)
	})
	runs := make([]Run, 0, len(ordered)+1)
	for i, sc := range ordered {
		text := "+" + strconv.Itoa(sc.Count) + " " + StatusName(sc.Status)
		if i > 0 {
			runs = append(runs, Styled(" · ", s.Faint))
		}
		runs = append(runs, Styled(text, s.Status(sc.Status)))
	}
	return append(runs, Styled(" since "+since.Format("15:04"), s.Faint))
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}
