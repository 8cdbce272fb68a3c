package model

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
	"unsafe"
)

func TestSortKeyNames(t *testing.T) {
	var names []string
	k := SortByCreated
	for range sortKeys {
		names = append(names, k.String())
		k = k.Next()
	}
	want := []string{"created", "completed", "status", "id", "batch", "time in status"}
	if !slices.Equal(names, want) {
		t.Errorf("names in Next order = %q, want %q", names, want)
	}
	if k != SortByCreated {
		t.Errorf("Next does not wrap round: %v", k)
	}
	if got := SortKey(42).String(); got != "SortKey(42)" {
		t.Errorf("String of a bad key = %q", got)
	}
}

// sortDocs are jobs with ties and gaps on every key. Store order is
// shuffled per test, so any dependence on it shows.
var sortDocs = []string{
	`{"id": "10", "status": "FAILED", "batchId": "b2", "created": "2026-11-02T00:00:00Z", "completed": "2026-11-02T01:00:00Z"}`,
	`{"id": "9", "status": "COMPLETED", "batchId": "b10", "created": "2026-11-01T00:00:00Z", "completed": "2026-11-02T01:00:00Z"}`,
	`{"id": "007", "status": "IN_PROGRESS", "batchId": "b2", "created": "2026-11-03T00:00:00Z"}`,
	`{"id": "7", "status": "WEIRD", "created": "2026-11-01T00:00:00Z"}`,
	`{"id": "a1", "status": "FAILED", "batchId": "10", "created": "bad", "completed": "2026-11-01T05:00:00Z"}`,
	`{"uuid": "u-b", "status": "SCHEDULED", "batchId": "9", "created": "2026-11-02T00:00:00Z"}`,
	`{"id": "100", "status": "ALSO_WEIRD", "batchId": "b2", "created": "2026-11-04T00:00:00Z", "completed": "2026-11-04T00:00:00Z"}`,
}

func TestSelectSort(t *testing.T) {
	tests := []struct {
		srt  Sort
		want []string
	}{
		// Numeric ids by value, first; "007" and "7" tie as numbers and
		// are then ordered as text.
		{Sort{Key: SortByID}, []string{"007", "7", "9", "10", "100", "a1", "u-b"}},
		{Sort{Key: SortByID, Desc: true}, []string{"u-b", "a1", "100", "10", "9", "7", "007"}},
		// Ties by id; a1's unreadable date puts it last both ways.
		{Sort{Key: SortByCreated}, []string{"7", "9", "10", "u-b", "007", "100", "a1"}},
		{Sort{Key: SortByCreated, Desc: true}, []string{"100", "007", "u-b", "10", "9", "7", "a1"}},
		// Jobs not completed last, both ways, in id order.
		{Sort{Key: SortByCompleted}, []string{"a1", "9", "10", "100", "007", "7", "u-b"}},
		{Sort{Key: SortByCompleted, Desc: true}, []string{"100", "10", "9", "a1", "007", "7", "u-b"}},
		// Display order, unknown statuses after the known ones by name.
		{Sort{Key: SortByStatus}, []string{"u-b", "007", "9", "10", "a1", "100", "7"}},
		{Sort{Key: SortByStatus, Desc: true}, []string{"7", "100", "a1", "10", "9", "007", "u-b"}},
		// Batches compare like ids; no batch is last.
		{Sort{Key: SortByBatch}, []string{"u-b", "a1", "9", "007", "10", "100", "7"}},
		{Sort{Key: SortByBatch, Desc: true}, []string{"100", "10", "007", "9", "a1", "u-b", "7"}},
	}
	jobs := decodeJobs(t, sortDocs)
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 5 {
		rng.Shuffle(len(jobs), func(i, j int) { jobs[i], jobs[j] = jobs[j], jobs[i] })
		s := NewStore()
		s.Merge(jobs)
		for _, tt := range tests {
			got := jobKeys(s.Select(Query{}, tt.srt))
			if !slices.Equal(got, tt.want) {
				t.Errorf("round %d: sort %+v = %q, want %q", round, tt.srt, got, tt.want)
			}
		}
	}
}

