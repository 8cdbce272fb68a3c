package model

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// queryNow is the clock reading the query tests resolve ages against.
var queryNow = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

func TestParseQueryCanonical(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", ""},
		{"   \t ", ""},
		// status: names, prefixes, case, lists, groups, unknown values.
		{"status:failed", "status:FAILED"},
		{"status:fail", "status:FAILED"},
		{"STATUS:Fail", "status:FAILED"},
		{"status:in", "status:IN_PROGRESS"},
		{"status:e", "status:EXPIRED"},
		{"status:failed,expired", "status:FAILED,EXPIRED"},
		{"status:expired,failed,fail", "status:FAILED,EXPIRED"}, // display order, no duplicates
		{"status:post_processed", "status:POST_PROCESSED"},      // exact beats an ambiguous prefix
		{"status:post_processi", "status:POST_PROCESSING"},
		{"status:weird", "status:WEIRD"}, // open: no known status starts with it
		{"status:ended,moving", "status:moving,ended"},
		{"status:Moving,fail", "status:moving,FAILED"},
		{"status:fail,", "status:FAILED"}, // a trailing comma while typing
		{"status:,fail,,exp", "status:FAILED,EXPIRED"},
		{`status:"in progress"`, `status:"IN PROGRESS"`},
		// tag, batch, type.
		{"tag:poodle", "tag:poodle"},
		{"tag:Poodle,BEAGLE", "tag:poodle,beagle"},
		{"tag:poo*", "tag:poo*"},
		{"tag:poo**", "tag:poo*"},
		{"tag:*", "tag:*"},
		{`tag:"two words"`, `tag:"two words"`},
		{`tag:"a,b"`, `tag:"a,b"`},
		{`tag:"say \"hi\""`, `tag:"say \"hi\""`},
		{"tag:-x", "tag:-x"},
		{"batch:AB12", "batch:ab12"},
		{"batch:ab*", "batch:ab"},
		{"batch:*", "batch:*"},
		{"batch:b1,b2", "batch:b1,b2"},
		{"type:cal", "type:cal"},
		{"type:CALIBRATION", "type:calibration"},
		// correct.
		{"correct:true", "correct:true"},
		{"correct:FALSE", "correct:false"},
		{"correct:none", "correct:none"},
		{`correct:"true"`, "correct:true"},
		// created, completed.
		{"created:<2h", "created:<2h"},
		{"created:>2H", "created:>2h"},
		{"created:<1w2d", "created:<1w2d"},
		{"created:<1.5h", "created:<1.5h"},
		{"created:<90m30s", "created:<90m30s"},
		{"created:<500ms", "created:<500ms"},
		{"created:<0s", "created:<0s"},
		{"completed:<30m", "completed:<30m"},
		{"created:>2026-11-01", "created:>2026-11-01"},
		{"created:<2026-11-01", "created:<2026-11-01"},
		{"created:2026-11-01", "created:2026-11-01"},
		{"created:>2026-11-01t10:00", "created:>2026-11-01T10:00"},
		{"created:>2026-11-01T10:00:00Z", "created:>2026-11-01T10:00:00Z"},
		{"created:<2026-11-01T10:00:00.5+02:00", "created:<2026-11-01T10:00:00.5+02:00"},
		{`created:"<2h"`, "created:<2h"},
		// in-status.
		{"in-status:>15m", "in-status:>15m"},
		{"IN-STATUS:<5M", "in-status:<5m"},
		{"In-Status:>1d status:in", "in-status:>1d status:IN_PROGRESS"},
		{"-in-status:>1h", "-in-status:>1h"},
		{`in-status:">90m"`, "in-status:>90m"},
		{"foo-bar:x", "foo-bar:x"}, // a hyphen makes a field only of a known one
		{"in-:x", "in-:x"},
		// Negation.
		{"-tag:test", "-tag:test"},
		{"-pink", "-pink"},
		{`-"pink dog"`, `-"pink dog"`},
		{"--pink", `-"-pink"`},
		// Text.
		{"pink", "pink"},
		{"Pink DOG", "pink dog"},
		{`"Pink Dog"`, `"pink dog"`},
		{`"-x"`, `"-x"`},
		{`"tag:x"`, `"tag:x"`},
		{`"a\\b"`, `a\b`},
		{`"a\b"`, `a\b`}, // a backslash before anything else is itself
		{`"a\\"`, `a\`},
		{`"x\"y"`, `"x\"y"`},
		{`"a,b"`, `"a,b"`},
		{"12:30", "12:30"}, // not a field name: a bare word
		{":x", ":x"},       // neither
		{"tag_x:y", "tag_x:y"},
		// Spacing and unicode.
		{"  status:fail\t\ttag:poodle  ", "status:FAILED tag:poodle"},
		{"pink\u00a0dog", "pink dog"}, // no-break space separates
		{"pink\u3000dog", "pink dog"}, // so does the ideographic space
		{"ÇAĞRI", "çağri"},
		{"tag:ÉTÉ", "tag:été"},
		{`"日本 語"`, `"日本 語"`},
		{"status:fail tag:poodle pink -tag:test", "status:FAILED tag:poodle pink -tag:test"},
	}
	for _, tt := range tests {
		q, err := ParseQuery(tt.in, queryNow)
		if err != nil {
			t.Errorf("ParseQuery(%q): %v", tt.in, err)
			continue
		}
		if got := q.String(); got != tt.want {
			t.Errorf("ParseQuery(%q).String() = %q, want %q", tt.in, got, tt.want)
		}
		if q.IsEmpty() != (tt.want == "") {
			t.Errorf("ParseQuery(%q).IsEmpty() = %v", tt.in, q.IsEmpty())
		}
		checkReparse(t, tt.in, q)
	}
}

// checkReparse checks that q's canonical form reads back as an equivalent
// query: the same canonical form and the same compiled terms.
func checkReparse(t *testing.T, in string, q Query) {
	t.Helper()
	if len(q.String()) > MaxQueryLen {
		// The canonical form spells each invalid byte as U+FFFD, three
		// bytes, so it can outgrow the limit the input was within.
		return
	}
	again, err := ParseQuery(q.String(), queryNow)
	if err != nil {
		t.Fatalf("ParseQuery(%q) gave %q, which does not parse: %v", in, q.String(), err)
	}
	if again.String() != q.String() {
		t.Fatalf("ParseQuery(%q) gave %q, which reads back as %q", in, q.String(), again.String())
	}
	if a, b := compiledTerms(q), compiledTerms(again); !reflect.DeepEqual(a, b) {
		t.Fatalf("ParseQuery(%q) and its canonical form %q compile differently:\n%+v\n%+v", in, q.String(), a, b)
	}
}

// compiledTerms is q's terms without where and how they were typed.
func compiledTerms(q Query) []Term {
	terms := q.Terms()
	for i := range terms {
		terms[i].Pos, terms[i].Raw = 0, ""
	}
	return terms
}

func TestParseQueryTerms(t *testing.T) {
	in := `status:fail  -tag:Test "pink dog" -x`
	q, err := ParseQuery(in, queryNow)
	if err != nil {
		t.Fatal(err)
	}
	type shown struct {
		Field   Field
		Value   string
		Negated bool
		Pos     int
		Raw     string
	}
	var got []shown
	for _, term := range q.Terms() {
		got = append(got, shown{term.Field, term.Value, term.Negated, term.Pos, term.Raw})
		if in[term.Pos:term.Pos+len(term.Raw)] != term.Raw {
			t.Errorf("term %q: Pos %d does not point at it", term.Raw, term.Pos)
		}
	}
	want := []shown{
		{FieldStatus, "FAILED", false, 0, "status:fail"},
		{FieldTag, "test", true, 13, "-tag:Test"},
		{FieldText, `"pink dog"`, false, 23, `"pink dog"`},
		{FieldText, "x", true, 34, "-x"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("Terms() =\n%+v\nwant\n%+v", got, want)
	}
	// Terms hands out a copy.
	q.Terms()[0].Value = "changed"
	if q.Terms()[0].Value != "FAILED" {
		t.Error("Terms() shares the query's slice")
	}
}

func TestParseQueryErrors(t *testing.T) {
	fieldsHint := " (fields: status, tag, batch, type, correct, created, completed, in-status)"
	tests := []struct {
		in   string
		want QueryError
	}{
		{"foo:bar", QueryError{"foo:bar", 0, `unknown field "foo"` + fieldsHint}},
		{"pink Stat:x", QueryError{"Stat:x", 5, `unknown field "Stat"` + fieldsHint}},
		{"http://x.io", QueryError{"http://x.io", 0, `unknown field "http"` + fieldsHint}},
		{`foo:"a b"`, QueryError{`foo:"a b"`, 0, `unknown field "foo"` + fieldsHint}},
		{"status:", QueryError{"status:", 0, "empty value for status"}},
		{"status: fail", QueryError{"status:", 0, "empty value for status"}},
		{"status:,", QueryError{"status:,", 0, "empty value for status"}},
		{`tag:""`, QueryError{`tag:""`, 0, "empty value for tag"}},
		{"-batch:", QueryError{"-batch:", 0, "empty value for batch"}},
		{"type:,,", QueryError{"type:,,", 0, "empty value for type"}},
		{"correct:", QueryError{"correct:", 0, "empty value for correct"}},
		{"created:", QueryError{"created:", 0, "empty value for created"}},
		{"completed:<", QueryError{"completed:<", 0, "empty value for completed"}},
		{`""`, QueryError{`""`, 0, "empty phrase"}},
		{`-""`, QueryError{`-""`, 0, "empty phrase"}},
		{`"pink`, QueryError{`"pink`, 0, "unbalanced quote"}},
		{`a "pink dog`, QueryError{`"pink dog`, 2, "unbalanced quote"}},
		{`"pink\"`, QueryError{`"pink\"`, 0, "unbalanced quote"}},
		{`tag:"x`, QueryError{`tag:"x`, 0, "unbalanced quote"}},
		{`pi"nk`, QueryError{`pi"nk`, 0, "unbalanced quote"}},
		{`tag:a"b`, QueryError{`tag:a"b`, 0, "unbalanced quote"}},
		{`"pink"dog x`, QueryError{`"pink"dog`, 0, "missing space after closing quote"}},
		{"-", QueryError{"-", 0, `nothing to negate after "-"`}},
		{"pink - dog", QueryError{"-", 5, `nothing to negate after "-"`}},
		{"status:c", QueryError{"status:c", 0, `status "c" is ambiguous: CANCELED, COMPLETED`}},
		{"status:fail,p", QueryError{"status:fail,p", 0, `status "p" is ambiguous: PENDING, POST_PROCESSED, POST_PROCESSING`}},
		{"status:needs", QueryError{"status:needs", 0, `status "needs" is ambiguous: NEEDS_REVIEW, NEEDS_WORK`}},
		{"correct:yes", QueryError{"correct:yes", 0, "correct must be true, false or none"}},
		{"correct:true,false", QueryError{"correct:true,false", 0, "correct must be true, false or none"}},
		{"created:<2x", QueryError{"created:<2x", 0, `bad age or date "2x"`}},
		{"in-status:abc", QueryError{"in-status:abc", 0, `bad time in status "abc": want <age or >age, such as >15m (units s m h d w)`}},
		{"x in-status:>15", QueryError{"in-status:>15", 2, `bad time in status ">15": want <age or >age, such as >15m (units s m h d w)`}},
		{"in-status:>-5m", QueryError{"in-status:>-5m", 0, `bad time in status ">-5m": want <age or >age, such as >15m (units s m h d w)`}},
		{"in-status:15m", QueryError{"in-status:15m", 0, `time in status "15m" needs < or >`}},
		{"in-status:>", QueryError{"in-status:>", 0, "empty value for in-status"}},
		{"in-status:", QueryError{"in-status:", 0, "empty value for in-status"}},
		{"in-status:>2026-11-01", QueryError{"in-status:>2026-11-01", 0, `bad time in status ">2026-11-01": want <age or >age, such as >15m (units s m h d w)`}},
		{"created:<2", QueryError{"created:<2", 0, `bad age or date "2"`}},
		{"created:<h", QueryError{"created:<h", 0, `bad age or date "h"`}},
		{"created:<-2h", QueryError{"created:<-2h", 0, `bad age or date "-2h"`}},
		{"created:<1..5h", QueryError{"created:<1..5h", 0, `bad age or date "1..5h"`}},
		{"created:<99999999999w", QueryError{"created:<99999999999w", 0, `bad age or date "99999999999w"`}},
		{"created:<2026-13-01", QueryError{"created:<2026-13-01", 0, `bad age or date "2026-13-01"`}},
		{"created:<" + strings.Repeat("x", 70), QueryError{"created:<" + strings.Repeat("x", 70), 0, `bad age or date "` + strings.Repeat("x", 64) + `…"`}},
		{"created:=2026-11-01", QueryError{"created:=2026-11-01", 0, `bad age or date "=2026-11-01"`}},
		{"completed:2h", QueryError{"completed:2h", 0, `age "2h" needs < or >`}},
		{"created:2026-11-01T10:00", QueryError{"created:2026-11-01T10:00", 0, `time "2026-11-01T10:00" needs < or >`}},
		// Only the first bad term is reported.
		{"ok foo:x status:", QueryError{"foo:x", 3, `unknown field "foo"` + fieldsHint}},
	}
	for _, tt := range tests {
		q, err := ParseQuery(tt.in, queryNow)
		var qe *QueryError
		if !errors.As(err, &qe) {
			t.Errorf("ParseQuery(%q) = %q, %v; want a *QueryError", tt.in, q.String(), err)
			continue
		}
		if *qe != tt.want {
			t.Errorf("ParseQuery(%q) error = %+v, want %+v", tt.in, *qe, tt.want)
		}
		if qe.Error() != tt.want.Reason {
			t.Errorf("ParseQuery(%q).Error() = %q", tt.in, qe.Error())
		}
		if !q.IsEmpty() {
			t.Errorf("ParseQuery(%q) returned terms with its error", tt.in)
		}
		if !strings.HasPrefix(tt.in[qe.Pos:], qe.Term) {
			t.Errorf("ParseQuery(%q): Pos %d does not point at %q", tt.in, qe.Pos, qe.Term)
		}
	}
}

