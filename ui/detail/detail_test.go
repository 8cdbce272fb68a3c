package detail

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"
	"go.uber.org/goleak"

	"superdash/model"
	"superdash/ui/common"
	"superdash/ui/internal/uitest"
)

func TestMain(m *testing.M) {
	uitest.PlainStyles()
	// No test may leave a goroutine behind (a fetch, a timer).
	goleak.VerifyTestMain(m)
}

// referenceOutput stands in for GET jobs/{id}/response of the reference job.
const referenceOutput = `{"label": "poodle", "confidence": 0.97, "boxes": [[12, 40, 300, 280]], "reviewed": false, "notes": null}`

func newCommon() *common.Common {
	c := common.New()
	frozen := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	c.Now = func() time.Time { return frozen }
	c.JobNow = c.Now
	return c
}

// fakeFetcher answers every fetch with out and err, and counts them.
type fakeFetcher struct {
	out   string
	err   error
	calls atomic.Int32
}

func (f *fakeFetcher) fetch(ctx context.Context, id string) (json.RawMessage, error) {
	f.calls.Add(1)
	if _, ok := ctx.Deadline(); !ok {
		return nil, errors.New("fetch without a deadline")
	}
	if f.err != nil {
		return nil, f.err
	}
	return json.RawMessage(f.out), nil
}

func newPane(f *fakeFetcher, width, height int) Model {
	m := New(newCommon(), f.fetch)
	m.SetSize(width, height)
	m.SetFocused(true)
	return m
}

func referenceJSON(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/reference_job.json")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func decode(t testing.TB, data []byte) *model.Job {
	t.Helper()
	j, err := model.DecodeJob(data)
	if err != nil {
		t.Fatal(err)
	}
	return &j
}

// referenceKeys are the reference job's keys in the order of the file.
var referenceKeys = []string{"id", "completed", "created", "callbackUrl", "appId", "status", "input", "metadata", "tags", "uuid", "correct", "baselineId", "jobType"}

// variant is the reference job with some keys given other raw JSON values,
// every key in its place.
func variant(t testing.TB, replace map[string]string) *model.Job {
	t.Helper()
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(referenceJSON(t), &fields); err != nil {
		t.Fatal(err)
	}
	parts := make([]string, len(referenceKeys))
	for i, k := range referenceKeys {
		v, ok := replace[k]
		if !ok {
			v = string(fields[k])
		}
		parts[i] = fmt.Sprintf("%q: %s", k, v)
	}
	return decode(t, []byte("{\n"+strings.Join(parts, ",\n")+"\n}"))
}

