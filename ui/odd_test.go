package ui

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"superdash/api/sim"
	"superdash/model"
	"superdash/ui/detail"
)

// Odd but legal data: values the API may well send, at sizes and in shapes
// nobody designs a screen for. Each must render, within the screen, and
// say what it could not show.

// mustJob decodes one job from JSON: the odd jobs are all JSON objects,
// which DecodeJob never refuses.
func mustJob(raw string) model.Job {
	j, err := model.DecodeJob([]byte(raw))
	if err != nil {
		panic(fmt.Sprintf("decode %.80s: %v", raw, err))
	}
	return j
}

// fiveMB is the size of the large inputs: a base64 image sent inline.
const fiveMB = 5 << 20

var (
	longID   = strings.Repeat("0123456789", 100) // 1,000 characters
	manyTags = func() []string {
		tags := make([]string, 10_000)
		for i := range tags {
			tags[i] = fmt.Sprintf("tag-%05d", i)
		}
		return tags
	}()
)

// oddJobs are the odd jobs by name; the name is the job's key but for the
// ones whose id is the oddity. They are built once: decoding the 5 MB ones
// is the slow part of these tests, and jobs are never modified.
func oddJobs(t *testing.T) map[string]model.Job {
	t.Helper()
	return oddJobsOnce()
}

var oddJobsOnce = sync.OnceValue(func() map[string]model.Job {
	created := func(minutes int) string {
		return frozen.Add(-time.Duration(minutes) * time.Minute).Format("2006-01-02T15:04:05+00:00")
	}
	tagsJSON, _ := json.Marshal(manyTags)
	hugeArray := "[" + strings.TrimSuffix(strings.Repeat("1,", fiveMB/2), ",") + "]"
	return map[string]model.Job{
		"huge-input": mustJob(`{"id":"huge-input","status":"FAILED","created":"` + created(1) +
			`","input":{"image":"data:image/png;base64,` + strings.Repeat("A", fiveMB) + `"}}`),
		"huge-array": mustJob(`{"id":"huge-array","status":"FAILED","created":"` + created(2) + `","input":` + hugeArray + `}`),
		"many-tags":  mustJob(`{"id":"many-tags","status":"COMPLETED","created":"` + created(3) + `","tags":` + string(tagsJSON) + `}`),
		"long-id":    mustJob(`{"id":"` + longID + `","status":"IN_PROGRESS","created":"` + created(4) + `"}`),
		"empty": mustJob(`{"id":"empty","uuid":"","appId":"","batchId":"","status":"","jobType":"","callbackUrl":"",
			"created":"","completed":"","tags":[""],"input":"","metadata":{}}`),
		"nulls": mustJob(`{"id":"nulls","uuid":null,"appId":null,"batchId":null,"status":null,"jobType":null,
			"callbackUrl":null,"created":null,"completed":null,"tags":null,"correct":null,"input":null,"metadata":null}`),
		// No id at all: the uuid is the key.
		"uuid-only": mustJob(`{"id":null,"uuid":"uuid-only","status":"SCHEDULED","created":"` + created(5) + `"}`),
		"unknown": mustJob(`{"id":"unknown","status":"QUANTUM_SUPERPOSITION","jobType":"MYSTERY_TYPE","created":"` +
			created(6) + `","completed":"` + created(0) + `"}`),
		// Numbers as ids, one past what an int64 or a float64 holds exactly.
		"12345678901234567890": mustJob(`{"id":12345678901234567890,"status":"COMPLETED","created":"` + created(7) + `"}`),
		"42":                   mustJob(`{"id":42,"uuid":7,"batchId":9,"appId":1,"status":"SCHEDULED","created":"` + created(8) + `"}`),
		// Every spelling of a date API.md lists.
		"date-offset": mustJob(`{"id":"date-offset","status":"COMPLETED","created":"2020-02-12T13:27:03+00:00","completed":"2020-02-12T13:41:41.695000+00:00"}`),
		"date-zulu":   mustJob(`{"id":"date-zulu","status":"COMPLETED","created":"2024-03-12T10:00:00.123Z","completed":"2024-03-12T10:05:00Z"}`),
		"date-apps":   mustJob(`{"id":"date-apps","status":"SCHEDULED","created":"2023-07-25 12:29:24 UTC"}`),
		// And one the API does not use, which must cost the job nothing
		// but its date.
		"date-odd": mustJob(`{"id":"date-odd","status":"SCHEDULED","created":"last Tuesday"}`),
	}
})

