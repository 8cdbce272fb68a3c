package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"superdash/model"
)

// The job page decoder as it was before pages were read in one streaming
// pass: encoding/json v1 unmarshals the envelope, then the list, then each
// job (model.DecodeJob). It is kept, frozen, as the reference the streaming
// decoder must agree with (FuzzDecodeJobPageMatchesV1); model's
// FuzzDecodeJobMatchesV1 does the same for the jobs themselves.

// legacyWirePage is the list envelope; fields are read leniently.
type legacyWirePage struct {
	Jobs       json.RawMessage `json:"jobs"`
	Pages      json.RawMessage `json:"pages"`
	Total      json.RawMessage `json:"total"`
	PageSize   json.RawMessage `json:"pageSize"`
	PageNumber json.RawMessage `json:"pageNumber"`
}

// decodeJobPage reads a job list body: {"jobs":[...],"pages":N,...}, or a
// bare array from a host that sends no envelope. It fails only when the
// body is not JSON or holds no job list at all; a bad element or count is a
// Problem, never a lost page. It also returns the element count.
func legacyDecodeJobPage(body []byte) (JobPage, int, error) {
	page := JobPage{Bytes: len(body)}
	trimmed := bytes.TrimSpace(body)
	var w legacyWirePage
	switch {
	case len(trimmed) > 0 && trimmed[0] == '[':
		w.Jobs = trimmed
	case len(trimmed) > 0 && trimmed[0] == '{':
		if err := json.Unmarshal(trimmed, &w); err != nil {
			return JobPage{}, 0, err
		}
		if w.Jobs == nil {
			return JobPage{}, 0, errors.New(`no "jobs" list in the response`)
		}
	default:
		return JobPage{}, 0, fmt.Errorf("expected a JSON object, got %q", bound(string(trimmed)))
	}
	jobs, elements, err := decodeList("jobs", w.Jobs, model.DecodeJob, &page.Problems)
	if err != nil {
		return JobPage{}, 0, err
	}
	page.Jobs = jobs
	if pages := countField("pages", w.Pages, &page.Problems); pages != nil {
		page.Pages = *pages
	}
	page.Total = countField("total", w.Total, &page.Problems)
	page.PageSize = countField("pageSize", w.PageSize, &page.Problems)
	page.PageNumber = countField("pageNumber", w.PageNumber, &page.Problems)
	return page, elements, nil
}

func FuzzDecodeJobPageMatchesV1(f *testing.F) {
	for _, seed := range []string{
		`{"jobs":[{"id":"1","status":"FAILED"},42,{"id":2,"created":"bad date"},"x",null],"pages":"3","total":7,"pageSize":3.0,"pageNumber":null}`,
		`{"JOBS":[{"id":"a"}],"Pages":2,"pages":3,"TOTAL":"x","next":{"jobs":1}}`,
		`{"jobs":{"id":"1"},"jobs":[{"id":"2"}]}`,
		`{"jobs":[{"id":"2"}],"jobs":"x"}`,
		`{"jobs":[{"id":"2"}],"jobs":null}`,
		`{"jobs":[],"pages":1e3,"total":-1,"pageSize":12345678901234567890}`,
		`{"pages":1}`,
		` [{"id":"a"},[],{},true] `,
		`[{"id":"a"}] [`,
		`{"jobs":[1,]}`,
		`{"jobs":[{"id":"1"}`,
		"{\"jobs\":[{\"id\":\"\xff\"}],\"\\u006aobs\":[]}",
		`<html></html>`,
		`"jobs"`,
		``,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		got, gotElements, gotErr := decodeJobPage(body)
		want, wantElements, wantErr := legacyDecodeJobPage(body)
		if (gotErr == nil) != (wantErr == nil) {
			t.Fatalf("decodeJobPage(%q): error %v, v1 error %v", body, gotErr, wantErr)
		}
		if gotErr != nil {
			return
		}
		if gotElements != wantElements || !reflect.DeepEqual(got, want) {
			t.Fatalf("decodeJobPage(%q):\n got %d elements, %#v\nwant %d elements, %#v", body, gotElements, got, wantElements, want)
		}
	})
}