// collect runs cmd and the commands it batches, returning their messages.
func collect(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range batch {
			out = append(out, collect(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

func fetched(msgs []tea.Msg) (OutputFetchedMsg, bool) {
	for _, msg := range msgs {
		if f, ok := msg.(OutputFetchedMsg); ok {
			return f, true
		}
	}
	return OutputFetchedMsg{}, false
}

// show sets the job and delivers what its command fetched, as the
// program would.
func show(t *testing.T, m *Model, j *model.Job) {
	t.Helper()
	msgs := collect(m.SetJob(j))
	if f, ok := fetched(msgs); ok {
		*m, _ = m.Update(f)
	}
}

func content(m *Model) string {
	texts := make([]string, len(m.lines))
	for i, l := range m.lines {
		texts[i] = l.text
	}
	return strings.Join(texts, "\n")
}

func typeText(m *Model, s string) tea.Cmd {
	var cmds []tea.Cmd
	for _, r := range s {
		var cmd tea.Cmd
		*m, cmd = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

func press(m *Model, k tea.KeyType) {
	*m, _ = m.Update(tea.KeyMsg{Type: k})
}

func lastLine(view string) string {
	lines := strings.Split(view, "\n")
	return lines[len(lines)-2] // the last one is the border
}

func TestFieldsShown(t *testing.T) {
	f := &fakeFetcher{out: referenceOutput}
	m := newPane(f, 100, 200)
	show(t, &m, decode(t, referenceJSON(t)))
	view := m.View()
	for _, want := range [][2]string{
		{"id", "1234567"},
		{"uuid", "1a23bc4d-ef56-7g89-0h12-i23456jk78l9"},
		{"status", "COMPLETED"},
		{"job type", "DEFAULT"},
		{"app", "123abc45-6789-01de-f2g3-45h67ijk8901"},
		{"batch", "—"},
		{"created", "2020-02-12 13:27:03 UTC"},
		{"completed", "2020-02-12 13:41:41 UTC (took 14m39s)"},
		{"callback URL", "—"},
		{"correct", "true"},
		{"tags", "poodle, pink"},
	} {
		re := regexp.MustCompile(`│` + regexp.QuoteMeta(want[0]) + ` +` + regexp.QuoteMeta(want[1]) + ` *│`)
		if !re.MatchString(view) {
			t.Errorf("no row %q = %q in\n%s", want[0], want[1], view)
		}
	}
	if !strings.Contains(view, "job 1234567") {
		t.Errorf("no title in\n%s", view)
	}
	if m.JobKey() != "1234567" {
		t.Errorf("JobKey() = %q", m.JobKey())
	}
}

func TestProblemsShown(t *testing.T) {
	m := newPane(&fakeFetcher{}, 80, 60)
	show(t, &m, variant(t, map[string]string{"created": `"yesterday"`, "status": `"FAILED"`}))
	got := content(&m)
	if !strings.Contains(got, "Problems reading this job\n• created: ") {
		t.Errorf("no problems section in\n%s", got)
	}
}

func TestInputAndMetadataPretty(t *testing.T) {
	m := newPane(&fakeFetcher{out: referenceOutput}, 100, 40)
	show(t, &m, variant(t, map[string]string{
		"metadata": `{"zeta": 1, "alpha": [true, null, "x", 12345678901234567890], "empty": {}, "none": []}`,
	}))
	got := content(&m)
	for _, want := range []string{
		`Input
{
  "image_url": "data://12345/images/dogs/poodles/pink-poodle.jpeg"
}`,
		`Metadata
{
  "zeta": 1,
  "alpha": [
    true,
    null,
    "x",
    12345678901234567890
  ],
  "empty": {},
  "none": []
}`,
		`Output
{
  "label": "poodle",
  "confidence": 0.97,
  "boxes": [
    [
      12,`,
		`Raw JSON
{
  "id": "1234567",
  "completed": "2020-02-12T13:41:41.695000+00:00",`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("content lacks\n%s\n\ncontent:\n%s", want, got)
		}
	}
}

func TestHostileStringsNeutralised(t *testing.T) {
	for _, out := range []string{
		`{"answer": "` + hostile + `"}`,
		"\x1b[2J\x1b]52;c;ZXZpbA==\x07 not JSON \u202e",
	} {
		for _, profile := range []termenv.Profile{termenv.Ascii, termenv.ANSI256} {
			lipgloss.SetColorProfile(profile)
			m := newPane(&fakeFetcher{out: out}, 80, 200)
			show(t, &m, decode(t, []byte(hostileJob)))
			m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'/'}})
			typeText(&m, "evil")
			view := m.View()
			checkNeutralised(t, view)
			if profile == termenv.Ascii && strings.ContainsRune(view, '\x1b') {
				t.Errorf("ESC in an Ascii view:\n%q", view)
			}
			if got := content(&m); !strings.Contains(got, `"\u001b[2J\u001b]52;c;ZXZpbA==\u0007`) || !strings.Contains(got, "tags          ␛[2J␛]52;c;ZXZpbA==␇") {
				t.Errorf("the hostile text is not shown as text:\n%s", got)
			}
		}
	}
	lipgloss.SetColorProfile(termenv.Ascii)
}

// sgr is the only escape sequence the pane may emit itself: colours and
// attributes.
var sgr = regexp.MustCompile(`\x1b\[[0-9;]*m`)

func checkNeutralised(t *testing.T, view string) {
	t.Helper()
	rest := sgr.ReplaceAllString(view, "")
	for _, bad := range []string{"\x1b", "\x07", "\u009b", "\u202e"} {
		if i := strings.Index(rest, bad); i >= 0 {
			t.Errorf("%q reached the view: %q", bad, rest[max(0, i-20):min(len(rest), i+20)])
		}
	}
}

func TestViewSize(t *testing.T) {
	f := &fakeFetcher{out: referenceOutput}
	long := variant(t, map[string]string{
		"metadata": `{"text": "` + strings.Repeat("wide ラベル and long words ", 20) + `", "emoji": "👩‍👩‍👧‍👦👍🏽"}`,
	})
	states := map[string]func(m *Model){
		"loaded": func(m *Model) { show(t, m, long) },
		"loading": func(m *Model) {
			m.SetJob(long)
		},
		"typing": func(m *Model) {
			show(t, m, long)
			*m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'/'}})
			typeText(m, "ラベル")
		},
		"search kept, unfocused": func(m *Model) {
			show(t, m, long)
			*m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'/'}})
			typeText(m, "long")
			m.SetFocused(false)
		},
		"empty": func(*Model) {},
	}
	for name, setup := range states {
		m := New(newCommon(), f.fetch)
		m.SetSize(80, 24)
		m.SetFocused(true)
		setup(&m)
		for w := 0; w <= 160; w++ {
			for _, h := range []int{0, 1, 2, 3, 4, 7, 30} {
				m.SetSize(w, h)
				m.scrollTo(w) // somewhere down the content
				checkBox(t, fmt.Sprintf("%s %dx%d", name, w, h), m.View(), w, h)
			}
		}
	}
}

