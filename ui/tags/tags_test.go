package tags

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"superdash/model"
	"superdash/ui/internal/uitest"
)

const osc52 = "\x1b]52;c;aGk=\x07"

var long = strings.Repeat("long-tag-", 56)[:500]

// goldenStore has tags of every kind: common and rare, hostile, wide, very
// long, listed twice on one job, empty.
func goldenStore(t testing.TB) *model.Store {
	objects := []string{
		job("1", "COMPLETED", "poodle", "urgent"),
		job("2", "FAILED", "poodle", "urgent", "poodle"), // poodle counts once
		job("3", "IN_PROGRESS", "poodle"),
		job("4", "SCHEDULED", "labrador", ""), // the empty tag is not a tag
		job("5", "COMPLETED", "labrador", "ラベル🐩"),
		job("6", "NEEDS_REVIEW", osc52),
		job("7", "WARMING_UP", long),
		job("8", "COMPLETED"),
		job("9", "CANCELED", "urgent"),
	}
	for i := range 11 {
		objects = append(objects, job(fmt.Sprint(100+i), "COMPLETED", "bulk"))
	}
	return uitest.Store(t, objects...)
}

func TestGolden(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		w, h := size[0], size[1]
		t.Run(fmt.Sprintf("%dx%d", w, h), func(t *testing.T) {
			m := uitest.Press(t, newView(goldenStore(t), w, h), "j")
			uitest.RequireGolden(t, m.View(), w, h)
		})
	}
}

func TestGoldenEmpty(t *testing.T) {
	m := newView(uitest.Store(t, job("1", "COMPLETED")), 100, 20)
	uitest.RequireGolden(t, m.View(), 100, 20)
}

func TestCollect(t *testing.T) {
	got := map[string]string{}
	for _, tg := range collect(goldenStore(t)) {
		got[tg.name] = fmt.Sprint(tg.count, tg.statuses)
	}
	want := map[string]string{
		"poodle":   "3 [{IN_PROGRESS 1} {COMPLETED 1} {FAILED 1}]",
		"urgent":   "3 [{COMPLETED 1} {FAILED 1} {CANCELED 1}]",
		"labrador": "2 [{SCHEDULED 1} {COMPLETED 1}]",
		"ラベル🐩":     "1 [{COMPLETED 1}]",
		osc52:      "1 [{NEEDS_REVIEW 1}]",
		long:       "1 [{WARMING_UP 1}]",
		"bulk":     "11 [{COMPLETED 11}]",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("collect:\n got %v\nwant %v", got, want)
	}
}

func TestSortOrders(t *testing.T) {
	m := newView(goldenStore(t), 100, 20)
	byCount := []string{"bulk", "poodle", "urgent", "labrador", osc52, long, "ラベル🐩"}
	byName := []string{osc52, "bulk", "labrador", long, "poodle", "urgent", "ラベル🐩"}
	for _, want := range [][]string{byCount, byName, byCount} {
		if got := names(m); !slices.Equal(got, want) {
			t.Errorf("order %q, want %q", got, want)
		}
		m = uitest.Press(t, m, "s")
	}
	if help := m.HelpKeys()[3].Help(); help.Desc != "sort: name" {
		t.Errorf("sort help %+v", help)
	}
}

func TestRefreshKeepsTheCursorOnItsTag(t *testing.T) {
	store := goldenStore(t)
	m := uitest.Press(t, newView(store, 100, 20), "j", "j") // urgent, third
	uitest.Merge(t, store, job("200", "COMPLETED", "urgent"), job("201", "COMPLETED", "urgent"))
	m.Refresh(store)
	if name, _ := m.Selected(); name != "urgent" {
		t.Errorf("after a refresh the cursor is on %q", name)
	}
	if got := names(m)[1]; got != "urgent" {
		t.Errorf("urgent did not move up: %q", names(m))
	}
}

func TestSelected(t *testing.T) {
	if name, ok := newView(model.NewStore(), 100, 20).Selected(); ok || name != "" {
		t.Errorf("empty view: Selected = %q, %v", name, ok)
	}
	m := uitest.Press(t, newView(goldenStore(t), 100, 20), "s", "g") // by name: OSC 52 first
	if name, ok := m.Selected(); !ok || name != osc52 {
		t.Errorf("Selected = %q, %v; want the raw tag", name, ok)
	}
}

func TestViewIsExactlyTheSize(t *testing.T) {
	for _, store := range []*model.Store{goldenStore(t), model.NewStore()} {
		for w := range 161 {
			for _, h := range []int{0, 1, 2, 3, 20} {
				m := newView(store, w, h)
				for range 7 { // the cursor visits every row
					uitest.Lines(t, m.View(), w, h)
					m = uitest.Press(t, m, "j")
				}
			}
		}
	}
}

func TestViewShowsNoEscapesFromTheData(t *testing.T) {
	view := newView(goldenStore(t), 160, 10).View()
	if strings.ContainsAny(view, "\x1b\x07") {
		t.Fatalf("view holds an escape or a bell: %q", view)
	}
	if !strings.Contains(view, "␛]52;c;aGk=␇") {
		t.Errorf("view lacks the visible stand-in of the OSC 52 tag:\n%s", view)
	}
}
