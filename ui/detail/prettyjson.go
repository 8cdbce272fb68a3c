package detail

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"superdash/sanitize"
	"superdash/ui/common"
)

// What one JSON value renders at most. A 5 MB input then costs what 256 KiB
// costs: the decoder never reads past the cut, and the pane never holds or
// lays out more, so showing a job can never freeze the table.
const (
	maxJSONBytes = 256 << 10
	maxJSONLines = 5000
	// maxIndentDepth caps the indentation, so a value nested a thousand
	// levels deep does not turn into lines of nothing but spaces.
	maxIndentDepth = 16
	indentWidth    = 2
)

// errLineCap stops the printer once maxJSONLines are out.
var errLineCap = errors.New("line cap reached")

// prettyJSON renders data as indented, coloured lines, keys in the order of
// the source. It never fails: what is not JSON is shown as sanitised text
// under a note saying so, and what is too big is cut with a note saying how
// much was shown.
func prettyJSON(data []byte) []line {
	if len(bytes.TrimSpace(data)) == 0 {
		return []line{textLine("(empty)", roleMuted, 0)}
	}
	src, cut := data, len(data) > maxJSONBytes
	if cut {
		src = data[:maxJSONBytes]
	}
	p := jsonPrinter{dec: json.NewDecoder(bytes.NewReader(src))}
	p.dec.UseNumber() // keep numbers as written: ids beyond 2^53 stay exact
	var shown string
	switch err := p.run(); {
	case errors.Is(err, errLineCap):
		shown = fmt.Sprintf("the first %d lines of %s", maxJSONLines, humanBytes(len(data)))
	case cut && (err == nil || errors.Is(err, io.ErrUnexpectedEOF)):
		p.partial(src[p.dec.InputOffset():])
		shown = fmt.Sprintf("the first %s of %s", humanBytes(maxJSONBytes), humanBytes(len(data)))
	case err != nil:
		return plainLines(src, len(data), fmt.Sprintf("not valid JSON (%v), shown as text", err))
	}
	p.flush()
	if shown != "" {
		p.out = append(p.out, cutNote(shown))
	}
	return p.out
}

func cutNote(shown string) line {
	return textLine(common.Ellipsis+" cut: showing "+shown, roleMuted, 0)
}

// plainLines shows src, the start of total bytes, as text under note.
func plainLines(src []byte, total int, note string) []line {
	text := strings.Split(sanitize.Text(string(src)), "\n")
	out := make([]line, 0, min(len(text), maxJSONLines)+2)
	out = append(out, textLine(note, roleError, 0))
	for i, t := range text {
		if i == maxJSONLines {
			return append(out, cutNote(fmt.Sprintf("the first %d lines of %s", maxJSONLines, humanBytes(total))))
		}
		out = append(out, textLine(t, rolePlain, 0))
	}
	if len(src) < total {
		out = append(out, cutNote(fmt.Sprintf("the first %s of %s", humanBytes(len(src)), humanBytes(total))))
	}
	return out
}

// jsonPrinter lays out the tokens of encoding/json's Decoder. The decoder
// validates as it goes and hands out delimiters and values but neither
// commas, colons, nor whether a string is a key: the stack of open
// containers tracks that.
type jsonPrinter struct {
	dec      *json.Decoder
	out      []line
	cur      lineBuilder
	curHang  int
	stack    []frame
	afterKey bool // the next value goes on the key's line
	done     bool // the top-level value is complete
}

type frame struct {
	object  bool
	wantKey bool // in an object, the next string is a key
}

