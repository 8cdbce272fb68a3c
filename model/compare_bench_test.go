package model

import (
	"runtime"
	"testing"
	"time"
)

// BenchmarkMergeVsRebuild100k is an incremental sync's merge against the
// alternative, in the same run on the same jobs: merging the 1,000 jobs
// that changed into a store of 100,000 (ours; the target is 5 ms),
// or building the store again from all 100,000 as a full re-list would.
// It reports each one's time and the ratio (rebuild/merge). The heap is
// collected between the two, outside both timings, so that neither pays
// for the other's garbage (the rebuild's discarded store is the bulk).
func BenchmarkMergeVsRebuild100k(b *testing.B) {
	s, batches := benchStore(b)
	all := make([]Job, 100_000)
	for i := range all {
		all[i] = benchJob(b, i, 0)
	}
	var tMerge, tRebuild time.Duration
	for i := 0; b.Loop(); i++ {
		runtime.GC()
		t := time.Now()
		if res := s.Merge(batches[(i+1)%2]); len(res.Changed) != 1000 {
			b.Fatalf("changed %d jobs, want 1000", len(res.Changed))
		}
		tMerge += time.Since(t)
		t = time.Now()
		NewStore().Merge(all)
		tRebuild += time.Since(t)
		runtime.GC()
	}
	b.ReportMetric(float64(tMerge.Nanoseconds())/1e6/float64(b.N), "merge-ms")
	b.ReportMetric(float64(tRebuild.Nanoseconds())/1e6/float64(b.N), "rebuild-ms")
	b.ReportMetric(float64(tRebuild)/float64(tMerge), "rebuild/merge")
}
