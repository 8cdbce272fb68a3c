package batches

import (
	"fmt"
	"strconv"
	"testing"
	"time"

	"superdash/model"
)

// benchStore holds n jobs spread over batches, in a mix of statuses, half
// of them ended over the last hour (so some in the throughput window).
func benchStore(n, batches int) *model.Store {
	statuses := []model.Status{"COMPLETED", "COMPLETED", "IN_PROGRESS", "SCHEDULED", "FAILED", "NEEDS_REVIEW"}
	jobs := make([]model.Job, n)
	for i := range jobs {
		j := &jobs[i]
		j.ID = strconv.Itoa(i)
		j.BatchID = "batch-" + strconv.Itoa(i%batches)
		j.Status = statuses[i%len(statuses)]
		j.Created = now.Add(-time.Duration(i%7200) * time.Second)
		if j.Status.Ended() {
			j.Completed = now.Add(-time.Duration(i%3600) * time.Second)
		}
	}
	s := model.NewStore()
	s.Merge(jobs)
	return s
}

// BenchmarkRefresh100k recomputes the rows of 100,000 jobs on every call,
// alternating between two stores so none is skipped as unchanged.
func BenchmarkRefresh100k(b *testing.B) {
	stores := [2]*model.Store{benchStore(100_000, 200), benchStore(100_000, 200)}
	m := newView(stores[0], 160, 50)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		m.Refresh(stores[i%2])
	}
}

// BenchmarkView shows that a frame costs the same whatever the number of
// batches: only the rows on screen are drawn.
func BenchmarkView(b *testing.B) {
	for _, batches := range []int{10, 1_000, 10_000} {
		b.Run(fmt.Sprintf("batches=%d", batches), func(b *testing.B) {
			m := newView(benchStore(100_000, batches), 160, 50)
			b.ReportAllocs()
			for b.Loop() {
				_ = m.View()
			}
		})
	}
}
