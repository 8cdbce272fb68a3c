package model

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"
)

// benchNow is the clock of the generated jobs and of the benchmark queries.
var benchNow = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

var (
	benchBreeds  = []string{"poodle", "beagle", "labrador", "husky", "collie", "terrier", "pug", "boxer", "corgi", "dachshund"}
	benchTags    = []string{"urgent", "test", "review", "night-shift", "retrain", "edge-case", "gold", "qa"}
	benchColours = []string{"black", "white", "brown", "pink", "grey", "golden"}
	// benchStatuses is weighted the way a busy app looks: mostly done.
	benchStatuses = []struct {
		s      Status
		weight int
	}{
		{StatusCompleted, 60}, {StatusFailed, 8}, {StatusExpired, 4}, {StatusCanceled, 3},
		{StatusInProgress, 10}, {StatusScheduled, 9}, {StatusPostProcessing, 2},
		{StatusNeedsReview, 2}, {StatusSuspended, 1}, {StatusReviewed, 1},
	}
)

// BenchJobs generates n realistic jobs, deterministic for a seed: numeric
// ids in random order, creation times over 30 days, 200 batches, weighted statuses, 0 to 3 tags, an input with an image
// URL and instructions, metadata with a few keys. They are built as the
// API's JSON and decoded, so Raw, Input and Metadata are real. Exported for
// the bubbles/list baseline in package model_test.
func BenchJobs(n int, seed uint64) []Job {
	rng := rand.New(rand.NewPCG(seed, seed^0x5eed))
	hex := func(k int) string {
		const digits = "0123456789abcdef"
		b := make([]byte, k)
		for i := range b {
			b[i] = digits[rng.IntN(16)]
		}
		return string(b)
	}
	batches := make([]string, 200)
	for i := range batches {
		batches[i] = hex(24)
	}
	total := 0
	for _, s := range benchStatuses {
		total += s.weight
	}
	ids := rng.Perm(n) // the API pages by creation time, not by id
	jobs := make([]Job, n)
	for i := range jobs {
		status := benchStatus(rng.IntN(total))
		created := benchNow.Add(-time.Duration(rng.Int64N(int64(30 * 24 * time.Hour))))
		breed := benchBreeds[rng.IntN(len(benchBreeds))]
		uuid := hex(8) + "-" + hex(4) + "-" + hex(4) + "-" + hex(4) + "-" + hex(12)
		var tags []string
		if rng.IntN(10) == 0 {
			tags = append(tags, "poodle")
		}
		for range rng.IntN(3) {
			tags = append(tags, benchTags[rng.IntN(len(benchTags))])
		}
		doc := map[string]any{
			"id":          fmt.Sprint(1_000_000 + ids[i]),
			"uuid":        uuid,
			"appId":       "3f1c2a9e-app",
			"batchId":     batches[rng.IntN(len(batches))],
			"status":      status,
			"jobType":     []string{"DEFAULT", "DEFAULT", "DEFAULT", "CALIBRATION", "TRAINING"}[rng.IntN(5)],
			"callbackUrl": nil,
			"created":     created.Format("2006-01-02T15:04:05+00:00"),
			"tags":        tags,
			"correct":     []any{nil, true, false}[rng.IntN(3)],
			"input": map[string]any{
				"image_url":    fmt.Sprintf("https://cdn.example.com/dogs/%s/%s.jpg", breed, uuid),
				"instructions": "Label the breed and the coat colour",
			},
			"metadata": map[string]any{
				"source":   fmt.Sprintf("camera-%02d", rng.IntN(40)),
				"colour":   benchColours[rng.IntN(len(benchColours))],
				"site":     fmt.Sprintf("site-%d", rng.IntN(12)),
				"priority": rng.IntN(5),
			},
		}
		if status.Ended() {
			doc["completed"] = created.Add(time.Duration(rng.Int64N(int64(2 * time.Hour)))).Format("2006-01-02T15:04:05.000000+00:00")
		}
		data, err := json.Marshal(doc)
		if err != nil {
			panic(err)
		}
		if jobs[i], err = DecodeJob(data); err != nil {
			panic(err)
		}
	}
	return jobs
}

// benchStatus picks the status at w in the weighted list.
func benchStatus(w int) Status {
	for _, s := range benchStatuses {
		if w < s.weight {
			return s.s
		}
		w -= s.weight
	}
	panic("weight beyond the total")
}

// bench100k is a store of 100,000 generated jobs, built once for all
// benchmarks. They are merged in the order they were decoded, as pages are,
// which is in no order of any sort key.
var bench100k = sync.OnceValue(func() *Store {
	jobs := BenchJobs(100_000, 1)
	s := NewStore()
	s.SetClock(func() time.Time { return benchNow })
	s.Merge(jobs)
	return s
})

