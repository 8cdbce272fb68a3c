// Package sanitize is the one gate every string from the API passes before
// it reaches the terminal. Job ids, tags, metadata, inputs, outputs and
// error messages are written by other people; a tag holding "\x1b]52;…"
// must show as harmless text, not write to the user's clipboard.
package sanitize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Line makes s safe to print on one line: every control character, line
// break included, becomes a visible stand-in.
func Line(s string) string { return clean(s, false) }

// Text makes s safe to print as a block: line breaks are kept, tabs become
// spaces (so widths can be measured), every other control character becomes
// a visible stand-in.
func Text(s string) string { return clean(s, true) }

// tabWidth is how many spaces a tab becomes in Text.
const tabWidth = 4

func clean(s string, multiline bool) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case multiline && r == '\n':
			b.WriteByte('\n')
		case multiline && r == '\t':
			b.WriteString(strings.Repeat(" ", tabWidth))
		case r < 0x20:
			// C0 controls have printable pictures at U+2400 + code: ␛ for ESC.
			b.WriteRune(0x2400 + r)
		case r == 0x7f:
			b.WriteRune('␡')
		case r >= 0x80 && r <= 0x9f, isFormatControl(r):
			// C1 controls (0x9b is a one-byte CSI on some terminals) and
			// bidirectional or invisible formatting characters, which can
			// make text read differently from what it is, or hide some.
			b.WriteRune('�')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isPlain reports whether s is printable ASCII only, the common case, so
// that it can be returned without a copy.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e {
			return false
		}
	}
	return true
}

// isFormatControl reports the format characters (Unicode's Cf: bidirectional
// marks and overrides, zero-width spaces, the invisible tag characters that
// can smuggle hidden text) and the line and paragraph separators, which
// terminals render unpredictably or not at all. The zero-width joiner and
// non-joiner are kept: they join the letters of some scripts and the parts
// of emoji, and hide nothing.
func isFormatControl(r rune) bool {
	switch r {
	case '\u200c', '\u200d':
		return false
	case '\u2028', '\u2029':
		return true
	}
	return unicode.Is(unicode.Cf, r)
}
