package api

import (
	"bytes"
	"encoding/json"
	"testing"

	"superdash/model"
)

// The decoders of the app list and of the batch endpoints read bodies
// written by someone else, like the job list (FuzzDecodeJobPage): no
// body may make them panic or hang, and what they accept must have been
// JSON. Run one with, e.g.:
//
//	go test ./api -run '^$' -fuzz '^FuzzDecodeAppPage$' -fuzztime 1m
//
// The seeds below run as ordinary tests in every `go test`.

func FuzzDecodeAppPage(f *testing.F) {
	for _, seed := range []string{
		`{"apps":[{"uuid":"u1","name":"Invoices","status":"ACTIVE","created":"2023-07-25 12:29:24 UTC"}],"total":1,"pageSize":10,"pageNumber":0,"pages":1}`,
		`{"apps":["junk",42,null,{"uuid":7,"created":"yesterday"},{"name":"\u001b]52;c;aGk=\u0007"}],"total":"2"}`,
		`{"apps":[{"uuid":"u2","name":"  Payroll\t","status":"enabled","ownerUsername":"ana@example.com","created":"2023-07-25T12:29:24Z"}]}`,
		`{"apps":null,"pages":"many","total":1.5}`,
		`{"apps":{"uuid":"u"}}`,
		`{"apps":[{"uuid":"u","created":"2023-07-25T12:29:24.123Z"},{"uuid":"v","created":"2020-02-12T13:41:41.695000+00:00"}]}`,
		`{"total":1}`,
		`{"apps":[`,
		`[]`,
		`<html>502 Bad Gateway</html>`,
		``,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		p, err := decodeAppPage(body)
		if err != nil {
			return
		}
		// The decoders trim Unicode white space (\f, \v and all), which
		// JSON itself does not allow: what is left must be JSON.
		if !json.Valid(bytes.TrimSpace(body)) {
			t.Fatalf("accepted invalid JSON %q", body)
		}
		requireAppsAsSent(t, body, p)
	})
}

// requireAppsAsSent checks a decoded app page against the body read
// independently, with plain encoding/json: every element of "apps" is an
// app or a skipped element, objects kept in order, and each string field
// the body sends is the app's, unchanged; a field that is not a string is
// empty in the app (and a created that is not a string is no time).
func requireAppsAsSent(t *testing.T, body []byte, p model.AppPage) {
	t.Helper()
	var ref struct {
		Apps []json.RawMessage `json:"apps"`
	}
	if err := json.Unmarshal(bytes.TrimSpace(body), &ref); err != nil {
		t.Fatalf("accepted %q, which encoding/json cannot read as an app page: %v", body, err)
	}
	var objects []json.RawMessage
	for _, e := range ref.Apps {
		if e = bytes.TrimSpace(e); len(e) > 0 && e[0] == '{' {
			objects = append(objects, e)
		}
	}
	if len(p.Apps) != len(objects) {
		t.Fatalf("%d apps from %d objects among %d elements: %q", len(p.Apps), len(objects), len(ref.Apps), body)
	}
	for i, obj := range objects {
		var sent struct {
			UUID    any `json:"uuid"`
			Name    any `json:"name"`
			Status  any `json:"status"`
			Owner   any `json:"ownerUsername"`
			Created any `json:"created"`
		}
		if err := json.Unmarshal(obj, &sent); err != nil {
			t.Fatalf("app %d: %v", i, err)
		}
		a := p.Apps[i]
		for _, f := range []struct {
			name string
			sent any
			got  string
		}{
			{"name", sent.Name, a.Name}, {"status", sent.Status, a.Status}, {"ownerUsername", sent.Owner, a.Owner},
		} {
			want, _ := f.sent.(string) // not a string: the app holds none
			if f.got != want {
				t.Fatalf("app %d: %s is %q, the body sent %#v: %s", i, f.name, f.got, f.sent, obj)
			}
		}
		if uuid, ok := sent.UUID.(string); ok && a.UUID != uuid {
			t.Fatalf("app %d: uuid is %q, the body sent %q", i, a.UUID, uuid)
		}
		if _, ok := sent.Created.(string); !ok && !a.Created.IsZero() {
			t.Fatalf("app %d: created is %v, the body sent %#v", i, a.Created, sent.Created)
		}
	}
}

func FuzzDecodeBatchList(f *testing.F) {
	one := `{"batch_id":7,"app_uuid":"a","batch_total":"10","total_processed":4,"valid_count":3,` +
		`"invalid_index":[1,2],"batch_processed":true,"created":"2023-07-25 12:29:24 UTC",` +
		`"error_message":null,"errors_with_file":{"f.csv":["bad row"]}}`
	for _, seed := range []string{
		"[" + one + "]",
		`{"batches":[` + one + `]}`,
		`{"items":[` + one + `],"total":1}`,
		`{"data":[` + one + `,3,"x",null,[]]}`,
		`[{"batch_id":"b1","batch_total":"lots","total_processed":1e999,"created":"soon"}]`,
		`{"batch":[]}`,
		`{"batches":null}`,
		`"x"`,
		`[`,
		``,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		bs, err := decodeBatchList(body)
		if err != nil {
			return
		}
		// The decoders trim Unicode white space (\f, \v and all), which
		// JSON itself does not allow: what is left must be JSON.
		if !json.Valid(bytes.TrimSpace(body)) {
			t.Fatalf("accepted invalid JSON %q", body)
		}
		for _, b := range bs {
			// Every element is kept, odd ones as a placeholder holding what
			// was sent: its Raw is always the element's JSON.
			if !json.Valid(b.Raw) {
				t.Fatalf("batch Raw is not JSON: %q", b.Raw)
			}
		}
	})
}

// FuzzDecodeBatch is GetBatch's decoding: a bare batch object or one
// wrapped in {"batch": ...}.
func FuzzDecodeBatch(f *testing.F) {
	for _, seed := range []string{
		`{"batch_id":"b1","app_uuid":"a","batch_total":10,"total_processed":"4","batch_processed":false,"created":"2020-02-12T13:27:03+00:00","error_message":"\u001b[2J"}`,
		`{"batch":{"batch_id":9,"errors_with_filename":{"a.csv":[1]}}}`,
		`{"batch_id":"x","batch":{"a":1}}`,
		`{"batch":"not an object"}`,
		`{"batch": null}`,
		`{"batch_id":null,"valid_count":-1,"invalid_index":null}`,
		`[]`,
		`{`,
		``,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		inner := unwrapBatch(body)
		b, err := model.DecodeBatch(inner)
		if err != nil {
			return
		}
		if !json.Valid(b.Raw) || !bytes.Equal(b.Raw, bytes.TrimSpace(inner)) {
			t.Fatalf("Raw = %q, want the object decoded, %q", b.Raw, bytes.TrimSpace(inner))
		}
	})
}
