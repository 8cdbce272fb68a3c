package model

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"
)

// Fuzz targets for the app and batch decoders and the timestamp reader,
// beside FuzzDecodeJob: every string they read comes from the API. None may
// panic or hang; what they accept must be JSON, kept as sent. Run one with:
//
//	go test ./model -run '^$' -fuzz '^FuzzDecodeApp$' -fuzztime 1m

func FuzzDecodeApp(f *testing.F) {
	for _, seed := range []string{
		`{"uuid":"u1","name":"Invoices","status":"ACTIVE","created":"2023-07-25 12:29:24 UTC"}`,
		`{"uuid":12345678901234567890,"name":null,"status":7,"created":"yesterday"}`,
		`{"uuid":"u","name":"\u001b]0;pwned\u0007\u202e","created":"2020-02-12T13:41:41.695000+00:00"}`,
		`{"uuid":1e999}`,
		`{}`,
		`null`,
		`[]`,
		`{`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := DecodeApp(data)
		if err != nil {
			return
		}
		// The decoders trim Unicode white space (\f, \v and all), which
		// JSON itself does not allow: what is left must be JSON.
		if !json.Valid(bytes.TrimSpace(data)) {
			t.Fatalf("accepted invalid JSON %q", data)
		}
		if !a.Created.IsZero() && a.Created.Location() != time.UTC {
			t.Fatalf("created %v is not in UTC", a.Created)
		}
	})
}

func FuzzDecodeBatch(f *testing.F) {
	for _, seed := range []string{
		`{"batch_id":7,"app_uuid":"a","batch_total":"10","total_processed":4,"valid_count":3,"invalid_index":[1,2],"batch_processed":true,"created":"2023-07-25 12:29:24 UTC","error_message":null,"errors_with_file":{"f.csv":["bad row"]}}`,
		`{"batch_id":"b","batch_total":"lots","total_processed":1e300,"valid_count":1.5,"batch_processed":"yes","created":"soon"}`,
		`{"batch_id":null,"errors_with_filename":null,"errors_with_file":[1]}`,
		`{"error_message":"\u001b[2J\u009b31m"}`,
		`{}`,
		`[1]`,
		`"x"`,
		`{`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := DecodeBatch(data)
		if err != nil {
			return
		}
		if !bytes.Equal(b.Raw, bytes.TrimSpace(data)) {
			t.Fatalf("Raw = %q, want what was sent, %q", b.Raw, bytes.TrimSpace(data))
		}
		out, err := json.Marshal(b)
		if err != nil || !json.Valid(out) {
			t.Fatalf("Marshal = %q, %v", out, err)
		}
	})
}

func FuzzParseTimestamp(f *testing.F) {
	for _, seed := range []string{
		"2020-02-12T13:27:03+00:00",
		"2020-02-12T13:41:41.695000+00:00",
		"2024-03-12T10:00:00.123Z",
		"2023-07-25 12:29:24 UTC",
		"2023-07-25 12:29:24",
		"2023-07-25T12:29:24",
		"2023-07-25 12:29:24 PST",
		"0000-01-01T00:00:00Z",
		"9999-12-31T23:59:59.999999999-23:59",
		"yesterday",
		"",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ts, err := ParseTimestamp(s)
		if err != nil {
			if !ts.IsZero() {
				t.Fatalf("ParseTimestamp(%q) failed but returned %v", s, ts)
			}
			return
		}
		if !ts.IsZero() && ts.Location() != time.UTC {
			t.Fatalf("ParseTimestamp(%q) = %v, not in UTC", s, ts)
		}
	})
}
