package sim

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"
)

// BenchmarkListJobsPage serves 500-job pages of a 100,000-job world,
// cycling through an app's pages (the handler alone, no TCP), in the SDK's
// order and in one the simulator must sort. Every page is served once
// before the timing, so each job's JSON is already encoded: what is timed
// is selecting, paging and writing the page.
func BenchmarkListJobsPage(b *testing.B) {
	s := New(Options{Seed: 1, Jobs: 100_000, Clock: func() time.Time { return t0 }})
	app := s.AppIDs()[0]
	pages := len(s.Snapshot(app))/500 + 1
	for _, order := range []string{"sortBy=id&orderBy=asc", "sortBy=completed&orderBy=desc"} {
		get := func(page int) {
			req := httptest.NewRequest(http.MethodGet, "/v1/apps/"+app+"/jobs?size=500&"+order+"&page="+strconv.Itoa(page), nil)
			req.Header.Set("API-KEY", "sim-key")
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				b.Fatalf("status %d", rec.Code)
			}
		}
		b.Run(order, func(b *testing.B) {
			for page := range pages {
				get(page)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				get(i % pages)
			}
		})
	}
}

func BenchmarkNew100k(b *testing.B) {
	b.ReportAllocs()
	for range b.N {
		New(Options{Seed: 1, Jobs: 100_000, Clock: func() time.Time { return t0 }})
	}
}
