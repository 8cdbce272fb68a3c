package model

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unsafe"
)

// FuzzDecodeJobMatchesV1 holds the streaming decoder to the answers of the
// encoding/json v1 decoder it replaced (legacyDecodeJob): the same jobs
// accepted, the same fields, the same problems, the same input and
// metadata. Seeds cover the lenient cases: numeric ids, nulls, odd dates,
// unknown, duplicate and differently cased names, escapes, invalid UTF-8.
func FuzzDecodeJobMatchesV1(f *testing.F) {
	f.Add(readReferenceJob(f))
	for _, seed := range []string{
		`{}`,
		`{"id": 12345678901234567890, "tags": ["a", 1, null, "b"], "created": "2023-07-25 12:29:24 UTC"}`,
		`{"id": null, "correct": "yes", "completed": "yesterday", "input": [1]}`,
		`{"id": 1e999, "uuid": -0.5, "appId": true, "batchId": {}, "status": 3}`,
		`{"ID": "upper", "Status": "x", "STATUS": "y", "jobtype": "t", "unknown": {"id": 9}}`,
		`{"id": "1", "id": "2", "tags": ["a", 2], "tags": ["b"], "input": 1, "input": {"x": [1, 2]}}`,
		`{"tags": ["a", 2], "tags": "x", "correct": true, "correct": null}`,
		`{"\u0069d": "escaped name", "status": "\u00e9t\u00e9", "jobType": "\ud800", "tags": ["\n"]}`,
		"{\"id\": \"\xff\xfe\", \"status\": \"caf\xe9\", \"\xffid\": 1}",
		`{"created": "2020-02-12T13:41:41.695000+00:00", "completed": 5, "callbackUrl": null}`,
		`{"metadata": {"a": {"b": [null]}}, "correct": false, "tags": null}`,
		` {"uuid": "u", "status": "WEIRD"} `,
		`{"id": "1"} x`,
		`{"id": "1",}`,
		`[]`,
		`{`,
		`null`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, gotErr := DecodeJob(data)
		want, wantErr := legacyDecodeJob(data)
		if (gotErr == nil) != (wantErr == nil) {
			t.Fatalf("DecodeJob(%q): error %v, v1 error %v", data, gotErr, wantErr)
		}
		if gotErr != nil {
			return
		}
		if !bytes.Equal(got.Input(), want.Input()) || !bytes.Equal(got.Metadata(), want.Metadata()) {
			t.Fatalf("DecodeJob(%q): input %q metadata %q, v1 %q and %q", data, got.Input(), got.Metadata(), want.Input(), want.Metadata())
		}
		got.input, got.metadata, want.input, want.metadata = rawRange{}, rawRange{}, rawRange{}, rawRange{}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("DecodeJob(%q):\n got %#v\nwant %#v", data, got, want)
		}
	})
}

// A job read from a longer input is a slice of it, not a copy, and its
// input and metadata are slices of that.
func TestReadJobKeepsSlicesOfTheInput(t *testing.T) {
	src := []byte(`[{"id":"1","input":{"a":1}}, {"id":"2","metadata":[2]}]`)
	dec := NewDecoder(src)
	if _, err := dec.ReadToken(); err != nil {
		t.Fatal(err)
	}
	var jobs []Job
	for range 2 {
		j, err := ReadJob(dec, src)
		if err != nil {
			t.Fatal(err)
		}
		jobs = append(jobs, j)
	}
	if string(jobs[0].Raw) != `{"id":"1","input":{"a":1}}` || &jobs[0].Raw[0] != &src[1] {
		t.Errorf("first job's Raw %q is not the slice of the input", jobs[0].Raw)
	}
	if string(jobs[1].Raw) != `{"id":"2","metadata":[2]}` || &jobs[1].Raw[0] != &src[bytes.Index(src, []byte(`{"id":"2"`))] {
		t.Errorf("second job's Raw %q is not the slice of the input", jobs[1].Raw)
	}
	if in := jobs[0].Input(); string(in) != `{"a":1}` || &in[0] != &src[bytes.Index(src, []byte(`{"a"`))] {
		t.Errorf("input %q is not a slice of the input", in)
	}
	if meta := jobs[1].Metadata(); string(meta) != `[2]` || cap(meta) != len(meta) {
		t.Errorf("metadata %q (cap %d)", meta, cap(meta))
	}
	if got := (rawRange{}).in(src); got != nil {
		t.Errorf("the zero range gives %q", got)
	}
}

