package sanitize

import (
	"strings"
	"testing"
	"unicode"
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
		{"zero-width space", "pay\u200bpal", "pay�pal"},
		{"invisible tag characters", "ok\U000E0068\U000E0069", "ok��"},
		{"joined emoji are kept", "👨\u200d👩\u200d👧", "👨\u200d👩\u200d👧"},
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

// mayReachTerminal is the reference the fuzz target holds the sanitiser
// to, built from Unicode's own categories rather than the sanitiser's
// tables: no control character (Cc: C0, DEL, C1), no format character (Cf:
// bidirectional marks and overrides, zero-width spaces, invisible tag
// characters) but the zero-width joiner and non-joiner, which join the
// letters of some scripts and the parts of emoji and hide nothing, and no
// line or paragraph separator (Zl, Zp). multiline lets \n through.
func mayReachTerminal(r rune, multiline bool) bool {
	switch {
	case multiline && r == '\n':
		return true
	case r == '\u200c', r == '\u200d':
		return true
	}
	return !unicode.IsControl(r) && !unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp)
}

// assertSanitized fails unless out is in, rune for rune, with each rune
// the reference refuses (and each invalid byte) replaced by one that may
// reach the terminal, and, in a block, each tab by tabWidth spaces: nothing
// dangerous kept, nothing harmless lost or changed.
func assertSanitized(t *testing.T, in, out string, multiline bool) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("output for %q is not valid UTF-8: %q", in, out)
	}
	rest := []rune(out)
	for i := 0; i < len(in); {
		r, size := utf8.DecodeRuneInString(in[i:])
		i += size
		want := r
		switch {
		case multiline && r == '\t':
			want = ' '
			for range tabWidth - 1 {
				if len(rest) == 0 || rest[0] != ' ' {
					t.Fatalf("a tab in %q is not %d spaces in %q", in, tabWidth, out)
				}
				rest = rest[1:]
			}
		case r == utf8.RuneError && size == 1:
			want = utf8.RuneError
		case !mayReachTerminal(r, multiline):
			want = -1 // any stand-in that may
		}
		if len(rest) == 0 {
			t.Fatalf("output for %q ends early: %q", in, out)
		}
		got := rest[0]
		rest = rest[1:]
		switch {
		case !mayReachTerminal(got, multiline):
			t.Fatalf("output for %q holds %U, a control or format character: %q", in, got, out)
		case want == -1 && got == r:
			t.Fatalf("%U in %q reached the output unchanged: %q", r, in, out)
		case want != -1 && got != want:
			t.Fatalf("%U in %q became %U: %q", r, in, got, out)
		}
	}
	if len(rest) > 0 {
		t.Fatalf("output for %q has %d runes more than it: %q", in, len(rest), out)
	}
}

func FuzzSanitize(f *testing.F) {
	for _, seed := range []string{
		"plain", "\x1b]52;c;aGk=\x07", "\x1b[2J\x1b[H", "\x1b]0;title\x07",
		"\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "\u009b31m", "\u202e", "\xff\xfe",
		"a\r\nb\tc", strings.Repeat("é", 10),
		"ok\u200bhidden", "soft\u00adhyphen", "tag\U000E0041\U000E0042", "\u2060\u2028\u2029",
		"family 👨\u200d👩\u200d👧", "می\u200cخواهم", "\ufeffbom", "\u0600\ufff9",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		assertSanitized(t, in, Line(in), false)
		assertSanitized(t, in, Text(in), true)
	})
}

func BenchmarkLinePlain(b *testing.B) {
	s := "1234567 COMPLETED poodle pink batch-42"
	for b.Loop() {
		_ = Line(s)
	}
}
