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

	"github.com/charmbracelet/bubbles/spinner"
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

func TestSetJobFetchesOnlyJobsWithOutput(t *testing.T) {
	for _, tc := range []struct {
		status model.Status
		fetch  bool
		says   string
	}{
		{model.StatusCompleted, true, "loading output…"},
		{model.StatusReviewed, true, "loading output…"},
		{model.StatusFailed, false, "no output: job FAILED"},
		{model.StatusInProgress, false, "no output yet (IN_PROGRESS)"},
		{"BRAND_NEW", false, "no output yet (BRAND_NEW)"},
	} {
		t.Run(string(tc.status), func(t *testing.T) {
			f := &fakeFetcher{out: referenceOutput}
			m := newPane(f, 80, 60)
			cmd := m.SetJob(variant(t, map[string]string{"status": fmt.Sprintf("%q", tc.status)}))
			if !strings.Contains(content(&m), tc.says) {
				t.Errorf("Output section does not say %q:\n%s", tc.says, content(&m))
			}
			msg, ok := fetched(collect(cmd))
			if ok != tc.fetch {
				t.Fatalf("fetch = %v, want %v", ok, tc.fetch)
			}
			if !ok {
				return
			}
			want := OutputFetchedMsg{Key: "1234567", Status: tc.status, Output: json.RawMessage(referenceOutput)}
			if msg.Key != want.Key || msg.Status != want.Status || string(msg.Output) != referenceOutput || msg.Err != nil {
				t.Errorf("got %+v, want %+v", msg, want)
			}
		})
	}
}

func TestOutputShownAfterFetch(t *testing.T) {
	f := &fakeFetcher{out: referenceOutput}
	m := newPane(f, 80, 200)
	cmd := m.SetJob(decode(t, referenceJSON(t)))
	if view := m.View(); !strings.Contains(view, "loading output…") {
		t.Fatalf("no loading line while fetching:\n%s", view)
	}
	msg, _ := fetched(collect(cmd))
	m, cmd = m.Update(msg)
	if cmd != nil {
		t.Errorf("Update(OutputFetchedMsg) returned a command")
	}
	view := m.View()
	if strings.Contains(view, "loading output") || !strings.Contains(view, `"label": "poodle",`) {
		t.Errorf("output not shown:\n%s", view)
	}
}

func TestSpinnerOnlyWhileLoading(t *testing.T) {
	f := &fakeFetcher{out: referenceOutput}
	m := newPane(f, 80, 60)
	msgs := collect(m.SetJob(decode(t, referenceJSON(t))))
	var tick spinner.TickMsg
	found := false
	for _, msg := range msgs {
		if tm, ok := msg.(spinner.TickMsg); ok {
			tick, found = tm, true
		}
	}
	if !found {
		t.Fatal("SetJob of a loading job does not start the spinner")
	}
	before := m.spinner.View()
	var next tea.Cmd
	m, next = m.Update(tick)
	if next == nil {
		t.Error("the spinner stopped while loading")
	}
	if m.spinner.View() == before {
		t.Error("the spinner did not move")
	}
	if !strings.Contains(m.View(), m.spinner.View()+" loading output…") {
		t.Errorf("no spinner on the loading line:\n%s", m.View())
	}

	msg, _ := fetched(msgs)
	m, _ = m.Update(msg)
	tick.Time = tick.Time.Add(time.Second)
	if _, next = m.Update(tick); next != nil {
		t.Error("the spinner still ticks with nothing loading")
	}
}

func TestOutputCache(t *testing.T) {
	f := &fakeFetcher{out: referenceOutput}
	m := newPane(f, 80, 60)
	ref := decode(t, referenceJSON(t))
	show(t, &m, ref)
	show(t, &m, variant(t, map[string]string{"id": `"other"`, "status": `"FAILED"`}))
	if cmd := m.SetJob(ref); cmd != nil {
		if _, ok := fetched(collect(cmd)); ok {
			t.Error("a cached output was fetched again")
		}
	}
	if !strings.Contains(content(&m), `"label": "poodle",`) {
		t.Errorf("cached output not shown:\n%s", content(&m))
	}
	if n := f.calls.Load(); n != 1 {
		t.Errorf("%d fetches, want 1", n)
	}

	// A review moves the job: a new status is a new output.
	reviewed := variant(t, map[string]string{"status": `"REVIEWED"`})
	if _, ok := fetched(collect(m.SetJob(reviewed))); !ok {
		t.Error("a new status did not fetch its output")
	}
}

