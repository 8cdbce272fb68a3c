// Package sanitize is the one gate every string from the API passes before
// it reaches the terminal. Job ids, tags, metadata, inputs, outputs and
// error messages are written by other people; a tag holding "\x1b]52;…"
// must show as harmless text, not write to the user's clipboard.
package sanitize

import (
	"strings"
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
			// make text read differently from what it is.
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

// isFormatControl reports bidirectional overrides, isolates and marks, and
// the line and paragraph separators, which terminals render unpredictably.
func isFormatControl(r rune) bool {
	switch {
	case r == 0x061c, // Arabic letter mark
		r >= 0x200e && r <= 0x200f, // LRM, RLM
		r >= 0x2028 && r <= 0x202e, // line/paragraph separators, embeddings and overrides
		r >= 0x2066 && r <= 0x2069, // isolates
		r == 0xfeff:                // zero-width no-break space (BOM)
		return true
	}
	return false
}
