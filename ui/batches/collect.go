package batches

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"time"

	"superdash/model"
	"superdash/ui/common"
)

// window is how far back the throughput looks.
const window = common.PaceWindow

// batch is one row: what the store holds about one batch.
type batch struct {
	id, label string             // label is how the id is shown: see shortIDs
	statuses  common.StatusTally // in display order
	// progress splits its jobs by outcome, for the stacked bar, and
	// judges whether the batch stalled.
	progress model.BatchProgress
	// recent holds, ascending, the completion times of its ended jobs
	// that fell in the window when the rows were computed. Counting those
	// still inside at draw time makes the rate fall while nothing ends,
	// which is exactly when the store, and so the rows, stop changing.
	recent []time.Time
}

func (b *batch) total() int { return b.progress.Total() }

// moving is how many of its jobs have not ended yet.
func (b *batch) moving() int { return b.progress.Moving() }

func (b *batch) ended() int { return b.total() - b.moving() }

func (b *batch) failed() int { return b.progress.Counts[model.OutcomeFailed] }

// first is the earliest creation among its jobs; zero if none says.
func (b *batch) first() time.Time { return b.progress.First }

// endedSince counts the jobs that ended in the window before now.
func (b *batch) endedSince(now time.Time) int {
	since := now.Add(-window)
	return len(b.recent) - sort.Search(len(b.recent), func(i int) bool { return b.recent[i].After(since) })
}

// collect builds a row per batch in one pass over the store. Jobs without
// a batch are left out: the filter cannot select them (`batch:` needs an
// id), and the store's own batch counts skip them too.
func collect(store *model.Store, now time.Time) []*batch {
	byID := make(map[string]*batch)
	since := now.Add(-window)
	store.Each(func(j *model.Job) bool {
		if j.BatchID == "" {
			return true
		}
		b := byID[j.BatchID]
		if b == nil {
			b = &batch{id: j.BatchID, progress: model.BatchProgress{ID: j.BatchID}}
			byID[j.BatchID] = b
		}
		b.statuses.Add(j.Status)
		b.progress.Add(j)
		// A moving job can still carry the completion time of an earlier
		// run (a restart), so only ended jobs count towards throughput.
		if j.Completed.After(since) && j.Status.Ended() {
			b.recent = append(b.recent, j.Completed)
		}
		return true
	})
	rows := make([]*batch, 0, len(byID))
	ids := make([]string, 0, len(byID))
	for _, b := range byID {
		b.statuses.Sort()
		slices.SortFunc(b.recent, time.Time.Compare)
		rows = append(rows, b)
		ids = append(ids, b.id)
	}
	for i, label := range common.ShortIDs(ids) {
		rows[i].label = label
	}
	return rows
}

// The orders the sort key cycles through, in the order of orderNames.
const (
	byNewest = iota
	byMoving
	byFailed
	byID
)

var orderNames = []string{"newest", "most moving", "most failed", "id"}

// sortBatches sorts rows in one of the orders above. Ties fall back on
// newest first, then on the id, so the order is total and rows never swap
// places between two refreshes of the same data.
func sortBatches(rows []*batch, order int) {
	slices.SortFunc(rows, func(a, b *batch) int {
		switch order {
		case byMoving:
			return cmp.Or(cmp.Compare(b.moving(), a.moving()), newer(a, b), strings.Compare(a.id, b.id))
		case byFailed:
			return cmp.Or(cmp.Compare(b.failed(), a.failed()), newer(a, b), strings.Compare(a.id, b.id))
		case byID:
			return strings.Compare(a.id, b.id)
		}
		return cmp.Or(newer(a, b), strings.Compare(a.id, b.id))
	})
}

// newer orders the batch created last first, and batches whose creation
// is unknown last.
func newer(a, b *batch) int {
	af, bf := a.first(), b.first()
	if af.IsZero() != bf.IsZero() {
		if af.IsZero() {
			return 1
		}
		return -1
	}
	return bf.Compare(af)
}
