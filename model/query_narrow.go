package model

import "strings"

// narrows reports whether every job q matches is sure to be matched by
// prev, so that filtering by q need only ask the jobs prev matched: what a
// letter typed at the end of a filter does. It holds when each term of
// prev is implied by a term of q: the same term (but a relative date,
// which moves with the clock), a word containing prev's word ("pink" for
// "pin"), or for a negated word, one contained in prev's ("-pin" for
// "-pink"). It errs on the side of false, which only costs a full match.
func (q Query) narrows(prev Query) bool {
	for i := range prev.terms {
		if !q.implies(&prev.terms[i]) {
			return false
		}
	}
	return true
}

// implies reports whether some term of q holds only where p holds.
func (q Query) implies(p *Term) bool {
	for i := range q.terms {
		t := &q.terms[i]
		switch {
		case t.Field != p.Field || t.Negated != p.Negated:
		case p.Field != FieldText:
			if t.Raw == p.Raw && !t.relative && !p.relative {
				return true
			}
		case !p.Negated && strings.Contains(t.texts[0], p.texts[0]),
			p.Negated && strings.Contains(p.texts[0], t.texts[0]):
			return true
		}
	}
	return false
}
