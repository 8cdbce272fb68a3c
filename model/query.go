package model

import (
	"slices"
	"strings"
	"time"
)

// Query is a parsed filter: a list of terms that must all hold. The zero
// value is the empty query, which matches every job. Build one with
// ParseQuery; the syntax is documented there.
type Query struct {
	terms   []Term
	hasText bool // some term is a bare word or phrase (see matchesText)

	// key identifies what the query selects, for the View's cache: the
	// canonical text, plus the clock reading relative ages were resolved
	// against, if any (the same text parsed an hour later selects other
	// jobs). Worked out once, since the View asks on every frame.
	key string
}

// Field is what a term looks at.
type Field string

// The fields a term can name. FieldText is a bare word or a quoted phrase.
const (
	FieldText      Field = ""
	FieldStatus    Field = "status"
	FieldTag       Field = "tag"
	FieldBatch     Field = "batch"
	FieldType      Field = "type"
	FieldCorrect   Field = "correct"
	FieldCreated   Field = "created"
	FieldCompleted Field = "completed"
	FieldInStatus  Field = "in-status"
)

// fields lists the named fields in the order the error message offers them.
var fields = []Field{FieldStatus, FieldTag, FieldBatch, FieldType, FieldCorrect, FieldCreated, FieldCompleted, FieldInStatus}

// Term is one condition of a query.
type Term struct {
	Field   Field
	Value   string // canonical spelling, quoted if need be: what String prints after "field:"
	Negated bool   // the term was written with a leading "-"
	Pos     int    // byte offset of the term in the query text
	Raw     string // the term as typed, "-" and quotes included

	// The compiled form, set by the parser for the term's field.
	texts    []string    // text, status, tag, batch, type: any of these (statuses in upper case, the rest in lower case)
	prefixes []bool      // tag: texts[i] is a prefix (written with a trailing "*")
	groups   statusGroup // status: the group words among the values
	correct  correctness
	span     span // created, completed
	relative bool // span was resolved against the parse time (an age), or the term is in-status
	inStatus ageBound
	mask     contentMask // text: the contentMask of texts[0]
	anchor   int         // text: where in texts[0] to start looking (see containsAnchored)
}

// ageBound is an in-status term: the time a job has been in its status is
// longer than age (over) or at most age (!over). Unlike a created: age it
// is not resolved when parsed but when matched, against the clock of the
// store that stamped the status-entry times (see Store.EnteredStatus):
// the filter bar's clock may be another one (the demo's runs faster).
type ageBound struct {
	age  time.Duration
	over bool
}

// span is the half-open time range [from, to) of a created: or completed:
// term; a side without a bound is open.
type span struct {
	from, to       time.Time
	hasFrom, hasTo bool
}

// statusGroup records the group words of a status term.
type statusGroup struct{ moving, ended bool }

// correctness is the value of a correct: term.
type correctness int

const (
	correctNone correctness = iota
	correctTrue
	correctFalse
)

// QueryError is the first term of a query that does not parse. Pos and
// Term let the filter bar mark it; Reason is short enough to show beside it.
type QueryError struct {
	Term   string // the term as typed
	Pos    int    // byte offset of Term in the query text
	Reason string
}

// Error returns the reason alone: the filter bar shows it next to the
// marked term, which already says where.
func (e *QueryError) Error() string { return e.Reason }

// InStatus reports whether a term asks how long jobs have been in their
// status, which only a store that watched them change knows (a job matched
// on its own, or a store filled once, has no such time to go by).
func (q Query) InStatus() bool {
	return slices.ContainsFunc(q.terms, func(t Term) bool { return t.Field == FieldInStatus })
}

// IsEmpty reports whether the query has no terms and so matches every job.
func (q Query) IsEmpty() bool { return len(q.terms) == 0 }

// Terms returns the query's terms in the order they were typed.
func (q Query) Terms() []Term {
	out := make([]Term, len(q.terms))
	copy(out, q.terms)
	return out
}

// Ages reports whether a term of the query is an age (created:<1h,
// in-status:>15m), so that the query selects other jobs as time passes
// even while the jobs stay as they are.
func (q Query) Ages() bool {
	return slices.ContainsFunc(q.terms, func(t Term) bool { return t.relative })
}

// Equal reports whether q and o select the same jobs: the same canonical
// form, and for a query with an age in it, resolved at the same instant.
func (q Query) Equal(o Query) bool { return q.key == o.key }

// String is the query in canonical form: fields in lower case, values as
// matched (statuses resolved to their full names, text in lower case), one
// space between terms. Parsing it again gives an equivalent query, so it
// can key a cache.
func (q Query) String() string {
	var b strings.Builder
	for i, t := range q.terms {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.String())
	}
	return b.String()
}

// String is the term in canonical form (see Query.String).
func (t Term) String() string {
	prefix := ""
	if t.Negated {
		prefix = "-"
	}
	if t.Field == FieldText {
		return prefix + t.Value
	}
	return prefix + string(t.Field) + ":" + t.Value
}

// quoteValue spells a single value so that it reads back as one: bare when
// it can be, else quoted. A comma in a bare value would split it.
func quoteValue(v string) string {
	if v != "" && !strings.ContainsFunc(v, isSpace) && !strings.ContainsAny(v, `",`) {
		return v
	}
	return quote(v)
}

// quote puts v between double quotes, escaping quotes and backslashes the
// way the parser reads them.
func quote(v string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(v); i++ {
		if v[i] == '"' || v[i] == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(v[i])
	}
	b.WriteByte('"')
	return b.String()
}
