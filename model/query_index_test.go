package model

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSearchText(t *testing.T) {
	jobs := decodeJobs(t, matchDocs)
	want := strings.Join([]string{
		"1", "u-aaa", "b-100", "poodle", "urgent",
		"https://img.example.com/dogs/pink-1.jpg", "pink", "fluffy tail", "",
	}, "\x00")
	if got := searchText(&jobs[0]); got != want {
		t.Errorf("searchText = %q, want %q", got, want)
	}
	// A job built in code has no Raw: its fields are all there is.
	j := Job{ID: "7", Tags: []string{"A", ""}}
	if got := searchText(&j); got != "7\x00a\x00" {
		t.Errorf("searchText of a job without Raw = %q", got)
	}
}

func TestSearchTextLimit(t *testing.T) {
	// Two-byte runes, so that the cut falls inside one unless it is careful.
	long := strings.Repeat("é", 3000)
	doc, _ := json.Marshal(map[string]any{
		"id": "big", "input": map[string]any{"a": long, "b": "findme"},
	})
	j, err := DecodeJob(doc)
	if err != nil {
		t.Fatal(err)
	}
	text := searchText(&j)
	if len(text) > searchTextLimit || len(text) < searchTextLimit-utf8.UTFMax {
		t.Errorf("len(searchText) = %d, want just under %d", len(text), searchTextLimit)
	}
	if !utf8.ValidString(text) || !strings.HasPrefix(text, "big\x00") {
		t.Errorf("searchText cut badly: %q…", text[:20])
	}
	if strings.Contains(text, "findme") {
		t.Error("searchText went on past its limit")
	}
}

func TestSearchIndex(t *testing.T) {
	s := NewStore()
	s.Merge(decodeJobs(t, matchDocs))
	var idx SearchIndex // the zero value is ready
	one, _ := s.Get("1")
	first := idx.Text(one)
	if !strings.Contains(first, "pink") || idx.Len() != 1 {
		t.Fatalf("Text = %q, Len = %d", first, idx.Len())
	}
	// A new version of the job (a new pointer) gets a new text.
	changed := decodeJobs(t, []string{`{"id": "1", "metadata": {"color": "Green"}}`})
	s.Merge(changed)
	one, _ = s.Get("1")
	if got := idx.Text(one); strings.Contains(got, "pink") || !strings.Contains(got, "green") {
		t.Errorf("Text after a change = %q", got)
	}
	// A job without a key is searchable but not kept.
	if got := idx.Text(&Job{Tags: []string{"x"}}); got != "x\x00" || idx.Len() != 1 {
		t.Errorf("Text of a keyless job = %q, Len = %d", got, idx.Len())
	}
	// Prune drops jobs the store no longer has, and stale versions.
	s.Each(func(j *Job) bool { idx.Text(j); return true })
	stale, _ := s.Get("2")
	s.Merge(decodeJobs(t, []string{`{"id": 2, "status": "FAILED"}`}))
	s.Remove("3")
	idx.Prune(s)
	if idx.Len() != 3 {
		t.Errorf("Len after Prune = %d, want 3 (1, 4, u-eee)", idx.Len())
	}
	if e, ok := idx.entries["2"]; ok && e.job == stale {
		t.Error("Prune kept a replaced job")
	}
}