func TestOutputCacheIsBounded(t *testing.T) {
	c := newOutputCache()
	for i := range maxCachedOutputs + 10 {
		c.put(outputKey{key: fmt.Sprint(i), status: model.StatusCompleted}, json.RawMessage(`{}`))
	}
	if len(c.entries) != maxCachedOutputs || len(c.order) != maxCachedOutputs {
		t.Errorf("%d entries, %d in order, want %d", len(c.entries), len(c.order), maxCachedOutputs)
	}
	if _, ok := c.get(outputKey{key: "0", status: model.StatusCompleted}); ok {
		t.Error("the oldest entry was kept")
	}
	big := json.RawMessage(strings.Repeat(" ", maxCachedBytes))
	c.put(outputKey{key: "big"}, big)
	if c.size > maxCachedBytes || len(c.entries) != 1 {
		t.Errorf("%d bytes in %d entries after a bound-sized one", c.size, len(c.entries))
	}
}

func TestResultForAnotherJob(t *testing.T) {
	f := &fakeFetcher{out: referenceOutput}
	m := newPane(f, 80, 60)
	ref := decode(t, referenceJSON(t))
	first, _ := fetched(collect(m.SetJob(ref)))
	other := variant(t, map[string]string{"id": `"other"`})
	m.SetJob(other)
	offset := m.offset
	m, _ = m.Update(first)
	if m.JobKey() != "other" || !strings.Contains(content(&m), "loading output…") || m.offset != offset {
		t.Errorf("a result for another job disturbed the view:\n%s", content(&m))
	}
	if cmd := m.SetJob(ref); cmd != nil {
		t.Error("the result for the job not shown was not cached")
	}
	if !strings.Contains(content(&m), `"label": "poodle",`) {
		t.Errorf("cached output not shown:\n%s", content(&m))
	}
}

func TestFetchError(t *testing.T) {
	f := &fakeFetcher{err: errors.New("GET jobs/1234567/response: 503 Service Unavailable\x1b[2J")}
	m := newPane(f, 120, 60)
	ref := decode(t, referenceJSON(t))
	show(t, &m, ref)
	view := m.View()
	if !strings.Contains(view, "output of job 1234567: GET jobs/1234567/response: 503 Service Unavailable␛[2J") {
		t.Errorf("error not shown:\n%s", view)
	}
	if m.SetJob(ref) != nil {
		t.Error("a refresh retried a failed fetch at once")
	}
	// Coming back to the job retries.
	m.SetJob(variant(t, map[string]string{"id": `"other"`, "status": `"FAILED"`}))
	if _, ok := fetched(collect(m.SetJob(ref))); !ok {
		t.Error("coming back to a failed job did not retry")
	}
}

func TestSearch(t *testing.T) {
	m := newPane(&fakeFetcher{out: referenceOutput}, 60, 30)
	show(t, &m, decode(t, referenceJSON(t)))
	total := strings.Count(strings.ToLower(content(&m)), "poodle")

	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'/'}})
	if !m.Typing() {
		t.Fatal("/ did not open the search")
	}
	typeText(&m, "POODLE")
	if got, want := lastLine(m.View()), fmt.Sprintf("match 1/%d", total); !strings.Contains(got, want) || !strings.Contains(got, "/POODLE") {
		t.Errorf("bottom line %q, want %q", got, want)
	}
	press(&m, tea.KeyEnter)
	if m.Typing() {
		t.Fatal("enter did not give the keys back")
	}
	step := func(r rune, want int) {
		t.Helper()
		m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		if got := lastLine(m.View()); !strings.Contains(got, fmt.Sprintf("match %d/%d", want, total)) {
			t.Errorf("after %c: bottom line %q, want match %d/%d", r, got, want, total)
		}
	}
	step('n', 2)
	step('N', 1)
	step('N', total) // wraps backwards
	step('n', 1)     // and forwards

	// The current match is on screen.
	cur := m.search.matches[m.search.current]
	if r := m.rowOf(cur); r < m.offset || r >= m.offset+m.bodyHeight() {
		t.Errorf("current match on row %d, screen shows %d..%d", r, m.offset, m.offset+m.bodyHeight())
	}

	// A new search that finds nothing says so; esc clears it.
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'/'}})
	typeText(&m, "zebra")
	if got := lastLine(m.View()); !strings.Contains(got, "no match") {
		t.Errorf("bottom line %q, want no match", got)
	}
	press(&m, tea.KeyEsc)
	if m.Typing() || len(m.search.matches) != 0 || strings.Contains(m.View(), "match") {
		t.Errorf("esc did not clear the search:\n%s", m.View())
	}
}

func TestSearchHighlights(t *testing.T) {
	lipgloss.SetColorProfile(termenv.ANSI)
	defer lipgloss.SetColorProfile(termenv.Ascii)
	c := newCommon()
	m := New(c, (&fakeFetcher{out: referenceOutput}).fetch)
	m.SetSize(120, 60)
	m.SetFocused(true)
	show(t, &m, decode(t, referenceJSON(t)))
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'/'}})
	typeText(&m, "pink")
	view := m.View()
	if n := strings.Count(view, c.Styles.CurrentMatch.Render("pink")); n != 1 {
		t.Errorf("%d current matches highlighted, want 1:\n%s", n, view)
	}
	if n := strings.Count(view, c.Styles.Match.Render("pink")); n != len(m.search.matches)-1 {
		t.Errorf("%d other matches highlighted, want %d:\n%s", n, len(m.search.matches)-1, view)
	}
	press(&m, tea.KeyEsc)
	if view := m.View(); strings.Contains(view, c.Styles.Match.Render("pink")) {
		t.Errorf("esc left highlights:\n%s", view)
	}
}

