package model

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"
)

func exportJobs(t *testing.T) []*Job {
	t.Helper()
	ref, err := os.ReadFile("testdata/reference_job.json")
	if err != nil {
		t.Fatal(err)
	}
	a, err := DecodeJob(ref)
	if err != nil {
		t.Fatal(err)
	}
	b, err := DecodeJob([]byte(`{"id": 7, "status": "FAILED", "tags": ["a,b", "say \"hi\""],
		"created": "2023-07-25 12:29:24 UTC", "input": {"text": "line\none"}, "metadata": null}`))
	if err != nil {
		t.Fatal(err)
	}
	return []*Job{&a, &b}
}

func TestExportJSONLKeepsEachJobAsSent(t *testing.T) {
	jobs := exportJobs(t)
	var out bytes.Buffer
	if err := Export(&out, FormatJSONL, jobs, nil); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != len(jobs) {
		t.Fatalf("%d lines for %d jobs:\n%s", len(lines), len(jobs), out.String())
	}
	for i, line := range lines {
		var want, got any
		if err := json.Unmarshal(jobs[i].Raw, &want); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(line), &got); err != nil {
			t.Fatalf("line %d is not JSON: %v", i, err)
		}
		wantJSON, _ := json.Marshal(want)
		gotJSON, _ := json.Marshal(got)
		if !bytes.Equal(wantJSON, gotJSON) {
			t.Errorf("line %d differs from the job:\n got %s\nwant %s", i, gotJSON, wantJSON)
		}
	}
	if !strings.Contains(lines[0], `"baselineId":123456`) {
		t.Error("unknown keys were dropped from the export")
	}
}

func TestExportCSV(t *testing.T) {
	var out bytes.Buffer
	if err := Export(&out, FormatCSV, exportJobs(t), nil); err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatalf("the export is not valid CSV: %v", err)
	}
	if len(records) != 3 || strings.Join(records[0], ",") != strings.Join(csvHeader, ",") {
		t.Fatalf("records: %q", records)
	}
	want := []string{"1234567", "1a23bc4d-ef56-7g89-0h12-i23456jk78l9", "123abc45-6789-01de-f2g3-45h67ijk8901", "",
		"COMPLETED", "DEFAULT", "2020-02-12T13:27:03Z", "2020-02-12T13:41:41.695Z", "poodle;pink", "true", "",
		`{"image_url":"data://12345/images/dogs/poodles/pink-poodle.jpeg"}`, "null"}
	if strings.Join(records[1], "|") != strings.Join(want, "|") {
		t.Errorf("reference job row:\n got %q\nwant %q", records[1], want)
	}
	odd := records[2]
	if odd[0] != "7" || odd[6] != "2023-07-25T12:29:24Z" || odd[8] != `a,b;say "hi"` || odd[11] != `{"text":"line\none"}` {
		t.Errorf("odd job row: %q", odd)
	}
}

func TestExportCleansWhenAsked(t *testing.T) {
	j, err := DecodeJob([]byte(`{"id":"1","tags":["\u001b]52;c;aGk=\u0007"]}`))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	clean := func(s string) string { return strings.ReplaceAll(s, "\x1b", "ESC") }
	if err := Export(&out, FormatCSV, []*Job{&j}, clean); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "\x1b") || !strings.Contains(out.String(), "ESC]52") {
		t.Errorf("clean was not applied: %q", out.String())
	}
}

func TestParseExportFormat(t *testing.T) {
	for in, want := range map[string]ExportFormat{"jsonl": FormatJSONL, "CSV": FormatCSV, "ndjson": FormatJSONL, " ids": FormatIDs} {
		if got, err := ParseExportFormat(in); err != nil || got != want {
			t.Errorf("ParseExportFormat(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseExportFormat("xml"); err == nil {
		t.Error("xml accepted")
	}
}

func TestExportIDsOneALine(t *testing.T) {
	var out bytes.Buffer
	jobs := exportJobs(t)
	if err := Export(&out, FormatIDs, jobs, nil); err != nil {
		t.Fatal(err)
	}
	if want := jobs[0].Key() + "\n7\n"; out.String() != want {
		t.Errorf("ids %q, want %q", out.String(), want)
	}
	bad, err := DecodeJob([]byte(`{"id": "12\n13"}`))
	if err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := Export(&out, FormatIDs, []*Job{jobs[0], &bad}, nil); err == nil || out.Len() != 0 {
		t.Errorf("an id with a line break: err %v, wrote %q", err, out.String())
	}
}

// spacedJSON says of valid JSON exactly whether json.Compact would change
// it: a job it calls compact may be written as it is, and one it calls
// spaced is compacted for a reason.
func FuzzSpacedJSON(f *testing.F) {
	for _, seed := range []string{`{"a":1}`, `{"a": 1}`, `{"a":"b c\" d"}`, "{\"a\":\"\\\\\"}", "[1,\n2]", `"x"`, `{"a":"\t"}`,
		`{"a":"\\\\"} `, `{"a":"x\\\"y"}`, `["\\", 1]`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		if !json.Valid(raw) {
			return
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, raw); err != nil {
			t.Fatal(err)
		}
		if changed := !bytes.Equal(compact.Bytes(), raw); spacedJSON(raw) != changed {
			t.Fatalf("spacedJSON(%q) = %v, but compacting it gives %q", raw, !changed, compact.Bytes())
		}
	})
}

// Jobs with white space between their tokens are put on one line; the
// spaces in their strings stay.
func TestExportJSONLOneLinePerJob(t *testing.T) {
	jobs := []*Job{
		{ID: "1", Raw: []byte("{\"id\": \"1\",\n \"note\": \"two  spaces\"}")},
		{ID: "2", Raw: []byte(`{"id":"2","note":"a b"}`)},
	}
	var out bytes.Buffer
	if err := Export(&out, FormatJSONL, jobs, nil); err != nil {
		t.Fatal(err)
	}
	want := "{\"id\":\"1\",\"note\":\"two  spaces\"}\n{\"id\":\"2\",\"note\":\"a b\"}\n"
	if out.String() != want {
		t.Errorf("export:\n%s\nwant:\n%s", out.String(), want)
	}
	bad := []*Job{{ID: "3", Raw: []byte(`{"id": `)}}
	if err := Export(&out, FormatJSONL, bad, nil); err == nil {
		t.Error("a job whose Raw is not JSON was exported")
	}
}

type countingWriter struct{ writes int }

func (w *countingWriter) Write(p []byte) (int, error) { w.writes++; return len(p), nil }

// The export is written in large blocks, not a write (a system call, on a
// pipe or a file) per job.
func TestExportJSONLWritesInBlocks(t *testing.T) {
	jobs := make([]*Job, 1000)
	for i := range jobs {
		jobs[i] = &Job{ID: strconv.Itoa(i), Raw: []byte(`{"id":"` + strconv.Itoa(i) + `"}`)}
	}
	var w countingWriter
	if err := Export(&w, FormatJSONL, jobs, nil); err != nil {
		t.Fatal(err)
	}
	if w.writes > 2 {
		t.Errorf("%d writes for 1,000 small jobs", w.writes)
	}
}
