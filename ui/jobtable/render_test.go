package jobtable

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"superdash/model"
	"superdash/ui/common"
	"superdash/ui/internal/uitest"
)

const osc52 = "\x1b]52;c;aGk=\x07"

// nastyJobs are jobs whose every string tries to break the layout or the
// terminal.
func nastyJobs() []*model.Job {
	return []*model.Job{
		{ID: strings.Repeat("9", 1000), Status: model.StatusFailed, JobType: "DEFAULT", Created: now.Add(-time.Hour), Completed: now.Add(-time.Minute)},
		{ID: "ラベル🐩", BatchID: "バッチバッチバッチバッチ", Status: "新しい状態", JobType: "ラベルラベルラベル", Tags: []string{"ラベル", "🐩🐩🐩🐩🐩🐩🐩🐩🐩🐩🐩🐩"}, Created: now},
		{ID: "osc", BatchID: "\x1b[2J", Status: model.StatusInProgress, Tags: []string{osc52, "a\tb\nc"}, JobType: "\u202eevil", Created: now.Add(-90 * time.Second)},
		{ID: "e\u0301te\u0301", Status: "\x1b]0;title\x07", Created: now.Add(-400 * 24 * time.Hour)},
	}
}

func TestViewIsExactlyTheSize(t *testing.T) {
	jobs := append(nastyJobs(), makeJobs(20)...)
	for width := range 201 {
		for _, height := range []int{0, 1, 2, 3, 7, 30} {
			for _, focused := range []bool{true, false} {
				m := newTable(jobs, width, height)
				m.SetFocused(focused)
				m.SetPending("osc", "canceling…")
				// The cursor visits every nasty row and one plain row.
				for range len(nastyJobs()) + 1 {
					uitest.Lines(t, m.View(), width, height)
					m = uitest.Press(t, m, "j")
				}
			}
		}
	}
}

func TestEmptyViewIsExactlyTheSize(t *testing.T) {
	for width := range 201 {
		for _, height := range []int{0, 1, 2, 5} {
			m := newTable(nil, width, height)
			m.SetEmptyMessage("nothing matches ラベル " + osc52)
			uitest.Lines(t, m.View(), width, height)
		}
	}
}

func TestViewShowsNoEscapesFromTheData(t *testing.T) {
	m := newTable(nastyJobs(), 200, 10)
	m.SetEmptyMessage(osc52)
	m = uitest.Press(t, m, "j", "j") // the OSC 52 row is the cursor row
	view := m.View()
	// The Ascii profile drops every style, so any ESC or BEL came from a job.
	if strings.ContainsAny(view, "\x1b\x07") {
		t.Fatalf("view holds an escape or a bell: %q", view)
	}
	for _, want := range []string{"␛]52;c;aGk=␇", "␛[2J", "␛]0;title␇", "a␉b␊c", "�evil"} {
		if !strings.Contains(view, want) {
			t.Errorf("view lacks the visible stand-in %q", want)
		}
	}
}

// withANSI renders with colours for the rest of the test, to check the
// styling itself (the Ascii profile of the other tests drops it all).
func withANSI(t *testing.T) {
	lipgloss.SetColorProfile(termenv.ANSI)
	t.Cleanup(func() { lipgloss.SetColorProfile(termenv.Ascii) })
}

var sgr = regexp.MustCompile(`\x1b\[([0-9;]*)m`)

// TestStyledViewShowsNoEscapesFromTheData checks, with colours on, that the
// only escape sequences are the SGR codes the styles emit.
func TestStyledViewShowsNoEscapesFromTheData(t *testing.T) {
	withANSI(t)
	m := uitest.Press(t, newTable(nastyJobs(), 200, 10), "j", "j")
	view := m.View()
	if !sgr.MatchString(view) {
		t.Fatal("no styling at all: is the profile ANSI?")
	}
	if rest := sgr.ReplaceAllString(view, ""); strings.ContainsAny(rest, "\x1b\x07") {
		t.Fatalf("an escape other than SGR got through: %q", rest)
	}
	uitest.Lines(t, view, 200, 10)
}

// hasBackground reports whether an SGR parameter list sets a background.
func hasBackground(params string) bool {
	for _, p := range strings.Split(params, ";") {
		if p == "48" || len(p) == 2 && p[0] == '4' && p[1] != '8' && p[1] != '9' || len(p) == 3 && strings.HasPrefix(p, "10") {
			return true
		}
	}
	return false
}

// hasSGR reports whether line sets the SGR attribute param (e.g. "2", faint).
func hasSGR(line, param string) bool {
	for _, m := range sgr.FindAllStringSubmatch(line, -1) {
		if slices.Contains(strings.Split(m[1], ";"), param) {
			return true
		}
	}
	return false
}

