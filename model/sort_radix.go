package model

import (
	"cmp"
	"slices"
)

// radixMin is the shortest list worth a radix sort: below it the counting
// tables outweigh the list, and slices.SortFunc wins.
const radixMin = 1 << 10

// radixSort sorts recs by (hi, lo), then the records equal on both by tie.
//
// It is an LSD radix sort over the 16 bytes of (hi, lo): re-sorting
// 100,000 jobs takes a handful of linear passes instead of the 1.7 million
// calls to a comparison function of slices.SortFunc, which is several times
// slower. A byte on which every record agrees (the high bytes of nearby
// dates, of ids of one length, of a status rank) costs no pass at all.
func radixSort(recs []sortRec, tie func(a, b sortRec) int) {
	if len(recs) < radixMin {
		slices.SortFunc(recs, func(a, b sortRec) int {
			if a.hi != b.hi {
				return cmp.Compare(a.hi, b.hi)
			}
			if a.lo != b.lo {
				return cmp.Compare(a.lo, b.lo)
			}
			return tie(a, b)
		})
		return
	}
	var counts [16][256]int
	for i := range recs {
		hi, lo := recs[i].hi, recs[i].lo
		for d := range 8 {
			counts[d][byte(lo>>(8*d))]++
			counts[8+d][byte(hi>>(8*d))]++
		}
	}
	src, dst := recs, make([]sortRec, len(recs))
	for d := range counts {
		if counts[d][radixDigit(&src[0], d)] == len(src) {
			continue // every record has this byte: nothing to reorder
		}
		var next [256]int // where the next record with each byte value goes
		sum := 0
		for b, c := range counts[d] {
			next[b] = sum
			sum += c
		}
		for i := range src {
			b := radixDigit(&src[i], d)
			dst[next[b]] = src[i]
			next[b]++
		}
		src, dst = dst, src
	}
	if &src[0] != &recs[0] { // an odd number of passes ran
		copy(recs, src)
	}
	for i := 0; i < len(recs); {
		j := i + 1
		for j < len(recs) && recs[j].hi == recs[i].hi && recs[j].lo == recs[i].lo {
			j++
		}
		if j-i > 1 {
			slices.SortFunc(recs[i:j], tie)
		}
		i = j
	}
}

// radixDigit is byte d of r's sort key, least significant first.
func radixDigit(r *sortRec, d int) byte {
	if d < 8 {
		return byte(r.lo >> (8 * d))
	}
	return byte(r.hi >> (8 * (d - 8)))
}
