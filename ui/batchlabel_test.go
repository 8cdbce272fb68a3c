package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"superdash/api/sim"
	"superdash/model"
)

// The job table shows each batch by its shortest unique prefix, whole
// (two UUIDs sharing 14 characters need 16), and what it shows, typed
// after batch: in the filter bar, keeps that batch's jobs alone.
func TestTableBatchLabelSelectsItsBatch(t *testing.T) {
	srv, _ := testServer(t, sim.Options{Apps: 1, Jobs: 10})
	batches := []string{"3f2a9c1e-0b7d-4e8a-9c1f-2d3e4f5a6b7c", "3f2a9c1e-0b7d-41aa-8000-000000000001", "9d0e1f2a-3b4c-4d5e-8f60-718293a4b5c6"}
	labels := []string{"3f2a9c1e-0b7d-4e", "3f2a9c1e-0b7d-41", "9d0e1f2"}
	var jobs []model.Job
	for b, batch := range batches {
		for i := range 2 + b {
			raw := fmt.Sprintf(`{"id":"%d","batchId":%q,"status":"COMPLETED","created":%q}`,
				1000+10*b+i, batch, frozen.Add(-time.Duration(10*b+i)*time.Minute).Format(time.RFC3339))
			j, err := model.DecodeJob([]byte(raw))
			if err != nil {
				t.Fatal(err)
			}
			jobs = append(jobs, j)
		}
	}
	m := loaded(newTestModel(t, srv, srv.AppIDs()[0], 120, 40), jobs)
	var rows []string // the table's, not the detail pane's, which names the batch in full
	for _, line := range strings.Split(screenText(m), "\n") {
		if strings.Contains(line, " COMPLETED ") {
			rows = append(rows, line)
		}
	}
	table := strings.Join(rows, "\n")
	for _, label := range labels {
		if !strings.Contains(table, " "+label+" ") {
			t.Errorf("the table does not show the label %q whole:\n%s", label, table)
		}
	}
	if strings.Contains(table, "3f2a9c1e-0b7d-4e8") || strings.Contains(table, "…") {
		t.Errorf("the table shows a batch id beyond its label, or cut:\n%s", table)
	}
	for b, label := range labels {
		filtered := keys(m, "/", "batch:"+label, "enter")
		if want := fmt.Sprintf("%d of %d jobs", 2+b, len(jobs)); !strings.Contains(screenText(filtered), want) {
			t.Errorf("batch:%s: want %q on screen:\n%s", label, want, screenText(filtered))
		}
	}
}
