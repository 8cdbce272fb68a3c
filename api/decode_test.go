package api

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"superdash/model"
)

func TestDecodeJobPageEnvelope(t *testing.T) {
	body := `{"jobs":[{"id":"1","status":"FAILED"},42,{"id":2,"created":"bad date"},"x",null],
		"pages":"3","total":7,"pageSize":3.0,"pageNumber":null}`
	p, elements, err := decodeJobPage([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	if elements != 5 || len(p.Jobs) != 2 {
		t.Fatalf("elements=%d jobs=%d, want 5 and 2", elements, len(p.Jobs))
	}
	if p.Jobs[0].ID != "1" || p.Jobs[1].ID != "2" || len(p.Jobs[1].Problems) == 0 {
		t.Errorf("jobs decoded wrong: %+v", p.Jobs)
	}
	if len(p.Problems) != 3 {
		t.Errorf("want 3 problems (42, \"x\", null skipped), got %q", p.Problems)
	}
	if p.Pages != 3 || p.Total == nil || *p.Total != 7 || p.PageSize == nil || *p.PageSize != 3 || p.PageNumber != nil {
		t.Errorf("counts: pages=%d total=%v pageSize=%v pageNumber=%v", p.Pages, p.Total, p.PageSize, p.PageNumber)
	}
	if p.Bytes != len(body) {
		t.Errorf("Bytes=%d want %d", p.Bytes, len(body))
	}
}

func TestDecodeJobPageLenientShapes(t *testing.T) {
	tests := []struct {
		name, body     string
		jobs, problems int
		pages          int
	}{
		{"minimal", `{"jobs":[],"pages":0}`, 0, 0, 0},
		{"no pages", `{"jobs":[{"id":"a"}]}`, 1, 0, 0},
		{"null jobs", `{"jobs":null,"pages":1}`, 0, 0, 1},
		{"bare array", ` [{"id":"a"},{"id":"b"}] `, 2, 0, 0},
		{"odd pages", `{"jobs":[],"pages":"many"}`, 0, 1, 0},
		{"fractional total", `{"jobs":[],"total":1.5}`, 0, 1, 0},
		{"unknown keys", `{"jobs":[{"id":"a","baselineId":9}],"pages":1,"next":"x"}`, 1, 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, _, err := decodeJobPage([]byte(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Jobs) != tt.jobs || len(p.Problems) != tt.problems || p.Pages != tt.pages {
				t.Errorf("jobs=%d problems=%q pages=%d; want %d, %d problems, %d", len(p.Jobs), p.Problems, p.Pages, tt.jobs, tt.problems, tt.pages)
			}
		})
	}
}

func TestDecodeJobPageRejectsWhatIsNotAList(t *testing.T) {
	for _, body := range []string{``, `   `, `{"jobs":[{"id":"1"}`, `<html>502</html>`, `{"message":"ok"}`, `{"jobs":{"id":"1"}}`, `"jobs"`, `{"jobs":[1,]}`} {
		if _, _, err := decodeJobPage([]byte(body)); err == nil {
			t.Errorf("decodeJobPage(%q) = nil error, want one", body)
		}
	}
}

func FuzzDecodeJobPage(f *testing.F) {
	for _, seed := range []string{
		`{"jobs":[{"id":"1","uuid":"u","status":"FAILED","created":"2020-02-12T13:27:03+00:00","tags":["a"],"correct":true}],"pages":1,"total":1,"pageSize":10,"pageNumber":0}`,
		`{"jobs":[1,"x",null,{"id":12345678901234567890}],"pages":"2"}`,
		`[{"id":"a"},[],{}]`,
		`{"jobs":null}`,
		`{"jobs":[{"id":"1"`,
		`{"jobs":[],"pages":1e3,"total":-1}`,
		`<html></html>`,
		``,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		p, elements, err := decodeJobPage(body)
		if err != nil {
			return
		}
		if !json.Valid(body) {
			t.Fatalf("accepted invalid JSON %q", body)
		}
		if p.Bytes != len(body) {
			t.Fatalf("Bytes=%d, body is %d", p.Bytes, len(body))
		}
		skipped := 0
		for _, pr := range p.Problems {
			if strings.HasPrefix(pr, "skipped element") {
				skipped++
			}
		}
		if len(p.Jobs)+skipped != elements {
			t.Fatalf("%d jobs + %d skipped != %d elements", len(p.Jobs), skipped, elements)
		}
		for _, j := range p.Jobs {
			if !json.Valid(j.Raw) {
				t.Fatalf("job Raw is not JSON: %q", j.Raw)
			}
		}
	})
}

func TestDecodeBatchListShapes(t *testing.T) {
	one := `{"batch_id":7,"app_uuid":"a","batch_total":"10","total_processed":4,"valid_count":3,
		"invalid_index":[1,2],"batch_processed":true,"created":"2023-07-25 12:29:24 UTC",
		"error_message":null,"errors_with_file":{"f.csv":["bad row"]}}`
	for _, body := range []string{
		"[" + one + "]",
		`{"batches":[` + one + `]}`,
		`{"items":[` + one + `],"total":1}`,
		`{"data":[` + one + `]}`,
	} {
		bs, err := decodeBatchList([]byte(body))
		if err != nil {
			t.Fatalf("%s: %v", body, err)
		}
		if len(bs) != 1 {
			t.Fatalf("%s: %d batches", body, len(bs))
		}
		b := bs[0]
		if b.ID != "7" || b.AppUUID != "a" || b.Total != 10 || b.Processed != 4 || b.ValidCount != 3 ||
			!b.BatchProcessed || b.Created.IsZero() || string(b.InvalidIndex) != "[1,2]" ||
			!strings.Contains(string(b.ErrorsWithFilename), "bad row") || len(b.Problems) != 0 {
			t.Errorf("decoded %+v", b)
		}
	}
	bs, err := decodeBatchList([]byte(`[{"batch_id":"b1","batch_total":"lots"},3]`))
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) != 2 || len(bs[0].Problems) != 1 || bs[1].ID != "" || len(bs[1].Problems) != 1 || string(bs[1].Raw) != "3" {
		t.Errorf("odd elements must be kept with problems: %+v", bs)
	}
	for _, body := range []string{`{"batch":[]}`, `"x"`, `[`, ``} {
		if _, err := decodeBatchList([]byte(body)); err == nil {
			t.Errorf("decodeBatchList(%q) = nil error", body)
		}
	}
}

