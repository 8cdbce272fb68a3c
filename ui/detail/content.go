package detail

import (
	"cmp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"superdash/model"
	"superdash/sanitize"
	"superdash/ui/common"
)

// role says what a run of text is. Content keeps roles, not styles: lines
// are built once per job and styled at render time, and only the rows on
// screen (STYLE.md: keep raw text, style at render time).
type role uint8

const (
	rolePlain role = iota
	roleHeading
	roleLabel
	roleMuted
	roleStatus
	roleError
	roleWarning
	roleKey
	roleString
	roleNumber
	roleBool
	roleNull
	rolePunct
)

// span closes a run of one role: it covers text[previous span's end:end].
type span struct {
	end  int
	role role
}

// line is one logical line of content: sanitised plain text, which search
// reads, and the runs that colour it.
type line struct {
	text  string
	spans []span
	hang  int  // indent, in cells, of the rows a wrapped line continues on
	live  bool // the loading line: View draws the spinner's frame before it
}

// maxLineBytes caps one line. A 100 KB string value would otherwise wrap
// into thousands of rows that nobody reads in a terminal pane.
const maxLineBytes = 16 << 10

// lineBuilder assembles a line from pieces. Every piece goes through
// sanitize.Line here, so no string, from the API or not, can reach the
// screen without passing the gate.
type lineBuilder struct {
	buf   []byte
	spans []span
	full  bool // maxLineBytes reached: further pieces are dropped
}

func (b *lineBuilder) add(s string, r role) {
	if b.full {
		return
	}
	s = sanitize.Line(s)
	if room := maxLineBytes - len(b.buf); len(s) > room {
		for room > 0 && !utf8.RuneStart(s[room]) {
			room--
		}
		b.push(s[:room], r)
		b.push(common.Ellipsis, roleMuted)
		b.full = true
		return
	}
	b.push(s, r)
}

func (b *lineBuilder) push(s string, r role) {
	if s == "" {
		return
	}
	b.buf = append(b.buf, s...)
	if n := len(b.spans); n > 0 && b.spans[n-1].role == r {
		b.spans[n-1].end = len(b.buf)
		return
	}
	b.spans = append(b.spans, span{end: len(b.buf), role: r})
}

// empty reports whether nothing was added since the last line.
func (b *lineBuilder) empty() bool { return len(b.buf) == 0 }

// line returns what was added as a line and starts the next one.
func (b *lineBuilder) line(hang int) line {
	l := line{text: string(b.buf), spans: slices.Clone(b.spans), hang: hang}
	b.buf, b.spans, b.full = b.buf[:0], b.spans[:0], false
	return l
}

// textLine is a line of one role.
func textLine(s string, r role, hang int) line {
	var b lineBuilder
	b.add(s, r)
	return b.line(hang)
}

// section is a blank line, a heading and the body.
func section(title string, body []line) []line {
	out := make([]line, 0, len(body)+2)
	out = append(out, line{}, textLine(title, roleHeading, 0))
	return append(out, body...)
}

// headLines is everything above the output: the job's fields, what could
// not be read from it, its input and its metadata.
func headLines(j *model.Job) []line {
	lines := fieldLines(j)
	if len(j.Problems) > 0 {
		body := make([]line, len(j.Problems))
		for i, p := range j.Problems {
			body[i] = textLine("• "+p, roleWarning, 2)
		}
		lines = append(lines, section("Problems reading this job", body)...)
	}
	lines = append(lines, section("Input", prettyJSON(j.Input()))...)
	return append(lines, section("Metadata", prettyJSON(j.Metadata()))...)
}

// rawLines is the job exactly as the API sent it, keys in its order,
// including the fields this build does not know.
func rawLines(j *model.Job) []line {
	return section("Raw JSON", prettyJSON(j.Raw))
}

// none stands for a field the API left empty or null.
const none = "—"

// timeLayout shows the API's UTC timestamps as UTC: the same instant reads
// the same in the pane, in the API's JSON and in a colleague's terminal.
const timeLayout = "2006-01-02 15:04:05 MST"

func fieldLines(j *model.Job) []line {
	fields := []struct {
		label, value string
		role         role
	}{
		{"id", j.ID, rolePlain},
		{"uuid", j.UUID, rolePlain},
		{"status", string(j.Status), roleStatus},
		{"job type", j.JobType, rolePlain},
		{"app", j.AppID, rolePlain},
		{"batch", j.BatchID, rolePlain},
		{"created", formatTime(j.Created), rolePlain},
		{"completed", completed(j), rolePlain},
		{"callback URL", j.CallbackURL, rolePlain},
		{"correct", formatBool(j.Correct), rolePlain},
		{"tags", strings.Join(j.Tags, ", "), rolePlain},
	}
	labelWidth := 0
	for _, f := range fields {
		labelWidth = max(labelWidth, ansi.StringWidth(f.label))
	}
	labelWidth += 2 // the gap before the value

	lines := make([]line, 0, len(fields))
	var b lineBuilder
	for _, f := range fields {
		b.add(f.label+strings.Repeat(" ", labelWidth-ansi.StringWidth(f.label)), roleLabel)
		if f.value == "" {
			b.add(none, roleMuted)
		} else {
			b.add(f.value, f.role)
		}
		lines = append(lines, b.line(labelWidth))
	}
	return lines
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeLayout)
}

// completed is the completion time and, since it is what triage asks
// first, how long the job took.
func completed(j *model.Job) string {
	s := formatTime(j.Completed)
	if s == "" || j.Created.IsZero() || j.Completed.Before(j.Created) {
		return s
	}
	return s + " (took " + j.Completed.Sub(j.Created).Round(time.Second).String() + ")"
}

func formatBool(b *bool) string {
	switch {
	case b == nil:
		return ""
	case *b:
		return "true"
	default:
		return "false"
	}
}

// statusText names a status in a sentence, also when the API sent none.
func statusText(s model.Status) string {
	return cmp.Or(string(s), "no status")
}
