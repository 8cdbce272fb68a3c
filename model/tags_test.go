package model

import (
	"fmt"
	"slices"
	"testing"
)

func TestDistinctTags(t *testing.T) {
	short := []string{"a", "", "b", "a", "c", "b"}
	if got := slices.Collect(DistinctTags(short)); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("short list: %q", got)
	}
	// Past shortTagList the set takes over; the answer must not change.
	var long, want []string
	for i := range 3 * shortTagList {
		long = append(long, fmt.Sprint("t", i%(2*shortTagList)), "")
		if i < 2*shortTagList {
			want = append(want, fmt.Sprint("t", i))
		}
	}
	if got := slices.Collect(DistinctTags(long)); !slices.Equal(got, want) {
		t.Errorf("long list: %q, want %q", got, want)
	}
}

// A job with 10,000 tags (half of them repeated) is counted once per
// distinct tag; with the quadratic check this merge took seconds.
func BenchmarkMergeJobWith10000Tags(b *testing.B) {
	tags := make([]string, 10_000)
	for i := range tags {
		tags[i] = fmt.Sprint("tag-", i%5_000)
	}
	for b.Loop() {
		s := NewStore()
		s.Merge([]Job{{ID: "1", Status: StatusCompleted, Tags: tags}})
		if len(s.CountByTag()) != 5_000 {
			b.Fatal("wrong tag count")
		}
	}
}
