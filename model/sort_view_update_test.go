package model

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// syncSim makes random jobs and random syncs for the View's update tests:
// ids of every kind compareKeys orders (numbers, two spellings of one
// number, numbers beyond idOrder's, words, uuids only), statuses and
// batches that come and go (so valueRanks renumbers), ties on every key,
// and values missing.
type syncSim struct {
	rng   *rand.Rand
	s     *Store
	clock time.Time
	next  int // the pool index of the next new job
}

func newSyncSim(seed uint64) *syncSim {
	sim := &syncSim{rng: rand.New(rand.NewPCG(seed, seed^0x50a7)), s: NewStore(), clock: benchNow}
	sim.s.SetClock(func() time.Time { return sim.clock })
	return sim
}

// key is the key of the i-th job of the pool.
func (sim *syncSim) key(i int) (id, uuid string) {
	switch i % 8 {
	case 0:
		return "0" + strconv.Itoa(i/8), "" // the same number as another job's id
	case 1:
		return "job-" + strconv.Itoa(i), ""
	case 2:
		return "", "u-" + strconv.Itoa(i)
	case 3:
		return "1" + strings.Repeat("0", 18) + strconv.Itoa(i), ""
	}
	return strconv.Itoa(i), ""
}

func (sim *syncSim) status() Status {
	if sim.rng.IntN(50) == 0 {
		return Status("ODD_" + strconv.Itoa(sim.rng.IntN(20))) // unknown, and rare
	}
	return []Status{StatusScheduled, StatusInProgress, StatusCompleted, StatusCompleted, StatusFailed, StatusExpired, "WEIRD"}[sim.rng.IntN(7)]
}

func (sim *syncSim) batch() string {
	switch n := sim.rng.IntN(100); {
	case n < 20:
		return ""
	case n < 22:
		return "rare-" + strconv.Itoa(sim.rng.IntN(100)) // a batch that comes and goes
	case n < 60:
		return strconv.Itoa(sim.rng.IntN(30))
	}
	return "b" + strconv.Itoa(sim.rng.IntN(30))
}

// when is one of a few hundred minutes, or zero one time in missingIn.
func (sim *syncSim) when(missingIn int) time.Time {
	if sim.rng.IntN(missingIn) == 0 {
		return time.Time{}
	}
	return benchNow.Add(-time.Duration(sim.rng.IntN(300)) * time.Minute)
}

func (sim *syncSim) newJobs(n int) []Job {
	jobs := make([]Job, n)
	for i := range jobs {
		id, uuid := sim.key(sim.next)
		sim.next++
		jobs[i] = Job{ID: id, UUID: uuid, Status: sim.status(), BatchID: sim.batch(), Created: sim.when(10), Completed: sim.when(2)}
	}
	return jobs
}

// replaced returns new versions of n stored jobs, each changed in its
// type and maybe in a field the sort reads; some of them sort the same.
func (sim *syncSim) replaced(n int) []Job {
	keys := sim.pick(n)
	jobs := make([]Job, len(keys))
	for i, key := range keys {
		old, _ := sim.s.Get(key)
		j := *old
		j.JobType += "x" // so the store sees a new version
		switch sim.rng.IntN(6) {
		case 0:
			j.Status = sim.status() // and so time in status, when it differs
		case 1:
			j.BatchID = sim.batch()
		case 2:
			j.Completed = sim.when(2)
		case 3:
			j.Created = sim.when(10)
		case 4:
			j.Status, j.BatchID, j.Completed = sim.status(), sim.batch(), sim.when(2)
		default:
			// The type alone: a new version that sorts the same.
		}
		jobs[i] = j
	}
	return jobs
}

// pick returns up to n distinct keys of stored jobs, at random.
func (sim *syncSim) pick(n int) []string {
	keys := sim.s.Keys()
	sim.rng.Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
	return keys[:min(n, len(keys))]
}

