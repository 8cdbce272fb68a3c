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

// matchesText reports whether the lower-case word of t is in j's fields
// or in text, j's search text. The fields are compared as they are: one
// that differs from its lower case has a copy in the text, which matches.
// fields is the contentMask of j's fields (anyContent if not known): a
// word with a byte or a pair of bytes none of the fields has is in none of
// them, which spares reading the job at all, a cache miss for most jobs.
func matchesText(j *Job, text string, t *Term, fields contentMask) bool {
	word := t.texts[0]
	if containsAnchored(text, word, t.anchor) {
		return true
	}
	if fields.lacksSomeOf(t.mask) {
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

// containsAnchored reports whether word is in s, as strings.Contains does,
// looking for word's byte at anchor first. Most words typed in the filter
// are in few of the texts, and a text holds a word's first letter many
// times over ("c" in "application/pdf", "invoices", "documents"), each a
// false start for strings.Contains; a rare letter of the word is looked
// for once, at the speed of IndexByte, and is usually not there at all.
// The anchor is chosen for the texts searched (see Store.anchored).
func containsAnchored(s, word string, anchor int) bool {
	n := len(word)
	if anchor < 0 || anchor >= n {
		return strings.Contains(s, word)
	}
	c := word[anchor]
	// The anchor byte of a match at start i is at i+anchor, for i from 0
	// to len(s)-n.
	for from, last := anchor, len(s)-n+anchor; from <= last; {
		i := strings.IndexByte(s[from:last+1], c)
		if i < 0 {
			return false
		}
		start := from + i - anchor
		if s[start:start+n] == word {
			return true
		}
		from += i + 1
	}
	return false
}

// byteCounts is how often each byte occurs in a sample of search texts.
type byteCounts [256]uint32

// anchorIn is the position of word's rarest byte by counts: the first of
// them, 0 for a word of one byte.
func anchorIn(word string, counts *byteCounts) int {
	k := 0
	for i := 1; i < len(word); i++ {
		if counts[word[i]] < counts[word[k]] {
			k = i
		}
	}
	return k
}

// contentMask sums up what a string holds, for telling cheaply that a
// word is not in it: the bytes it holds, and the pairs of adjacent bytes.
// Bytes are folded onto 64 bits, one bit for each lower-case letter and
// digit, the other bytes sharing the rest; pairs are hashed onto 128 bits.
// A string holds only bytes and pairs whose bits are in its mask, so a
// word whose mask has a bit a string's lacks is not in that string.
//
// The pairs are what tells words of hex digits ("c78c") from uuids and
// batch ids: every uuid holds each of their bytes, but only about 60 of
// the 256 pairs of hex digits.
type contentMask struct {
	bytes uint64
	pairs [2]uint64
}

// anyContent is the mask of a string not looked at: it may hold anything.
var anyContent = contentMask{bytes: ^uint64(0), pairs: [2]uint64{^uint64(0), ^uint64(0)}}

// maskOf is the contentMask of s.
func maskOf(s string) contentMask {
	var m contentMask
	m.add(s)
	return m
}

// add adds what s holds to m.
func (m *contentMask) add(s string) {
	for i := 0; i < len(s); i++ {
		m.bytes |= 1 << byteBit(s[i])
		if i > 0 {
			b := pairBit(s[i-1], s[i])
			m.pairs[b>>6] |= 1 << (b & 63)
		}
	}
}

// lacksSomeOf reports whether word's mask has a bit that m lacks: then
// word is in none of the strings m sums up.
func (m contentMask) lacksSomeOf(word contentMask) bool {
	return word.bytes&^m.bytes != 0 || word.pairs[0]&^m.pairs[0] != 0 || word.pairs[1]&^m.pairs[1] != 0
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

// pairBit is the bit of the pair a, b: a multiplicative hash onto 0..127.
func pairBit(a, b byte) uint {
	return uint((uint32(a)<<8|uint32(b))*0x9E3779B1) >> 25
}

// fieldMask is the contentMask of the fields matchesText compares as they
// are: j's id, uuid, batch id and tags, each on its own (a pair across two
// of them is not in either).
func fieldMask(j *Job) contentMask {
	var m contentMask
	m.add(j.ID)
	m.add(j.UUID)
	m.add(j.BatchID)
	for _, tag := range j.Tags {
		m.add(tag)
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
