package model

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"
)

// appendJSONStrings appends to b, each followed by searchSep, the string
// values inside the "input" and "metadata" members of the JSON object raw,
// in document order, and stops once b holds limit bytes.
//
// It is a small purpose-built scanner rather than json.Unmarshal into
// interface values: building the index for 100,000 jobs that way costs
// seconds of allocation, and the scanner allocates nothing but b. Raw is
// valid JSON when it comes from DecodeJob; on anything else the scanner
// stops where it stops making sense and keeps what it found.
func appendJSONStrings(b []byte, raw []byte, limit int) []byte {
	sc := jsonScanner{data: raw, out: b, limit: limit}
	sc.topLevel()
	return sc.out
}

// maxJSONDepth bounds the scanner's recursion on hostile nesting; real
// inputs are a few levels deep.
const maxJSONDepth = 256

type jsonScanner struct {
	data  []byte
	i     int
	out   []byte
	limit int
}

// topLevel walks the members of the top-level object, collecting inside
// input and metadata and skipping the rest.
func (sc *jsonScanner) topLevel() {
	sc.space()
	if !sc.eat('{') {
		return
	}
	sc.space()
	if sc.eat('}') {
		return
	}
	for {
		sc.space()
		key, ok := sc.str()
		if !ok {
			return
		}
		sc.space()
		if !sc.eat(':') {
			return
		}
		sc.space()
		collect := string(key) == "input" || string(key) == "metadata"
		if !sc.value(collect, 1) {
			return
		}
		sc.space()
		if !sc.eat(',') {
			return // "}" or garbage: either way, done
		}
	}
}

// value walks one JSON value, appending its strings when collect is set.
// It returns false when the scan must stop: bad JSON, too deep, or the
// output is full.
func (sc *jsonScanner) value(collect bool, depth int) bool {
	if depth > maxJSONDepth || sc.i >= len(sc.data) {
		return false
	}
	switch sc.data[sc.i] {
	case '"':
		s, ok := sc.str()
		if ok && collect {
			// Past the limit nothing is kept: a 5 MB string is not
			// copied to be cut. The cut falls between two runes, which
			// may leave room that a later, shorter string would fill;
			// the scan stops there instead, so a cut text is always a
			// prefix of the whole one.
			if room := max(sc.limit-len(sc.out), 0); len(s) > room {
				for room > 0 && !utf8.RuneStart(s[room]) {
					room--
				}
				sc.out = append(append(sc.out, s[:room]...), searchSep)
				return false
			}
			sc.out = append(append(sc.out, s...), searchSep)
		}
		return ok && len(sc.out) < sc.limit
	case '{':
		sc.i++
		return sc.members(collect, depth, '}', true)
	case '[':
		sc.i++
		return sc.members(collect, depth, ']', false)
	}
	// A number, true, false or null: nothing to collect.
	start := sc.i
	for sc.i < len(sc.data) {
		switch sc.data[sc.i] {
		case ',', '}', ']', ' ', '\t', '\r', '\n':
			return sc.i > start
		}
		sc.i++
	}
	return sc.i > start
}

// members walks the members of an object (keyed) or the elements of an
// array, after the opening bracket, up to and including the closing one.
func (sc *jsonScanner) members(collect bool, depth int, closing byte, keyed bool) bool {
	sc.space()
	if sc.eat(closing) {
		return true
	}
	for {
		sc.space()
		if keyed {
			if _, ok := sc.str(); !ok {
				return false
			}
			sc.space()
			if !sc.eat(':') {
				return false
			}
			sc.space()
		}
		if !sc.value(collect, depth+1) {
			return false
		}
		sc.space()
		if sc.eat(closing) {
			return true
		}
		if !sc.eat(',') {
			return false
		}
	}
}

// str reads the string at sc.i and returns its value. A string without
// escapes is returned as the bytes between its quotes, without a copy; one
// with escapes goes through encoding/json, which knows them all.
func (sc *jsonScanner) str() ([]byte, bool) {
	if sc.i >= len(sc.data) || sc.data[sc.i] != '"' {
		return nil, false
	}
	start := sc.i
	for i := start + 1; ; {
		k := bytes.IndexByte(sc.data[i:], '"')
		if k < 0 {
			return nil, false
		}
		end := i + k
		backslashes := 0
		for p := end - 1; p > start && sc.data[p] == '\\'; p-- {
			backslashes++
		}
		if backslashes%2 == 1 { // an escaped quote: keep looking
			i = end + 1
			continue
		}
		sc.i = end + 1
		body := sc.data[start+1 : end]
		if bytes.IndexByte(body, '\\') < 0 {
			return body, true
		}
		var s string
		if err := json.Unmarshal(sc.data[start:end+1], &s); err != nil {
			return nil, false
		}
		return []byte(s), true
	}
}

func (sc *jsonScanner) space() {
	for sc.i < len(sc.data) {
		switch sc.data[sc.i] {
		case ' ', '\t', '\r', '\n':
			sc.i++
		default:
			return
		}
	}
}

// eat consumes c if it is next.
func (sc *jsonScanner) eat(c byte) bool {
	if sc.i < len(sc.data) && sc.data[sc.i] == c {
		sc.i++
		return true
	}
	return false
}
