package model_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/list"

	"superdash/model"
)

// BenchmarkBubblesListFilter100k is the baseline for the filter bar: the
// same bare-word query over the same 100,000 jobs, through the filter
// bubbles/list uses by default (list.DefaultFilter, sahilm/fuzzy), and
// through a model.View. Each job's filter value holds what the View
// searches: id, uuid, batch id, tags and the string values of its input and
// metadata. Building those strings is left out of the timing, which favours
// bubbles/list: its items would build them per keystroke, through
// FilterValue.
//
// The two do not match the same way: fuzzy matching accepts "pink" spread
// over a job ("p...i...n...k"), so it matches far more jobs, and it ranks
// them by score. The comparison is of cost per keystroke.
func BenchmarkBubblesListFilter100k(b *testing.B) {
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	s := model.NewStore()
	s.Merge(model.BenchJobs(100_000, 1))
	var targets []string
	s.Each(func(j *model.Job) bool {
		targets = append(targets, filterValue(b, j))
		return true
	})
	const term = "pink"

	b.Run("bubbles-list", func(b *testing.B) {
		var n int
		for b.Loop() {
			n = len(list.DefaultFilter(term, targets))
		}
		b.ReportMetric(float64(n), "matches")
	})
	b.Run("model-view", func(b *testing.B) {
		v := model.NewView(s, nil)
		v.Jobs(model.Query{}, model.Sort{Key: model.SortByCreated, Desc: true}) // sorted, as the table shows it
		q, err := model.ParseQuery(term, now)
		if err != nil {
			b.Fatal(err)
		}
		v.Refilter(q) // the first bare word builds the search index: not a keystroke's work
		var n int
		for b.Loop() {
			q, _ := model.ParseQuery(term, now)
			n = len(v.Refilter(q))
		}
		b.ReportMetric(float64(n), "matches")
	})
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
