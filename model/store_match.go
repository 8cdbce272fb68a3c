package model

import (
	"context"
	"slices"
)

// match sets matched[pos] to whether q matches the job at pos, for every
// position in the store, on every CPU. matched must be as long as the
// store. It builds the search texts q needs first.
func (s *Store) match(q Query, matched []bool) {
	if q.hasText {
		s.buildSearchTexts()
		q = s.anchored(q)
	}
	now := s.clock().UnixNano()
	inParallel(len(s.entries), func(lo, hi int) {
		for pos := lo; pos < hi; pos++ {
			matched[pos] = q.matches(&s.entries[pos], now)
		}
	})
}

// textSample is how many search texts Store.anchored counts the bytes of.
const textSample = 512

// anchored is q with each word's anchor (see containsAnchored) at its
// byte that is rarest in the store's search texts, which must be built.
// The bytes are counted in a sample of the texts, again whenever the
// store has grown or shrunk by half since.
func (s *Store) anchored(q Query) Query {
	if n := len(s.entries); s.sampledLen == 0 || n > s.sampledLen*3/2 || n < s.sampledLen/2 {
		s.textBytes, s.sampledLen = byteCounts{}, max(n, 1)
		step := max(n/textSample, 1)
		for pos := 0; pos < n; pos += step {
			text := s.entries[pos].text
			for i := 0; i < len(text); i++ {
				s.textBytes[text[i]]++
			}
		}
	}
	terms := slices.Clone(q.terms)
	for i := range terms {
		if t := &terms[i]; t.Field == FieldText {
			t.anchor = anchorIn(t.texts[0], &s.textBytes)
		}
	}
	q.terms = terms
	return q
}

// matchesAt reports whether q matches the job at pos at the store's time
// now (Unix nanoseconds). The search text it needs must be built (see
// buildSearchTexts).
func (s *Store) matchesAt(q Query, pos int, now int64) bool {
	return q.matches(&s.entries[pos], now)
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
			e := &s.entries[pos]
			e.text, e.fields = tb.text(e.job), fieldMask(e.job)
		}
	})
}

// SearchTexts is search texts built away from the goroutine that owns a
// store: after a load, so that the first bare word typed finds them built
// (building 100,000 of them takes a few hundred milliseconds, too long for
// a keystroke). Take it with Store.PendingSearchTexts, Build it on another
// goroutine, and hand it back to Store.AdoptSearchTexts on the owner's.
type SearchTexts struct {
	jobs   []*Job
	texts  []string
	fields []contentMask // see entry.fields
}

// pendingTextsWorthBuilding is the fewest jobs without a search text worth
// a build in the background: after a poll only the jobs it replaced lack
// one, and a bare word builds so few in a millisecond or two.
const pendingTextsWorthBuilding = 1000

// PendingSearchTexts is the jobs whose search text is not built, to build
// in the background; ok is false when they are too few to be worth it.
func (s *Store) PendingSearchTexts() (t SearchTexts, ok bool) {
	for pos := range s.entries {
		if s.entries[pos].text == "" {
			t.jobs = append(t.jobs, s.entries[pos].job)
		}
	}
	return t, len(t.jobs) >= pendingTextsWorthBuilding
}

// Len is how many jobs t holds texts for, or will once built.
func (t SearchTexts) Len() int { return len(t.jobs) }

// Build builds the texts on the calling goroutine, which may be any: jobs
// are never modified once stored. It stops early, returning ctx's error,
// once ctx is done.
func (t *SearchTexts) Build(ctx context.Context) error {
	t.texts = make([]string, 0, len(t.jobs))
	t.fields = make([]contentMask, 0, len(t.jobs))
	var tb textBuilder
	for i, j := range t.jobs {
		if i%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		t.texts = append(t.texts, tb.text(j))
		t.fields = append(t.fields, fieldMask(j))
	}
	return nil
}

// AdoptSearchTexts keeps the texts built for jobs the store still holds
// in the same version and has no text for yet, and returns how many it
// kept. A job replaced meanwhile has another text, built when needed.
func (s *Store) AdoptSearchTexts(t SearchTexts) int {
	kept := 0
	for i, text := range t.texts {
		j := t.jobs[i]
		pos, ok := s.index[j.Key()]
		if !ok {
			continue
		}
		if e := &s.entries[pos]; e.job == j && e.text == "" {
			e.text, e.fields = text, t.fields[i]
			kept++
		}
	}
	return kept
}