// selectJob puts the table's cursor on the job with key, as a click
// would: without passing, and so building the detail of, every job above.
func selectJob(t *testing.T, m Model, key string) Model {
	t.Helper()
	for i, j := range m.rows {
		if j.Key() == key {
			m.table.SetCursor(i)
			m.showSelected()
			return m
		}
	}
	t.Fatalf("job %q is not in the table", key)
	return m
}

// zoomedContent opens the selected job full screen and pages through it,
// at most maxPages pages and then to its very end, checking that each
// page fits. It returns the pages, in plain text, each line without the
// pane's border and trailing blanks, so a test can look for a line.
func zoomedContent(t *testing.T, m Model, w, h, maxPages int) string {
	t.Helper()
	m = keys(m, "enter")
	last := ansi.Strip(keys(m, "end").View())
	var pages []string
	for page := 0; ; page++ {
		if page == maxPages {
			m = keys(m, "end")
		}
		screen := ansi.Strip(m.View())
		requireFits(t, screen, w, h)
		pages = append(pages, unframed(screen))
		if screen == last {
			return strings.Join(pages, "\n")
		}
		m = keys(m, "pgdown")
	}
}

// unframed drops the pane's side borders and each line's trailing blanks.
func unframed(screen string) string {
	lines := strings.Split(screen, "\n")
	for i, l := range lines {
		l = strings.TrimPrefix(l, "│")
		l = strings.TrimRight(l, " ")
		lines[i] = strings.TrimRight(strings.TrimSuffix(l, "│"), " ")
	}
	return strings.Join(lines, "\n")
}

// oddModel is a dashboard holding every odd job.
func oddModel(t *testing.T, w, h int) (Model, map[string]model.Job) {
	t.Helper()
	srv, _ := testServer(t, sim.Options{Jobs: -1})
	m := newTestModel(t, srv, srv.AppIDs()[0], w, h)
	jobs := oddJobs(t)
	list := make([]model.Job, 0, len(jobs))
	for _, j := range jobs {
		list = append(list, j)
	}
	return loaded(m, list), jobs
}

func TestOddDataRendersWithinTheScreen(t *testing.T) {
	// One dashboard, loaded once (merging a job with 10,000 tags is slow:
	// see the report on countTags) and resized.
	loadedModel, jobs := oddModel(t, 120, 40)
	for _, size := range [][2]int{{200, 60}, {80, 24}, {40, 10}} {
		w, h := size[0], size[1]
		t.Run(fmt.Sprintf("%dx%d", w, h), func(t *testing.T) {
			m := update(loadedModel, tea.WindowSizeMsg{Width: w, Height: h})
			if got, want := m.poll.Store().Len(), len(jobs); got != want {
				t.Fatalf("the store holds %d jobs, want all %d odd ones", got, want)
			}
			screen := ansi.Strip(m.View())
			requireFits(t, screen, w, h)
			requireContains(t, "the header", screen, fmt.Sprintf("%d jobs", len(jobs)))
			for _, j := range jobs {
				s := selectJob(t, m, j.Key())
				requireFits(t, ansi.Strip(s.View()), w, h)
				zoomedContent(t, s, w, h, 8)
			}
			for _, view := range []string{"b", "t", "?"} {
				requireFits(t, ansi.Strip(keys(m, view).View()), w, h)
			}
		})
	}
}

