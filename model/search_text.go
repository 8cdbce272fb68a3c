package model

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// A bare word or a quoted phrase matches a job when it is a substring of
// the job's id, uuid, batch id or one of its tags, or of a string value
// anywhere in its input and metadata, ignoring case.
//
// The input and metadata are read out of the job's raw JSON into its
// search text, lower-cased: far too slow to repeat for 100,000 jobs on
// every keystroke, so the store keeps each job's text from the first bare
// word that needs it until the job changes (see Store.buildSearchTexts).
// The fields are matched where they are, and only those with capitals (or
// other than ASCII) have a lower-cased copy in the text: ids and tags are
// nearly always lower case already, and copying them would double the text.

// searchTextLimit caps one job's search text, in bytes: what a huge input
// holds beyond it is not searchable. It bounds the texts of 100,000 jobs
// to 400 MB however big their inputs; typical jobs (an image URL, a few
// metadata values) have texts of 100 to 150 bytes, 15 MB or so for 100,000.
const searchTextLimit = 4 << 10

// searchSep separates the values in a search text, so that a phrase does
// not match across two of them. No typed term contains it. A text also
// starts with one, so that a built text is never empty and the store can
// tell a text not built yet by its being "".
const searchSep = '\x00'

// matchesText reports whether the lower-case word is in j's fields or in
// text, j's search text. The fields are compared as they are: one that
// differs from its lower case has a copy in the text, which matches.
// wordBytes is the word's byteMask, fields that of j's fields (anyBytes if
// not known): a word with a byte none of the fields has is in none of
// them, which spares reading the job at all, a cache miss for most jobs.
func matchesText(j *Job, text, word string, wordBytes, fields byteMask) bool {
	if strings.Contains(text, word) {
		return true
	}
	if wordBytes&^fields != 0 {
		return false
	}
	if strings.Contains(j.ID, word) || strings.Contains(j.UUID, word) || strings.Contains(j.BatchID, word) {
		return true
	}
	for _, tag := range j.Tags {
		if strings.Contains(tag, word) {
			return true
		}
	}
	return false
}

// byteMask is a set of byte values folded onto 64 bits: one bit for each
// lower-case letter and digit, the other bytes sharing the rest. A string
// holds only bytes whose bits are in its mask, so a word whose mask has a
// bit a string's lacks is not in that string.
type byteMask uint64

// anyBytes is the mask of a string not looked at: it may hold anything.
const anyBytes = ^byteMask(0)

// bytesOf is the byteMask of s.
func bytesOf(s string) byteMask {
	var m byteMask
	for i := 0; i < len(s); i++ {
		m |= 1 << byteBit(s[i])
	}
	return m
}

func byteBit(c byte) uint {
	switch {
	case 'a' <= c && c <= 'z':
		return uint(c - 'a')
	case '0' <= c && c <= '9':
		return 26 + uint(c-'0')
	}
	return 36 + uint(c)%28
}

// fieldBytes is the byteMask of the fields matchesText compares as they
// are: j's id, uuid, batch id and tags.
func fieldBytes(j *Job) byteMask {
	m := bytesOf(j.ID) | bytesOf(j.UUID) | bytesOf(j.BatchID)
	for _, tag := range j.Tags {
		m |= bytesOf(tag)
	}
	return m
}

// searchText is j's search text (see textBuilder.text).
func searchText(j *Job) string {
	var tb textBuilder
	return tb.text(j)
}

// textBuilder builds search texts, reusing its scratch space from one job
// to the next so that a text costs a single allocation.
type textBuilder struct{ buf []byte }

// text is j's id, uuid, batch id and tags that are not all lower case,
// and the string values found anywhere in its input and metadata, in lower
// case, each followed by searchSep after a leading one, cut to
// searchTextLimit bytes.
// Keys and non-string values (numbers, booleans) are left out: every job
// has the same keys, so matching them would only add noise.
func (tb *textBuilder) text(j *Job) string {
	b := append(tb.buf[:0], searchSep)
	add := func(field string) {
		if mayHaveCapitals(field) {
			b = append(append(b, field...), searchSep)
		}
	}
	add(j.ID)
	add(j.UUID)
	add(j.BatchID)
	for _, tag := range j.Tags {
		add(tag)
	}
	b = appendJSONStrings(b, j.Raw, searchTextLimit)
	if !lowerASCII(b) {
		b = bytes.ToLower(b)
	}
	tb.buf = b
	// Cut before the string is made, so it holds no more than the limit:
	// a substring of a longer one would keep all of it.
	if len(b) > searchTextLimit {
		cut := searchTextLimit
		for cut > 0 && !utf8.RuneStart(b[cut]) { // so the text stays valid UTF-8
			cut--
		}
		b = b[:cut]
	}
	return string(b)
}

// mayHaveCapitals reports whether s has an upper-case ASCII letter or
// anything beyond ASCII, which lower-casing might change.
func mayHaveCapitals(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return true
		}
	}
	return false
}

// lowerASCII lowers the ASCII letters of b in place and reports whether b
// is all ASCII, which is the common case: bytes.ToLower would copy. When
// it is not, the caller lowers the rest with bytes.ToLower, to which the
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
