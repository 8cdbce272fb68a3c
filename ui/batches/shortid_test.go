package batches

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"superdash/model"
	"superdash/ui/internal/uitest"
)

// uuidStore holds batches with UUIDs, two of which share their first 12
// characters, each with jobs of its own.
func uuidStore(t testing.TB) (*model.Store, []string) {
	batches := []string{
		"3f2a9c1e-0b7d-4e8a-9c1f-2d3e4f5a6b7c",
		"3f2a9c1e-0b7d-41aa-8000-000000000001",
		"9d0e1f2a-3b4c-4d5e-8f60-718293a4b5c6",
		"c0ffee00-1234-4abc-9def-0123456789ab",
	}
	var objects []string
	for b, id := range batches {
		for i := range 3 + b {
			status := "COMPLETED"
			if i%2 == 1 {
				status = "IN_PROGRESS"
			}
			completed := ""
			if status == "COMPLETED" {
				completed = at(time.Duration(i+1) * time.Minute)
			}
			objects = append(objects, job(fmt.Sprintf("%d-%d", b, i), id, status, at(time.Duration(10*(b+1))*time.Minute), completed))
		}
	}
	return uitest.Store(t, objects...), batches
}

// TestGoldenShortPrefixes: UUIDs show as their shortest unique prefixes,
// whole, at every width: never a UUID cut with an ellipsis.
func TestGoldenShortPrefixes(t *testing.T) {
	for _, size := range [][2]int{{200, 20}, {120, 40}, {80, 24}} {
		w, h := size[0], size[1]
		t.Run(fmt.Sprintf("%dx%d", w, h), func(t *testing.T) {
			store, _ := uuidStore(t)
			m := newView(store, w, h)
			view := m.View()
			for _, want := range []string{"3f2a9c1e-0b7d-4e ", "3f2a9c1e-0b7d-41 ", "9d0e1f2 ", "c0ffee0 "} {
				if !strings.Contains(view, want) {
					t.Errorf("%dx%d: no %q on screen", w, h, want)
				}
			}
			if strings.Contains(view, "…") {
				t.Errorf("%dx%d: something is cut:\n%s", w, h, view)
			}
			uitest.RequireGolden(t, view, w, h)
		})
	}
}

// TestShownPrefixSelectsItsBatch: batch: with the label shown, or the full
// id, in any case, selects exactly that batch's jobs.
func TestShownPrefixSelectsItsBatch(t *testing.T) {
	store, batches := uuidStore(t)
	m := newView(store, 120, 40)
	labels := map[string]string{}
	for _, b := range m.Rows() {
		labels[b.id] = b.label
	}
	for _, id := range batches {
		want := store.CountByBatch()[id]
		for _, typed := range []string{labels[id], id, strings.ToUpper(labels[id])} {
			q, err := model.ParseQuery("batch:"+typed, now)
			if err != nil {
				t.Fatalf("batch:%s: %v", typed, err)
			}
			jobs := store.Select(q, model.Sort{})
			if len(jobs) != want || slices.ContainsFunc(jobs, func(j *model.Job) bool { return j.BatchID != id }) {
				t.Errorf("batch:%s selects %d jobs, want the %d of %s alone", typed, len(jobs), want, id)
			}
		}
	}
}