func TestOddDataDetail(t *testing.T) {
	const w, h = 120, 40
	m, jobs := oddModel(t, w, h)
	content := func(key string) string { return zoomedContent(t, selectJob(t, m, key), w, h, 1000) }

	t.Run("a 5 MB input is cut with a note", func(t *testing.T) {
		got := content("huge-input")
		requireContains(t, "the detail", got, "… cut: showing the first 256 KiB of 5.0 MiB")
		requireContains(t, "the detail", got, `"image": "data:image/png;base64,AAAA`)
	})
	t.Run("a 5 MB array is cut at a line count", func(t *testing.T) {
		requireContains(t, "the detail", content("huge-array"), "… cut: showing the first 5000 lines of 5.0 MiB")
	})
	t.Run("10,000 tags", func(t *testing.T) {
		got := content("many-tags")
		requireContains(t, "the detail", got, "tags          tag-00000, tag-00001")
		s := selectJob(t, m, "many-tags")
		requireContains(t, "the table", ansi.Strip(s.View()), "tag-00000, tag-00001, tag-0000")
		tags := ansi.Strip(keys(m, "t").View())
		requireContains(t, "the tags view", tags, "tag-00000")
		if n := keys(m, "t").tags.Len(); n != len(manyTags) {
			t.Errorf("the tags view lists %d tags, want %d", n, len(manyTags))
		}
	})
	t.Run("a 1,000-character id", func(t *testing.T) {
		s := selectJob(t, m, longID)
		requireContains(t, "the table", ansi.Strip(s.View()), longID[:20])
		got := content(longID)
		requireContains(t, "the detail's title", got, "job "+longID[:60])
		// The id field wraps rather than being lost: all of it is there.
		if n := strings.Count(strings.NewReplacer("\n", "", " ", "").Replace(got), longID); n < 1 {
			t.Errorf("the detail does not show the whole id:\n%s", got)
		}
	})
	t.Run("empty strings", func(t *testing.T) {
		got := content("empty")
		requireContains(t, "the detail", got, "uuid          —")
		requireContains(t, "the detail", got, "status        —")
		requireContains(t, "the detail", got, "no output yet (no status)")
		requireContains(t, "the detail", got, `""`)
	})
	t.Run("null everywhere", func(t *testing.T) {
		got := content("nulls")
		for _, field := range []string{"uuid", "status", "job type", "app", "batch", "created", "completed", "callback URL", "correct", "tags"} {
			requireContains(t, "the detail", got, field+strings.Repeat(" ", 14-len(field))+"—")
		}
		requireNotContains(t, "the detail", got, "Problems reading this job")
		requireContains(t, "the detail", got, "Input\nnull\n\nMetadata\nnull")
	})
	t.Run("a job with only a uuid", func(t *testing.T) {
		requireContains(t, "the detail", content("uuid-only"), "job uuid-only")
	})
	t.Run("unknown status and job type", func(t *testing.T) {
		s := selectJob(t, m, "unknown")
		screen := ansi.Strip(s.View())
		requireContains(t, "the header", screen, "QUANTUM_SUPERPOSITION 1")
		requireContains(t, "the table", screen, "QUANTUM_SUPERP…")
		got := content("unknown")
		requireContains(t, "the detail", got, "status        QUANTUM_SUPERPOSITION")
		requireContains(t, "the detail", got, "job type      MYSTERY_TYPE")
	})
	t.Run("numbers as ids", func(t *testing.T) {
		requireContains(t, "the detail", content("12345678901234567890"), "id            12345678901234567890")
		got := content("42")
		for _, want := range []string{"id            42", "uuid          7", "batch         9", "app           1"} {
			requireContains(t, "the detail", got, want)
		}
	})
	t.Run("every date spelling", func(t *testing.T) {
		for key, want := range map[string]string{
			"date-offset": "created       2020-02-12 13:27:03 UTC",
			"date-zulu":   "created       2024-03-12 10:00:00 UTC",
			"date-apps":   "created       2023-07-25 12:29:24 UTC",
		} {
			got := content(key)
			requireContains(t, "the detail of "+key, got, want)
			requireNotContains(t, "the detail of "+key, got, "Problems reading this job")
		}
		requireContains(t, "the detail", content("date-offset"), "completed     2020-02-12 13:41:41 UTC (took 14m39s)")
		got := content("date-odd")
		requireContains(t, "the detail", got, "Problems reading this job")
		requireContains(t, "the detail", got, `created: unrecognised timestamp "last Tuesday"`)
		requireContains(t, "the detail", got, "status        SCHEDULED")
	})
	_ = jobs
}

