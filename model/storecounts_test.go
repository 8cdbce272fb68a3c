package model

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestStoreCountsStayCurrent is the proof that the incremental counts never
// drift: after each of thousands of random merges, removals and retains
// they must equal a count made from scratch, and the store must hold
// exactly what a plain map fed the same operations holds.
func TestStoreCountsStayCurrent(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	statuses := append(KnownStatuses(), "WEIRD", "")
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	randomJob := func() Job {
		w := wire{
			ID:      fmt.Sprint(rng.IntN(300)),
			Status:  string(statuses[rng.IntN(len(statuses))]),
			BatchID: pick([]string{"", "b1", "b2", "b3"}),
			JobType: pick([]string{"", "DEFAULT", "TRAINING"}),
			Note:    pick([]string{"", "n"}),
		}
		for range rng.IntN(4) {
			w.Tags = append(w.Tags, pick([]string{"", "x", "y", "z"}))
		}
		switch rng.IntN(20) {
		case 0:
			w.UUID, w.ID = "u"+w.ID, "" // keyed by uuid
		case 1:
			w.ID = "" // no key: rejected
		}
		if rng.IntN(10) == 0 {
			// Built in code, without Raw.
			return Job{ID: w.ID, UUID: w.UUID, Status: Status(w.Status), BatchID: w.BatchID, JobType: w.JobType, Tags: w.Tags}
		}
		return w.job(t)
	}

	s, _ := newTestStore()
	ref := map[string]Job{}
	for op := range 3000 {
		before := s.Version()
		changed := false
		switch r := rng.IntN(20); {
		case r < 16:
			batch := make([]Job, rng.IntN(30))
			for i := range batch {
				batch[i] = randomJob()
			}
			res := s.Merge(batch)
			rejected := 0
			for _, j := range batch {
				key := j.Key()
				if key == "" {
					rejected++
					continue
				}
				old, had := ref[key]
				if !had || !sameJob(&old, &j) {
					changed = true
				}
				ref[key] = j
			}
			if res.Rejected != rejected {
				t.Fatalf("op %d: Rejected = %d, want %d", op, res.Rejected, rejected)
			}
		case r < 19:
			keys := make([]string, rng.IntN(10))
			for i := range keys {
				keys[i] = fmt.Sprint(rng.IntN(300))
				if _, ok := ref[keys[i]]; ok {
					changed = true
				}
				delete(ref, keys[i])
			}
			s.Remove(keys...)
		default:
			keep := map[string]struct{}{}
			for k := range ref {
				if rng.IntN(10) > 0 {
					keep[k] = struct{}{}
				}
			}
			var want []string
			for k := range ref {
				if _, ok := keep[k]; !ok {
					want = append(want, k)
					delete(ref, k)
				}
			}
			got := s.RetainOnly(keep)
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Fatalf("op %d: RetainOnly removed %v, want %v", op, got, want)
			}
			changed = len(want) > 0
		}
		if bumped := s.Version() != before; bumped != changed {
			t.Fatalf("op %d: Version bumped = %v, contents changed = %v", op, bumped, changed)
		}
		checkAgainst(t, op, s, ref)
	}
}

// checkAgainst compares the store with ref and its counts with a recount.
func checkAgainst(t *testing.T, op int, s *Store, ref map[string]Job) {
	t.Helper()
	if s.Len() != len(ref) {
		t.Fatalf("op %d: Len = %d, want %d", op, s.Len(), len(ref))
	}
	status, batch, tag, typ := map[Status]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	for key, want := range ref {
		got, ok := s.Get(key)
		if !ok || !sameJob(got, &want) {
			t.Fatalf("op %d: Get(%q) = %+v, want %+v", op, key, got, want)
		}
		status[want.Status]++
		if want.BatchID != "" {
			batch[want.BatchID]++
		}
		if want.JobType != "" {
			typ[want.JobType]++
		}
		seen := map[string]bool{}
		for _, tg := range want.Tags {
			if tg != "" && !seen[tg] {
				seen[tg] = true
				tag[tg]++
			}
		}
	}
	if !maps.Equal(s.CountByStatus(), status) || !maps.Equal(s.CountByBatch(), batch) ||
		!maps.Equal(s.CountByTag(), tag) || !maps.Equal(s.CountByType(), typ) {
		t.Fatalf("op %d: counts drifted:\nstatus %v want %v\nbatch %v want %v\ntag %v want %v\ntype %v want %v",
			op, s.CountByStatus(), status, s.CountByBatch(), batch, s.CountByTag(), tag, s.CountByType(), typ)
	}
	sum := 0
	for _, sc := range s.StatusCounts() {
		if sc.Count != status[sc.Status] || s.Count(sc.Status) != sc.Count {
			t.Fatalf("op %d: StatusCounts %v disagrees with %v", op, sc, status)
		}
		sum += sc.Count
	}
	if sum != s.Len() {
		t.Fatalf("op %d: status counts add up to %d, Len = %d", op, sum, s.Len())
	}
}