// unhighlighted returns the visible text of line that is drawn without a
// background colour.
func unhighlighted(line string) string {
	var out strings.Builder
	bg := false
	for line != "" {
		if loc := sgr.FindStringSubmatchIndex(line); loc != nil && loc[0] == 0 {
			params := line[loc[2]:loc[3]]
			switch {
			case params == "" || params == "0":
				bg = false
			case hasBackground(params):
				bg = true
			}
			line = line[loc[1]:]
			continue
		}
		if !bg {
			out.WriteByte(line[0])
		}
		line = line[1:]
	}
	return out.String()
}

func TestCursorRowIsHighlightedAcrossTheWidth(t *testing.T) {
	withANSI(t)
	for _, focused := range []bool{true, false} {
		m := uitest.Press(t, newTable(nastyJobs(), 150, 6), "j", "j")
		m.SetFocused(focused)
		m.SetPending("osc", "canceling…")
		ls := uitest.Lines(t, m.View(), 150, 6)
		if rest := unhighlighted(ls[3]); rest != "" {
			t.Errorf("focused %v: part of the cursor row is not highlighted: %q in %q", focused, rest, ls[3])
		}
		if rest := unhighlighted(ls[2]); rest != ansi.Strip(ls[2]) {
			t.Errorf("focused %v: a row off the cursor is highlighted: %q", focused, ls[2])
		}
		if faint := hasSGR(ls[3], "2"); faint == focused {
			t.Errorf("focused %v: cursor row faint = %v: %q", focused, faint, ls[3])
		}
		failed := m.c.Styles.Status(model.StatusFailed).Render(common.Fit("FAILED", statusWidth))
		if !strings.Contains(ls[1], failed) {
			t.Errorf("focused %v: the status cell is not in its status colour: %q", focused, ls[1])
		}
	}
}

func TestPendingLabelReplacesTheStatus(t *testing.T) {
	jobs := makeJobs(3)
	m := newTable(jobs, 120, 5)
	m.SetPending("2", "canceling…")
	ls := uitest.Lines(t, m.View(), 120, 5)
	if !strings.Contains(ls[2], "canceling…") || strings.Contains(ls[2], "IN_PROGRESS") {
		t.Errorf("pending row: %q", ls[2])
	}
	m.ClearPending("2")
	ls = uitest.Lines(t, m.View(), 120, 5)
	if strings.Contains(ls[2], "canceling…") || !strings.Contains(ls[2], "IN_PROGRESS") {
		t.Errorf("row after ClearPending: %q", ls[2])
	}
}

func TestEmptyMessageIsCentred(t *testing.T) {
	m := newTable(nil, 40, 6)
	ls := uitest.Lines(t, m.View(), 40, 6)
	if got, want := ls[3], strings.Repeat(" ", 16)+"no jobs"+strings.Repeat(" ", 17); got != want {
		t.Errorf("line 3 = %q, want %q", got, want)
	}
	m.SetEmptyMessage("no job matches status:FAILED")
	if ls := uitest.Lines(t, m.View(), 40, 6); !strings.Contains(ls[3], "no job matches status:FAILED") {
		t.Errorf("line 3 = %q, want the custom message", ls[3])
	}
}

