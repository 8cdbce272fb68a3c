package model

import (
	"bytes"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

func readReferenceJob(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/reference_job.json")
	if err != nil {
		t.Fatalf("read reference job: %v", err)
	}
	return data
}

func mustDecode(t *testing.T, data string) Job {
	t.Helper()
	j, err := DecodeJob([]byte(data))
	if err != nil {
		t.Fatalf("DecodeJob(%s): %v", data, err)
	}
	return j
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

func hasProblem(j Job, field string) bool {
	return slices.ContainsFunc(j.Problems, func(p string) bool {
		return strings.HasPrefix(p, field+": ")
	})
}

// TestDecodeReferenceJob decodes the example job of super.AI's reference
// page, the one shape of a job that is documented publicly.
func TestDecodeReferenceJob(t *testing.T) {
	data := readReferenceJob(t)
	j, err := DecodeJob(data)
	if err != nil {
		t.Fatalf("DecodeJob: %v", err)
	}
	if len(j.Problems) != 0 {
		t.Errorf("Problems = %q, want none", j.Problems)
	}
	checks := []struct{ name, got, want string }{
		{"ID", j.ID, "1234567"},
		{"Key", j.Key(), "1234567"},
		{"CallbackURL", j.CallbackURL, ""},
		{"AppID", j.AppID, "123abc45-6789-01de-f2g3-45h67ijk8901"},
		{"Status", j.Status.String(), "COMPLETED"},
		// Not valid hex: the docs' own example, kept as it is.
		{"UUID", j.UUID, "1a23bc4d-ef56-7g89-0h12-i23456jk78l9"},
		{"JobType", j.JobType, "DEFAULT"},
		{"BatchID", j.BatchID, ""},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if want := mustTime(t, "2020-02-12T13:41:41.695Z"); !j.Completed.Equal(want) {
		t.Errorf("Completed = %v, want %v", j.Completed, want)
	}
	if want := mustTime(t, "2020-02-12T13:27:03Z"); !j.Created.Equal(want) {
		t.Errorf("Created = %v, want %v", j.Created, want)
	}
	if j.Created.Location() != time.UTC || j.Completed.Location() != time.UTC {
		t.Errorf("times not in UTC: %v, %v", j.Created.Location(), j.Completed.Location())
	}
	if want := []string{"poodle", "pink"}; !slices.Equal(j.Tags, want) {
		t.Errorf("Tags = %q, want %q", j.Tags, want)
	}
	if j.Correct == nil || !*j.Correct {
		t.Errorf("Correct = %v, want true", j.Correct)
	}
	assertJSONEqual(t, "Input", j.Input(), `{"image_url": "data://12345/images/dogs/poodles/pink-poodle.jpeg"}`)
	if got := string(j.Metadata()); got != "null" {
		t.Errorf("Metadata = %s, want null", got)
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(j.Raw, &fields); err != nil {
		t.Fatalf("Raw is not an object: %v", err)
	}
	if got := string(fields["baselineId"]); got != "123456" {
		t.Errorf("Raw baselineId = %q, want 123456", got)
	}
	if !bytes.Equal(j.Raw, bytes.TrimSpace(data)) {
		t.Errorf("Raw differs from the input")
	}
}

func assertJSONEqual(t *testing.T, name string, got json.RawMessage, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("%s: want: %v", name, err)
	}
	gb, _ := json.Marshal(g)
	wb, _ := json.Marshal(w)
	if !bytes.Equal(gb, wb) {
		t.Errorf("%s = %s, want %s", name, got, want)
	}
}

func TestDecodeJobNumericID(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"id": 1234567}`, "1234567"},
		// Beyond float64 and uint64 precision: every digit must survive.
		{`{"id": 12345678901234567890}`, "12345678901234567890"},
		{`{"id": 123456789012345678901234567890}`, "123456789012345678901234567890"},
		{`{"id": "0042"}`, "0042"},
	}
	for _, tt := range tests {
		j := mustDecode(t, tt.in)
		if j.ID != tt.want || len(j.Problems) != 0 {
			t.Errorf("%s: ID = %q, Problems = %q; want %q and none", tt.in, j.ID, j.Problems, tt.want)
		}
	}
	j := mustDecode(t, `{"appId": 7, "batchId": 8, "uuid": 9}`)
	if j.AppID != "7" || j.BatchID != "8" || j.UUID != "9" {
		t.Errorf("numeric appId/batchId/uuid = %q/%q/%q", j.AppID, j.BatchID, j.UUID)
	}
}

func TestDecodeJobWrongTypes(t *testing.T) {
	tests := []struct {
		in, field string
	}{
		{`{"id": true}`, "id"},
		{`{"id": {"a": 1}}`, "id"},
		{`{"uuid": [1]}`, "uuid"},
		{`{"status": 3}`, "status"},
		{`{"jobType": false}`, "jobType"},
		{`{"callbackUrl": {}}`, "callbackUrl"},
		{`{"created": 1581514023}`, "created"},
		{`{"tags": "poodle"}`, "tags"},
		{`{"correct": "yes"}`, "correct"},
	}
	for _, tt := range tests {
		j := mustDecode(t, tt.in)
		if !hasProblem(j, tt.field) {
			t.Errorf("%s: Problems = %q, want one about %s", tt.in, j.Problems, tt.field)
		}
		if len(j.Problems) != 1 {
			t.Errorf("%s: %d problems, want 1: %q", tt.in, len(j.Problems), j.Problems)
		}
	}
	// A long value is cut in the message, keeping it one readable line.
	j := mustDecode(t, `{"id": {"x": "`+strings.Repeat("é", 200)+`"}}`)
	if len(j.Problems) != 1 || !strings.HasSuffix(j.Problems[0], "…") || len(j.Problems[0]) > 200 {
		t.Errorf("long value not truncated: %q", j.Problems)
	}
}

func TestDecodeJobNullAndAbsent(t *testing.T) {
	for _, in := range []string{
		`{}`,
		`{"id": null, "uuid": null, "appId": null, "batchId": null, "status": null,
		  "jobType": null, "callbackUrl": null, "created": null, "completed": null,
		  "input": null, "metadata": null, "tags": null, "correct": null}`,
	} {
		j := mustDecode(t, in)
		if j.Key() != "" || j.Status != "" || j.CallbackURL != "" || j.Tags != nil || j.Correct != nil ||
			!j.Created.IsZero() || !j.Completed.IsZero() || len(j.Problems) != 0 {
			t.Errorf("%s: decoded to %+v, want an empty job", in, j)
		}
		if string(j.Input()) != "null" || string(j.Metadata()) != "null" {
			t.Errorf("%s: Input/Metadata = %s/%s, want null", in, j.Input(), j.Metadata())
		}
	}
	j := mustDecode(t, `{"correct": false, "tags": []}`)
	if j.Correct == nil || *j.Correct {
		t.Errorf("correct false decoded as %v", j.Correct)
	}
	if j.Tags == nil || len(j.Tags) != 0 {
		t.Errorf("empty tags decoded as %#v", j.Tags)
	}
}

func TestDecodeJobKeyFallsBackToUUID(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"uuid": "u-1"}`, "u-1"},
		{`{"id": "", "uuid": "u-1"}`, "u-1"},
		{`{"id": 5, "uuid": "u-1"}`, "5"},
		{`{"id": null}`, ""},
	}
	for _, tt := range tests {
		j := mustDecode(t, tt.in)
		if got := j.Key(); got != tt.want {
			t.Errorf("%s: Key = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDecodeJobTimestampSpellings(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2020-02-12T13:27:03+00:00", "2020-02-12T13:27:03Z"},
		{"2020-02-12T13:41:41.695000+00:00", "2020-02-12T13:41:41.695Z"},
		{"2023-07-25T12:29:24.123Z", "2023-07-25T12:29:24.123Z"},
		{"2023-07-25 12:29:24 UTC", "2023-07-25T12:29:24Z"},
	}
	for _, tt := range tests {
		j := mustDecode(t, `{"created": "`+tt.in+`", "completed": "`+tt.in+`"}`)
		want := mustTime(t, tt.want)
		if !j.Created.Equal(want) || !j.Completed.Equal(want) || len(j.Problems) != 0 {
			t.Errorf("%s: Created = %v, Completed = %v, Problems = %q; want %v", tt.in, j.Created, j.Completed, j.Problems, want)
		}
	}
}

func TestDecodeJobOddDate(t *testing.T) {
	j := mustDecode(t, `{"id": "1", "status": "FAILED", "created": "12/02/2020", "completed": "2020-02-12T13:41:41Z"}`)
	if !j.Created.IsZero() {
		t.Errorf("Created = %v, want zero", j.Created)
	}
	if !hasProblem(j, "created") || len(j.Problems) != 1 {
		t.Errorf("Problems = %q, want one about created", j.Problems)
	}
	if !strings.Contains(j.Problems[0], "12/02/2020") {
		t.Errorf("problem %q does not quote the value", j.Problems[0])
	}
	// The rest of the job is unharmed.
	if j.ID != "1" || j.Status != StatusFailed || j.Completed.IsZero() {
		t.Errorf("odd date spoiled the rest: %+v", j)
	}
}

func TestDecodeJobTagsWithNonString(t *testing.T) {
	j := mustDecode(t, `{"tags": ["a", 1, null, "b", {"c": 2}]}`)
	if want := []string{"a", "b"}; !slices.Equal(j.Tags, want) {
		t.Errorf("Tags = %q, want %q", j.Tags, want)
	}
	if len(j.Problems) != 3 || !hasProblem(j, "tags") {
		t.Errorf("Problems = %q, want three about tags", j.Problems)
	}
	if !j.HasTag("a") || !j.HasTag("b") || j.HasTag("1") || j.HasTag("A") {
		t.Errorf("HasTag wrong for %q", j.Tags)
	}
}

func TestDecodeJobNotAnObject(t *testing.T) {
	for _, in := range []string{``, `   `, `null`, `[]`, `[{"id": "1"}]`, `"job"`, `42`, `true`} {
		if _, err := DecodeJob([]byte(in)); err == nil || !strings.Contains(err.Error(), "not a JSON object") {
			t.Errorf("DecodeJob(%q) error = %v, want 'not a JSON object'", in, err)
		}
	}
	for _, in := range []string{`{`, `{"id": }`, `{"id": "1"} trailing`, `{"id": "1"}{}`} {
		if _, err := DecodeJob([]byte(in)); err == nil || !strings.HasPrefix(err.Error(), "decode job: ") {
			t.Errorf("DecodeJob(%q) error = %v, want a wrapped decode error", in, err)
		}
	}
}

func TestDecodeJobKeepsUnknownKeys(t *testing.T) {
	in := `{"id": "1", "baselineId": 123456, "review": {"by": "x"}, "status": "SOMETHING_NEW"}`
	j := mustDecode(t, "\n "+in+"\t\n")
	if string(j.Raw) != in {
		t.Errorf("Raw = %s, want the trimmed input", j.Raw)
	}
	if j.Status != "SOMETHING_NEW" || len(j.Problems) != 0 {
		t.Errorf("unknown status: Status = %q, Problems = %q", j.Status, j.Problems)
	}
	out, err := j.MarshalJSON()
	if err != nil || string(out) != in {
		t.Errorf("MarshalJSON = %s, %v; want the input back", out, err)
	}
}

func TestJobInsideJSON(t *testing.T) {
	page := `{"jobs": [{"id": "1", "status": "FAILED"}, null, {"uuid": "u2", "tags": ["x"]}], "pages": 1}`
	var p struct {
		Jobs  []Job `json:"jobs"`
		Pages int   `json:"pages"`
	}
	if err := json.Unmarshal([]byte(page), &p); err != nil {
		t.Fatalf("Unmarshal page: %v", err)
	}
	if len(p.Jobs) != 3 || p.Jobs[0].ID != "1" || p.Jobs[0].Status != StatusFailed ||
		p.Jobs[1].Key() != "" || p.Jobs[2].Key() != "u2" {
		t.Errorf("page decoded to %+v", p.Jobs)
	}
	var bad struct{ Jobs []Job }
	if err := json.Unmarshal([]byte(`{"Jobs": ["nope"]}`), &bad); err == nil {
		t.Errorf("a non-object job decoded without error")
	}

	out, err := json.Marshal(p.Jobs)
	if err != nil {
		t.Fatal(err)
	}
	if want := `[{"id":"1","status":"FAILED"},{},{"uuid":"u2","tags":["x"]}]`; string(out) != want {
		t.Errorf("Marshal = %s, want %s", out, want)
	}
}

func TestJobInputAndMetadata(t *testing.T) {
	j := mustDecode(t, `{"input": [1, "two"], "metadata": {"ext": "a-9"}}`)
	assertJSONEqual(t, "Input", j.Input(), `[1, "two"]`)
	assertJSONEqual(t, "Metadata", j.Metadata(), `{"ext": "a-9"}`)
	var zero Job
	if string(zero.Input()) != "null" || string(zero.Metadata()) != "null" {
		t.Errorf("zero job Input/Metadata = %s/%s, want null", zero.Input(), zero.Metadata())
	}
}

// FuzzDecodeJob checks that no input makes DecodeJob panic, and that a job
// it accepts marshals back to exactly what came in.
func FuzzDecodeJob(f *testing.F) {
	f.Add(readReferenceJob(f))
	for _, seed := range []string{
		`{}`,
		`{"id": 12345678901234567890, "tags": ["a", 1], "created": "2023-07-25 12:29:24 UTC"}`,
		`{"id": null, "correct": "yes", "completed": "yesterday", "input": [1]}`,
		` {"uuid": "u", "status": "WEIRD"} `,
		`{"id": 1e999}`,
		`[]`,
		`{`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		j, err := DecodeJob(data)
		if err != nil {
			return
		}
		out, err := j.MarshalJSON()
		if err != nil {
			t.Fatalf("MarshalJSON: %v", err)
		}
		if want := bytes.TrimSpace(data); !bytes.Equal(out, want) {
			t.Fatalf("MarshalJSON = %q, want %q", out, want)
		}
		_ = j.Input()
		_ = j.Metadata()
	})
}
