package detail

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

func texts(lines []line) string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = l.text
	}
	return strings.Join(out, "\n")
}

func TestPrettyJSON(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"scalar", `42`, `42`},
		{"big number kept as written", `12345678901234567890.50`, `12345678901234567890.50`},
		{"string escapes", `"a\"b\\c\nd\u001be\u0085f"`, `"a\"b\\c\nd\u001be\u0085f"`},
		{"bidi override", "\"x\u202ey\"", `"x�y"`},
		{"empty containers", `{"a":{},"b":[]}`, "{\n  \"a\": {},\n  \"b\": []\n}"},
		{"key order kept", `{"z":1,"a":2}`, "{\n  \"z\": 1,\n  \"a\": 2\n}"},
		{"nested", `[{"k":[true,false,null]}]`, "[\n  {\n    \"k\": [\n      true,\n      false,\n      null\n    ]\n  }\n]"},
		{"blank", "  \n", "(empty)"},
		{"not JSON", "{\"a\":}\n\tx", "not valid JSON (invalid character '}' looking for beginning of value), shown as text\n{\"a\":}\n    x"},
		{"unfinished", `{"a":1`, "not valid JSON (unexpected EOF), shown as text\n{\"a\":1"},
		{"two values", `1 2`, "not valid JSON (more than one JSON value), shown as text\n1 2"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := texts(prettyJSON([]byte(tc.in))); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestPrettyJSONRoles(t *testing.T) {
	lines := prettyJSON([]byte(`{"k": "v", "n": 1, "b": true, "z": null}`))
	want := []span{{2, rolePlain}, {5, roleKey}, {7, rolePunct}, {10, roleString}, {11, rolePunct}}
	if got := lines[1].spans; !slices.Equal(got, want) {
		t.Errorf("spans of %q: %v, want %v", lines[1].text, got, want)
	}
	for i, r := range []role{roleNumber, roleBool, roleNull} {
		if got := lines[i+2].spans[3].role; got != r {
			t.Errorf("line %q: value role %d, want %d", lines[i+2].text, got, r)
		}
	}
}

func TestPrettyJSONCaps(t *testing.T) {
	many := "[" + strings.Repeat("1,", maxJSONLines*2) + "1]"
	lines := prettyJSON([]byte(many))
	if len(lines) > maxJSONLines+2 || !strings.HasPrefix(lines[len(lines)-1].text, "… cut: showing the first 5000 lines of") {
		t.Errorf("%d lines, last %q", len(lines), lines[len(lines)-1].text)
	}

	long := `{"image": "` + strings.Repeat("A", 2*maxJSONBytes) + `"}`
	lines = prettyJSON([]byte(long))
	got := texts(lines)
	if !strings.HasPrefix(got, "{\n  \"image\": \"AAAA") || !strings.HasSuffix(got, "…\n… cut: showing the first 256 KiB of 512 KiB") {
		t.Errorf("cut string: %q … %q", got[:40], got[len(got)-60:])
	}
	for _, l := range lines {
		if len(l.text) > maxLineBytes+len("…") {
			t.Errorf("a line of %d bytes", len(l.text))
		}
	}

	deep := strings.Repeat("[", 100) + strings.Repeat("]", 100)
	for _, l := range prettyJSON([]byte(deep)) {
		if indent := len(l.text) - len(strings.TrimLeft(l.text, " ")); indent > maxIndentDepth*indentWidth {
			t.Fatalf("indent %d", indent)
		}
	}
}

func TestHumanBytes(t *testing.T) {
	for n, want := range map[int]string{0: "0 B", 1023: "1023 B", 1024: "1 KiB", 256 << 10: "256 KiB", 5 << 20: "5 MiB", 5_000_000: "4.8 MiB"} {
		if got := humanBytes(n); got != want {
			t.Errorf("humanBytes(%d) = %q, want %q", n, got, want)
		}
	}
}

func FuzzPrettyJSON(f *testing.F) {
	for _, seed := range []string{
		`{"a":[1,2,{"b":null}],"c":"\u001b[2J"}`, `[]`, `{}`, `"x`, `{"a":}`, `1 2`, "\xff\xfe", `[[[[`,
		`{"k":"` + "\u202e" + `"}`, "\"\\ud800\"", `-0.0e+1`, "\x1b]52;c;ZXZpbA==\x07",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, l := range prettyJSON(data) {
			for _, r := range l.text {
				if unicode.IsControl(r) || isFormat(r) {
					t.Fatalf("control %U in line %q", r, l.text)
				}
			}
			if n := len(l.spans); n > 0 && l.spans[n-1].end != len(l.text) {
				t.Fatalf("spans end at %d, text at %d", l.spans[n-1].end, len(l.text))
			}
		}
	})
}

// isFormat reports the bidirectional controls a terminal could be tricked
// by; sanitize replaces them.
func isFormat(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f
}

func TestPrettyJSONCapsText(t *testing.T) {
	lines := prettyJSON([]byte("<" + strings.Repeat("x\n", maxJSONLines*2)))
	if last := lines[len(lines)-1].text; len(lines) != maxJSONLines+2 || last != "… cut: showing the first 5000 lines of 20 KiB" {
		t.Errorf("%d lines, last %q", len(lines), last)
	}
	lines = prettyJSON([]byte("<" + strings.Repeat("x", 2*maxJSONBytes)))
	if last := lines[len(lines)-1].text; last != "… cut: showing the first 256 KiB of 512 KiB" {
		t.Errorf("last %q", last)
	}
}