func TestParseQueryTimeSpans(t *testing.T) {
	day := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	ten := time.Date(2026, 11, 1, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want span
	}{
		{"created:<2h", span{from: queryNow.Add(-2 * time.Hour), hasFrom: true}},
		{"created:>2h", span{to: queryNow.Add(-2 * time.Hour), hasTo: true}},
		{"created:<1w2d", span{from: queryNow.Add(-9 * 24 * time.Hour), hasFrom: true}},
		{"created:<1.5h", span{from: queryNow.Add(-90 * time.Minute), hasFrom: true}},
		{"created:<2026-11-01", span{to: day, hasTo: true}},
		{"created:>2026-11-01", span{from: day.AddDate(0, 0, 1), hasFrom: true}},
		{"created:2026-11-01", span{from: day, to: day.AddDate(0, 0, 1), hasFrom: true, hasTo: true}},
		{"created:<2026-11-01T10:00", span{to: ten, hasTo: true}},
		{"created:>2026-11-01T10:00", span{from: ten.Add(time.Nanosecond), hasFrom: true}},
		{"created:>2026-11-01T12:00+02:00", span{from: ten.Add(time.Nanosecond), hasFrom: true}},
	}
	for _, tt := range tests {
		q, err := ParseQuery(tt.in, queryNow)
		if err != nil {
			t.Errorf("ParseQuery(%q): %v", tt.in, err)
			continue
		}
		got := q.terms[0].span
		if !got.from.Equal(tt.want.from) || !got.to.Equal(tt.want.to) ||
			got.hasFrom != tt.want.hasFrom || got.hasTo != tt.want.hasTo {
			t.Errorf("ParseQuery(%q) span = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

// An age makes the query's cache key depend on the clock; nothing else does.
func TestQueryCacheKey(t *testing.T) {
	key := func(s string, now time.Time) string {
		q, err := ParseQuery(s, now)
		if err != nil {
			t.Fatal(err)
		}
		return q.key
	}
	later := queryNow.Add(time.Minute)
	if key("created:<2h", queryNow) == key("created:<2h", later) {
		t.Error("an age query keeps its cache key as the clock moves")
	}
	if key("created:>2026-11-01 pink", queryNow) != key("created:>2026-11-01 pink", later) {
		t.Error("a query without an age changes its cache key with the clock")
	}
	if key("status:fail", queryNow) != key("STATUS:failed", queryNow) {
		t.Error("two spellings of one query have different cache keys")
	}
}

func TestParseAge(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"90m", 90 * time.Minute, true},
		{"7d", 7 * 24 * time.Hour, true},
		{"1w2d", 9 * 24 * time.Hour, true},
		{"1h30m", 90 * time.Minute, true},
		{"1.5h", 90 * time.Minute, true},
		{"250ms", 250 * time.Millisecond, true},
		{"3µs", 3 * time.Microsecond, true},
		{"3μs", 3 * time.Microsecond, true},
		{"3us", 3 * time.Microsecond, true},
		{"10ns", 10, true},
		{"0s", 0, true},
		{"", 0, false},
		{"2", 0, false},
		{"h", 0, false},
		{"2x", 0, false},
		{"-2h", 0, false},
		{"+2h", 0, false},
		{"2h-", 0, false},
		{".h", 0, false},
		{"1e3h", 0, false},
		{"15250w", 15250 * 7 * 24 * time.Hour, true},
		{"15251w", 0, false}, // beyond what a Duration holds
	}
	for _, tt := range tests {
		got, ok := ParseAge(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseAge(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{
		"", "status:fail,exp tag:poo* -tag:test", `"pink dog" -"x\"y"`, "created:<1w2d",
		"completed:>2026-11-01T10:00", "batch:b1,B2 type:cal correct:none", "-", `"`,
		"status:c", "STATUS:moving,ended", "foo:bar", "in-status:>15m -In-Status:<1d", "in-x:y", "a-:b", "12:30 :x", `tag:"a,b"`, "\u3000ÇAĞRI\xff",
		`"a\\"`, "created:2026-11-01", "-\"\"", "tag:*,x**",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQuery(s, queryNow)
		if err != nil {
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("ParseQuery(%q) error %T is not a *QueryError", s, err)
			}
			if qe.Pos < 0 || qe.Pos > len(s) || !strings.HasPrefix(s[qe.Pos:], qe.Term) || qe.Reason == "" {
				t.Fatalf("ParseQuery(%q) error %+v does not point into the query", s, *qe)
			}
			return
		}
		for _, term := range q.Terms() {
			if !strings.HasPrefix(s[term.Pos:], term.Raw) || term.Raw == "" {
				t.Fatalf("ParseQuery(%q): term %+v does not point into the query", s, term)
			}
		}
		checkReparse(t, s, q)
		q.Match(&Job{ID: "1", Tags: []string{"x"}}) // must not panic either
		// Nor in a store, where in-status terms have a time to go by, and
		// must count what they select.
		store := NewStore()
		store.SetClock(func() time.Time { return queryNow })
		store.Merge([]Job{{ID: "1", Tags: []string{"x"}, Status: StatusInProgress}})
		if n, sel := store.CountMatches(q), len(store.Select(q, Sort{})); n != sel {
			t.Fatalf("ParseQuery(%q): CountMatches %d, Select %d jobs", s, n, sel)
		}
	})
}

func TestParseQueryRefusesHugeFilters(t *testing.T) {
	fits := strings.Repeat("a ", MaxQueryLen/2)
	if _, err := ParseQuery(fits, queryNow); err != nil {
		t.Errorf("a filter of exactly %d bytes: %v", len(fits), err)
	}
	_, err := ParseQuery(fits+"a", queryNow)
	var qe *QueryError
	if !errors.As(err, &qe) || !strings.Contains(qe.Reason, "longer than 4 KB") {
		t.Errorf("a filter of %d bytes: err = %v, want it refused as too long", len(fits)+1, err)
	}
}