func mustQuery(tb testing.TB, s string) Query {
	tb.Helper()
	q, err := ParseQuery(s, benchNow)
	if err != nil {
		tb.Fatal(err)
	}
	return q
}

// BenchmarkQueryApply100k is one keystroke in the filter bar: parse the
// query and filter the sorted list. Each iteration alternates between two
// queries so that none is served from the View's cache.
func BenchmarkQueryApply100k(b *testing.B) {
	s := bench100k()
	srt := Sort{Key: SortByCreated, Desc: true}
	for _, tc := range []struct{ name, a, b string }{
		{"typed", "status:fail tag:poodle", "status:fail tag:poodl*"},
		{"typed-dates", "status:moving created:<1d", "status:moving created:<2d"},
		{"bare-word", "pink", "pinK dog"},
		{"mixed", "-status:ended pink", "-status:ended pink dog"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			v := NewView(s)
			v.Jobs(mustQuery(b, tc.a), srt) // sort, and build the index if the query needs it
			for i := 0; b.Loop(); i++ {
				text := tc.a
				if i%2 == 1 {
					text = tc.b
				}
				q, err := ParseQuery(text, benchNow)
				if err != nil {
					b.Fatal(err)
				}
				v.Jobs(q, srt)
			}
			b.ReportMetric(float64(len(v.Jobs(mustQuery(b, tc.a), srt))), "matches")
		})
	}
	// The first bare word typed builds every job's search text.
	b.Run("bare-word-cold-index", func(b *testing.B) {
		q := mustQuery(b, "pink")
		for b.Loop() {
			b.StopTimer()
			for pos := range s.entries {
				s.entries[pos].text = ""
			}
			v := NewView(s)
			v.Jobs(Query{}, srt) // the sort is not what this measures
			b.StartTimer()
			v.Jobs(q, srt)
		}
	})
}

// BenchmarkSort100k is a re-sort of every job: what a new sort key, or a
// store change, costs the View.
func BenchmarkSort100k(b *testing.B) {
	s := bench100k()
	for k := range sortKeys {
		for _, desc := range []bool{false, true} {
			srt := Sort{Key: k, Desc: desc}
			name := k.String()
			if desc {
				name += "-desc"
			}
			b.Run(name, func(b *testing.B) {
				for b.Loop() {
					s.Select(Query{}, srt)
				}
			})
		}
	}
}

// BenchmarkViewAfterSync is a sync that changed 100 jobs while a bare-word
// filter is on: merge, re-sort, refresh the index, filter.
func BenchmarkViewAfterSync(b *testing.B) {
	s := bench100k()
	versions := twoVersions(b, s, 100)
	v := NewView(s)
	q := mustQuery(b, "pink")
	srt := Sort{Key: SortByCreated, Desc: true}
	v.Jobs(q, srt)
	for i := 0; b.Loop(); i++ {
		s.Merge(versions[i%2])
		v.Jobs(q, srt)
	}
}

// twoVersions returns two new versions of n of s's jobs, which differ
// from each other and from the stored ones in a string of their input:
// merging them in turn changes n jobs each time.
func twoVersions(b *testing.B, s *Store, n int) [2][]Job {
	var versions [2][]Job
	s.Each(func(j *Job) bool {
		if len(versions[0]) == n {
			return false
		}
		for v := range versions {
			raw := strings.Replace(string(j.Raw), `"colour":"`, fmt.Sprintf(`"colour":"v%d `, v), 1)
			changed, err := DecodeJob([]byte(raw))
			if err != nil {
				b.Fatal(err)
			}
			versions[v] = append(versions[v], changed)
		}
		return true
	})
	return versions
}

// BenchmarkSavedFilterCounts is what keeping the counts of four saved
// filters costs a sync that changed 100 of 100,000 jobs: the tallies the
// store keeps, against counting every job again. The merge is in both.
func BenchmarkSavedFilterCounts(b *testing.B) {
	s := bench100k()
	versions := twoVersions(b, s, 100)
	var queries []Query
	for _, text := range []string{"status:fail", "-status:ended tag:poodle", "pink", "brown -dog"} {
		queries = append(queries, mustQuery(b, text))
	}
	b.Run("tally", func(b *testing.B) {
		for _, q := range queries {
			defer s.Tally(q).Drop()
		}
		for i := 0; b.Loop(); i++ {
			s.Merge(versions[i%2])
		}
	})
	b.Run("recount", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			s.Merge(versions[i%2])
			for _, q := range queries {
				s.CountMatches(q)
			}
		}
	})
}

// BenchmarkViewFrame is a frame with nothing new: the View's cache hit.
func BenchmarkViewFrame(b *testing.B) {
	s := bench100k()
	v := NewView(s)
	q := mustQuery(b, "status:fail pink")
	v.Jobs(q, Sort{})
	for b.Loop() {
		v.Jobs(q, Sort{})
	}
}
