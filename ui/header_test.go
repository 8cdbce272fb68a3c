package ui

import (
	"strings"
	"testing"
	"time"

	"superdash/api/sim"
	"superdash/model"
	"superdash/ui/poller"
)

func TestHeaderShowsTheWindowAndThePaceOfALoad(t *testing.T) {
	srv, _ := testServer(t, sim.Options{Jobs: -1})
	m := newTestModel(t, srv, srv.AppIDs()[0], 120, 40)
	m.opts.Sync.Since = 7 * 24 * time.Hour
	m = update(m, poller.PageMsg{Gen: m.poll.Gen(), Delta: model.Delta{
		Jobs: testJobs(t, model.StatusScheduled), Pages: 8, PagesDone: 2, PagesPerSec: 3.5,
	}})
	view := m.View()
	if !strings.Contains(view, "1 job created in the last 7d") {
		t.Errorf("the header does not show the --since window:\n%s", view)
	}
	if !strings.Contains(view, "loading page 2 of 8 · 3.5 pages/s") {
		t.Errorf("the progress line does not show the pace:\n%s", view)
	}
}
