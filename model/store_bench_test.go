package model

import (
	"fmt"
	"testing"
)

// benchJob renders job i the way the API sends it (about 500 bytes, like
// the reference job), in one of two versions that differ in status.
func benchJob(b *testing.B, i int, version int) Job {
	statuses := []string{"IN_PROGRESS", "COMPLETED"}
	data := fmt.Sprintf(`{"id": "%d", "uuid": "0a23bc4d-ef56-7a89-0b12-%012d", "appId": "123abc45-6789-01de-f2a3-45b67cde8901",`+
		` "batchId": "batch-%d", "status": %q, "jobType": "DEFAULT", "callbackUrl": null,`+
		` "created": "2020-02-12T13:27:03+00:00", "completed": null,`+
		` "input": {"image_url": "data://12345/images/dogs/poodles/pink-poodle-%d.jpeg"},`+
		` "metadata": {"source": "bench"}, "tags": ["poodle", "pink"], "correct": null, "baselineId": 123456}`,
		i, i, i%50, statuses[version], i)
	j, err := DecodeJob([]byte(data))
	if err != nil {
		b.Fatal(err)
	}
	return j
}

func benchStore(b *testing.B) (*Store, [2][]Job) {
	s := NewStore()
	all := make([]Job, 100_000)
	for i := range all {
		all[i] = benchJob(b, i, 0)
	}
	s.Merge(all)
	// The 1,000 jobs to merge, spread over the store, in two versions.
	var batches [2][]Job
	for v := range batches {
		for i := range 1000 {
			batches[v] = append(batches[v], benchJob(b, i*100, v))
		}
	}
	return s, batches
}

// BenchmarkMerge1000Into100k merges 1,000 jobs whose status changed into a
// store of 100,000, the load of a busy incremental sync.
func BenchmarkMerge1000Into100k(b *testing.B) {
	s, batches := benchStore(b)
	b.ResetTimer()
	for i := range b.N {
		// Alternate the versions so every merge is a real change.
		if res := s.Merge(batches[(i+1)%2]); len(res.Changed) != 1000 {
			b.Fatalf("changed %d jobs, want 1000", len(res.Changed))
		}
	}
}

// BenchmarkMerge1000UnchangedInto100k merges 1,000 jobs the store already
// holds, the common case of a quiet poll.
func BenchmarkMerge1000UnchangedInto100k(b *testing.B) {
	s, batches := benchStore(b)
	b.ResetTimer()
	for range b.N {
		if res := s.Merge(batches[0]); res.Changed != nil {
			b.Fatal("unchanged jobs reported changed")
		}
	}
}
