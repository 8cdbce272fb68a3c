package model

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
)

// radixSort must give what a comparison sort gives, on both sides of
// radixMin, with ties on every level: equal keys, equal idOrders ("7" and
// "07", every id that is not a number) and equal job keys never (they are
// unique in a store).
func TestRadixSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	his := []uint64{0, 1, 1 << 20, 0xdead_beef_0000_0001, 1<<63 | 7}
	for _, n := range []int{0, 1, 10, radixMin - 1, radixMin, 5000} {
		jobs := make([]Job, n)
		for i, p := range rng.Perm(n) {
			key := strconv.Itoa(p / 3)
			switch p % 3 {
			case 1:
				key = "0" + key
			case 2:
				key = "x" + key
			}
			jobs[i] = Job{ID: key}
		}
		s := NewStore()
		s.Merge(jobs)
		recs := make([]sortRec, n)
		for pos := range recs {
			recs[pos] = sortRec{
				hi:  his[rng.IntN(len(his))],
				lo:  idOrder(s.entries[pos].job.Key()),
				pos: int32(pos),
			}
		}
		for _, desc := range []bool{false, true} {
			tie := s.tieBreak(desc)
			want := slices.Clone(recs)
			slices.SortFunc(want, func(a, b sortRec) int {
				return cmp.Or(cmp.Compare(a.hi, b.hi), cmp.Compare(a.lo, b.lo), tie(a, b))
			})
			got := slices.Clone(recs)
			radixSort(got, tie)
			if !slices.Equal(got, want) {
				t.Errorf("n %d, desc %v: radixSort differs from slices.SortFunc", n, desc)
			}
		}
	}
}
