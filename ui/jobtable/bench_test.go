package jobtable

import (
	"fmt"
	"slices"
	"testing"
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
