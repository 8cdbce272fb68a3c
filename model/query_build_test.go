package model

import (
	"testing"
	"time"
)

func TestFieldTermReadsBack(t *testing.T) {
	for _, v := range []string{"b-1", "two words", `say "hi"`, "a,b", `back\slash`} {
		text := FieldTerm(FieldTag, v)
		q, err := ParseQuery(text, time.Now())
		if err != nil {
			t.Fatalf("FieldTerm(tag, %q) = %q does not parse: %v", v, text, err)
		}
		j := Job{ID: "1", Tags: []string{v}}
		if !q.Match(&j) {
			t.Errorf("%q does not match a job tagged %q", text, v)
		}
	}
}
