package model

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// compile checks a term's value (unquoted already) and sets the term's
// compiled form and canonical Value. The error's text becomes the
// QueryError's reason.
func (t *Term) compile(v string, quoted bool, now time.Time) error {
	if v == "" {
		if t.Field == FieldText {
			return errors.New("empty phrase")
		}
		return fmt.Errorf("empty value for %s", t.Field)
	}
	switch t.Field {
	case FieldText:
		t.compileText(v)
		return nil
	case FieldCorrect:
		return t.compileCorrect(v)
	case FieldCreated, FieldCompleted:
		return t.compileTime(v, now)
	case FieldInStatus:
		return t.compileInStatus(v)
	}
	vals := listValues(v, quoted)
	if len(vals) == 0 {
		return fmt.Errorf("empty value for %s", t.Field)
	}
	switch t.Field {
	case FieldStatus:
		return t.compileStatus(vals)
	case FieldTag:
		t.compileTag(vals)
	default: // batch, type: always a prefix
		parts := make([]string, len(vals))
		for i, v := range vals {
			prefix := strings.TrimRight(strings.ToLower(v), "*")
			t.texts = append(t.texts, prefix)
			parts[i] = cmp.Or(prefix, "*") // "batch:*": has a batch
		}
		t.Value = joinValues(parts)
	}
	return nil
}

func (t *Term) compileText(v string) {
	lower := strings.ToLower(v)
	t.texts = []string{lower}
	t.mask = maskOf(lower)
	t.Value = quoteValue(lower)
	// A phrase that would read back as a negation or as a field term
	// stays quoted.
	if lower[0] == '-' || looksLikeField(lower) {
		t.Value = quote(lower)
	}
}

// looksLikeField reports whether a bare word v would parse as a field term.
func looksLikeField(v string) bool {
	p := parser{s: v}
	_, ok := p.fieldName()
	return ok
}

func (t *Term) compileCorrect(v string) error {
	switch strings.ToLower(v) {
	case "true":
		t.correct = correctTrue
	case "false":
		t.correct = correctFalse
	case "none":
		t.correct = correctNone
	default:
		return errors.New("correct must be true, false or none")
	}
	t.Value = strings.ToLower(v)
	return nil
}

// listValues splits an unquoted value on commas, dropping empty elements
// (a trailing comma is what the filter bar shows while the next value is
// being typed). A quoted value is a single value, commas and all.
func listValues(v string, quoted bool) []string {
	if quoted {
		return []string{v}
	}
	return slices.DeleteFunc(strings.Split(v, ","), func(s string) bool { return s == "" })
}

// joinValues is the canonical spelling of a list: elements joined by
// commas, or a lone element quoted if need be. List elements never need
// quotes: they were split on commas out of a word without quotes or spaces.
func joinValues(parts []string) string {
	if len(parts) == 1 {
		return quoteValue(parts[0])
	}
	return strings.Join(parts, ",")
}

// compileStatus resolves each value to a status name or a group word. The
// canonical order is the group words, then the statuses in display order,
// so that two spellings of one filter share a cache entry.
func (t *Term) compileStatus(vals []string) error {
	var names []Status
	for _, v := range vals {
		switch strings.ToLower(v) {
		case "moving":
			t.groups.moving = true
			continue
		case "ended":
			t.groups.ended = true
			continue
		}
		s, err := resolveStatus(v)
		if err != nil {
			return err
		}
		if !slices.Contains(names, s) {
			names = append(names, s)
		}
	}
	slices.SortFunc(names, compareStatus)
	var parts []string
	if t.groups.moving {
		parts = append(parts, "moving")
	}
	if t.groups.ended {
		parts = append(parts, "ended")
	}
	for _, s := range names {
		t.texts = append(t.texts, string(s))
		parts = append(parts, string(s))
	}
	t.Value = joinValues(parts)
	return nil
}

// resolveStatus maps a typed status to a name: an exact known status, else
// the one known status it is a prefix of. A value no known status starts
// with is kept as an unknown status, because the API adds statuses and the
// filter must be able to select one this build has never heard of.
func resolveStatus(v string) (Status, error) {
	up := Status(strings.ToUpper(v))
	if up.Known() {
		return up, nil
	}
	var matches []string
	for _, s := range KnownStatuses() {
		if strings.HasPrefix(string(s), string(up)) {
			matches = append(matches, string(s))
		}
	}
	slices.Sort(matches) // alphabetical: the user is looking for a spelling
	switch len(matches) {
	case 0:
		return up, nil
	case 1:
		return Status(matches[0]), nil
	}
	return "", fmt.Errorf("status %q is ambiguous: %s", v, strings.Join(matches, ", "))
}

// compileTag reads tags, each exact or, with trailing stars, a prefix.
func (t *Term) compileTag(vals []string) {
	parts := make([]string, len(vals))
	for i, v := range vals {
		v = strings.ToLower(v)
		trimmed := strings.TrimRight(v, "*")
		t.texts = append(t.texts, trimmed)
		t.prefixes = append(t.prefixes, trimmed != v)
		parts[i] = trimmed
		if trimmed != v {
			parts[i] += "*"
		}
	}
	t.Value = joinValues(parts)
}

