package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

// referenceStrings is what appendJSONStrings must find, read with
// encoding/json's tokenizer: the string values under the top-level input
// and metadata members, in document order, each followed by searchSep.
func referenceStrings(raw []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, errors.New("not an object")
	}
	var out []byte
	var walk func(collect bool) error
	walk = func(collect bool) error {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch v := tok.(type) {
		case string:
			if collect {
				out = append(append(out, v...), searchSep)
			}
		case json.Delim:
			for dec.More() {
				if v == '{' {
					if _, err := dec.Token(); err != nil { // the key
						return err
					}
				}
				if err := walk(collect); err != nil {
					return err
				}
			}
			_, err := dec.Token() // the closing bracket
			return err
		}
		return nil
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return nil, err
		}
		if err := walk(key == "input" || key == "metadata"); err != nil {
			return nil, err
		}
	}
	if _, err := dec.Token(); err != nil && err != io.EOF {
		return nil, err
	}
	return out, nil
}

func FuzzSearchText(f *testing.F) {
	for _, doc := range matchDocs {
		f.Add([]byte(doc))
	}
	for _, doc := range []string{
		`{}`, `{"input": null}`, `{"input": "a\"b\\c\u00e9\ud83d\ude00"}`, `{"input": [[], {}, [1, "x"]], "metadata": {"k": {"k": "v"}}}`,
		`{"input": "x", "input": "y"}`, `{"in\u0070ut": "escaped key"}`, `{"input": "\xff raw"}`,
		`{"input": [`, `{"input": "unterminated`, `[1, 2]`, `{"input": 1e5, "metadata": -0.5}`,
	} {
		f.Add([]byte(doc))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		got := appendJSONStrings(nil, raw, 1<<30) // must not panic, whatever raw is
		// With a limit, the same strings up to it, the last one cut between
		// two runes (so valid UTF-8 stays valid), then its separator.
		for _, limit := range []int{1, 7, 64} {
			cut := appendJSONStrings(nil, raw, limit)
			if len(cut) == 0 {
				continue
			}
			body := cut[:len(cut)-1]
			if len(cut) > limit+1 || cut[len(cut)-1] != searchSep || !bytes.HasPrefix(got, body) ||
				utf8.Valid(got) && !utf8.Valid(body) {
				t.Fatalf("appendJSONStrings(%q, limit %d) = %q, not a cut of %q", raw, limit, cut, got)
			}
		}
		if !json.Valid(raw) {
			return
		}
		want, err := referenceStrings(raw)
		if err != nil {
			return // valid JSON, but not an object
		}
		// encoding/json replaces invalid UTF-8 in strings, the scanner
		// leaves it to the lower-casing that follows: compare after that.
		if g, w := strings.ToLower(string(got)), strings.ToLower(string(want)); g != w {
			t.Fatalf("appendJSONStrings(%q) = %q, want %q", raw, g, w)
		}
	})
}

func TestAppendJSONStringsDeepNesting(t *testing.T) {
	deep := `{"input": ` + strings.Repeat("[", 100000) + `"x"` + strings.Repeat("]", 100000) + `, "metadata": "m"}`
	if got := appendJSONStrings(nil, []byte(deep), 1<<20); len(got) != 0 {
		t.Errorf("scanner followed nesting past its depth limit: %q", got)
	}
}
