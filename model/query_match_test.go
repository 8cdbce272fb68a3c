package model

import (
	"slices"
	"testing"
)

// matchDocs are decoded from the JSON the API would send, so that Raw,
// Input and Metadata are real. queryNow is 2026-11-28T12:00Z.
var matchDocs = []string{
	`{"id": "1", "uuid": "u-aaa", "batchId": "B-100", "status": "FAILED", "jobType": "DEFAULT",
	  "created": "2026-11-28T11:00:00+00:00", "completed": "2026-11-28T11:50:00+00:00",
	  "tags": ["poodle", "urgent"], "correct": false,
	  "input": {"image_url": "https://img.example.com/dogs/Pink-1.jpg", "n": 3},
	  "metadata": {"color": "Pink", "nested": {"deep": ["Fluffy Tail", 4, true, null]}}}`,
	`{"id": 2, "uuid": "u-bbb", "batchId": "B-200", "status": "COMPLETED", "jobType": "CALIBRATION",
	  "created": "2026-10-30T09:00:00+00:00", "completed": "2026-10-31T09:00:00.5Z",
	  "tags": ["beagle", "test"], "correct": true,
	  "input": {"image_url": "https://img.example.com/dogs/beagle.jpg"},
	  "metadata": {"note": "say \"hi\" \u00e9t\u00e9"}}`,
	`{"id": "3", "uuid": "u-ccc", "status": "IN_PROGRESS", "jobType": "TRAINING",
	  "created": "2026-11-28T08:00:00+00:00", "tags": null, "input": "just a string: pink", "metadata": null}`,
	`{"id": "4", "uuid": "u-ddd", "batchId": "b-100x", "status": "weird", "created": "2026-11-02T00:00:00+00:00",
	  "tags": ["Poodle-mix"], "input": {"keys": {"pink": "no"}}, "callbackUrl": "https://pink.example.com"}`,
	`{"uuid": "u-eee", "status": "expired", "created": "not a date", "completed": "2026-11-20T00:00:00Z", "tags": ["", ""]}`,
}

func decodeJobs(t testing.TB, docs []string) []Job {
	t.Helper()
	jobs := make([]Job, len(docs))
	for i, doc := range docs {
		j, err := DecodeJob([]byte(doc))
		if err != nil {
			t.Fatalf("job %d: %v", i, err)
		}
		jobs[i] = j
	}
	return jobs
}

func TestQueryMatch(t *testing.T) {
	tests := []struct {
		query string
		want  []string // keys, in store order
	}{
		{"", []string{"1", "2", "3", "4", "u-eee"}},
		{"status:fail", []string{"1"}},
		{"status:failed,expired", []string{"1", "u-eee"}}, // "expired" in lower case is EXPIRED
		{"status:weird", []string{"4"}},
		{"status:moving", []string{"3", "4"}}, // an unknown status is still moving
		{"status:ended", []string{"1", "2", "u-eee"}},
		{"status:moving,fail", []string{"1", "3", "4"}},
		{"-status:ended", []string{"3", "4"}},
		{"tag:poodle", []string{"1"}},
		{"tag:POODLE", []string{"1"}},
		{"tag:poo*", []string{"1", "4"}},
		{"tag:beagle,urgent", []string{"1", "2"}},
		{"tag:*", []string{"1", "2", "4"}}, // empty tags are no tags
		{"-tag:*", []string{"3", "u-eee"}},
		{"-tag:test", []string{"1", "3", "4", "u-eee"}},
		{"batch:b-100", []string{"1", "4"}},
		{"batch:B-2", []string{"2"}},
		{"-batch:*", []string{"3", "u-eee"}},
		{"type:cal", []string{"2"}},
		{"type:t", []string{"3"}},
		{"correct:true", []string{"2"}},
		{"correct:false", []string{"1"}},
		{"correct:none", []string{"3", "4", "u-eee"}},
		{"created:<2h", []string{"1"}},
		{"created:>2h", []string{"2", "3", "4"}}, // u-eee has no readable creation date
		{"-created:<2h", []string{"2", "3", "4", "u-eee"}},
		{"created:>2026-11-01", []string{"1", "3", "4"}},
		{"created:<2026-11-01", []string{"2"}},
		{"created:2026-11-02", []string{"4"}},
		{"created:>2026-11-02T00:00", []string{"1", "3"}},
		{"created:<2026-11-02T00:00", []string{"2"}},
		{"completed:<1d", []string{"1"}},
		{"-completed:<1d", []string{"2", "3", "4", "u-eee"}}, // never completed: matches the negation
		{"completed:>2026-11-01", []string{"1", "u-eee"}},
		{"completed:<2026-10-31T09:00:01Z", []string{"2"}},
		{"pink", []string{"1", "3"}}, // a URL, a metadata value, a bare string input
		{"PINK", []string{"1", "3"}}, // not the key "pink" of job 4, nor its callback URL
		{"-pink", []string{"2", "4", "u-eee"}},
		{`"fluffy tail"`, []string{"1"}}, // nested in arrays and objects
		{`"say \"hi\""`, []string{"2"}},  // an escaped quote
		{"été", []string{"2"}},           // a \u escape
		{"image_url", nil},               // keys are not indexed
		{"u-eee", []string{"u-eee"}},     // uuid
		{"b-2", []string{"2"}},           // batch
		{"urgent", []string{"1"}},        // tag
		{"poodle-m", []string{"4"}},      // a tag with capitals
		{"dogs img", []string{"1", "2"}}, // every word must hold
		{`"dogs img"`, nil},              // a phrase is one substring
		{"status:fail pink", []string{"1"}},
		{"status:fail -pink", nil},
		{"tag:poo* -status:fail", []string{"4"}},
		{"status:ended -correct:true -tag:*", []string{"u-eee"}},
	}
	s := NewStore()
	s.Merge(decodeJobs(t, matchDocs))
	view := NewView(s)
	for _, tt := range tests {
		q, err := ParseQuery(tt.query, queryNow)
		if err != nil {
			t.Errorf("ParseQuery(%q): %v", tt.query, err)
			continue
		}
		var got []string
		s.Each(func(j *Job) bool {
			if q.Match(j) {
				got = append(got, j.Key())
			}
			return true
		})
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q matches %q, want %q", tt.query, got, tt.want)
		}
		if n := s.CountMatches(q); n != len(tt.want) {
			t.Errorf("CountMatches(%q) = %d, want %d", tt.query, n, len(tt.want))
		}
		// Store order is insertion order here, and so is id order.
		if keys := jobKeys(s.Select(q, Sort{Key: SortByID})); !slices.Equal(keys, tt.want) {
			t.Errorf("Select(%q) = %q, want %q", tt.query, keys, tt.want)
		}
		if keys := jobKeys(view.Jobs(q, Sort{Key: SortByID})); !slices.Equal(keys, tt.want) {
			t.Errorf("View.Jobs(%q) = %q, want %q", tt.query, keys, tt.want)
		}
	}
}

func jobKeys(jobs []*Job) []string {
	var keys []string
	for _, j := range jobs {
		keys = append(keys, j.Key())
	}
	return keys
}
