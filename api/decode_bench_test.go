package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"superdash/api/sim"
)

// simPages are n jobs of one simulated app as the API sends them, in pages
// of size: real-shaped pages (ids, tags, inputs, metadata, dates).
func simPages(tb testing.TB, n, size int) [][]byte {
	tb.Helper()
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
			tb.Fatalf("page %d: status %d", page, rec.Code)
		}
		pages = append(pages, rec.Body.Bytes())
	}
	return pages
}

// plainPage is the job list unmarshalled by encoding/json v1 into a plain
// struct: no leniency, no raw bytes kept. It is not a decoder the
// dashboard could use (one odd value fails the page); it is the yardstick
// of what encoding/json itself costs on these pages.
type plainPage struct {
	Jobs []struct {
		ID, UUID, AppID, BatchID, Status, JobType, CallbackURL, Created, Completed string
		Tags                                                                       []string
		Correct                                                                    *bool
		Input, Metadata                                                            map[string]any
	} `json:"jobs"`
	Pages, Total, PageSize, PageNumber int
}

// pageDecoders are the ways of reading a page that BenchmarkDecodeJobPage
// compares; the first is the one in use.
var pageDecoders = []struct {
	name   string
	decode func([]byte) error
}{
	{"stream-v2", func(b []byte) error { _, _, err := decodeJobPage(b); return err }},
	{"v1-three-passes", func(b []byte) error { _, _, err := legacyDecodeJobPage(b); return err }},
	{"v1-plain-struct", func(b []byte) error { var p plainPage; return json.Unmarshal(b, &p) }},
}

// BenchmarkDecodeJobPage reads the 40 pages of 500 of a 20,000-job app with
// each decoder; SetBytes makes the MB/s comparable.
//
//	go test ./api -run '^$' -bench DecodeJobPage -benchmem
func BenchmarkDecodeJobPage(b *testing.B) {
	pages := simPages(b, 20_000, 500)
	size := 0
	for _, p := range pages {
		size += len(p)
	}
	for _, d := range pageDecoders {
		b.Run(d.name, func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				for _, p := range pages {
					if err := d.decode(p); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// SimPages is simPages for the external tests (TestLoadPathGuard).
func SimPages(tb testing.TB, n, size int) [][]byte { return simPages(tb, n, size) }
