package model

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// SortKey is the column the job list is sorted by.
type SortKey int

// The sort keys, in the order Next cycles through them.
const (
	SortByCreated      SortKey = iota // oldest first
	SortByCompleted                   // earliest first; jobs not completed last
	SortByStatus                      // display order (Status.Less)
	SortByID                          // numeric ids by value, then the rest lexically
	SortByBatch                       // like ids; jobs without a batch last
	SortByTimeInStatus                // shortest first: most recently changed on top
	sortKeys                          // how many there are
)

var sortKeyNames = [sortKeys]string{"created", "completed", "status", "id", "batch", "time in status"}

// String is the key's name as the UI shows it.
func (k SortKey) String() string {
	if k < 0 || k >= sortKeys {
		return "SortKey(" + strconv.Itoa(int(k)) + ")"
	}
	return sortKeyNames[k]
}

// Next is the key after k, wrapping round after the last.
func (k SortKey) Next() SortKey { return (k + 1) % sortKeys }

// Sort is how the job list is ordered. The zero value is by creation time,
// oldest first.
//
// The order is total: jobs equal on the key are ordered by id, and every
// job has its own. The same jobs therefore always come out in the same
// order, whatever order the store holds them in, which is what keeps rows
// from jumping between refreshes. Desc reverses the order of the jobs that
// have a value for the key; those without one (a job not completed, or
// without a batch) stay last either way, ordered by id.
type Sort struct {
	Key  SortKey
	Desc bool
}

// Select returns the jobs q matches, in order srt. It costs one pass over
// the store plus a sort of the matches: for a list that is re-read on
// every frame, use a View, which caches.
func (s *Store) Select(q Query, srt Sort) []*Job {
	matched := make([]bool, len(s.entries))
	s.match(q, matched)
	recs := s.sortRecs(srt, s.valueRanks(srt.Key), matched)
	jobs := make([]*Job, len(recs))
	for i, r := range recs {
		jobs[i] = s.entries[r.pos].job
	}
	return jobs
}

// sortRec is a job's place in the store with its sort key worked out once,
// as two integers: sorting then compares integers only, and moves 24 bytes
// without pointers (no write barriers, nothing for the collector to scan).
type sortRec struct {
	// hi and lo are the key and the idOrder of the job's key, read as
	// unsigned numbers and with every bit flipped for a descending sort,
	// so that records always sort by (hi, lo) ascending.
	hi, lo  uint64
	pos     int32 // the job's position in Store.entries
	missing bool  // the job has no value for the key: it sorts last
	// status is the job's statusCode, so that the View counts its
	// result by status without reading the jobs.
	status uint8

	// matched is the View's: whether its query matches the job (see
	// View.matchQuery). It costs nothing: the record has room to spare.
	matched bool
}

// sortRecs returns the records of the jobs at the positions keep marks, or
// of every job when keep is nil, in order srt. ranks are the key's
// valueRanks.
func (s *Store) sortRecs(srt Sort, ranks map[string]int64, keep []bool) []sortRec {
	recs := make([]sortRec, len(s.entries))
	inParallel(len(recs), func(lo, hi int) {
		for pos := lo; pos < hi; pos++ {
			if keep == nil || keep[pos] {
				recs[pos] = s.record(pos, srt, ranks)
			} else {
				recs[pos].pos = -1
			}
		}
	})
	if keep != nil {
		recs = slices.DeleteFunc(recs, func(r sortRec) bool { return r.pos < 0 })
	}
	s.orderRecs(recs, srt.Desc)
	return recs
}

// orderRecs sorts records made by record, for a sort of direction desc:
// the order compareRecs defines.
func (s *Store) orderRecs(recs []sortRec, desc bool) {
	// The jobs without a value go last, in ascending order whatever the
	// direction: set them apart first, so the comparisons need not ask.
	present := partition(recs, func(r *sortRec) bool { return !r.missing })
	radixSort(recs[:present], s.tieBreak(desc))
	radixSort(recs[present:], s.tieBreak(false))
}

// compareRecs is the order orderRecs sorts in, one comparison at a time:
// what places a few re-sorted jobs among the others (see View.update).
// Both records must be made with the same ranks, and for the same sort.
func (s *Store) compareRecs(a, b sortRec, desc bool) int {
	if a.missing != b.missing {
		if a.missing {
			return 1
		}
		return -1
	}
	if a.hi != b.hi {
		return cmp.Compare(a.hi, b.hi)
	}
	if a.lo != b.lo {
		return cmp.Compare(a.lo, b.lo)
	}
	return s.tieBreak(desc && !a.missing)(a, b)
}

