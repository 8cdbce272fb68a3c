package model

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"
)

// wire is a job as the API would send it, for building decoded test jobs.
type wire struct {
	ID      string   `json:"id,omitempty"`
	UUID    string   `json:"uuid,omitempty"`
	Status  string   `json:"status,omitempty"`
	BatchID string   `json:"batchId,omitempty"`
	JobType string   `json:"jobType,omitempty"`
	Tags    []string `json:"tags,omitempty"`
	Note    string   `json:"note,omitempty"` // an unknown key, to change a job without changing a counted field
}

func (w wire) job(t testing.TB) Job {
	t.Helper()
	data, err := json.Marshal(w)
	if err != nil {
		t.Fatal(err)
	}
	j, err := DecodeJob(data)
	if err != nil {
		t.Fatal(err)
	}
	return j
}

// fakeClock advances one second per reading, so each merge gets its own time.
type fakeClock struct{ now time.Time }

func (c *fakeClock) read() time.Time {
	c.now = c.now.Add(time.Second)
	return c.now
}

func newTestStore() (*Store, *fakeClock) {
	s := NewStore()
	c := &fakeClock{now: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	s.SetClock(c.read)
	return s, c
}

func TestStoreMerge(t *testing.T) {
	s, _ := newTestStore()
	a := wire{ID: "a", Status: "SCHEDULED"}.job(t)
	b := wire{UUID: "u-b", Status: "FAILED"}.job(t)
	res := s.Merge([]Job{a, b, {}, wire{Status: "FAILED"}.job(t)})
	if !slices.Equal(res.Added, []string{"a", "u-b"}) || res.Changed != nil || res.Rejected != 2 || res.Removed != nil {
		t.Fatalf("first merge = %+v", res)
	}
	if s.Len() != 2 {
		t.Fatalf("Len = %d, want 2", s.Len())
	}

	// Identical again: nothing to report, nothing changes.
	v := s.Version()
	res = s.Merge([]Job{a, b})
	if res.Added != nil || res.Changed != nil || res.Rejected != 0 {
		t.Errorf("identical merge = %+v, want empty", res)
	}
	if s.Version() != v {
		t.Errorf("identical merge bumped Version")
	}

	// A status change and a change elsewhere.
	a2 := wire{ID: "a", Status: "IN_PROGRESS"}.job(t)
	b2 := wire{UUID: "u-b", Status: "FAILED", Note: "x"}.job(t)
	res = s.Merge([]Job{a2, b2})
	want := []Change{{"a", StatusScheduled, StatusInProgress}, {"u-b", StatusFailed, StatusFailed}}
	if res.Added != nil || !slices.Equal(res.Changed, want) {
		t.Errorf("changing merge = %+v, want Changed %v", res, want)
	}
	if got, _ := s.Get("a"); got.Status != StatusInProgress {
		t.Errorf("Get(a).Status = %s, want IN_PROGRESS", got.Status)
	}
	if got, _ := s.Get("u-b"); string(got.Raw) != string(b2.Raw) {
		t.Errorf("Get(u-b) not replaced: %s", got.Raw)
	}
	if _, ok := s.Get("missing"); ok {
		t.Errorf("Get(missing) found something")
	}
}

func TestStoreMergeSameKeyTwice(t *testing.T) {
	s, _ := newTestStore()
	res := s.Merge([]Job{
		wire{ID: "a", Status: "SCHEDULED"}.job(t),
		wire{ID: "a", Status: "IN_PROGRESS"}.job(t),
	})
	if !slices.Equal(res.Added, []string{"a"}) ||
		!slices.Equal(res.Changed, []Change{{"a", StatusScheduled, StatusInProgress}}) {
		t.Errorf("merge = %+v", res)
	}
	if s.Len() != 1 || s.Count(StatusInProgress) != 1 || s.Count(StatusScheduled) != 0 {
		t.Errorf("Len = %d, counts = %v", s.Len(), s.CountByStatus())
	}
}

func TestStoreGetIsSnapshot(t *testing.T) {
	s, _ := newTestStore()
	s.Merge([]Job{wire{ID: "a", Status: "SCHEDULED"}.job(t)})
	old, _ := s.Get("a")
	s.Merge([]Job{wire{ID: "a", Status: "COMPLETED"}.job(t)})
	for i := range 100 { // grow the slice so entries move
		s.Merge([]Job{wire{ID: fmt.Sprint(i)}.job(t)})
	}
	if old.Status != StatusScheduled {
		t.Errorf("a pointer from Get changed under its holder: %s", old.Status)
	}
	if now, _ := s.Get("a"); now.Status != StatusCompleted {
		t.Errorf("Get(a).Status = %s", now.Status)
	}
}

// Jobs built in code have no Raw; a change to them must still be seen.
func TestStoreMergeJobsWithoutRaw(t *testing.T) {
	s, _ := newTestStore()
	yes := true
	j := Job{ID: "1", Status: StatusScheduled, Tags: []string{"x"}, Correct: &yes}
	s.Merge([]Job{j})

	same := j
	same.Tags = []string{"x"}
	same.Correct = new(bool)
	*same.Correct = true
	if res := s.Merge([]Job{same}); res.Changed != nil {
		t.Errorf("equal job reported changed: %+v", res)
	}
	changed := j
	changed.Status = StatusInProgress
	res := s.Merge([]Job{changed})
	if !slices.Equal(res.Changed, []Change{{"1", StatusScheduled, StatusInProgress}}) {
		t.Errorf("status change of a raw-less job: %+v", res)
	}
	completed := changed
	completed.Completed = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	if res := s.Merge([]Job{completed}); len(res.Changed) != 1 {
		t.Errorf("completed change of a raw-less job: %+v", res)
	}
	// A decoded version of the same job replaces the hand-built one.
	if res := s.Merge([]Job{wire{ID: "1", Status: "IN_PROGRESS"}.job(t)}); len(res.Changed) != 1 {
		t.Errorf("decoded version not taken: %+v", res)
	}
}

func TestStoreEnteredStatus(t *testing.T) {
	s, _ := newTestStore()
	s.Merge([]Job{wire{ID: "a", Status: "SCHEDULED"}.job(t)}) // clock: 00:00:01
	first := s.EnteredStatus("a")
	if want := time.Date(2024, 1, 1, 0, 0, 1, 0, time.UTC); !first.Equal(want) {
		t.Fatalf("EnteredStatus = %v, want %v", first, want)
	}
	s.Merge([]Job{wire{ID: "a", Status: "SCHEDULED", Note: "n"}.job(t)}) // 00:00:02, same status
	if got := s.EnteredStatus("a"); !got.Equal(first) {
		t.Errorf("same-status change moved EnteredStatus to %v", got)
	}
	s.Merge([]Job{wire{ID: "a", Status: "IN_PROGRESS"}.job(t)}) // 00:00:03
	if want := time.Date(2024, 1, 1, 0, 0, 3, 0, time.UTC); !s.EnteredStatus("a").Equal(want) {
		t.Errorf("EnteredStatus after a status change = %v, want %v", s.EnteredStatus("a"), want)
	}
	if !s.EnteredStatus("missing").IsZero() {
		t.Errorf("EnteredStatus of an unknown key is not zero")
	}
	s.SetClock(nil) // back to the wall clock
	before := time.Now()
	s.Merge([]Job{wire{ID: "b"}.job(t)})
	if got := s.EnteredStatus("b"); got.Before(before) {
		t.Errorf("SetClock(nil) did not restore time.Now: %v", got)
	}
}

func TestStoreStatusChangedAt(t *testing.T) {
	s, _ := newTestStore()
	s.Merge([]Job{wire{ID: "a", Status: "SCHEDULED"}.job(t)}) // clock: 00:00:01
	if got := s.StatusChangedAt("a"); !got.IsZero() {
		t.Fatalf("a job first seen changed at %v, want no change", got)
	}
	s.Merge([]Job{wire{ID: "a", Status: "SCHEDULED", Note: "n"}.job(t)}) // 00:00:02, same status
	if got := s.StatusChangedAt("a"); !got.IsZero() {
		t.Errorf("a same-status change counts as a status change at %v", got)
	}
	s.Merge([]Job{wire{ID: "a", Status: "IN_PROGRESS"}.job(t)}) // 00:00:03
	if want := time.Date(2024, 1, 1, 0, 0, 3, 0, time.UTC); !s.StatusChangedAt("a").Equal(want) {
		t.Errorf("StatusChangedAt = %v, want %v", s.StatusChangedAt("a"), want)
	}
	s.Merge([]Job{wire{ID: "a", Status: "IN_PROGRESS", Note: "m"}.job(t)}) // 00:00:04, same status
	if want := time.Date(2024, 1, 1, 0, 0, 3, 0, time.UTC); !s.StatusChangedAt("a").Equal(want) {
		t.Errorf("a same-status change moved StatusChangedAt to %v", s.StatusChangedAt("a"))
	}
	if !s.StatusChangedAt("missing").IsZero() {
		t.Errorf("StatusChangedAt of an unknown key is not zero")
	}
}

func TestStoreCounts(t *testing.T) {
	s, _ := newTestStore()
	s.Merge([]Job{
		wire{ID: "1", Status: "FAILED", BatchID: "b1", JobType: "DEFAULT", Tags: []string{"x", "y", "x"}}.job(t),
		wire{ID: "2", Status: "FAILED", BatchID: "b1", JobType: "DEFAULT", Tags: []string{"y", ""}}.job(t),
		wire{ID: "3", Status: "COMPLETED", BatchID: "b2", Tags: []string{"z"}}.job(t),
		wire{ID: "4", Status: "WEIRD"}.job(t),
		wire{ID: "5"}.job(t),
	})
	checkMap(t, "CountByStatus", s.CountByStatus(), map[Status]int{"FAILED": 2, "COMPLETED": 1, "WEIRD": 1, "": 1})
	checkMap(t, "CountByBatch", s.CountByBatch(), map[string]int{"b1": 2, "b2": 1})
	checkMap(t, "CountByTag", s.CountByTag(), map[string]int{"x": 1, "y": 2, "z": 1})
	checkMap(t, "CountByType", s.CountByType(), map[string]int{"DEFAULT": 2})
	if s.Count(StatusFailed) != 2 || s.Count(StatusExpired) != 0 {
		t.Errorf("Count(FAILED) = %d, Count(EXPIRED) = %d", s.Count(StatusFailed), s.Count(StatusExpired))
	}
	want := []StatusCount{{StatusCompleted, 1}, {StatusFailed, 2}, {"", 1}, {"WEIRD", 1}}
	if got := s.StatusCounts(); !slices.Equal(got, want) {
		t.Errorf("StatusCounts = %v, want %v", got, want)
	}

	// The maps returned are copies.
	s.CountByStatus()[StatusFailed] = 99
	s.CountByTag()["x"] = 99
	if s.Count(StatusFailed) != 2 || s.CountByTag()["x"] != 1 {
		t.Errorf("a returned map is shared with the store")
	}

	// Moving the last job out of a status, batch, tag and type deletes the entries.
	s.Merge([]Job{wire{ID: "3", Status: "FAILED", BatchID: "b1", Tags: []string{"y"}}.job(t)})
	s.Remove("1", "2")
	checkMap(t, "CountByStatus", s.CountByStatus(), map[Status]int{"FAILED": 1, "WEIRD": 1, "": 1})
	checkMap(t, "CountByBatch", s.CountByBatch(), map[string]int{"b1": 1})
	checkMap(t, "CountByTag", s.CountByTag(), map[string]int{"y": 1})
	checkMap(t, "CountByType", s.CountByType(), map[string]int{})
}

func checkMap[K comparable](t *testing.T, name string, got, want map[K]int) {
	t.Helper()
	if !maps.Equal(got, want) {
		t.Errorf("%s = %v, want %v", name, got, want)
	}
}

func TestStoreRemove(t *testing.T) {
	s, _ := newTestStore()
	for _, id := range []string{"a", "b", "c", "d"} {
		s.Merge([]Job{wire{ID: id, Status: "FAILED"}.job(t)})
	}
	v := s.Version()
	s.Remove("missing")
	if s.Version() != v {
		t.Errorf("removing an unknown key bumped Version")
	}
	s.Remove("a", "c", "a")
	if s.Version() != v+1 {
		t.Errorf("Version = %d after a removal, want %d", s.Version(), v+1)
	}
	keys := s.Keys()
	slices.Sort(keys)
	if !slices.Equal(keys, []string{"b", "d"}) || s.Len() != 2 || s.Count(StatusFailed) != 2 {
		t.Errorf("after Remove: keys %v, Len %d, counts %v", keys, s.Len(), s.CountByStatus())
	}
	// The swapped-in job is still found under its own key.
	for _, k := range []string{"b", "d"} {
		if j, ok := s.Get(k); !ok || j.ID != k {
			t.Errorf("Get(%q) = %v, %v", k, j, ok)
		}
	}
	if _, ok := s.Get("a"); ok {
		t.Errorf("removed job still found")
	}
	s.Remove("b", "d")
	if s.Len() != 0 || len(s.CountByStatus()) != 0 || len(s.Keys()) != 0 {
		t.Errorf("store not empty: %d, %v", s.Len(), s.CountByStatus())
	}
}

func TestStoreRetainOnly(t *testing.T) {
	s, _ := newTestStore()
	s.Merge([]Job{
		wire{ID: "a", Status: "FAILED"}.job(t),
		wire{ID: "b", Status: "COMPLETED"}.job(t),
		wire{ID: "c", Status: "FAILED"}.job(t),
		wire{ID: "d", Status: "EXPIRED"}.job(t),
	})
	v := s.Version()
	if removed := s.RetainOnly(map[string]struct{}{"a": {}, "b": {}, "c": {}, "d": {}, "e": {}}); removed != nil {
		t.Errorf("keeping everything removed %v", removed)
	}
	if s.Version() != v {
		t.Errorf("RetainOnly of everything bumped Version")
	}
	removed := s.RetainOnly(map[string]struct{}{"b": {}, "d": {}})
	if !slices.Equal(removed, []string{"a", "c"}) {
		t.Errorf("removed = %v, want [a c]", removed)
	}
	if s.Version() != v+1 {
		t.Errorf("Version not bumped once")
	}
	if got := s.Keys(); !slices.Equal(got, []string{"b", "d"}) {
		t.Errorf("Keys = %v, want [b d] in their order", got)
	}
	checkMap(t, "CountByStatus", s.CountByStatus(), map[Status]int{"COMPLETED": 1, "EXPIRED": 1})
	if j, ok := s.Get("d"); !ok || j.ID != "d" {
		t.Errorf("Get(d) after compaction = %v, %v", j, ok)
	}
	if removed := s.RetainOnly(nil); !slices.Equal(removed, []string{"b", "d"}) || s.Len() != 0 {
		t.Errorf("RetainOnly(nil) removed %v, left %d", removed, s.Len())
	}
}

func TestStoreEach(t *testing.T) {
	s, _ := newTestStore()
	s.Merge([]Job{wire{ID: "a"}.job(t), wire{ID: "b"}.job(t), wire{ID: "c"}.job(t)})
	var seen []string
	s.Each(func(j *Job) bool {
		seen = append(seen, j.ID)
		return len(seen) < 2
	})
	if len(seen) != 2 {
		t.Errorf("Each did not stop when told: %v", seen)
	}
	seen = nil
	s.Each(func(j *Job) bool { seen = append(seen, j.Key()); return true })
	if !slices.Equal(seen, s.Keys()) {
		t.Errorf("Each visited %v, Keys = %v", seen, s.Keys())
	}
}

// Jobs with equal tags share one list, which goes with the last of them.
func TestStoreSharesTagLists(t *testing.T) {
	s := NewStore()
	s.Merge([]Job{
		{ID: "1", Tags: []string{"gold", "qa"}},
		{ID: "2", Tags: []string{"gold", "qa"}},
		{ID: "3", Tags: []string{"gold"}},
		{ID: "4"},
	})
	tagsOf := func(key string) []string {
		j, _ := s.Get(key)
		return j.Tags
	}
	if &tagsOf("1")[0] != &tagsOf("2")[0] {
		t.Error("jobs 1 and 2 hold two copies of the same tags")
	}
	if len(s.tags.sets) != 2 {
		t.Errorf("%d tag lists, want 2", len(s.tags.sets))
	}
	// A new version with the same tags keeps the shared list; one with
	// other tags leaves it.
	s.Merge([]Job{{ID: "1", Status: "FAILED", Tags: []string{"gold", "qa"}}, {ID: "2", Tags: []string{"gold"}}})
	goldQA := s.tags.join([]string{"gold", "qa"})
	if &tagsOf("1")[0] != &s.tags.sets[string(goldQA)].tags[0] || &tagsOf("2")[0] != &tagsOf("3")[0] {
		t.Error("a new version does not share its tags")
	}
	if got := s.tags.sets[string(goldQA)].jobs; got != 1 {
		t.Errorf("gold,qa carried by %d jobs, want 1", got)
	}
	s.Remove("1")
	s.RetainOnly(map[string]struct{}{"4": {}})
	if len(s.tags.sets) != 0 {
		t.Errorf("the store keeps %d tag lists for no job", len(s.tags.sets))
	}
	if got := s.CountByTag(); len(got) != 0 {
		t.Errorf("tag counts %v", got)
	}
}

// Tags may hold any byte: lists that would read the same joined with a
// separator are still told apart, and the counts come back to nothing.
func TestStoreTellsTagListsApart(t *testing.T) {
	s := NewStore()
	s.Merge(decodeJobs(t, []string{
		`{"id": "1", "tags": ["x\u0000y"]}`,
		`{"id": "2", "tags": ["x", "y"]}`,
	}))
	if j, _ := s.Get("2"); !slices.Equal(j.Tags, []string{"x", "y"}) {
		t.Errorf("job 2 has tags %q", j.Tags)
	}
	if got := s.CountMatches(mustQuery(t, "tag:y")); got != 1 {
		t.Errorf("tag:y matches %d jobs, want 1", got)
	}
	s.Merge(decodeJobs(t, []string{`{"id": "1", "tags": ["x", "y"]}`, `{"id": "2", "tags": ["x\u0000y"]}`}))
	s.Remove("1", "2")
	if got := s.CountByTag(); len(got) != 0 || len(s.tags.sets) != 0 {
		t.Errorf("an empty store counts tags %v and keeps %d tag lists", got, len(s.tags.sets))
	}
}

// Reserve makes room without changing what the store holds, and believes
// no hostile total.
func TestReserve(t *testing.T) {
	s := NewStore()
	s.Merge([]Job{{ID: "1", Status: StatusFailed}, {ID: "2", Status: StatusCompleted}})
	version := s.Version()
	s.Reserve(1000)
	if cap(s.entries) < 1000 {
		t.Errorf("room for %d jobs after Reserve(1000)", cap(s.entries))
	}
	if j, ok := s.Get("1"); !ok || j.Status != StatusFailed || s.Len() != 2 || s.Version() != version {
		t.Errorf("Reserve changed the store: job 1 %v %v, %d jobs, version %d (was %d)", j, ok, s.Len(), s.Version(), version)
	}
	s.Merge([]Job{{ID: "3"}})
	if _, ok := s.Get("3"); !ok || s.Len() != 3 {
		t.Error("a job merged after Reserve is not found")
	}
	s.Reserve(1 << 40)
	if cap(s.entries) > maxReserve {
		t.Errorf("Reserve believed a total of 2^40: room for %d jobs", cap(s.entries))
	}
}

// WidestKey is the longest key held, and does not shrink on removal.
func TestWidestKey(t *testing.T) {
	s := NewStore()
	s.Merge([]Job{{ID: "7"}, {UUID: "a9688400-7c61-4ad8-81f9-5d5f361b3dab"}, {ID: "123"}})
	if got := s.WidestKey(); got != 36 {
		t.Errorf("WidestKey = %d, want 36 (the uuid of the job without an id)", got)
	}
	s.Remove("a9688400-7c61-4ad8-81f9-5d5f361b3dab")
	if got := s.WidestKey(); got != 36 {
		t.Errorf("after the removal WidestKey = %d, want it kept at 36", got)
	}
}

// MovingKeys, kept as jobs come, change and go, is what a walk over every
// job finds moving, after every change a sync can make.
func TestMovingKeysAgreeWithAWalk(t *testing.T) {
	sim := newSyncSim(11)
	sim.s.Merge(sim.newJobs(300))
	for step := range 400 {
		sim.step(30, 300)
		var want []string
		sim.s.Each(func(j *Job) bool {
			if !j.Status.Ended() {
				want = append(want, j.Key())
			}
			return true
		})
		slices.Sort(want)
		if got := slices.Sorted(slices.Values(sim.s.MovingKeys())); !slices.Equal(got, want) {
			t.Fatalf("step %d: MovingKeys has %d keys, a walk finds %d moving", step, len(got), len(want))
		}
	}
}

// BatchesVersion moves when a batch comes or goes, not when its jobs do.
func TestBatchesVersion(t *testing.T) {
	s := NewStore()
	s.Merge([]Job{{ID: "1", BatchID: "a"}, {ID: "2", BatchID: "a"}})
	v := s.BatchesVersion()
	s.Merge([]Job{{ID: "3", BatchID: "a"}, {ID: "1", BatchID: "a", Status: StatusFailed}})
	if s.BatchesVersion() != v {
		t.Error("a job added to a batch there is, or changed in it, moved BatchesVersion")
	}
	s.Merge([]Job{{ID: "4", BatchID: "b"}})
	if s.BatchesVersion() == v {
		t.Error("a new batch did not move BatchesVersion")
	}
	v = s.BatchesVersion()
	s.Remove("4")
	if s.BatchesVersion() == v {
		t.Error("the last job of a batch removed did not move BatchesVersion")
	}
	v = s.BatchesVersion()
	s.Merge([]Job{{ID: "3", BatchID: "c"}})
	if s.BatchesVersion() == v {
		t.Error("a job moved to a new batch did not move BatchesVersion")
	}
}
