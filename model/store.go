package model

import (
	"bytes"
	"maps"
	"slices"
	"time"
)

// Store holds the jobs the dashboard knows, keyed by Job.Key, so that the
// cursor, marks and open detail stay on the same job across refreshes.
//
// The counts (by status, batch, tag, type) are adjusted on every merge and
// removal rather than recomputed: the header shows them on every frame, and a
// scan of 100,000 jobs per frame would make the UI stutter.
//
// Create one with NewStore; the zero value is not ready for use. A Store
// is not safe for concurrent use. The UI goroutine owns it: syncs run
// elsewhere and hand their results over as a Delta, which Update applies.
type Store struct {
	// entries holds the jobs in a slice so that filtering walks contiguous
	// memory; index maps a key to its position. Removal swaps the last
	// entry into the hole, so order is insertion order only until then.
	entries []entry
	index   map[string]int

	byStatus map[Status]int
	byBatch  map[string]int
	byTag    map[string]int
	byType   map[string]int
	byMinute map[int64]endings   // jobs completed and failed per minute: see Throughput
	moving   map[string]struct{} // keys of the jobs whose status has not ended: see MovingKeys
	tags     tagSets
	tallies  []*Tally
	texts    textBuilder // builds the search texts tallies need, a job at a time
	// textBytes counts the bytes of a sample of the search texts, taken
	// when the store held sampledLen jobs, for Store.anchored.
	textBytes  byteCounts
	sampledLen int

	version uint64
	clock   func() time.Time

	// batchesVersion counts the changes to the set of batches.
	batchesVersion uint64

	// widestKey is the length in bytes of the longest key stored since
	// the store was made (a removal does not shorten it): see WidestKey.
	widestKey int

	// paging is set while a paging pass is under way: the last delta
	// applied was one of its pages, and not its last (see View.Jobs).
	// removals counts the Remove and RetainOnly calls that dropped jobs.
	paging   bool
	removals uint64
}

// entry is one stored job. The job is held by pointer and replaced, never
// modified, when a newer version arrives: a *Job handed out by Get or Each
// therefore stays a consistent snapshot however long the caller keeps it.
type entry struct {
	job *Job
	// entered is when the store first saw the job in its current status,
	// in Unix nanoseconds: 8 bytes, where a time.Time takes 24.
	entered int64
	// changed is when the store saw the job move from one status to
	// another, last, in Unix nanoseconds: 0 while the job has only been
	// seen in the status it was first seen in (entered then says when it
	// was first seen, which is no change).
	changed int64

	// text is the job's search text, "" until a bare word first needs
	// it, and again once the job is replaced (see buildSearchTexts).
	text string
	// fields is the contentMask of the job's id, uuid, batch id and tags,
	// set with text (see matchesText).
	fields contentMask
}

// MergeResult says what a Merge or Apply did to the store.
type MergeResult struct {
	Added    []string // keys of jobs the store did not have
	Changed  []Change // jobs that were replaced by a different version
	Removed  []string // keys dropped because a full pass no longer listed them (Apply only)
	Rejected int      // jobs with neither id nor uuid, which cannot be kept
}

// Change is one job replaced by a different version. From == To when the
// job changed in some other field (tags, completed, correct...).
type Change struct {
	Key      string
	From, To Status
}

// StatusCount is one status and how many stored jobs have it.
type StatusCount struct {
	Status Status
	Count  int
}

// NewStore returns an empty store whose clock is time.Now.
func NewStore() *Store {
	return &Store{
		index:    make(map[string]int),
		byStatus: make(map[Status]int),
		byBatch:  make(map[string]int),
		byTag:    make(map[string]int),
		byType:   make(map[string]int),
		byMinute: make(map[int64]endings),
		moving:   make(map[string]struct{}),
		clock:    time.Now,
	}
}

// Reserve makes room for n jobs in all, so that a load whose size the
// API announced (a page's total) fills the store without growing it page
// after page: each growth copies every entry and rehashes every key. A
// store already that big, or a hostile total beyond maxReserve, is left
// as it is.
func (s *Store) Reserve(n int) {
	n = min(n, maxReserve)
	if n <= cap(s.entries) {
		return
	}
	s.entries = slices.Grow(s.entries, n-len(s.entries))
	index := make(map[string]int, n)
	maps.Copy(index, s.index)
	s.index = index
}