func (sim *syncSim) allBut(drop []string) map[string]struct{} {
	keep := make(map[string]struct{}, sim.s.Len())
	for _, key := range sim.s.Keys() {
		keep[key] = struct{}{}
	}
	for _, key := range drop {
		delete(keep, key)
	}
	return keep
}

// step changes the store the way syncs do, by about size jobs.
func (sim *syncSim) step(size int, base int) {
	s, rng := sim.s, sim.rng
	if rng.IntN(3) > 0 {
		sim.clock = sim.clock.Add(time.Duration(1+rng.IntN(90)) * time.Second)
	}
	n := 1 + rng.IntN(size)
	switch op := rng.IntN(9); {
	case op < 2 || s.Len() < base/2:
		s.Merge(sim.newJobs(n))
	case op < 5:
		s.Merge(sim.replaced(n))
	case op == 5:
		s.Remove(sim.pick(n)...) // swaps the last jobs into the holes
	case op == 6:
		s.RetainOnly(sim.allBut(sim.pick(n))) // shifts every job after the first dropped
	case op == 7:
		// A sync: new jobs, new versions, jobs dropped, and a full pass
		// that forgets some more.
		jobs := append(sim.newJobs(n/3+1), sim.replaced(n/3+1)...)
		drop := sim.pick(n/3 + 1)
		keep := sim.allBut(sim.pick(n / 3))
		for i := range jobs {
			delete(keep, jobs[i].Key()) // Apply adds what the delta holds
		}
		s.Apply(Delta{Jobs: jobs, Drop: drop, Full: rng.IntN(2) == 0, Seen: keep})
	default:
		// A new version that sorts the same, then a job that comes and
		// goes again: the version moves, the order does not.
		s.Merge(sim.replaced(1))
		added := sim.newJobs(1)
		s.Merge(added)
		s.Remove(added[0].Key())
	}
}

// many changes more jobs at once than update takes on.
func (sim *syncSim) many() {
	n := sim.s.Len() / updateShare
	sim.s.Apply(Delta{Jobs: append(sim.newJobs(n), sim.replaced(n)...), Drop: sim.pick(n)})
}