func TestUnwrapBatch(t *testing.T) {
	if got := string(unwrapBatch([]byte(`{"batch":{"batch_id":"x"}}`))); got != `{"batch_id":"x"}` {
		t.Errorf("wrapped: %s", got)
	}
	if got := string(unwrapBatch([]byte(`{"batch_id":"x","batch":{"a":1}}`))); !strings.HasPrefix(got, `{"batch_id"`) {
		t.Errorf("bare object must stay: %s", got)
	}
}

func TestDecodeAppPage(t *testing.T) {
	p, err := decodeAppPage([]byte(`{"apps":[{"uuid":"u1","name":"Invoices","status":"ACTIVE","created":"2023-07-25 12:29:24 UTC"},
		"junk",{"uuid":"u2","created":"yesterday"}],"total":"2","pageSize":10,"pageNumber":0,"pages":1}`))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Apps) != 2 || p.Apps[0].Name != "Invoices" || p.Apps[0].Created.IsZero() || len(p.Apps[1].Problems) != 1 {
		t.Errorf("apps: %+v", p.Apps)
	}
	if p.Total != 2 || p.PageSize != 10 || p.Pages != 1 || len(p.Problems) != 1 {
		t.Errorf("envelope: %+v", p)
	}
	for _, body := range []string{`[]`, `{"total":1}`, `{"apps":`} {
		if _, err := decodeAppPage([]byte(body)); err == nil {
			t.Errorf("decodeAppPage(%q) = nil error", body)
		}
	}
}

func TestJobQueryValues(t *testing.T) {
	yes := true
	q := JobQuery{Page: 2, Size: 50, SortBy: "created", OrderBy: "desc",
		CreatedStart: time.Date(2024, 1, 2, 3, 4, 5, 678e6, time.FixedZone("", 2*3600)),
		StatusIn:     []model.Status{"FAILED", "EXPIRED"}, Tags: "a,b", Correct: &yes, BatchID: "b1"}
	got := q.values().Encode()
	want := "batchId=b1&correct=true&createdStartDate=2024-01-02T01%3A04%3A05Z&orderBy=desc&page=2&size=50&sortBy=created&statusIn=FAILED&statusIn=EXPIRED&tags=a%2Cb"
	if got != want {
		t.Errorf("query\n got %s\nwant %s", got, want)
	}
	if got := (JobQuery{}).values().Encode(); got != "page=0" {
		t.Errorf("zero query = %s", got)
	}
}

func TestCountFieldIsLenient(t *testing.T) {
	tests := []struct {
		raw     string
		want    *int
		problem bool
	}{
		{``, nil, false},
		{`null`, nil, false},
		{`12`, intPtr(12), false},
		{`"12"`, intPtr(12), false},
		{`" 7 "`, intPtr(7), false},
		{`3.0`, intPtr(3), false},
		{`1e3`, intPtr(1000), false},
		{`-2`, intPtr(-2), false},
		{`1.5`, nil, true},
		{`true`, nil, true},
		{`"lots"`, nil, true},
		{`1e300`, nil, true},
		{`[1]`, nil, true},
	}
	for _, tt := range tests {
		var problems []string
		var raw json.RawMessage
		if tt.raw != "" {
			raw = json.RawMessage(tt.raw)
		}
		got := countField("n", raw, &problems)
		if (got == nil) != (tt.want == nil) || got != nil && *got != *tt.want || (len(problems) > 0) != tt.problem {
			t.Errorf("countField(%s) = %v, problems %q", tt.raw, got, problems)
		}
	}
}

func intPtr(n int) *int { return &n }
