package sim

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"
)

// BenchmarkListJobsPage serves 500-job pages of a 100,000-job world in the
// SDK's order, cycling through an app's pages (the handler alone, no TCP).
func BenchmarkListJobsPage(b *testing.B) {
	s := New(Options{Seed: 1, Jobs: 100_000, Clock: func() time.Time { return t0 }})
	app := s.AppIDs()[0]
	pages := len(s.Snapshot(app))/500 + 1
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		req := httptest.NewRequest(http.MethodGet, "/v1/apps/"+app+"/jobs?size=500&sortBy=id&orderBy=asc&page="+strconv.Itoa(i%pages), nil)
		req.Header.Set("API-KEY", "sim-key")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

func BenchmarkNew100k(b *testing.B) {
	b.ReportAllocs()
	for range b.N {
		New(Options{Seed: 1, Jobs: 100_000, Clock: func() time.Time { return t0 }})
	}
}
