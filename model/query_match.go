package model

import (
	"strings"
	"time"
)

// Match reports whether j satisfies every term of the query. When a bare
// word or phrase is to be matched, it builds j's search text from its JSON
// on the spot: to match many jobs, use a View, Store.Select or
// Store.CountMatches, which keep the texts.
func (q Query) Match(j *Job) bool {
	return q.matchFields(j) && (!q.hasText || q.matchText(j, searchText(j), anyBytes))
}

// matches is Match with j's search text built beforehand.
func (q Query) matches(j *Job, text string) bool {
	return q.matchesIn(j, text, anyBytes)
}

// matchesIn is matches, given the byteMask of j's fields (see matchesText).
func (q Query) matchesIn(j *Job, text string, fields byteMask) bool {
	return q.matchFields(j) && (!q.hasText || q.matchText(j, text, fields))
}

// matchFields checks every term but the text ones. Callers run it first:
// the field terms are cheap, and a job they reject needs no search text.
func (q Query) matchFields(j *Job) bool {
	for i := range q.terms {
		t := &q.terms[i]
		if t.Field != FieldText && t.matchField(j) == t.Negated {
			return false
		}
	}
	return true
}

// matchText checks the text terms against j and its search text.
func (q Query) matchText(j *Job, text string, fields byteMask) bool {
	for i := range q.terms {
		t := &q.terms[i]
		if t.Field == FieldText && matchesText(j, text, t.texts[0], t.bytes, fields) == t.Negated {
			return false
		}
	}
	return true
}

// matchField reports whether j satisfies the term, ignoring negation.
func (t *Term) matchField(j *Job) bool {
	switch t.Field {
	case FieldStatus:
		return t.matchStatus(j.Status)
	case FieldTag:
		return t.matchTags(j.Tags)
	case FieldBatch:
		return matchPrefix(j.BatchID, t.texts)
	case FieldType:
		return matchPrefix(j.JobType, t.texts)
	case FieldCorrect:
		switch t.correct {
		case correctTrue:
			return j.Correct != nil && *j.Correct
		case correctFalse:
			return j.Correct != nil && !*j.Correct
		}
		return j.Correct == nil
	case FieldCreated:
		return t.span.contains(j.Created)
	case FieldCompleted:
		return t.span.contains(j.Completed)
	}
	panic("model: term of unknown field " + string(t.Field))
}

func (t *Term) matchStatus(s Status) bool {
	if t.groups.moving || t.groups.ended {
		if ended := isEnded(s); ended && t.groups.ended || !ended && t.groups.moving {
			return true
		}
	}
	for _, name := range t.texts {
		// EqualFold, not Status.normal: it does not allocate for a
		// lower-case status, and this runs per job per keystroke.
		if strings.EqualFold(string(s), name) {
			return true
		}
	}
	return false
}

// endedByName is Status.Ended of each known status as the API spells it.
var endedByName = func() map[Status]bool {
	m := make(map[Status]bool)
	for _, s := range KnownStatuses() {
		m[s] = s.Ended()
	}
	return m
}()

// isEnded is s.Ended(), sped up for the API's own spelling: Ended
// upper-cases the status first, and this runs per job per keystroke.
func isEnded(s Status) bool {
	if ended, ok := endedByName[s]; ok {
		return ended
	}
	return s.Ended()
}

// matchTags reports whether any non-empty tag equals one of the term's
// values, or starts with one of its prefixes.
func (t *Term) matchTags(tags []string) bool {
	for _, tag := range tags {
		if tag == "" {
			continue
		}
		// ToLower returns its argument when there is nothing to lower,
		// which is the usual case for tags.
		tag = strings.ToLower(tag)
		for i, v := range t.texts {
			if tag == v || t.prefixes[i] && strings.HasPrefix(tag, v) {
				return true
			}
		}
	}
	return false
}

// matchPrefix reports whether s is set and starts with one of prefixes.
func matchPrefix(s string, prefixes []string) bool {
	if s == "" {
		return false
	}
	s = strings.ToLower(s)
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// contains reports whether t is set and inside the span. An unset time (a
// job not completed) is in no span, so it matches the term's negation.
func (sp span) contains(t time.Time) bool {
	if t.IsZero() {
		return false
	}
	return (!sp.hasFrom || !t.Before(sp.from)) && (!sp.hasTo || t.Before(sp.to))
}
