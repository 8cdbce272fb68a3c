package instatus

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"superdash/model"
	"superdash/ui/common"
	"superdash/ui/internal/uitest"
	"superdash/ui/nav"
)

// world is a store whose jobs entered their statuses at known times, by a
// clock the test holds.
type world struct {
	store *model.Store
	clock time.Time
}

func newWorld() *world {
	w := &world{store: model.NewStore(), clock: uitest.Now}
	w.store.SetClock(func() time.Time { return w.clock })
	return w
}

// enter puts n jobs, named prefix0, prefix1..., in status st, ago before
// the test's now.
func (w *world) enter(t *testing.T, prefix, st string, n int, ago time.Duration) {
	t.Helper()
	w.clock = uitest.Now.Add(-ago)
	objects := make([]string, n)
	for i := range objects {
		objects[i] = uitest.JobJSON(map[string]any{"id": prefix + strconv.Itoa(i), "status": st, "created": "2024-06-01T00:00:00Z"})
	}
	uitest.Merge(t, w.store, objects...)
	w.clock = uitest.Now
}

// goldenWorld has moving jobs in every bucket, a status the build does
// not know, and ended jobs, which the view leaves out.
func goldenWorld(t *testing.T) *world {
	w := newWorld()
	h, m := time.Hour, time.Minute
	w.enter(t, "s-new-", "SCHEDULED", 120, 2*m)
	w.enter(t, "s-mid-", "SCHEDULED", 30, 10*m)
	w.enter(t, "s-old-", "SCHEDULED", 3, 3*h)
	w.enter(t, "r-new-", "IN_PROGRESS", 40, time.Minute)
	w.enter(t, "r-mid-", "IN_PROGRESS", 75, 12*m)
	w.enter(t, "r-hour-", "IN_PROGRESS", 18, 40*m)
	w.enter(t, "r-day-", "IN_PROGRESS", 4, 5*h)
	w.enter(t, "r-stuck-", "IN_PROGRESS", 1, 50*h)
	w.enter(t, "p-", "SUSPENDED", 2, 20*m)
	w.enter(t, "w-", "WARMING_UP", 1, 3*m)
	w.enter(t, "done-", "COMPLETED", 500, 2*h)
	w.enter(t, "fail-", "FAILED", 7, 30*h)
	return w
}

// shown is the screen of w×h showing store, as the root shows it.
func shown(t *testing.T, c *common.Common, store *model.Store, w, h int) (nav.Screen, *nav.Outbox) {
	t.Helper()
	out := &nav.Outbox{}
	var s nav.Screen = New(c, out)
	s = s.SetSize(w, h)
	s, _ = s.Update(nav.ShownMsg{From: nav.Jobs, Store: store})
	return s, out
}

func TestGolden(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		w, h := size[0], size[1]
		t.Run(fmt.Sprintf("%dx%d", w, h), func(t *testing.T) {
			s, _ := shown(t, uitest.Common(), goldenWorld(t).store, w, h)
			s = uitest.Press(t, s, "j", "l") // IN_PROGRESS, 5–15m
			uitest.RequireGolden(t, s.View(), w, h)
		})
	}
}

// TestGoldenWithoutColour draws the view as NO_COLOR does (attributes, no
// colour): the bars and counts read as glyphs and numbers, the cursor as
// its glyph and reverse video, and not one colour is drawn.
func TestGoldenWithoutColour(t *testing.T) {
	lipgloss.SetColorProfile(termenv.ANSI)
	t.Cleanup(func() { lipgloss.SetColorProfile(termenv.Ascii) })
	c := uitest.Common()
	c.Styles = common.DefaultStyles().WithoutColourSignals().Resolve(common.Theme{Profile: termenv.Ascii, Dark: true})
	s, _ := shown(t, c, goldenWorld(t).store, 80, 24)
	s = uitest.Press(t, s, "j", "l", "l", "l")
	view := s.View()
	if colour := regexp.MustCompile(`\x1b\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]`).FindString(view); colour != "" {
		t.Errorf("colour drawn under NO_COLOR: %q", colour)
	}
	if !regexp.MustCompile(`\x1b\[(?:[0-9;]*;)?7[;m]` + cursorGlyph + `█+ +4`).MatchString(view) {
		t.Error("the bucket under the cursor (IN_PROGRESS, 1–24h: 4 jobs) is not in reverse video behind its glyph")
	}
	uitest.RequireGolden(t, view, 80, 24)
}

func TestGoldenEmpty(t *testing.T) {
	w := newWorld()
	w.enter(t, "done-", "COMPLETED", 3, time.Hour)
	s, _ := shown(t, uitest.Common(), w.store, 80, 12)
	uitest.RequireGolden(t, s.View(), 80, 12)
}

// TestRowsAreTheStoresCounts reads the numbers off the screen: each
// status's moving jobs and its buckets, as TimeInStatus counts them.
func TestRowsAreTheStoresCounts(t *testing.T) {
	s, _ := shown(t, uitest.Common(), goldenWorld(t).store, 120, 40)
	want := map[string]string{
		"SCHEDULED":   "153 120 30 0 3 0",
		"IN_PROGRESS": "138 40 75 18 4 1",
		"SUSPENDED":   "2 0 0 2 0 0",
		"WARMING_UP":  "1 1 0 0 0 0",
	}
	got := rowNumbers(t, s.View(), 120, 40)
	if len(got) != len(want) {
		t.Errorf("rows %v, want one for each of %v", got, want)
	}
	for st, nums := range want {
		if got[st] != nums {
			t.Errorf("%s: %q, want %q", st, got[st], nums)
		}
	}
}