func checkBox(t *testing.T, name, view string, width, height int) {
	t.Helper()
	if width <= 0 || height <= 0 {
		if view != "" {
			t.Errorf("%s: %q, want nothing", name, view)
		}
		return
	}
	lines := strings.Split(view, "\n")
	if len(lines) != height {
		t.Errorf("%s: %d lines", name, len(lines))
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w != width {
			t.Errorf("%s: line %d is %d cells: %q", name, i, w, l)
			return
		}
	}
}

func bigInput(t testing.TB, shape string) *model.Job {
	t.Helper()
	var b strings.Builder
	switch shape {
	case "array":
		b.WriteString(`[`)
		for i := 0; b.Len() < 5<<20; i++ {
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `{"n": %d, "url": "https://example.test/images/%d.jpeg", "ok": true}`, i, i)
		}
		b.WriteString(`]`)
	case "string":
		b.WriteString(`"data:image/png;base64,` + strings.Repeat("iVBORw0KGgo", 5<<20/11) + `"`)
	}
	return variant(t, map[string]string{"input": b.String()})
}

func TestLargeInputIsCapped(t *testing.T) {
	for _, shape := range []string{"array", "string"} {
		t.Run(shape, func(t *testing.T) {
			j := bigInput(t, shape)
			m := newPane(&fakeFetcher{out: referenceOutput}, 80, 40)
			start := time.Now()
			show(t, &m, j)
			m.View()
			// Wall time is only logged: on a loaded machine, and under -race,
			// it says little. What keeps the pane fast is that the content
			// is bounded whatever the input's size, which is checked below.
			t.Logf("shown in %v", time.Since(start))
			got := content(&m)
			if n := strings.Count(got, "… cut: showing the first"); n != 2 {
				t.Errorf("%d cap notes, want 2 (input and raw JSON)", n)
			}
			if len(got) > 2*(maxJSONBytes+maxJSONLines*maxIndentDepth*indentWidth) {
				t.Errorf("%s of content: the cap does not hold", humanBytes(len(got)))
			}
			if len(m.rows) > 2*len(got)/m.layoutWidth+len(m.lines) { // a hang takes at most half a row
				t.Errorf("%d rows for %d lines", len(m.rows), len(m.lines))
			}
		})
	}
}

func TestInvalidRawJSON(t *testing.T) {
	f := &fakeFetcher{out: "<html>502 Bad Gateway</html>"}
	m := newPane(f, 60, 80)
	show(t, &m, &model.Job{ID: "x", Status: model.StatusCompleted, Raw: json.RawMessage("{\"id\": \"x\", \x1b[2J")})
	got := content(&m)
	for _, want := range []string{
		"Raw JSON\nnot valid JSON (",
		"{\"id\": \"x\", ␛[2J",
		"Output\nnot valid JSON (",
		"<html>502 Bad Gateway</html>",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("content lacks %q:\n%s", want, got)
		}
	}
	checkBox(t, "invalid", m.View(), 60, 80)
}

func TestClear(t *testing.T) {
	m := newPane(&fakeFetcher{out: referenceOutput}, 60, 20)
	show(t, &m, decode(t, referenceJSON(t)))
	if m.SetJob(nil) != nil || m.JobKey() != "" || !strings.Contains(m.View(), "no job selected") {
		t.Errorf("SetJob(nil) did not clear:\n%s", m.View())
	}
}

func TestGolden(t *testing.T) {
	m := newPane(&fakeFetcher{out: referenceOutput}, 60, 30)
	show(t, &m, decode(t, referenceJSON(t)))
	golden.RequireEqual(t, []byte(m.View()))
}

func BenchmarkSetJob5MB(b *testing.B) {
	j := bigInput(b, "array")
	c := newCommon()
	f := &fakeFetcher{out: referenceOutput}
	b.ReportAllocs()
	for b.Loop() {
		m := New(c, f.fetch)
		m.SetSize(100, 50)
		m.SetJob(j)
	}
}

func BenchmarkView(b *testing.B) {
	m := New(newCommon(), (&fakeFetcher{}).fetch)
	m.SetSize(100, 50)
	m.SetJob(bigInput(b, "array"))
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'/'}})
	typeText(&m, "url")
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}
