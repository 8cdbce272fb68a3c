// Package decoders compares JSON decoders on real-shaped job pages, for the
// choice recorded in BENCHMARKS.md ("Decoding a page of jobs"). It is a
// module of its own so that the candidates not chosen (goccy/go-json)
// never become dependencies of superdash:
//
//	cd scripts/decoders && go test -run '^$' -bench . -benchmem
package decoders

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/go-json-experiment/json/jsontext"
	gojson "github.com/goccy/go-json"

	"superdash/internal/jobpages"
	"superdash/model"
)

// rawPage: one pass that keeps each job raw, as the dashboard needs.
type rawPage struct {
	Jobs []json.RawMessage `json:"jobs"`
}

// wireJob is the lenient shape: every field raw, read afterwards.
type wireJob struct {
	ID          gojson.RawMessage `json:"id"`
	UUID        gojson.RawMessage `json:"uuid"`
	AppID       gojson.RawMessage `json:"appId"`
	BatchID     gojson.RawMessage `json:"batchId"`
	Status      gojson.RawMessage `json:"status"`
	JobType     gojson.RawMessage `json:"jobType"`
	CallbackURL gojson.RawMessage `json:"callbackUrl"`
	Created     gojson.RawMessage `json:"created"`
	Completed   gojson.RawMessage `json:"completed"`
	Tags        gojson.RawMessage `json:"tags"`
	Correct     gojson.RawMessage `json:"correct"`
	Input       gojson.RawMessage `json:"input"`
	Metadata    gojson.RawMessage `json:"metadata"`
}

// goccyLenient is the dashboard's old two-pass design with goccy doing the
// passes: the jobs split off raw, each job into raw fields. It stops
// there: turning the fields into values (strings, dates, interning) is
// not counted, which superdash-stream-v2 does count.
func goccyLenient(b []byte) error {
	var p rawPage
	if err := gojson.Unmarshal(b, &p); err != nil {
		return err
	}
	for _, raw := range p.Jobs {
		var w wireJob
		if err := gojson.Unmarshal(raw, &w); err != nil {
			return err
		}
	}
	return nil
}

// streamPage is superdash's reader: model.ReadJob over a jsontext stream.
func streamPage(b []byte) error {
	dec := model.NewDecoder(b)
	if _, err := dec.ReadToken(); err != nil {
		return err
	}
	for dec.PeekKind() != '}' {
		name, err := dec.ReadToken()
		if err != nil {
			return err
		}
		if name.String() != "jobs" {
			if err := dec.SkipValue(); err != nil {
				return err
			}
			continue
		}
		if _, err := dec.ReadToken(); err != nil {
			return err
		}
		for dec.PeekKind() != ']' {
			if _, err := model.ReadJob(dec, b); err != nil {
				return err
			}
		}
		if _, err := dec.ReadToken(); err != nil {
			return err
		}
	}
	return nil
}

func BenchmarkDecoders(b *testing.B) {
	pages, err := jobpages.Pages(20_000, 500)
	if err != nil {
		b.Fatal(err)
	}
	size := 0
	for _, p := range pages {
		size += len(p)
	}
	for _, d := range []struct {
		name   string
		decode func([]byte) error
	}{
		{"superdash-stream-v2", streamPage},
		{"v2-jsontext-skip", func(b []byte) error {
			return jsontext.NewDecoder(bytes.NewBuffer(b)).SkipValue()
		}},
		{"goccy-plain-struct", func(b []byte) error { var p jobpages.Plain; return gojson.Unmarshal(b, &p) }},
		{"goccy-two-passes-raw-fields", goccyLenient},
		{"goccy-raw-jobs", func(b []byte) error { var p rawPage; return gojson.Unmarshal(b, &p) }},
		{"v1-plain-struct", func(b []byte) error { var p jobpages.Plain; return json.Unmarshal(b, &p) }},
		{"v1-raw-jobs", func(b []byte) error { var p rawPage; return json.Unmarshal(b, &p) }},
	} {
		b.Run(d.name, func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				for _, p := range pages {
					if err := d.decode(p); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
