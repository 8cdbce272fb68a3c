// Package jobpages gives the benchmarks of decoding real-shaped pages of
// jobs, as the simulator sends them, and the plain struct that is their
// yardstick. It is for tests and benchmarks only: the API client's own
// benchmarks and guard (api) and the comparison of decoders
// (scripts/decoders) read the same pages the same way.
package jobpages

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"superdash/api/sim"
)

// Pages are n jobs of one simulated app as the API sends them, in pages
// of size: ids, tags, inputs, metadata and dates of the real shape. The
// same n and size give the same bytes.
func Pages(n, size int) ([][]byte, error) {
	t0 := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	srv := sim.New(sim.Options{Seed: 3, Apps: 1, Jobs: n, MaxJobs: n, Clock: func() time.Time { return t0 }})
	app := srv.AppIDs()[0]
	var pages [][]byte
	for page := 0; page*size < n; page++ {
		req := httptest.NewRequest(http.MethodGet, fmt.Sprintf("/v1/apps/%s/jobs?size=%d&page=%d", app, size, page), nil)
		req.Header.Set("API-KEY", srv.APIKey())
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			return nil, fmt.Errorf("page %d: status %d", page, rec.Code)
		}
		pages = append(pages, rec.Body.Bytes())
	}
	return pages, nil
}

// Plain is the job list unmarshalled into a plain struct: no leniency, no
// raw bytes kept. It is not a decoder the dashboard could use (one odd
// value fails the page); it is the yardstick of what a JSON decoder itself
// costs on these pages.
type Plain struct {
	Jobs []struct {
		ID, UUID, AppID, BatchID, Status, JobType, CallbackURL, Created, Completed string
		Tags                                                                       []string
		Correct                                                                    *bool
		Input, Metadata                                                            map[string]any
	} `json:"jobs"`
	Pages, Total, PageSize, PageNumber int
}
