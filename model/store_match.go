package model

// match sets matched[pos] to whether q matches the job at pos, for every
// position in the store, on every CPU. matched must be as long as the
// store. It builds the search texts q needs first.
func (s *Store) match(q Query, matched []bool) {
	if q.hasText {
		s.buildSearchTexts()
	}
	now := s.clock().UnixNano()
	inParallel(len(s.entries), func(lo, hi int) {
		for pos := lo; pos < hi; pos++ {
			matched[pos] = q.matches(&s.entries[pos], now)
		}
	})
}

// CountMatches is how many stored jobs q matches.
func (s *Store) CountMatches(q Query) int {
	if q.IsEmpty() {
		return len(s.entries)
	}
	matched := make([]bool, len(s.entries))
	s.match(q, matched)
	n := 0
	for _, ok := range matched {
		if ok {
			n++
		}
	}
	return n
}

// buildSearchTexts builds the search texts the store lacks. The first bare
// word typed over a fresh store needs all of them at once, and reading JSON
// is the slow part, so they are built on every CPU; after a sync, only the
// jobs it replaced lack one.
func (s *Store) buildSearchTexts() {
	var missing []int
	for pos := range s.entries {
		if s.entries[pos].text == "" {
			missing = append(missing, pos)
		}
	}
	inParallel(len(missing), func(lo, hi int) {
		var tb textBuilder
		for _, pos := range missing[lo:hi] {
			s.entries[pos].text = tb.text(s.entries[pos].job)
		}
	})
}
