package sanitize

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLine(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"plain ascii is unchanged", "job-123 poodle", "job-123 poodle"},
		{"unicode is kept", "ラベル 🐩 café", "ラベル 🐩 café"},
		{"osc 52 clipboard write", "\x1b]52;c;aGk=\x07", "␛]52;c;aGk=␇"},
		{"screen clear", "\x1b[2J", "␛[2J"},
		{"newline and tab are visible", "a\nb\tc", "a␊b␉c"},
		{"carriage return", "ok\rEVIL", "ok␍EVIL"},
		{"delete", "a\x7fb", "a␡b"},
		{"c1 csi", "a\u009b2Jb", "a�2Jb"},
		{"bidi override", "abc\u202edcba", "abc�dcba"},
		{"bidi isolate", "x\u2066y\u2069", "x�y�"},
		{"invalid utf-8", "a\xffb", "a�b"},
		{"empty", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Line(tc.in); got != tc.want {
				t.Errorf("Line(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestText(t *testing.T) {
	got := Text("line one\n\tindented\x1b[31m red")
	want := "line one\n    indented␛[31m red"
	if got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
}

// assertSafe fails when out holds anything a terminal would act on.
func assertSafe(t *testing.T, in, out string, multiline bool) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("output for %q is not valid UTF-8: %q", in, out)
	}
	for _, r := range out {
		switch {
		case multiline && r == '\n':
		case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f, isFormatControl(r):
			t.Fatalf("output for %q holds control %U: %q", in, r, out)
		}
	}
}

func FuzzSanitize(f *testing.F) {
	for _, seed := range []string{
		"plain", "\x1b]52;c;aGk=\x07", "\x1b[2J\x1b[H", "\x1b]0;title\x07",
		"\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "\u009b31m", "\u202e", "\xff\xfe",
		"a\r\nb\tc", strings.Repeat("é", 10),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		assertSafe(t, in, Line(in), false)
		assertSafe(t, in, Text(in), true)
		if strings.Contains(Line(in), "\n") {
			t.Fatalf("Line(%q) kept a newline", in)
		}
	})
}

func BenchmarkLinePlain(b *testing.B) {
	s := "1234567 COMPLETED poodle pink batch-42"
	for b.Loop() {
		_ = Line(s)
	}
}
