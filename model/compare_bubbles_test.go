package model_test

import (
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/list"

	"superdash/model"
)

// BenchmarkFilterKeystrokeVsBubblesList100k is one keystroke in the filter
// bar at 100,000 jobs, ours and bubbles/list's, alternated in the same run
// on the same jobs (see BenchmarkBubblesListFilter100k for what each side
// does and how they differ); it reports each one's time per keystroke and
// the ratio (bubbles/ours). Ours parses the query and filters the sorted
// list with the search index built (the first bare word builds it, once).
// Each side alternates between two terms so neither can return a cached
// answer.
func BenchmarkFilterKeystrokeVsBubblesList100k(b *testing.B) {
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	s := model.NewStore()
	s.Merge(model.BenchJobs(100_000, 1))
	var targets []string
	s.Each(func(j *model.Job) bool {
		targets = append(targets, filterValue(b, j))
		return true
	})
	v := model.NewView(s, nil)
	v.Jobs(model.Query{}, model.Sort{Key: model.SortByCreated, Desc: true})
	terms := []string{"pink", "pin"}
	for _, term := range terms {
		q, err := model.ParseQuery(term, now)
		if err != nil {
			b.Fatal(err)
		}
		v.Refilter(q) // builds the index on the first bare word
	}
	var tOurs, tTheirs time.Duration
	var nOurs, nTheirs int
	for i := 0; b.Loop(); i++ {
		term := terms[i%2]
		t := time.Now()
		q, _ := model.ParseQuery(term, now)
		nOurs = len(v.Refilter(q))
		tOurs += time.Since(t)
		t = time.Now()
		nTheirs = len(list.DefaultFilter(term, targets))
		tTheirs += time.Since(t)
	}
	b.ReportMetric(float64(tOurs.Nanoseconds())/float64(b.N), "ours-ns/key")
	b.ReportMetric(float64(tTheirs.Nanoseconds())/float64(b.N), "bubbles-ns/key")
	b.ReportMetric(float64(tTheirs)/float64(tOurs), "bubbles/ours")
	b.ReportMetric(float64(nOurs), "ours-matches")
	b.ReportMetric(float64(nTheirs), "bubbles-matches")
}
