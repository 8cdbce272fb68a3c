package model

import (
	"strings"
	"unicode/utf8"
)

// SearchIndex keeps each job's search text: what bare words and phrases are
// matched against. Building it means reading the job's input and metadata
// out of its raw JSON, far too slow to repeat for 100,000 jobs on every
// keystroke, so it is built once per job version and kept.
//
// Entries are keyed by job key and remember the *Job they were built from:
// the store replaces a job's pointer whenever the job changes, so a
// different pointer means a stale text, replaced when next asked for. Prune
// drops what the store no longer holds (a View does both as the store
// changes). The zero value is ready for use. A SearchIndex is not safe for
// concurrent use.
type SearchIndex struct {
	entries map[string]indexEntry
	tb      textBuilder
}

type indexEntry struct {
	job  *Job
	text string
}

// searchTextLimit caps one job's search text, in bytes. Ids, batch and tags
// come first, so they are always searchable; what a huge input holds
// beyond the cap is not. It bounds the index of 100,000 jobs to 400 MB
// however big their inputs; typical jobs (an image URL, a few metadata
// values) have texts of 200 to 300 bytes, 25 MB or so for 100,000.
const searchTextLimit = 4 << 10

// searchSep separates the values in a search text, so that a phrase does
// not match across two of them. No typed term contains it.
const searchSep = '\x00'

// Text returns j's search text, building it if j is new to the index or
// has been replaced since. A nil index builds it every time.
func (x *SearchIndex) Text(j *Job) string {
	if x == nil {
		return searchText(j)
	}
	key := j.Key()
	if e, ok := x.entries[key]; ok && e.job == j {
		return e.text
	}
	text := x.tb.text(j)
	if key != "" { // else not a storable job: nothing to key it by
		x.put(key, j, text)
	}
	return text
}

func (x *SearchIndex) put(key string, j *Job, text string) {
	if x.entries == nil {
		x.entries = make(map[string]indexEntry)
	}
	x.entries[key] = indexEntry{job: j, text: text}
}

// fill sets texts[pos] to the search text of entries[pos] for each of the
// positions. The texts it lacks it builds on every CPU: the first bare word
// typed over a fresh store needs all of them at once, and reading JSON is
// the slow part.
func (x *SearchIndex) fill(texts []string, entries []entry, positions []int) {
	var missing []int
	for _, pos := range positions {
		j := entries[pos].job
		if e, ok := x.entries[j.Key()]; ok && e.job == j {
			texts[pos] = e.text
		} else {
			missing = append(missing, pos)
		}
	}
	inParallel(len(missing), func(lo, hi int) {
		var tb textBuilder
		for _, pos := range missing[lo:hi] {
			texts[pos] = tb.text(entries[pos].job)
		}
	})
	for _, pos := range missing {
		j := entries[pos].job
		x.put(j.Key(), j, texts[pos])
	}
}

// Len is the number of jobs indexed.
func (x *SearchIndex) Len() int { return len(x.entries) }

// Prune drops the entries of jobs s no longer holds, or holds in another
// version, so the index lets go of them.
func (x *SearchIndex) Prune(s *Store) {
	for key, e := range x.entries {
		if j, ok := s.Get(key); !ok || j != e.job {
			delete(x.entries, key)
		}
	}
}

// searchText is j's search text (see textBuilder.text).
func searchText(j *Job) string {
	var tb textBuilder
	return tb.text(j)
}

// textBuilder builds search texts, reusing its scratch space from one job
// to the next so that a text costs a single allocation.
type textBuilder struct{ buf []byte }

// text is j's id, uuid, batch id, tags and the string values found anywhere
// in its input and metadata, in lower case, separated by searchSep, cut to
// searchTextLimit bytes. Keys and non-string values (numbers, booleans) are
// left out: every job has the same keys, so matching them would only add
// noise.
func (tb *textBuilder) text(j *Job) string {
	b := tb.buf[:0]
	add := func(s string) {
		if s != "" {
			b = append(append(b, s...), searchSep)
		}
	}
	add(j.ID)
	add(j.UUID)
	add(j.BatchID)
	for _, tag := range j.Tags {
		add(tag)
	}
	b = appendJSONStrings(b, j.Raw, searchTextLimit)
	tb.buf = b
	var text string
	if lowerASCII(b) {
		text = string(b)
	} else {
		text = strings.ToLower(string(b))
	}
	if len(text) > searchTextLimit {
		// Cut on a rune boundary so the text stays valid UTF-8.
		cut := searchTextLimit
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	return text
}

// lowerASCII lowers the ASCII letters of b in place and reports whether b
// is all ASCII, which is the common case: strings.ToLower would copy. When
// it is not, the caller lowers the rest with strings.ToLower, to which the
// letters already lowered make no difference.
func lowerASCII(b []byte) bool {
	for i, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return true
}