func TestSelectSortTimeInStatus(t *testing.T) {
	s := NewStore()
	clock := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return clock })
	merge := func(doc string) {
		t.Helper()
		s.Merge(decodeJobs(t, []string{doc}))
		clock = clock.Add(time.Minute)
	}
	merge(`{"id": "1", "status": "SCHEDULED"}`)                                                                  // 12:00
	merge(`{"id": "2", "status": "SCHEDULED"}`)                                                                  // 12:01
	merge(`{"id": "3", "status": "SCHEDULED"}`)                                                                  // 12:02
	merge(`{"id": "1", "status": "IN_PROGRESS"}`)                                                                // 12:03: 1 changed status
	merge(`{"id": "2", "status": "SCHEDULED", "x": 1}`)                                                          // 12:04: 2 changed, not its status
	s.Merge(decodeJobs(t, []string{`{"id": "4", "status": "SCHEDULED"}`, `{"id": "5", "status": "SCHEDULED"}`})) // 12:05, both

	// Shortest time in status first; ties (4, 5) by id.
	if got, want := jobKeys(s.Select(Query{}, Sort{Key: SortByTimeInStatus})), []string{"4", "5", "1", "3", "2"}; !slices.Equal(got, want) {
		t.Errorf("by time in status = %q, want %q", got, want)
	}
	if got, want := jobKeys(s.Select(Query{}, Sort{Key: SortByTimeInStatus, Desc: true})), []string{"2", "3", "1", "5", "4"}; !slices.Equal(got, want) {
		t.Errorf("by time in status, desc = %q, want %q", got, want)
	}
}

// The order must not depend on the order the store holds the jobs in, nor
// on the sort algorithm: with many ties, only a total order guarantees it.
func TestSelectSortIsTotal(t *testing.T) {
	jobs := BenchJobs(2000, 7)
	var first map[Sort][]string
	rng := rand.New(rand.NewPCG(3, 4))
	for round := range 3 {
		rng.Shuffle(len(jobs), func(i, j int) { jobs[i], jobs[j] = jobs[j], jobs[i] })
		s := NewStore()
		s.Merge(jobs)
		orders := make(map[Sort][]string)
		for k := range sortKeys {
			if k == SortByTimeInStatus {
				continue // depends on merge times, which differ per store
			}
			for _, desc := range []bool{false, true} {
				srt := Sort{Key: k, Desc: desc}
				orders[srt] = jobKeys(s.Select(Query{}, srt))
			}
		}
		if round == 0 {
			first = orders
			continue
		}
		for srt, keys := range orders {
			if !slices.Equal(keys, first[srt]) {
				t.Errorf("sort %+v: order changed with the store's order", srt)
			}
		}
	}
}

func TestCompareKeys(t *testing.T) {
	ids := []string{"", "0", "00", "1", "01", "9", "10", "99", "100", "1a", "9a", "a", "b", "٣"}
	for _, a := range ids {
		for _, b := range ids {
			ab, ba := compareKeys(a, b), compareKeys(b, a)
			if sign(ab) != -sign(ba) || (ab == 0) != (a == b) {
				t.Errorf("compare(%q, %q) = %d but compare(%q, %q) = %d", a, b, ab, b, a, ba)
			}
			for _, c := range ids {
				bc, ac := compareKeys(b, c), compareKeys(a, c)
				if ab < 0 && bc < 0 && ac >= 0 {
					t.Errorf("not transitive: %q < %q < %q but not %q < %q", a, b, c, a, c)
				}
			}
		}
	}
	// idOrder agrees with compareKeys wherever it tells two ids apart.
	all := append(slices.Clone(ids), "999999999999999999", "1000000000000000000", "18446744073709551616", "0000000000000000000000042")
	for _, a := range all {
		for _, b := range all {
			if oa, ob := idOrder(a), idOrder(b); oa != ob && cmp.Compare(oa, ob) != sign(compareKeys(a, b)) {
				t.Errorf("idOrder(%q) = %d, idOrder(%q) = %d, but compareKeys = %d", a, oa, b, ob, compareKeys(a, b))
			}
		}
	}
	sorted := slices.Clone(ids)
	slices.SortFunc(sorted, func(a, b string) int { return compareKeys(a, b) })
	want := []string{"0", "00", "01", "1", "9", "10", "99", "100", "", "1a", "9a", "a", "b", "٣"}
	if !slices.Equal(sorted, want) {
		t.Errorf("sorted ids = %q, want %q", sorted, want)
	}
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

func ExampleSortKey_Next() {
	k := SortByBatch
	for range 3 {
		fmt.Print(k, " → ")
		k = k.Next()
	}
	fmt.Println(k)
	// Output: batch → time in status → created → completed
}

// A sort record stays 24 bytes: the View keeps one per job between syncs.
func TestSortRecFitsIn24Bytes(t *testing.T) {
	if size := unsafe.Sizeof(sortRec{}); size > 24 {
		t.Errorf("a sortRec is %d bytes, more than 24", size)
	}
}