func TestWhen(t *testing.T) {
	cases := []struct {
		name string
		job  model.Job
		want string
	}{
		{"ended: since completion", model.Job{Status: model.StatusCompleted, Created: now.Add(-time.Hour), Completed: now.Add(-3 * time.Minute)}, "3m ago"},
		{"failed long ago", model.Job{Status: model.StatusFailed, Completed: now.Add(-9 * 24 * time.Hour)}, "9d ago"},
		{"failed two days ago", model.Job{Status: model.StatusFailed, Completed: now.Add(-50 * time.Hour)}, "2d2h ago"},
		{"ended without a completion time", model.Job{Status: model.StatusCanceled}, ""},
		{"running: its age", model.Job{Status: model.StatusInProgress, Created: now.Add(-4*time.Minute - 10*time.Second)}, "running 4m"},
		{"queued", model.Job{Status: model.StatusScheduled, Created: now.Add(-2 * time.Hour)}, "queued 2h"},
		{"parked", model.Job{Status: model.StatusNeedsReview, Created: now.Add(-47 * time.Hour)}, "waiting 1d23h"},
		{"unknown status", model.Job{Status: "WARMING_UP", Created: now.Add(-42 * time.Second)}, "age 42s"},
		{"no creation time", model.Job{Status: model.StatusInProgress}, "running"},
		{"server clock ahead", model.Job{Status: model.StatusCompleted, Completed: now.Add(time.Minute)}, "0s ago"},
	}
	for _, tc := range cases {
		if got := when(&tc.job, now); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestCreated(t *testing.T) {
	paris := time.FixedZone("CEST", 2*60*60)
	cases := []struct {
		t    time.Time
		want string
	}{
		{time.Time{}, ""},
		{time.Date(2024, 3, 5, 9, 7, 0, 0, time.UTC), "03-05 09:07"},
		{time.Date(2024, 3, 5, 11, 7, 0, 0, paris), "03-05 09:07"},
		{time.Date(2023, 12, 31, 23, 59, 0, 0, time.UTC), "2023-12-31"},
	}
	for _, tc := range cases {
		if got := created(tc.t, now); got != tc.want {
			t.Errorf("created(%v) = %q, want %q", tc.t, got, tc.want)
		}
	}
}

// goldenJobs is a dozen jobs of every kind, for the golden screen.
func goldenJobs() []*model.Job {
	ago := func(d time.Duration) time.Time { return now.Add(-d) }
	return []*model.Job{
		{ID: "1042", BatchID: "b-2024-07-01", Status: model.StatusFailed, JobType: "DEFAULT", Tags: []string{"poodle", "urgent"}, Created: ago(3 * time.Hour), Completed: ago(3 * time.Minute)},
		{ID: "1041", BatchID: "b-2024-07-01", Status: model.StatusInProgress, JobType: "DEFAULT", Tags: []string{"poodle"}, Created: ago(4 * time.Minute)},
		{ID: "1040", BatchID: "b-2024-07-01", Status: model.StatusScheduled, JobType: "CALIBRATION", Created: ago(2 * time.Hour)},
		{ID: "1039", BatchID: "b-2024-07-01", Status: model.StatusCompleted, JobType: "DEFAULT", Tags: []string{"labrador", "retriever", "golden", "long-haired", "family-dog"}, Created: ago(5 * time.Hour), Completed: ago(90 * time.Minute)},
		{ID: "1038", BatchID: "b-2024-06-30", Status: model.StatusNeedsReview, JobType: "COLLABORATOR", Created: ago(26 * time.Hour)},
		{ID: "1037", BatchID: "b-2024-06-30", Status: model.StatusPostProcessing, JobType: "DEFAULT", Created: ago(30 * time.Second)},
		{ID: "1036", BatchID: "b-2024-06-30", Status: model.StatusCanceled, JobType: "TRAINING", Created: ago(3 * 24 * time.Hour), Completed: ago(2 * 24 * time.Hour)},
		{ID: "1035", BatchID: "b-2024-06-30", Status: model.StatusExpired, JobType: "DEFAULT", Created: ago(9 * 24 * time.Hour), Completed: ago(8 * 24 * time.Hour)},
		{UUID: "5b9f1c2e-7d4a-4e1b-9c3f-0a1b2c3d4e5f", Status: "WARMING_UP", JobType: "BOT_INIT", Created: ago(12 * time.Minute)},
		{ID: "1033", BatchID: "b-2024-06-29", Status: model.StatusSuspended, JobType: "ONBOARDING", Tags: []string{"ラベル", "🐩"}, Created: ago(200 * 24 * time.Hour)},
		{ID: "1032", BatchID: "b-2024-06-29", Status: model.StatusPostProcessed, JobType: "DEFAULT", Tags: []string{osc52}, Created: ago(6 * time.Hour), Completed: ago(5 * time.Hour)},
		{ID: "1031", BatchID: "b-2024-06-29", Status: model.StatusReviewed, JobType: "DEFAULT", Created: ago(7 * time.Hour), Completed: ago(6 * time.Hour)},
	}
}

func TestGolden(t *testing.T) {
	m := uitest.Press(t, newTable(goldenJobs(), 120, 20), "j", "j")
	m.SetPending("1041", "canceling…")
	uitest.RequireGolden(t, m.View(), 120, 20)
}

func TestMarkedRowsShowAMark(t *testing.T) {
	jobs := makeJobs(4)
	m := newTable(jobs, 120, 6)
	plain := uitest.Lines(t, m.View(), 120, 6)
	marked := map[string]bool{"1": true, "3": true}
	m.SetMarked(func(key string) bool { return marked[key] })
	ls := uitest.Lines(t, m.View(), 120, 6)
	for i, j := range jobs {
		text := ansi.Strip(ls[i+1])
		if want := marked[j.Key()]; strings.HasPrefix(text, markText) != want {
			t.Errorf("row of job %s: %q, marked %v", j.Key(), text, want)
		}
	}
	if h := ansi.Strip(ls[0]); !strings.HasPrefix(h, noMarkText+noMarkText+"ID") {
		t.Errorf("header %q: want the gutter before ID", h)
	}
	// Without marks the gutter goes and the columns get their width back.
	m.SetMarked(nil)
	if got := uitest.Lines(t, m.View(), 120, 6); !slices.Equal(got, plain) {
		t.Errorf("after SetMarked(nil):\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(plain, "\n"))
	}
}

func TestMarkedViewIsExactlyTheSize(t *testing.T) {
	jobs := append(nastyJobs(), makeJobs(5)...)
	for width := range 121 {
		m := newTable(jobs, width, 8)
		m.SetMarked(func(key string) bool { return key == "osc" || key == "2" })
		m.SetPending("osc", "canceling…")
		for range len(jobs) {
			uitest.Lines(t, m.View(), width, 8)
			m = uitest.Press(t, m, "j")
		}
	}
}
