package model

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// ParseQuery reads the filter bar's query. Terms are separated by white
// space and must all hold; a leading "-" negates a term. The terms:
//
//	status:failed,expired  any of the statuses, case-insensitive. Each value
//	                       is a status name or a unique prefix of one
//	                       ("fail"); "c" is an error (CANCELED or COMPLETED?).
//	                       A value no known status starts with is taken as an
//	                       exact, unknown status ("status:weird"), since the
//	                       API may grow new ones (the price: a misspelt
//	                       status selects nothing rather than failing).
//	                       "moving" and "ended" stand for every status that
//	                       is not ended, or is (see Status.Ended).
//	tag:poodle,poo*        a tag equal to any value, case-insensitive; a
//	                       trailing "*" makes the value a prefix ("tag:*":
//	                       has a tag).
//	batch:<id or prefix>   batch id starting with any value, case-insensitive
//	type:calibration       job type starting with any value, case-insensitive
//	correct:true|false|none
//	created:<2h            created less than 2h ago; ">2h": more than 2h ago.
//	                       Ages are Go durations plus d (days) and w (weeks):
//	                       90m, 7d, 1w2d, 1.5h. They are resolved against now.
//	created:>2026-11-01    a date is a whole UTC day: ">" after it, "<" before
//	                       it, no sign: during it. A time (2026-11-01T10:00,
//	                       RFC 3339; UTC unless it says otherwise) needs "<"
//	                       or ">".
//	completed:<30m         the same on the completion time. A job without one
//	                       never matches created:/completed:, so it matches
//	                       the negation.
//	in-status:>15m         in its current status for more than 15m; "<5m":
//	                       for at most 5m. The same ages as created:. The
//	                       time is counted from when the store saw the job
//	                       enter its status (see Store.EnteredStatus), by the
//	                       store's clock, when the job is matched; a job
//	                       matched outside a store (Query.Match) has none,
//	                       and so never matches, and always matches the
//	                       negation.
//	pink, "pink dog"       a bare word or a quoted phrase: a case-insensitive
//	                       substring of the id, uuid, batch id, tags, or a
//	                       string value anywhere in the input or metadata
//	                       (see matchesText).
//
// Field names are case-insensitive. A field's value may be quoted
// (tag:"two words"); a quoted value is one value, not a comma list. Quotes
// only delimit: inside them, \" and \\ stand for " and \ (any other
// backslash is itself), and a quote inside an unquoted word is an error. A
// word such as "http://x" reads as a field term (and fails as an unknown
// field): quote it to search for it.
//
// An empty query matches every job. Otherwise the error is a *QueryError
// describing the first term that does not parse.
func ParseQuery(s string, now time.Time) (Query, error) {
	if len(s) > MaxQueryLen {
		return Query{}, &QueryError{Reason: fmt.Sprintf("the filter is longer than 4 KB (%d bytes): no filter needs that much; shorten it", len(s))}
	}
	var q Query
	relative := false
	p := parser{s: s, now: now}
	for {
		p.skipSpace()
		if p.i >= len(s) {
			break
		}
		t, err := p.term()
		if err != nil {
			return Query{}, err
		}
		q.terms = append(q.terms, t)
		q.hasText = q.hasText || t.Field == FieldText
		relative = relative || t.relative
	}
	q.key = q.String()
	if relative {
		q.key += "\x00" + now.UTC().Format(time.RFC3339Nano)
	}
	return q, nil
}

// MaxQueryLen bounds a filter, in bytes. A filter is matched against every
// job on every key typed: a pasted megabyte would stall each one, and no
// filter a person writes comes near this.
const MaxQueryLen = 4 << 10

// parser reads one query; i is the byte offset of the next unread byte.
type parser struct {
	s   string
	i   int
	now time.Time
}

func isSpace(r rune) bool { return unicode.IsSpace(r) }

// spaceAt reports whether a white-space character starts at byte i.
func (p *parser) spaceAt(i int) bool {
	r, _ := utf8.DecodeRuneInString(p.s[i:])
	return isSpace(r)
}