// maxReserve bounds what Reserve believes of a total, 262,144 jobs (31 MB
// of entries and index, measured): a total that is wrong or hostile costs
// no more, and a bigger load grows past it as any load did before.
const maxReserve = 1 << 18

// SetClock replaces the clock used to stamp EnteredStatus, so tests and
// golden files do not depend on the wall clock. nil restores time.Now.
func (s *Store) SetClock(clock func() time.Time) {
	if clock == nil {
		clock = time.Now
	}
	s.clock = clock
}

// Merge inserts jobs the store does not have and replaces those it has by
// key. Jobs are taken in order, so a key listed twice is merged twice. A job
// identical to the stored one (same raw JSON) costs a lookup and a
// comparison, and is not reported. Merge keeps the jobs' slices (Raw, Tags): the caller
// must not modify them afterwards. A stored job's Tags may be an equal list
// shared with other jobs.
//
// A job new to the store keeps its Raw as given: on a load, a slice of the
// page it came in, which all the page's jobs share, so the page itself
// becomes the store's memory. A job that replaces a stored one gets a copy
// of its own: of a page re-read by a poll, only a few jobs are usually
// kept, and they must not hold the whole page.
func (s *Store) Merge(jobs []Job) MergeResult {
	var res MergeResult
	if len(jobs) == 0 {
		return res
	}
	now := s.clock().UnixNano()
	for i := range jobs {
		incoming := &jobs[i]
		key := incoming.Key()
		if key == "" {
			res.Rejected++
			continue
		}
		pos, ok := s.index[key]
		if !ok {
			j := *incoming
			j.Tags = s.tags.share(j.Tags)
			s.index[key] = len(s.entries)
			s.widestKey = max(s.widestKey, len(key))
			s.entries = append(s.entries, entry{job: &j, entered: now})
			s.count(&j, +1)
			s.retally(nil, &s.entries[len(s.entries)-1], now)
			res.Added = append(res.Added, key)
			continue
		}
		e := &s.entries[pos]
		if sameJob(e.job, incoming) {
			continue
		}
		j := *incoming
		j.Raw = bytes.Clone(j.Raw) // input and metadata are offsets into Raw: still right
		s.recount(e.job, &j)
		res.Changed = append(res.Changed, Change{Key: key, From: e.job.Status, To: j.Status})
		old := *e
		if j.Status != e.job.Status {
			e.entered, e.changed = now, now
		}
		e.job, e.text = &j, ""
		s.retally(&old, e, now)
	}
	if len(res.Added) > 0 || len(res.Changed) > 0 {
		s.version++
	}
	return res
}

// Remove drops the jobs with the given keys; unknown keys are ignored.
func (s *Store) Remove(keys ...string) {
	removed := false
	now := s.clock().UnixNano()
	for _, key := range keys {
		pos, ok := s.index[key]
		if !ok {
			continue
		}
		s.forget(&s.entries[pos], now)
		last := len(s.entries) - 1
		if pos != last {
			s.entries[pos] = s.entries[last]
			s.index[s.entries[pos].job.Key()] = pos
		}
		s.entries[last] = entry{} // let the collector have the job
		s.entries = s.entries[:last]
		delete(s.index, key)
		removed = true
	}
	if removed {
		s.version++
		s.removals++
	}
}

// RetainOnly drops every job whose key is not in keep and returns the keys
// it dropped. A full sync pass uses it to forget jobs the server no longer
// has. The survivors keep their relative order.
func (s *Store) RetainOnly(keep map[string]struct{}) []string {
	var removed []string
	now := s.clock().UnixNano()
	kept := s.entries[:0]
	for _, e := range s.entries {
		key := e.job.Key()
		if _, ok := keep[key]; !ok {
			removed = append(removed, key)
			s.forget(&e, now)
			delete(s.index, key)
			continue
		}
		// Until a job is dropped every position stays where it was: a
		// full pass that drops nothing, the common case, rewrites no index.
		if len(removed) > 0 {
			s.index[key] = len(kept)
		}
		kept = append(kept, e)
	}
	clear(s.entries[len(kept):]) // let the collector have the dropped jobs
	s.entries = kept
	if len(removed) > 0 {
		s.version++
		s.removals++
	}
	return removed
}