// record is the sort record of the job at pos. ranks are the key's
// valueRanks.
func (s *Store) record(pos int, srt Sort, ranks map[string]int64) sortRec {
	e := s.entries[pos]
	j := e.job
	var k int64
	missing := false
	switch srt.Key {
	case SortByCreated:
		k, missing = timeKey(j.Created)
	case SortByCompleted:
		k, missing = timeKey(j.Completed)
	case SortByStatus:
		k = ranks[string(j.Status)]
	case SortByBatch:
		k, missing = ranks[j.BatchID], j.BatchID == ""
	case SortByTimeInStatus:
		k = -e.entered // entered later: less time in status
	}
	r := sortRec{hi: uint64(k) ^ 1<<63, lo: idOrder(j.Key()), pos: int32(pos), missing: missing, status: statusCode(j.Status)}
	if srt.Desc && !missing { // those without a value stay in ascending order
		r.hi, r.lo = ^r.hi, ^r.lo
	}
	return r
}

// reranked is r, a record made with ranks since renumbered, keyed with
// the new number of its value: to[rank] is the new rank of the value that
// had rank. desc is the sort's direction, as for record.
func (r sortRec) reranked(to []int64, desc bool) sortRec {
	if r.missing {
		return r // no value: its key is 0 whatever the ranks
	}
	hi := r.hi
	if desc {
		hi = ^hi
	}
	r.hi = uint64(to[int64(hi^1<<63)]) ^ 1<<63
	if desc {
		r.hi = ^r.hi
	}
	return r
}

// partition moves the records ok accepts to the front and returns how many
// there are. The order within each part is lost: both get sorted.
func partition(recs []sortRec, ok func(*sortRec) bool) int {
	n := 0
	for i := range recs {
		if ok(&recs[i]) {
			recs[n], recs[i] = recs[i], recs[n]
			n++
		}
	}
	return n
}

// tieBreak orders records with the same (hi, lo), which idOrder could not
// tell apart, by their job keys.
func (s *Store) tieBreak(desc bool) func(a, b sortRec) int {
	return func(a, b sortRec) int {
		c := compareKeys(s.entries[a.pos].job.Key(), s.entries[b.pos].job.Key())
		if desc {
			return -c
		}
		return c
	}
}

// valueRanks numbers the distinct statuses or batches in sort order, so
// that comparing two jobs' values is comparing two integers. The store's
// counts already list the distinct values; there are few of them.
func (s *Store) valueRanks(key SortKey) map[string]int64 {
	var values []string
	var compare func(a, b string) int
	switch key {
	case SortByStatus:
		for st := range s.byStatus {
			values = append(values, string(st))
		}
		compare = func(a, b string) int { return compareStatus(Status(a), Status(b)) }
	case SortByBatch:
		for b := range s.byBatch {
			values = append(values, b)
		}
		compare = compareKeys
	default:
		return nil
	}
	slices.SortFunc(values, compare)
	ranks := make(map[string]int64, len(values))
	for i, v := range values {
		ranks[v] = int64(i)
	}
	return ranks
}

// timeKey is t in nanoseconds since 1970, and whether t is unset. Times
// beyond what that spans (before 1678 or after 2262) are clamped: no real
// job date is.
func timeKey(t time.Time) (int64, bool) {
	if t.IsZero() {
		return 0, true
	}
	const limit = math.MaxInt64 / int64(time.Second)
	switch sec := t.Unix(); {
	case sec <= -limit:
		return -math.MaxInt64, false // not MinInt64, which has no negation
	case sec >= limit:
		return math.MaxInt64, false
	}
	return t.UnixNano(), false
}

// compareStatus orders statuses as Status.Less does.
func compareStatus(a, b Status) int {
	if c := a.Rank() - b.Rank(); c != 0 {
		return c
	}
	return strings.Compare(string(a), string(b))
}

// compareKeys orders ids: those made of digits only by value ("9" before
// "10") and before every other id, which come in byte order. Putting the
// numbers first keeps the order transitive, which comparing by value only
// when both are numbers would not: "9" < "10" by value, but "10" < "1a"
// and "1a" < "9" by bytes. Two spellings of a number ("007", "7") compare
// in byte order.
func compareKeys(a, b string) int {
	na, nb := isNumber(a), isNumber(b)
	if na != nb {
		if na {
			return -1
		}
		return 1
	}
	if na {
		da, db := strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
		if c := cmp.Compare(len(da), len(db)); c != 0 {
			return c
		}
		if c := strings.Compare(da, db); c != 0 {
			return c
		}
	}
	return strings.Compare(a, b)
}

func isNumber(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// idOrder maps an id to an integer that orders ids as compareKeys does, as
// far as an integer can: numbers below 10^18 by value, larger ones after
// them, every other id last. Ids that get the same integer (two of
// the last kinds, or two spellings of one number) go to compareKeys, so
// sorting numeric ids, the usual kind, never compares strings.
func idOrder(id string) uint64 {
	const longNumber, notNumber = math.MaxUint64 - 1, math.MaxUint64
	if id == "" {
		return notNumber
	}
	var n uint64
	long := false
	for i := 0; i < len(id); i++ {
		c := id[i]
		if c < '0' || c > '9' {
			return notNumber
		}
		if n >= 1e17 { // one more digit could overflow
			long = true
		}
		n = n*10 + uint64(c-'0')
	}
	if long {
		return longNumber
	}
	return n
}