func TestQTypedIntoSearchIsText(t *testing.T) {
	m := newPane(&fakeFetcher{out: referenceOutput}, 60, 30)
	show(t, &m, decode(t, referenceJSON(t)))
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'/'}})
	for _, msg := range collect(typeText(&m, "q")) {
		if _, ok := msg.(tea.QuitMsg); ok {
			t.Error("q in the search quit")
		}
	}
	if !m.Typing() || m.search.input.Value() != "q" {
		t.Errorf("Typing() = %v, value %q", m.Typing(), m.search.input.Value())
	}
}

func TestKeysNeedFocus(t *testing.T) {
	m := newPane(&fakeFetcher{out: referenceOutput}, 60, 20)
	show(t, &m, decode(t, referenceJSON(t)))
	m.SetFocused(false)
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'/'}})
	press(&m, tea.KeyPgDown)
	if m.Typing() || m.offset != 0 {
		t.Errorf("an unfocused pane took keys: typing %v, offset %d", m.Typing(), m.offset)
	}
}

func TestScrolling(t *testing.T) {
	m := newPane(&fakeFetcher{out: referenceOutput}, 60, 20)
	show(t, &m, decode(t, referenceJSON(t)))
	body := m.bodyHeight()
	bottom := len(m.rows) - body
	steps := []struct {
		name string
		msg  tea.Msg
		want int
	}{
		{"j", tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'j'}}, 1},
		{"down", tea.KeyMsg{Type: tea.KeyDown}, 2},
		{"k", tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'k'}}, 1},
		{"pgdn", tea.KeyMsg{Type: tea.KeyPgDown}, 1 + body},
		{"pgup", tea.KeyMsg{Type: tea.KeyPgUp}, 1},
		{"G", tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'G'}}, bottom},
		{"j at the bottom", tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'j'}}, bottom},
		{"g", tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'g'}}, 0},
		{"end", tea.KeyMsg{Type: tea.KeyEnd}, bottom},
		{"home", tea.KeyMsg{Type: tea.KeyHome}, 0},
		{"wheel down", tea.MouseMsg{Action: tea.MouseActionPress, Button: tea.MouseButtonWheelDown}, wheelRows},
		{"wheel up", tea.MouseMsg{Action: tea.MouseActionPress, Button: tea.MouseButtonWheelUp}, 0},
	}
	for _, s := range steps {
		m, _ = m.Update(s.msg)
		if m.offset != s.want {
			t.Errorf("%s: offset %d, want %d", s.name, m.offset, s.want)
		}
	}
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'G'}})
	if first := strings.SplitN(m.View(), "\n", 3)[1]; !strings.Contains(first, "100%") {
		t.Errorf("no position in the title row %q", first)
	}

	// The same job with new data keeps the scroll; another job starts at the top.
	press(&m, tea.KeyHome)
	press(&m, tea.KeyPgDown)
	at := m.offset
	m.SetJob(variant(t, map[string]string{"tags": `["poodle", "pink", "fluffy"]`}))
	if m.offset != at || !strings.Contains(content(&m), "poodle, pink, fluffy") {
		t.Errorf("refresh: offset %d, want %d", m.offset, at)
	}
	m.SetJob(variant(t, map[string]string{"id": `"other"`}))
	if m.offset != 0 {
		t.Errorf("another job: offset %d, want 0", m.offset)
	}
}

func TestResizeKeepsTopLine(t *testing.T) {
	m := newPane(&fakeFetcher{out: referenceOutput}, 40, 20)
	show(t, &m, decode(t, referenceJSON(t)))
	m.scrollTo(m.firstRow[len(m.lines)/2])
	top := m.rows[m.offset].line
	m.SetSize(100, 20)
	if got := m.rows[m.offset].line; got != top {
		t.Errorf("top line %d after resize, want %d", got, top)
	}
}

// hostile holds what a terminal would obey: clear screen, OSC 52 (write the
// clipboard), a window title, a C1 CSI and a bidirectional override.
const hostile = `\u001b[2J\u001b]52;c;ZXZpbA==\u0007\u001b]0;pwned\u0007\u009b31m\u202eevil`

var hostileJob = `{
"id": "` + hostile + `",
"uuid": "` + hostile + `",
"status": "COMPLETED",
"jobType": "` + hostile + `",
"callbackUrl": "https://x.test/` + hostile + `",
"created": "2020-02-12T13:27:03+00:00",
"input": {"` + hostile + `": "` + hostile + `", "list": ["` + hostile + `"]},
"metadata": {"note": "` + hostile + `"},
"tags": ["` + hostile + `", "plain"]
}`

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