// The View's list, whether sorted afresh or updated with what a sync
// changed, must be exactly the one a full sort gives, after every change,
// on every key in both directions; and its positions must point at its
// jobs, which the filter relies on.
func TestViewUpdateAgreesWithFullSort(t *testing.T) {
	withProcs(t, 4)
	for _, tc := range []struct {
		name        string
		jobs, steps int
		change      int // the most jobs most steps change
	}{
		{"small", 600, 300, 600 / updateShare / 2},
		// sortRecs in two ranges, and steps that place more than radixMin
		// jobs, so update sorts them by radix.
		{"parallel", 2*parallelMin + 100, 12, (2*parallelMin + 100) / updateShare},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sim := newSyncSim(uint64(tc.jobs))
			sim.s.Merge(sim.newJobs(tc.jobs))
			// Each view keeps a filter in force too: a field term, or a
			// bare word (ids with a 7) and a negated one.
			views := make(map[Sort]*View)
			filters := make(map[Sort]Query)
			for k := range sortKeys {
				for _, desc := range []bool{false, true} {
					srt := Sort{Key: k, Desc: desc}
					views[srt] = NewView(sim.s)
					filters[srt] = mustQuery(t, "status:fail")
					if desc {
						filters[srt] = mustQuery(t, "7 -status:ended")
					}
					views[srt].Jobs(Query{}, srt)
					views[srt].Jobs(filters[srt], srt)
				}
			}
			updates, fullSorts := 0, 0
			for step := range tc.steps {
				version := sim.s.Version()
				switch step % 8 {
				case 3: // where the store is large enough, update sorts these by radix
					sim.s.Merge(sim.replaced(min(radixMin+1, sim.s.Len()/updateShare)))
				case 7:
					sim.many()
				default:
					sim.step(tc.change, tc.jobs)
				}
				for srt, v := range views {
					sorts, matches := v.fullSorts, v.fullMatches
					got := v.Jobs(Query{}, srt)
					if want := sim.s.Select(Query{}, srt); !slices.Equal(got, want) {
						t.Fatalf("step %d, sort %+v: View.Jobs differs from a full sort at %d of %d jobs (%d full sorts so far)",
							step, srt, firstDifference(got, want), len(want), v.fullSorts)
					}
					for i, r := range v.recs {
						if sim.s.entries[r.pos].job != v.sorted[i] {
							t.Fatalf("step %d, sort %+v: recs[%d].pos = %d does not hold the job sorted there", step, srt, i, r.pos)
						}
					}
					if got, want := v.Counts(), tallyOf(got); !slices.Equal(got, want) {
						t.Fatalf("step %d, sort %+v: View.Counts = %v, want %v", step, srt, got, want)
					}
					got = v.Jobs(filters[srt], srt)
					if want := sim.s.Select(filters[srt], srt); !slices.Equal(got, want) {
						t.Fatalf("step %d, sort %+v: the filtered list differs from Select at %d of %d jobs",
							step, srt, firstDifference(got, want), len(want))
					}
					if got, want := v.Counts(), tallyOf(got); !slices.Equal(got, want) {
						t.Fatalf("step %d, sort %+v: View.Counts of the filtered list = %v, want %v", step, srt, got, want)
					}
					if v.fullSorts == sorts && v.fullMatches != matches {
						t.Fatalf("step %d, sort %+v: an update matched every job again", step, srt)
					}
					switch {
					case sim.s.Version() == version:
					case v.fullSorts == sorts:
						updates++
					default:
						fullSorts++
					}
				}
			}
			t.Logf("%d updates, %d full sorts", updates, fullSorts)
			if updates < 2*fullSorts || fullSorts == 0 {
				t.Errorf("%d updates and %d full sorts: the test no longer exercises both", updates, fullSorts)
			}
		})
	}
}

// firstDifference is the first index where a and b differ.
func firstDifference(a, b []*Job) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// A sync that changed a few jobs must not sort every job again: that is
// the hitch update exists to avoid. A new sort, or a sync that changed
// many, still does.
func TestViewSortsOnlyWhatASyncChanged(t *testing.T) {
	const jobs = 20_000
	sim := newSyncSim(7)
	sim.s.Merge(sim.newJobs(jobs))
	v := NewView(sim.s)
	srt := Sort{Key: SortByCompleted, Desc: true}
	check := func(what string, fullSorts int) {
		t.Helper()
		if got := v.Jobs(Query{}, srt); !slices.Equal(got, sim.s.Select(Query{}, srt)) {
			t.Errorf("after %s: the list differs from a full sort", what)
		}
		if v.fullSorts != fullSorts {
			t.Errorf("after %s: %d full sorts, want %d", what, v.fullSorts, fullSorts)
		}
	}
	check("the first call", 1)

	sim.s.Merge(sim.newJobs(10))
	check("10 new jobs", 1)
	sim.s.Merge(sim.replaced(10))
	check("10 new versions", 1)
	sim.s.Remove(sim.pick(10)...)
	check("10 jobs removed", 1)
	sim.s.RetainOnly(sim.allBut(sim.pick(10)))
	check("a full pass that dropped 10 jobs", 1)
	sim.s.RetainOnly(sim.allBut(sim.pick(jobs / 3)))
	check("a full pass that dropped a third of the jobs", 1) // nothing to place

	srt.Desc = false
	check("a new sort", 2)
	sim.s.Merge(sim.replaced(sim.s.Len()/updateShare + 1))
	check("more new versions than update places", 3)
	sim.s.Merge(sim.newJobs(sim.s.Len()/(updateShare-1) + 1)) // a share of the new total
	check("more new jobs than update places", 4)

	// A status or batch no other job has renumbers the ranks in the
	// records' keys, and so does its going.
	sorts := 5
	for _, key := range []SortKey{SortByStatus, SortByBatch} {
		srt = Sort{Key: key, Desc: true}
		check("a sort by "+key.String(), sorts)
		odd := sim.newJobs(1)
		odd[0].Status, odd[0].BatchID = "BRAND_NEW", "0" // before the other unknown statuses, and batches
		sim.s.Merge(odd)
		check("a job with a "+key.String()+" of its own", sorts)
		sim.s.Remove(odd[0].Key())
		check("that job gone", sorts)
		sorts++
	}
}

