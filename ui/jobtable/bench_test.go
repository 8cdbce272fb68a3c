package jobtable

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"superdash/model"
)

// BenchmarkView shows that drawing a frame costs the same whatever the
// length of the list: only the rows on screen are drawn. It draws every
// time (draw), as View does when something on screen changed; View with
// nothing changed hands back the frame it kept (BenchmarkViewKept).
func BenchmarkView(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			m := newTable(makeJobs(n), 160, 50)
			m.SetCursor(n / 2)
			b.ReportAllocs()
			for b.Loop() {
				_ = draw(m)
			}
		})
	}
}

// BenchmarkViewChangeMarks is BenchmarkView at 100,000 jobs with change
// marks on, asked of a store holding the jobs, as the dashboard asks: a
// lookup per row on screen, and every fifth row on screen marked.
func BenchmarkViewChangeMarks(b *testing.B) {
	jobs := makeJobs(100_000)
	store := model.NewStore()
	store.SetClock(func() time.Time { return now.Add(-time.Second) })
	plain := make([]model.Job, len(jobs))
	for i, j := range jobs {
		plain[i] = *j
	}
	store.Merge(plain)
	var moved []model.Job
	for i := 49_955; i <= 50_000; i += 5 {
		j := plain[i]
		j.Status = model.StatusCompleted
		moved = append(moved, j)
	}
	store.Merge(moved)
	m := newTable(jobs, 160, 50)
	m.SetStatusChanges(store.StatusChangedAt)
	m.SetCursor(50_000)
	if n := strings.Count(draw(m), changeMarkText); n != len(moved) {
		b.Fatalf("%d rows marked, want %d", n, len(moved))
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = draw(m)
	}
}

// BenchmarkViewKept is View with nothing changed: the frame kept.
func BenchmarkViewKept(b *testing.B) {
	m := newTable(makeJobs(100_000), 160, 50)
	m.SetCursor(50_000)
	m.View()
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}

// draw draws m's frame, whether View would keep the last one or not.
func draw(m Model) string {
	return m.render(m.c.JobNow(), m.c.Now(), nil).view
}

// BenchmarkSetRows100k alternates between two orders of the same 100,000
// jobs, so every call has to find the selected job again.
func BenchmarkSetRows100k(b *testing.B) {
	jobs := makeJobs(100_000)
	reversed := slices.Clone(jobs)
	slices.Reverse(reversed)
	m := newTable(jobs, 160, 50)
	m.SetCursor(25_000)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if i%2 == 0 {
			m.SetRows(reversed)
		} else {
			m.SetRows(jobs)
		}
	}
}

// BenchmarkSetRowsArrivals100k is a poll of 100,000 jobs scrolled 25,000
// rows down: 5 new jobs at the top and 20 others moved, by the list they
// are counted against (BenchmarkSetRows100k reorders the whole list,
// which a poll never does).
func BenchmarkSetRowsArrivals100k(b *testing.B) {
	jobs := makeJobs(100_000)
	polled := append(newer(0, 5), jobs...)
	for i := 1_000; i < 21_000; i += 1_000 { // each moved one up
		polled[i], polled[i+1] = polled[i+1], polled[i]
	}
	m := newTable(jobs, 160, 50)
	m.SetCursor(25_000)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if i%2 == 0 {
			m.SetRows(polled)
		} else {
			m.SetRows(jobs)
		}
	}
}