// compileTime reads "<age", ">age", "<date", ">date", "date", "<time" or
// ">time" into the term's span.
func (t *Term) compileTime(v string, now time.Time) error {
	op, rest := "", v
	if v[0] == '<' || v[0] == '>' {
		op, rest = v[:1], v[1:]
	}
	if rest == "" {
		return fmt.Errorf("empty value for %s", t.Field)
	}
	if age, ok := ParseAge(strings.ToLower(rest)); ok {
		if op == "" {
			return fmt.Errorf("age %q needs < or >", rest)
		}
		// "<2h" is younger than 2h: created after the cut.
		t.span = boundedSpan(op == ">", now.Add(-age))
		t.relative = true
		t.Value = quoteValue(op + strings.ToLower(rest))
		return nil
	}
	typed := rest
	rest = strings.ToUpper(rest) // time.Parse wants T and Z in upper case
	t.Value = quoteValue(op + rest)
	if day, err := time.Parse(time.DateOnly, rest); err == nil {
		// A date is the whole day: after it starts the next day.
		next := day.AddDate(0, 0, 1)
		switch op {
		case "<":
			t.span = span{to: day, hasTo: true}
		case ">":
			t.span = span{from: next, hasFrom: true}
		default:
			t.span = span{from: day, to: next, hasFrom: true, hasTo: true}
		}
		return nil
	}
	at, ok := parseInstant(rest)
	if !ok {
		return fmt.Errorf("bad age or date %q", truncateForMessage(typed))
	}
	if op == "" {
		return fmt.Errorf("time %q needs < or >", typed)
	}
	if op == ">" {
		at = at.Add(time.Nanosecond) // strictly after
	}
	t.span = boundedSpan(op == "<", at)
	return nil
}

// compileInStatus reads "<age" or ">age": how long a job has been in its
// status. It is resolved when matched (see ageBound), but marks the term
// relative all the same, so that the query's cache key moves with the
// clock and a cached match is not kept past the moment it changes.
func (t *Term) compileInStatus(v string) error {
	op, rest := "", strings.ToLower(v)
	if rest[0] == '<' || rest[0] == '>' {
		op, rest = rest[:1], rest[1:]
	}
	if rest == "" {
		return fmt.Errorf("empty value for %s", t.Field)
	}
	age, ok := ParseAge(rest)
	switch {
	case !ok:
		return fmt.Errorf("bad time in status %q: want <age or >age, such as >15m (units s m h d w)", truncateForMessage(v))
	case op == "":
		return fmt.Errorf("time in status %q needs < or >", truncateForMessage(v))
	}
	t.inStatus = ageBound{age: age, over: op == ">"}
	t.relative = true
	t.Value = quoteValue(op + rest)
	return nil
}

// minuteLayouts are the times people type, to the minute, which the API's
// own spellings (ParseTimestamp) do not cover.
var minuteLayouts = []string{"2006-01-02T15:04", "2006-01-02T15:04Z07:00"}

// parseInstant reads a time in upper case; without a zone it is UTC.
func parseInstant(s string) (time.Time, bool) {
	for _, layout := range minuteLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	t, err := ParseTimestamp(s)
	return t, err == nil
}

// boundedSpan is the span before at (before is true) or from at on.
func boundedSpan(before bool, at time.Time) span {
	if before {
		return span{to: at, hasTo: true}
	}
	return span{from: at, hasFrom: true}
}

// ageUnits are the units of an age: Go's duration units plus days and
// weeks, which are what people filter jobs by.
var ageUnits = map[string]time.Duration{
	"ns": time.Nanosecond,
	"us": time.Microsecond,
	"µs": time.Microsecond, // U+00B5 micro sign
	"μs": time.Microsecond, // U+03BC Greek mu
	"ms": time.Millisecond,
	"s":  time.Second,
	"m":  time.Minute,
	"h":  time.Hour,
	"d":  24 * time.Hour,
	"w":  7 * 24 * time.Hour,
}

// ParseAge reads a non-negative age such as "90m", "1w2d" or "1.5h" (in
// lower case). Unlike time.ParseDuration it knows d and w, and rejects a
// sign: an age is never negative.
func ParseAge(s string) (time.Duration, bool) {
	if s == "" {
		return 0, false
	}
	var total float64
	for s != "" {
		n := strings.IndexFunc(s, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
		if n <= 0 {
			return 0, false // no number, or a number without a unit
		}
		u := strings.IndexAny(s[n:], "0123456789.")
		if u < 0 {
			u = len(s) - n
		}
		num, err := strconv.ParseFloat(s[:n], 64)
		unit, ok := ageUnits[s[n:n+u]]
		if err != nil || !ok {
			return 0, false
		}
		total += num * float64(unit)
		s = s[n+u:]
	}
	if total >= math.MaxInt64 {
		return 0, false
	}
	return time.Duration(total), true
}
