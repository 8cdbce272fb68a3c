package model

import (
	"math"
	"strings"
	"time"
)

// Match reports whether j satisfies every term of the query. When a bare
// word or phrase is to be matched, it builds j's search text from its JSON
// on the spot: to match many jobs, use a View, Store.Select or
// Store.CountMatches, which keep the texts. A job on its own has no
// status-entry time: an in-status term never holds for it.
func (q Query) Match(j *Job) bool {
	return q.matchFields(j, noStatusEntry, 0) && (!q.hasText || q.matchText(j, searchText(j), anyContent))
}

// noStatusEntry is the status-entry time of a job matched outside a store.
const noStatusEntry = math.MinInt64

// matches is Match of a stored job, with its search text and the contentMask
// of its fields built beforehand (see matchText), and when it entered its
// status and the store's time now, in Unix nanoseconds.
func (q Query) matches(e *entry, now int64) bool {
	return q.matchFields(e.job, e.entered, now) && (!q.hasText || q.matchText(e.job, e.text, e.fields))
}

// matchFields checks every term but the text ones. Callers run it first:
// the field terms are cheap, and a job they reject needs no search text.
func (q Query) matchFields(j *Job, entered, now int64) bool {
	for i := range q.terms {
		t := &q.terms[i]
		if t.Field != FieldText && t.matchField(j, entered, now) == t.Negated {
			return false
		}
	}
	return true
}

// matchText checks the text terms against j and its search text.
func (q Query) matchText(j *Job, text string, fields contentMask) bool {
	for i := range q.terms {
		t := &q.terms[i]
		if t.Field == FieldText && matchesText(j, text, t, fields) == t.Negated {
			return false
		}
	}
	return true
}

// matchField reports whether j, which entered its status at entered, now,
// satisfies the term, ignoring negation.
func (t *Term) matchField(j *Job, entered, now int64) bool {
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
	case FieldInStatus:
		return t.inStatus.holds(entered, now)
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

// holds reports whether a job that entered its status at entered has been
// in it for longer than the bound (over), or for at most the bound, now.
// Both are Unix nanoseconds. The same comparison sorts jobs into the
// buckets of TimeInStatus, so that a bucket's filter selects its jobs.
func (b ageBound) holds(entered, now int64) bool {
	if entered == noStatusEntry {
		return false
	}
	in := now - entered
	if b.over {
		return in > int64(b.age)
	}
	return in <= int64(b.age)
}