// Get returns the job stored under key. The pointer is shared with the
// store: callers must not modify the job (that would corrupt the counts).
// It stays a consistent snapshot after later merges, which replace jobs
// instead of changing them.
func (s *Store) Get(key string) (*Job, bool) {
	pos, ok := s.index[key]
	if !ok {
		return nil, false
	}
	return s.entries[pos].job, true
}

// EnteredStatus is when the store first saw the job in its current status
// (for a job already moving when first fetched, that is when it was
// fetched). It is the zero time for an unknown key.
func (s *Store) EnteredStatus(key string) time.Time {
	pos, ok := s.index[key]
	if !ok {
		return time.Time{}
	}
	return time.Unix(0, s.entries[pos].entered).UTC()
}

// StatusChangedAt is when the store last saw the job with key move from
// one status to another: the zero time for an unknown key and for a job
// only ever seen in one status (a job first seen, or loaded, did not
// change).
func (s *Store) StatusChangedAt(key string) time.Time {
	pos, ok := s.index[key]
	if !ok || s.entries[pos].changed == 0 {
		return time.Time{}
	}
	return time.Unix(0, s.entries[pos].changed).UTC()
}

// countMoving adds j to the moving jobs (delta +1) or takes it out (-1)
// when its status has not ended.
func (s *Store) countMoving(j *Job, delta int) {
	if j.Status.Ended() {
		return
	}
	if delta > 0 {
		s.moving[j.Key()] = struct{}{}
	} else {
		delete(s.moving, j.Key())
	}
}

// MovingKeys lists the keys of the jobs whose status has not ended (an
// unknown status counts as moving), in no particular order: what a poll
// asks the API about again. The store keeps them as jobs change, so
// listing them costs what they are, not a pass over every job, nor a sort
// of 100,000 keys when a fresh batch has that many queued.
func (s *Store) MovingKeys() []string { return slices.Collect(maps.Keys(s.moving)) }

// WidestKey is the length in bytes of the longest key the store has
// held: what the table's ID column needs, known without a pass over the
// jobs. It does not shrink when that job is removed.
func (s *Store) WidestKey() int { return s.widestKey }

// Len is the number of stored jobs.
func (s *Store) Len() int { return len(s.entries) }

// Version changes whenever the stored jobs change, and only then, so the UI
// can cache a filtered, sorted list until it moves.
func (s *Store) Version() uint64 { return s.version }

// Each calls fn for every stored job until fn returns false. The order is
// unspecified. fn must neither modify the job (see Get) nor the store.
func (s *Store) Each(fn func(*Job) bool) {
	for _, e := range s.entries {
		if !fn(e.job) {
			return
		}
	}
}

// Keys returns the keys of every stored job, in the order Each visits them.
func (s *Store) Keys() []string {
	keys := make([]string, len(s.entries))
	for i, e := range s.entries {
		keys[i] = e.job.Key()
	}
	return keys
}

// Count is the number of stored jobs with exactly this status.
func (s *Store) Count(status Status) int { return s.byStatus[status] }

// CountByStatus returns how many jobs have each status. Every job counts,
// including one with an empty status, so the counts add up to Len.
func (s *Store) CountByStatus() map[Status]int { return maps.Clone(s.byStatus) }

// CountByBatch returns how many jobs each batch holds. Jobs without a
// batch id are not counted.
func (s *Store) CountByBatch() map[string]int { return maps.Clone(s.byBatch) }

// CountByTag returns how many jobs carry each tag; a job listing a tag twice
// counts once. The empty tag is not counted.
func (s *Store) CountByTag() map[string]int { return maps.Clone(s.byTag) }

// CountByType returns how many jobs have each job type. Jobs without a type
// are not counted.
func (s *Store) CountByType() map[string]int { return maps.Clone(s.byType) }

// StatusCounts returns the non-zero status counts in display order (see
// Status.Less).
func (s *Store) StatusCounts() []StatusCount {
	out := make([]StatusCount, 0, len(s.byStatus))
	for st, n := range s.byStatus {
		out = append(out, StatusCount{Status: st, Count: n})
	}
	SortStatusCounts(out)
	return out
}

// SortStatusCounts puts counts in display order (see Status.Less).
func SortStatusCounts(counts []StatusCount) {
	slices.SortFunc(counts, func(a, b StatusCount) int { return compareStatus(a.Status, b.Status) })
}

