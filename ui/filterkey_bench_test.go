package ui

import (
	"context"
	"fmt"
	"testing"

	"superdash/api"
	"superdash/api/sim"
	"superdash/model"
)

// BenchmarkFilterKey100k is a letter typed in the filter over 100,000
// jobs, as the dashboard handles it: Update, then the frame. The words
// narrow with each letter ("pi", "pin", "pink"), then the filter is
// cleared; the search texts are built beforehand, as after a load.
//
//	go test ./ui -run '^$' -bench FilterKey100k -cpu 1 -cpuprofile cpu.out
func BenchmarkFilterKey100k(b *testing.B) {
	srv, _ := testServer(b, sim.Options{Apps: 1, Jobs: 10})
	colours := []string{"Pink", "Teal", "Gold", "Plum", "Sand", "Rose"}
	jobs := make([]model.Job, 100_000)
	for i := range jobs {
		raw := fmt.Sprintf(`{"id":"%d","uuid":"%08x-1111-2222-3333-444455556666","appId":"app","batchId":"b%d","status":"COMPLETED","created":"2026-11-28T%02d:%02d:00Z","tags":["t%d"],"input":{"note":"%s invoice %d"}}`,
			1_000_000+i, i, i/500, (i/60)%24, i%60, i%7, colours[i%len(colours)], i)
		j, err := model.DecodeJob([]byte(raw))
		if err != nil {
			b.Fatal(err)
		}
		jobs[i] = j
	}
	typeInFilter(b, srv, jobs, "/", "p", "i", "n", "k", "esc")
}

// typeInFilter loads jobs into a dashboard of srv's first app and times
// steps, key after key and each followed by its frame, over and over.
func typeInFilter(b *testing.B, srv *sim.Running, jobs []model.Job, steps ...string) {
	m := newTestModel(b, srv, srv.AppIDs()[0], 160, 45)
	m = loaded(m, jobs)
	m = keys(m, "/", "x", "esc") // the search texts built
	m.View()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		m = update(m, keyMsg(steps[i%len(steps)]))
		m.View()
	}
}

// BenchmarkFilterKeySim100k is BenchmarkFilterKey100k over the
// simulator's 100,000 jobs, read through the client as the dashboard reads
// them: inputs and metadata of the real size, and two words. Every job's
// input holds "invo", so each letter asks all of them again, the worst
// case of a narrowing filter for the search texts; "c78c" is all hex
// digits, which every uuid and batch id is made of, so the jobs
// themselves must be read, the worst case for the fields kept out of the
// texts.
func BenchmarkFilterKeySim100k(b *testing.B) {
	srv, _ := testServer(b, sim.Options{Apps: 1, Jobs: 100_000})
	client, err := api.New(api.Options{BaseURL: srv.BaseURL, APIKey: srv.APIKey(), KeySource: "the benchmark"})
	if err != nil {
		b.Fatal(err)
	}
	var jobs []model.Job
	err = client.ListAllJobs(context.Background(), srv.AppIDs()[0], api.JobQuery{}, 4, func(p api.JobPage, _, _ int) error {
		jobs = append(jobs, p.Jobs...)
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	for _, word := range []string{"invo", "c78c"} {
		b.Run(word, func(b *testing.B) {
			steps := []string{"/"}
			for _, r := range word {
				steps = append(steps, string(r))
			}
			typeInFilter(b, srv, jobs, append(steps, "esc")...)
		})
	}
}