// rowNumbers reads the rows off a w×h view: for each status, its numbers.
func rowNumbers(t *testing.T, view string, w, h int) map[string]string {
	t.Helper()
	digits := regexp.MustCompile(`[0-9][0-9,]*`)
	rows := map[string]string{}
	for _, line := range uitest.Lines(t, view, w, h) {
		if f := strings.Fields(line); len(f) > 2 && regexp.MustCompile(`^[A-Z_]+$`).MatchString(f[0]) && f[0] != "STATUS" {
			rows[f[0]] = strings.Join(digits.FindAllString(line, -1), " ")
		}
	}
	return rows
}

func TestEnterAsksForTheBucketsFilter(t *testing.T) {
	s, out := shown(t, uitest.Common(), goldenWorld(t).store, 120, 40)
	s = uitest.Press(t, s, "down", "right", "right", "l", "l", "l", "h") // IN_PROGRESS, 1–24h
	out.Take()
	uitest.Press(t, s, "enter")
	reqs := out.Take()
	want := nav.Show{To: nav.Jobs, With: nav.FilterMsg{Text: "status:IN_PROGRESS in-status:>1h in-status:<1d"}}
	if len(reqs) != 1 || reqs[0] != want {
		t.Errorf("enter asked for %+v, want %+v", reqs, want)
	}
	uitest.Press(t, s, "esc")
	if reqs := out.Take(); len(reqs) != 1 || reqs[0] != (nav.Show{To: nav.Jobs}) {
		t.Errorf("esc asked for %+v, want the jobs back", reqs)
	}
	uitest.Press(t, s, "I")
	if reqs := out.Take(); len(reqs) != 1 || reqs[0] != (nav.Show{To: nav.Jobs}) {
		t.Errorf("I asked for %+v, want the jobs back", reqs)
	}
}

func TestCursorStaysOnItsStatus(t *testing.T) {
	w := goldenWorld(t)
	s, out := shown(t, uitest.Common(), w.store, 120, 40)
	s = uitest.Press(t, s, "j", "j") // SUSPENDED
	// Every SCHEDULED job starts: the row above goes, the cursor stays.
	var started []string
	w.store.Each(func(j *model.Job) bool {
		if j.Status == model.StatusScheduled {
			started = append(started, uitest.JobJSON(map[string]any{"id": j.ID, "status": "IN_PROGRESS"}))
		}
		return true
	})
	uitest.Merge(t, w.store, started...)
	s, _ = s.Update(nav.StoreMsg{Store: w.store, Shown: true})
	if view := s.View(); strings.Contains(view, "SCHEDULED") || !strings.Contains(view, "▸ SUSPENDED") {
		t.Errorf("after SCHEDULED emptied, the view:\n%s", view)
	}
	out.Take()
	uitest.Press(t, s, "enter")
	if reqs := out.Take(); len(reqs) != 1 || !strings.HasPrefix(reqs[0].(nav.Show).With.(nav.FilterMsg).Text, "status:SUSPENDED ") {
		t.Errorf("enter asked for %+v, want SUSPENDED's bucket", reqs)
	}
}

// TestIdleRedrawIsCached: a redraw with nothing new does not count the
// store again, and a new minute or a change of the store does.
func TestIdleRedrawIsCached(t *testing.T) {
	w := goldenWorld(t)
	clock := uitest.Now
	c := uitest.Common()
	c.Now = func() time.Time { return clock }
	s, _ := shown(t, c, w.store, 120, 40)
	m := s.(Model)
	first := m.View()
	gen := m.cache.counted.gen
	// The store's clock moves within the minute: jobs cross no bucket on
	// screen, and nothing is counted again.
	clock, w.clock = clock.Add(30*time.Second), w.clock.Add(30*time.Second)
	if m.View() != first || m.cache.counted.gen != gen {
		t.Error("an idle redraw within the minute counted the store again")
	}
	clock, w.clock = clock.Add(5*time.Minute), w.clock.Add(5*time.Minute)
	// Five minutes on, the SCHEDULED jobs of 2m and 10m are 7m and 15.5m
	// in, a bucket on.
	if got := rowNumbers(t, m.View(), 120, 40)["SCHEDULED"]; m.cache.counted.gen == gen || got != "153 0 120 30 3 0" {
		t.Errorf("five minutes on, SCHEDULED reads %q, want it a bucket on", got)
	}
	gen = m.cache.counted.gen
	w.enter(t, "late-", "SCHEDULED", 1, 0)
	w.clock = clock
	if m.View(); m.cache.counted.gen == gen {
		t.Error("a store change did not count again")
	}
}

// TestCachedDrawingFollowsTheTheme: a drawing kept between frames is not
// handed back under another colour profile, as every kept view is keyed
// (common.Theme).
func TestCachedDrawingFollowsTheTheme(t *testing.T) {
	s, _ := shown(t, uitest.Common(), goldenWorld(t).store, 80, 24)
	plain := s.View()
	lipgloss.SetColorProfile(termenv.ANSI256)
	t.Cleanup(func() { lipgloss.SetColorProfile(termenv.Ascii) })
	if coloured := s.View(); coloured == plain {
		t.Error("after the colour profile changed, the view is the drawing kept from before")
	}
}