// A job that replaces a stored one does not keep the page it came in
// alive: of a page a poll re-reads, only a few jobs are usually kept.
func TestMergeCopiesAChangedJobOutOfItsPage(t *testing.T) {
	readPage := func(page string) []Job {
		src := []byte(page)
		dec := NewDecoder(src)
		if _, err := dec.ReadToken(); err != nil {
			t.Fatal(err)
		}
		var jobs []Job
		for dec.PeekKind() != ']' {
			j, err := ReadJob(dec, src)
			if err != nil {
				t.Fatal(err)
			}
			jobs = append(jobs, j)
		}
		return jobs
	}
	s := NewStore()
	first := readPage(`[{"id":"1","status":"SCHEDULED","input":{"a":1}},{"id":"2","status":"SCHEDULED"}]`)
	s.Merge(first)
	if j, _ := s.Get("1"); &j.Raw[0] != &first[0].Raw[0] {
		t.Error("a new job's Raw was copied: a load would hold every job twice")
	}
	second := readPage(`[{"id":"1","status":"COMPLETED","input":{"a":1}},{"id":"2","status":"SCHEDULED"}]`)
	s.Merge(second)
	j, _ := s.Get("1")
	if &j.Raw[0] == &second[0].Raw[0] {
		t.Error("the changed job still points into the page it came in")
	}
	if j.Status != StatusCompleted || string(j.Input()) != `{"a":1}` {
		t.Errorf("changed job: status %s, input %s", j.Status, j.Input())
	}
}

// One reader over a list of jobs whose members come in other orders,
// under other spellings and escapes, in the place another name had in the
// job before: each job reads as it does alone, with its repeated strings
// shared.
func TestJobReaderAcrossJobs(t *testing.T) {
	docs := []string{
		`{"id":"1","status":"FAILED","batchId":"b-1","tags":["x"],"jobType":"DEFAULT"}`,
		`{"id":"2","jobType":"CALIBRATION","batchId":"b-1","tags":["x","y"],"status":"COMPLETED"}`,
		`{"id":"3","Status":"FAILED","batchid":"b-2","extra":1,"jobType":"DEFAULT"}`,
		`{"id":"4","st\u0061tus":"CANCELED","batchId":"b-\u0031","tags":"odd","jobType":7}`,
		`{"uuid":"u-5","status":"FAILED","batchId":"b-1","batchId":"b-2"}`,
	}
	src := []byte("[" + strings.Join(docs, ",") + "]")
	dec := NewDecoder(src)
	if _, err := dec.ReadToken(); err != nil {
		t.Fatal(err)
	}
	var r JobReader
	var read []Job
	for i, doc := range docs {
		got, err := r.Read(dec, src)
		if err != nil {
			t.Fatal(err)
		}
		want, err := DecodeJob([]byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		if got.Key() != want.Key() || got.Status != want.Status || got.BatchID != want.BatchID || got.JobType != want.JobType ||
			!slices.Equal(got.Tags, want.Tags) || !slices.Equal(got.Problems, want.Problems) {
			t.Errorf("job %d read after the others: %+v, want %+v as alone", i, got, want)
		}
		read = append(read, got)
	}
	if unsafe.StringData(read[0].BatchID) != unsafe.StringData(read[1].BatchID) {
		t.Error("two jobs of one batch do not share its id")
	}
}