func (p *jsonPrinter) run() error {
	for {
		tok, err := p.dec.Token()
		if err == io.EOF {
			if p.done {
				return nil
			}
			return io.ErrUnexpectedEOF
		}
		if err != nil {
			return err
		}
		if p.done {
			return errors.New("more than one JSON value")
		}
		if len(p.out) >= maxJSONLines {
			return errLineCap
		}
		switch v := tok.(type) {
		case json.Delim:
			err = p.delim(v)
		case string:
			if n := len(p.stack); n > 0 && p.stack[n-1].wantKey {
				p.key(v)
			} else {
				p.scalar(quote(v), roleString)
			}
		case json.Number:
			p.scalar(string(v), roleNumber)
		case bool:
			p.scalar(strconv.FormatBool(v), roleBool)
		case nil:
			p.scalar("null", roleNull)
		}
		if err != nil {
			return err
		}
	}
}

func (p *jsonPrinter) delim(d json.Delim) error {
	if d == '}' || d == ']' {
		p.stack = p.stack[:len(p.stack)-1]
		p.newline()
		p.cur.add(d.String(), rolePunct)
		p.endValue()
		return nil
	}
	p.beginValue()
	p.cur.add(d.String(), rolePunct)
	if !p.dec.More() {
		// An empty container prints as {} or [] on one line.
		closing, err := p.dec.Token()
		if err == io.EOF {
			return io.ErrUnexpectedEOF
		}
		if err != nil {
			return err
		}
		p.cur.add(fmt.Sprint(closing), rolePunct)
		p.endValue()
		return nil
	}
	p.stack = append(p.stack, frame{object: d == '{', wantKey: d == '{'})
	return nil
}

func (p *jsonPrinter) key(k string) {
	p.newline()
	p.cur.add(quote(k), roleKey)
	p.cur.add(": ", rolePunct)
	p.stack[len(p.stack)-1].wantKey = false
	p.afterKey = true
}

func (p *jsonPrinter) scalar(text string, r role) {
	p.beginValue()
	p.cur.add(text, r)
	p.endValue()
}

// beginValue starts a value's line, unless the value follows its key.
func (p *jsonPrinter) beginValue() {
	if p.afterKey {
		p.afterKey = false
		return
	}
	p.newline()
}

// endValue adds the comma when another element follows.
func (p *jsonPrinter) endValue() {
	n := len(p.stack)
	if n == 0 {
		p.done = true
		return
	}
	if p.stack[n-1].object {
		p.stack[n-1].wantKey = true
	}
	if p.dec.More() {
		p.cur.add(",", rolePunct)
	}
}

// partial shows the start of the token the cut fell in, as text. The
// decoder hands out whole tokens only, and the first 256 KiB of a 5 MB
// base64 image is one unfinished string.
func (p *jsonPrinter) partial(rest []byte) {
	rest = bytes.TrimLeft(rest[:min(len(rest), maxLineBytes)], " \t\r\n,:")
	if len(rest) == 0 {
		return
	}
	p.beginValue()
	p.cur.add(string(rest), rolePlain)
	p.cur.add(common.Ellipsis, roleMuted)
}

// newline ends the current line and indents the next one to the depth.
func (p *jsonPrinter) newline() {
	p.flush()
	indent := min(len(p.stack), maxIndentDepth) * indentWidth
	p.cur.add(strings.Repeat(" ", indent), rolePlain)
	p.curHang = indent + indentWidth
}

func (p *jsonPrinter) flush() {
	if !p.cur.empty() {
		p.out = append(p.out, p.cur.line(p.curHang))
	}
}

// quote writes s as a JSON string literal. Control characters (C0, DEL and
// C1) become \u escapes, so a value holding "\x1b[2J" reads as the escape it
// is; the line builder's sanitize.Line then catches the rest (bidirectional
// overrides, invisible marks).
func quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20, r >= 0x7f && r <= 0x9f:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// humanBytes is a size as people read it: 812 B, 256 KiB, 4.8 MiB.
func humanBytes(n int) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := unit, 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	v := float64(n) / float64(div)
	prec := 1
	if v >= 10 || v == math.Trunc(v) {
		prec = 0 // a tenth of 512 KiB tells nobody anything
	}
	return strconv.FormatFloat(v, 'f', prec, 64) + " " + "KMGTPE"[exp:exp+1] + "iB"
}