// TestLargeInputKeepsTheTableResponsive: with the 5 MB job under the
// cursor, moving on and back does not rebuild the pane's content for a
// copy of the job: the job and its content are kept, the pane holds at
// most the cut, and the table still moves row by row.
func TestLargeInputDetailIsBounded(t *testing.T) {
	const w, h = 120, 40
	m, _ := oddModel(t, w, h)
	m = selectJob(t, m, "huge-input")
	m = update(m, detail.OutputFetchedMsg{Key: "huge-input", Status: model.StatusFailed})
	// What the pane draws is a page; what it holds is the cut: the view
	// of a zoomed pane is a screenful whatever the size of the input.
	z := keys(m, "enter")
	if got := len(z.View()); got > 4*w*h {
		t.Fatalf("the zoomed detail of a 5 MB job is %d bytes, want about a screenful", got)
	}
	before, _ := m.table.Selected()
	m = keys(m, "j")
	after, _ := m.table.Selected()
	if before.Key() == after.Key() {
		t.Fatal("the table did not move past the 5 MB job")
	}
}

func TestZeroJobs(t *testing.T) {
	srv, _ := testServer(t, sim.Options{Jobs: -1})
	m := newTestModel(t, srv, srv.AppIDs()[0], 120, 40)
	m = loaded(m, nil)
	screen := ansi.Strip(m.View())
	requireFits(t, screen, 120, 40)
	requireContains(t, "the header", screen, "0 jobs")
	requireContains(t, "the header", screen, "● live")
	requireContains(t, "the table", screen, "no jobs")
	for _, k := range []string{"enter", "tab", "j", "G", "f", "c", "R", " ", "b", "t"} {
		requireFits(t, ansi.Strip(keys(m, k).View()), 120, 40)
	}
	requireContains(t, "the batches view", ansi.Strip(keys(m, "b").View()), "no batches")
	requireContains(t, "the tags view", ansi.Strip(keys(m, "t").View()), "no tags")
}

// TestAppThatDoesNotExist: the API answers 404 for the jobs of an app it
// does not know (a typo in --app, an app deleted since). The banner says
// so in plain words, the screen stays whole, and nothing crashes.
func TestAppThatDoesNotExist(t *testing.T) {
	srv, _ := testServer(t, sim.Options{Jobs: 20, Apps: 1})
	m := newTestModel(t, srv, "no-such-app", 120, 40)
	m.clockArmed = true
	m = syncNow(t, m)
	if m.poll.Status().Err == nil {
		t.Fatal("the sync of an unknown app succeeded")
	}
	requireContains(t, "the banner", notice(m), "⚠ app no-such-app not found")
	screen := ansi.Strip(m.View())
	requireFits(t, screen, 120, 40)
	requireContains(t, "the title", title(m), "not loaded yet")
	requireContains(t, "the table", screen, "no jobs")
	// The app picker, which lists the apps that do exist, is a key away.
	m = update(m, appsListedMsg{apps: []model.App{{UUID: srv.AppIDs()[0], Name: "Real app"}}})
	requireContains(t, "the app picker", ansi.Strip(keys(m, "a").View()), "Real app")
}

// TestEmptyStatusIsNamedInTheHeader: a job without a status ("" or null)
// is counted in the header under a name, as the detail pane calls it
// ("—", "no status"), not as a bare number after a blank.
func TestEmptyStatusIsNamedInTheHeader(t *testing.T) {
	m, jobs := oddModel(t, 200, 40)
	counts := ansi.Strip(m.countsLine())
	if bare := regexp.MustCompile(`  +[0-9]`).FindString(strings.TrimPrefix(counts, fmt.Sprint(m.poll.Store().Len())+" jobs")); bare != "" {
		t.Fatalf("the header counts a status without naming it: %q", counts)
	}
	none := 0
	for _, j := range jobs {
		if j.Status == "" {
			none++
		}
	}
	if none == 0 {
		t.Fatal("no odd job is without a status: the test proves nothing")
	}
	if want := fmt.Sprintf("  no status %d  ", none); !strings.Contains(counts, want) {
		t.Fatalf("the header does not count the %d jobs without a status as %q: %q", none, strings.TrimSpace(want), counts)
	}
}
