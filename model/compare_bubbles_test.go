package model_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/list"

	"superdash/model"
)

// BenchmarkFilterKeystrokeVsBubblesList100k is the baseline for the filter
// bar: one keystroke at 100,000 jobs, ours and bubbles/list's default
// filter (list.DefaultFilter, sahilm/fuzzy), alternated in the same run on
// the same jobs; it reports each one's time per keystroke and the ratio
// (bubbles/ours). Each job's filter value holds what the View searches: id,
// uuid, batch id, tags and the string values of its input and metadata.
// Building those strings is left out of the timing, which favours
// bubbles/list: its items would build them per keystroke, through
// FilterValue. Ours parses the query and filters the sorted list with the
// search texts built (the first bare word builds them, once). Each side
// alternates between two terms so neither can return a cached answer.
//
// The two do not match the same way: fuzzy matching accepts "pink" spread
// over a job ("p...i...n...k"), so it matches far more jobs, and it ranks
// them by score. The comparison is of cost per keystroke.
func BenchmarkFilterKeystrokeVsBubblesList100k(b *testing.B) {
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	s := model.NewStore()
	s.Merge(model.BenchJobs(100_000, 1))
	var targets []string
	s.Each(func(j *model.Job) bool {
		targets = append(targets, filterValue(b, j))
		return true
	})
	v := model.NewView(s)
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

// filterValue is what a bubbles/list item for j would filter on.
func filterValue(b *testing.B, j *model.Job) string {
	parts := append([]string{j.ID, j.UUID, j.BatchID}, j.Tags...)
	for _, raw := range []json.RawMessage{j.Input(), j.Metadata()} {
		var v any
		if err := json.Unmarshal(raw, &v); err != nil {
			b.Fatal(err)
		}
		parts = appendStrings(parts, v)
	}
	return strings.Join(parts, " ")
}

func appendStrings(parts []string, v any) []string {
	switch v := v.(type) {
	case string:
		parts = append(parts, v)
	case []any:
		for _, e := range v {
			parts = appendStrings(parts, e)
		}
	case map[string]any:
		for _, e := range v {
			parts = appendStrings(parts, e)
		}
	}
	return parts
}