func (p *parser) skipSpace() {
	for p.i < len(p.s) && p.spaceAt(p.i) {
		_, n := utf8.DecodeRuneInString(p.s[p.i:])
		p.i += n
	}
}

// wordEnd is the offset of the first white space at or after i.
func (p *parser) wordEnd(i int) int {
	if k := strings.IndexFunc(p.s[i:], isSpace); k >= 0 {
		return i + k
	}
	return len(p.s)
}

// term reads the term starting at p.i, which is not white space.
func (p *parser) term() (Term, error) {
	start := p.i
	t := Term{Pos: start}
	if p.s[p.i] == '-' {
		t.Negated = true
		p.i++
		if p.i >= len(p.s) || p.spaceAt(p.i) {
			return Term{}, p.fail(start, `nothing to negate after "-"`)
		}
	}
	name, isField := p.fieldName()
	if isField {
		p.i += len(name) + 1
	}
	value, quoted, err := p.value(start)
	if err != nil {
		return Term{}, err
	}
	t.Raw = p.s[start:p.i]
	if isField {
		f := Field(strings.ToLower(name))
		if !slices.Contains(fields, f) {
			return Term{}, p.fail(start, fmt.Sprintf("unknown field %q (fields: %s)", name, fieldList))
		}
		t.Field = f
	}
	if err := t.compile(value, quoted, p.now); err != nil {
		return Term{}, p.fail(start, err.Error())
	}
	return t, nil
}

// fieldName returns the field name of a "name:" term starting at p.i: ASCII
// letters followed by a colon, or a known field spelt with a hyphen
// ("in-status:"). Anything else is a bare word: "foo-bar:x" is searched
// for, not refused as an unknown field.
func (p *parser) fieldName() (string, bool) {
	j := p.letters(p.i)
	if j == p.i || j >= len(p.s) {
		return "", false
	}
	if p.s[j] == '-' {
		k := p.letters(j + 1)
		if k == j+1 || k >= len(p.s) || p.s[k] != ':' || !slices.Contains(fields, Field(strings.ToLower(p.s[p.i:k]))) {
			return "", false
		}
		j = k
	}
	if p.s[j] != ':' {
		return "", false
	}
	return p.s[p.i:j], true
}

// letters is the offset of the first byte at or after i that is not an
// ASCII letter.
func (p *parser) letters(i int) int {
	for i < len(p.s) && 'a' <= p.s[i]|0x20 && p.s[i]|0x20 <= 'z' { // |0x20 lowers an ASCII letter
		i++
	}
	return i
}

// fieldList is the list of fields the unknown-field error offers.
var fieldList = func() string {
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = string(f)
	}
	return strings.Join(names, ", ")
}()

// value reads a bare word or a quoted string at p.i and reports which it was.
func (p *parser) value(start int) (string, bool, error) {
	if p.i >= len(p.s) || p.s[p.i] != '"' {
		end := p.wordEnd(p.i)
		v := p.s[p.i:end]
		p.i = end
		if strings.Contains(v, `"`) {
			// Quotes only delimit: one inside a word opens a phrase
			// that this word does not close.
			return "", false, p.fail(start, "unbalanced quote")
		}
		return v, false, nil
	}
	var b strings.Builder
	for i := p.i + 1; i < len(p.s); i++ {
		switch c := p.s[i]; {
		case c == '\\' && i+1 < len(p.s) && (p.s[i+1] == '"' || p.s[i+1] == '\\'):
			i++
			b.WriteByte(p.s[i])
		case c == '"':
			p.i = i + 1
			if p.i < len(p.s) && !p.spaceAt(p.i) {
				p.i = p.wordEnd(p.i)
				return "", true, p.fail(start, "missing space after closing quote")
			}
			return b.String(), true, nil
		default:
			b.WriteByte(c)
		}
	}
	p.i = len(p.s)
	return "", true, p.fail(start, "unbalanced quote")
}

// fail reports the term that started at start and ends at p.i.
func (p *parser) fail(start int, reason string) *QueryError {
	end := max(p.i, start+1)
	return &QueryError{Term: p.s[start:min(end, len(p.s))], Pos: start, Reason: reason}
}