// BenchmarkViewSync is what a sync costs the View, the store's part aside:
// bringing the sorted list of 100,000 jobs up to date, with no filter on
// (BenchmarkViewAfterSync adds one, and the merge). changed=N replaces N
// jobs with versions that sort elsewhere; 20,000 is beyond what update
// takes on (see updateShare), so it is a full sort. full-pass-dropped=10
// is a full pass that forgot 10 jobs near the front, which moves every job
// after them, and a sync that brings them back.
func BenchmarkViewSync(b *testing.B) {
	s := bench100k()
	srt := Sort{Key: SortByCreated, Desc: true}
	run := func(name string, sync func(i int)) {
		b.Run(name, func(b *testing.B) {
			v := NewView(s)
			v.Jobs(Query{}, srt)
			sorts := v.fullSorts
			for i := 0; b.Loop(); i++ {
				b.StopTimer()
				sync(i)
				b.StartTimer()
				v.Jobs(Query{}, srt)
			}
			b.ReportMetric(float64(v.fullSorts-sorts)/float64(b.N), "fullsorts/op")
		})
	}
	for _, changed := range []int{10, 100, 1000, 10_000, 20_000} {
		versions := benchVersions(b, s, changed)
		run("changed="+strconv.Itoa(changed), func(i int) { s.Merge(versions[i%2]) })
	}
	run("full-pass-dropped=10", func(int) {
		var front []Job
		keep := make(map[string]struct{}, s.Len())
		s.Each(func(j *Job) bool {
			if len(front) < 10 {
				front = append(front, *j)
			} else {
				keep[j.Key()] = struct{}{}
			}
			return true
		})
		s.RetainOnly(keep)
		s.Merge(front)
	})
}

// benchVersions makes two new versions of n jobs of s, created at other
// times than the stored ones and than each other: merging them in turn
// moves n jobs in the list every time. They are decoded from the stored
// jobs' JSON, edited, so they are like what a sync brings.
func benchVersions(b *testing.B, s *Store, n int) [2][]Job {
	const field, layout = `"created":"`, "2006-01-02T15:04:05+00:00"
	var versions [2][]Job
	s.Each(func(j *Job) bool {
		if len(versions[0]) == n {
			return false
		}
		at := strings.Index(string(j.Raw), field) + len(field)
		for v := range versions {
			created := benchNow.Add(-time.Duration(len(versions[v])*7+v) * time.Minute).Format(layout)
			raw := string(j.Raw[:at]) + created + string(j.Raw[at+len(layout):])
			changed, err := DecodeJob([]byte(raw))
			if err != nil {
				b.Fatal(err)
			}
			versions[v] = append(versions[v], changed)
		}
		return true
	})
	if len(versions[0]) < n {
		b.Fatalf("the store has %d jobs, fewer than %d", s.Len(), n)
	}
	return versions
}

// tallyOf counts jobs by status, in display order.
func tallyOf(jobs []*Job) []StatusCount {
	byStatus := map[Status]int{}
	for _, j := range jobs {
		byStatus[j.Status]++
	}
	counts := []StatusCount{}
	for st, n := range byStatus {
		counts = append(counts, StatusCount{Status: st, Count: n})
	}
	SortStatusCounts(counts)
	return counts
}
