package api

import (
	"encoding/json"
	"testing"

	"superdash/internal/jobpages"
)

// pageDecoders are the ways of reading a page that BenchmarkDecodeJobPage
// compares; the first is the one in use.
var pageDecoders = []struct {
	name   string
	decode func([]byte) error
}{
	{"stream-v2", func(b []byte) error { _, _, err := decodeJobPage(b); return err }},
	{"v1-three-passes", func(b []byte) error { _, _, err := legacyDecodeJobPage(b); return err }},
	{"v1-plain-struct", func(b []byte) error { var p jobpages.Plain; return json.Unmarshal(b, &p) }},
}

// BenchmarkDecodeJobPage reads the 40 pages of 500 of a 20,000-job app with
// each decoder; SetBytes makes the MB/s comparable.
//
//	go test ./api -run '^$' -bench DecodeJobPage -benchmem
func BenchmarkDecodeJobPage(b *testing.B) {
	pages, err := jobpages.Pages(20_000, 500)
	if err != nil {
		b.Fatal(err)
	}
	size := 0
	for _, p := range pages {
		size += len(p)
	}
	for _, d := range pageDecoders {
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
