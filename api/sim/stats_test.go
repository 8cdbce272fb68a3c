package sim

import (
	"net/http"
	"testing"
)

func TestStats(t *testing.T) {
	f := serve(t, Options{})
	app := f.AppIDs()[0]
	f.get(t, "apps", http.StatusOK, nil) // traffic before the reset does not count
	f.ResetStats()

	var bytes int
	for range 3 {
		bytes += len(f.get(t, "apps/"+app+"/jobs?size=20", http.StatusOK, nil))
	}
	bytes += len(f.get(t, "jobs/1", http.StatusNotFound, nil))
	bytes += len(f.get(t, "nowhere", http.StatusNotFound, nil))
	f.FailNext(1, http.StatusBadGateway, "")
	bytes += len(f.get(t, "apps", http.StatusBadGateway, nil))

	st := f.Stats()
	if st.Requests != 6 || st.Bytes != int64(bytes) {
		t.Errorf("Requests %d, Bytes %d; want 6, %d", st.Requests, st.Bytes, bytes)
	}
	want := map[string]int{EndpointListJobs: 3, EndpointGetJob: 1, EndpointUnmatched: 1, EndpointListApps: 1}
	for endpoint, n := range want {
		if st.Endpoints[endpoint] != n {
			t.Errorf("%s counted %d, want %d (all: %v)", endpoint, st.Endpoints[endpoint], n, st.Endpoints)
		}
	}
	st.Endpoints[EndpointListApps] = 99 // a copy: the server's counts are its own
	if f.Stats().Endpoints[EndpointListApps] != 1 {
		t.Error("Stats returned the server's own map")
	}
	f.ResetStats()
	if st := f.Stats(); st.Requests != 0 || st.Bytes != 0 || len(st.Endpoints) != 0 {
		t.Errorf("after ResetStats: %+v", st)
	}
}