// count adds delta (+1 or -1) to every count j contributes to.
func (s *Store) count(j *Job, delta int) {
	adjust(s.byStatus, j.Status, delta)
	s.countMoving(j, delta)
	s.adjustBatch(j.BatchID, delta)
	adjustNamed(s.byType, j.JobType, delta)
	countTags(s.byTag, j.Tags, delta)
	s.countEnding(j, int32(delta))
}

// countTags adds delta to the count of each distinct non-empty tag.
func countTags(m map[string]int, tags []string, delta int) {
	for tag := range DistinctTags(tags) {
		adjustNamed(m, tag, delta)
	}
}

// recount moves the counts of a job replaced by a newer version, and
// shares its tags. Only the dimensions that differ are touched: a typical update changes the status
// alone, and two map writes instead of ten are most of a merge's cost.
func (s *Store) recount(old, cur *Job) {
	if old.Status != cur.Status {
		adjust(s.byStatus, old.Status, -1)
		adjust(s.byStatus, cur.Status, +1)
		s.countMoving(old, -1)
		s.countMoving(cur, +1)
	}
	s.recountEnding(old, cur)
	if old.BatchID != cur.BatchID {
		s.adjustBatch(old.BatchID, -1)
		s.adjustBatch(cur.BatchID, +1)
	}
	if old.JobType != cur.JobType {
		adjustNamed(s.byType, old.JobType, -1)
		adjustNamed(s.byType, cur.JobType, +1)
	}
	if slices.Equal(old.Tags, cur.Tags) {
		cur.Tags = old.Tags // shared already
	} else {
		countTags(s.byTag, old.Tags, -1)
		countTags(s.byTag, cur.Tags, +1)
		s.tags.release(old.Tags)
		cur.Tags = s.tags.share(cur.Tags)
	}
}

// forget takes the job of an entry the store drops out of its counts, tag
// sets and tallies; now is the store's clock in Unix nanoseconds.
func (s *Store) forget(e *entry, now int64) {
	s.count(e.job, -1)
	s.tags.release(e.job.Tags)
	s.retally(e, nil, now)
}

// adjust adds delta to m[k], deleting the entry when it reaches zero so the
// maps only ever list what is present.
func adjust[K comparable](m map[K]int, k K, delta int) {
	n := m[k] + delta
	if n == 0 {
		delete(m, k)
		return
	}
	m[k] = n
}

// adjustBatch counts a job in or out of its batch, and notes when a
// batch appears or goes (see BatchesVersion).
func (s *Store) adjustBatch(batch string, delta int) {
	had := s.byBatch[batch] > 0
	adjustNamed(s.byBatch, batch, delta)
	if had != (s.byBatch[batch] > 0) {
		s.batchesVersion++
	}
}

// BatchesVersion changes when a batch appears in the store or leaves it,
// and only then: what is worked out from the set of batches (their
// shortest unique prefixes) need not be again while it holds.
func (s *Store) BatchesVersion() uint64 { return s.batchesVersion }

// adjustNamed is adjust for batches, types and tags, where an empty name
// means "none" and is not counted.
func adjustNamed(m map[string]int, name string, delta int) {
	if name != "" {
		adjust(m, name, delta)
	}
}

// sameJob reports whether b is the version of a the store already holds.
// Decoded jobs are compared by their raw JSON, which covers every field;
// jobs built in code (tests, the simulator) have no Raw and are compared
// field by field instead, so a change to them is never mistaken for none.
func sameJob(a, b *Job) bool {
	if len(a.Raw) > 0 || len(b.Raw) > 0 {
		return bytes.Equal(a.Raw, b.Raw)
	}
	return a.ID == b.ID && a.UUID == b.UUID && a.AppID == b.AppID &&
		a.BatchID == b.BatchID && a.Status == b.Status && a.JobType == b.JobType &&
		a.CallbackURL == b.CallbackURL &&
		a.Created.Equal(b.Created) && a.Completed.Equal(b.Completed) &&
		slices.Equal(a.Tags, b.Tags) && equalBoolPtr(a.Correct, b.Correct) &&
		slices.Equal(a.Problems, b.Problems)
}

func equalBoolPtr(a, b *bool) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
