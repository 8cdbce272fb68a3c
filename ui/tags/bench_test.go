package tags

import (
	"fmt"
	"strconv"
	"testing"

	"superdash/model"
)

// benchStore holds n jobs carrying two or three tags each out of tags.
func benchStore(n, tags int) *model.Store {
	statuses := []model.Status{"COMPLETED", "IN_PROGRESS", "SCHEDULED", "FAILED"}
	jobs := make([]model.Job, n)
	for i := range jobs {
		j := &jobs[i]
		j.ID = strconv.Itoa(i)
		j.Status = statuses[i%len(statuses)]
		j.Tags = []string{"tag-" + strconv.Itoa(i%tags), "tag-" + strconv.Itoa(i*7%tags)}
		if i%3 == 0 {
			j.Tags = append(j.Tags, "every-third")
		}
	}
	s := model.NewStore()
	s.Merge(jobs)
	return s
}

// BenchmarkRefresh100k recomputes the rows of 100,000 jobs on every call,
// alternating between two stores so none is skipped as unchanged.
func BenchmarkRefresh100k(b *testing.B) {
	stores := [2]*model.Store{benchStore(100_000, 500), benchStore(100_000, 500)}
	m := newView(stores[0], 160, 50)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		m.Refresh(stores[i%2])
	}
}

// BenchmarkView shows that a frame costs the same whatever the number of
// tags: only the rows on screen are drawn.
func BenchmarkView(b *testing.B) {
	for _, tags := range []int{10, 1_000, 10_000} {
		b.Run(fmt.Sprintf("tags=%d", tags), func(b *testing.B) {
			m := newView(benchStore(100_000, tags), 160, 50)
			b.ReportAllocs()
			for b.Loop() {
				_ = m.View()
			}
		})
	}
}
