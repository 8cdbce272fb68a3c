package jobtable

import (
	"fmt"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/table"

	"superdash/model"
	"superdash/ui/internal/uitest"
)

// BenchmarkFrameVsBubblesTable draws the same jobs with this table and with
// bubbles/table (v1), in the same run, and reports each one's time per
// frame and the ratio (bubbles/ours). Both show the same columns at the same
// widths, 160×50 cells, the cursor mid-list. Three kinds of frame:
//
//   - view: nothing changed (the one-second clock redraw);
//   - scroll: the cursor moves one row, then the frame is drawn;
//   - refresh: a sync changed the list, which is handed over again, then
//     the frame is drawn. bubbles/table holds rows of strings, so its
//     caller must first build a row for every job: that is part of its
//     cost, as it would be in a program using it.
//
// Ours draws every frame (draw), as View does when something changed:
// with nothing changed, View hands back the frame it kept, which is not
// what is compared here.
//
// bubbles/table renders up to twice the screen's rows around the cursor
// when its rows or cursor change and View returns that; this table renders
// the rows on screen in View, and SetRows only looks for the selected job.
func BenchmarkFrameVsBubblesTable(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		jobs := makeJobs(n)
		ours := newTable(jobs, 160, 50)
		ours.SetCursor(n / 2)
		theirs := newBubblesTable(ours, jobs)
		theirs.SetCursor(n / 2)

		b.Run(fmt.Sprintf("view/rows=%d", n), func(b *testing.B) {
			pair(b, func() { _ = draw(ours) }, func() { _ = theirs.View() })
		})
		b.Run(fmt.Sprintf("scroll/rows=%d", n), func(b *testing.B) {
			down, up := uitest.Key("down"), uitest.Key("up")
			i := 0
			pair(b, func() {
				if i%2 == 0 {
					ours, _ = ours.Update(down)
				} else {
					ours, _ = ours.Update(up)
				}
				_ = draw(ours)
			}, func() {
				if i%2 == 0 {
					theirs.MoveDown(1)
				} else {
					theirs.MoveUp(1)
				}
				_ = theirs.View()
				i++
			})
		})
		b.Run(fmt.Sprintf("refresh/rows=%d", n), func(b *testing.B) {
			pair(b, func() {
				ours.SetRows(jobs)
				_ = draw(ours)
			}, func() {
				theirs.SetRows(bubblesRows(ours, jobs))
				_ = theirs.View()
			})
		})
	}
}

// pair times ours and theirs alternately, b.N times each, and reports
// their times per operation and theirs/ours.
func pair(b *testing.B, ours, theirs func()) {
	var tOurs, tTheirs time.Duration
	for b.Loop() {
		t := time.Now()
		ours()
		tOurs += time.Since(t)
		t = time.Now()
		theirs()
		tTheirs += time.Since(t)
	}
	b.ReportMetric(float64(tOurs.Nanoseconds())/float64(b.N), "ours-ns/frame")
	b.ReportMetric(float64(tTheirs.Nanoseconds())/float64(b.N), "bubbles-ns/frame")
	b.ReportMetric(float64(tTheirs)/float64(tOurs), "bubbles/ours")
}

// newBubblesTable is a bubbles/table of the same size as m, with m's
// columns and jobs.
func newBubblesTable(m Model, jobs []*model.Job) table.Model {
	cols := make([]table.Column, len(m.cols))
	for i, c := range m.cols {
		cols[i] = table.Column{Title: headers[c.kind], Width: c.width}
	}
	t := table.New(
		table.WithColumns(cols),
		table.WithRows(bubblesRows(m, jobs)),
		table.WithWidth(m.width),
		table.WithHeight(m.height),
		table.WithFocused(true),
	)
	return t
}

// bubblesRows builds bubbles/table's rows for jobs: the same cell texts as
// m shows.
func bubblesRows(m Model, jobs []*model.Job) []table.Row {
	now := m.c.JobNow()
	rows := make([]table.Row, len(jobs))
	for i, j := range jobs {
		row := make(table.Row, len(m.cols))
		for k, c := range m.cols {
			if c.kind == colStatus {
				row[k] = string(j.Status)
			} else {
				row[k] = m.cellText(j, c.kind, now)
			}
		}
		rows[i] = row
	}
	return rows
}
