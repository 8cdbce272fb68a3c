package batches

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"superdash/model"
	"superdash/ui/internal/uitest"
)

const osc52 = "\x1b]52;c;aGk=\x07"

// goldenStore holds batches in every state: busy, slow, stalled, done,
// hostile and wide ids, no dates, and a job without a batch.
func goldenStore(t testing.TB) *model.Store {
	h, m := time.Hour, time.Minute
	objects := []string{
		job("1", "ingest-0701", "COMPLETED", at(2*h), at(90*m)), // before the window
		job("2", "ingest-0701", "COMPLETED", at(2*h), at(30*m)),
		job("3", "ingest-0701", "COMPLETED", at(h), at(8*m)),
		job("4", "ingest-0701", "COMPLETED", at(h), at(5*m)),
		job("5", "ingest-0701", "COMPLETED", at(h), at(2*m)),
		job("6", "ingest-0701", "COMPLETED", at(h), at(m)),
		job("7", "ingest-0701", "FAILED", at(h), at(3*m)),
		job("8", "ingest-0701", "IN_PROGRESS", at(30*m), ""),
		job("9", "ingest-0701", "IN_PROGRESS", at(30*m), ""),
		job("10", "ingest-0701", "SCHEDULED", at(10*m), ""),
		job("20", "review-0630", "COMPLETED", at(26*h), at(25*h)),
		job("21", "review-0630", "COMPLETED", at(26*h), at(25*h)),
		job("22", "review-0630", "COMPLETED", at(26*h), at(25*h)),
		job("23", "review-0630", "NEEDS_REVIEW", at(26*h), ""),
		job("24", "review-0630", "NEEDS_REVIEW", at(26*h), ""),
		job("30", "done-0629", "COMPLETED", at(50*h), at(49*h)),
		job("31", "done-0629", "COMPLETED", at(50*h), at(49*h)),
		job("32", "done-0629", "CANCELED", at(50*h), at(49*h)),
		job("33", "done-0629", "EXPIRED", at(50*h), at(48*h)),
		job("40", osc52, "WARMING_UP", at(12*m), ""),
		job("41", "バッチバッチバッチバッチ", "POST_PROCESSING", at(5*m), ""),
		job("42", "バッチバッチバッチバッチ", "FAILED", at(5*m), at(m)),
		job("43", "a-very-long-batch-identifier-0001", "COMPLETED", at(3*h), at(2*h)),
		`{"id":"50","batchId":"no-dates","status":"PENDING"}`,
		job("60", "", "IN_PROGRESS", at(m), ""), // no batch: not listed
	}
	// bulk-0701 ends 150 jobs in the window: 15/min, 50 left, ~3m20s.
	for i := range 200 {
		id, created := "b"+strconv.Itoa(i), at(20*m)
		switch {
		case i < 150:
			objects = append(objects, job(id, "bulk-0701", "COMPLETED", created, at(time.Duration(i%9)*m+time.Second)))
		case i < 190:
			objects = append(objects, job(id, "bulk-0701", "IN_PROGRESS", created, ""))
		default:
			objects = append(objects, job(id, "bulk-0701", "SCHEDULED", created, ""))
		}
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
	m := newView(model.NewStore(), 100, 20)
	uitest.RequireGolden(t, m.View(), 100, 20)
}

// hostileStore has ids that try to break the layout or the terminal.
func hostileStore(t testing.TB) *model.Store {
	return uitest.Store(t,
		job("1", osc52, "FAILED", at(time.Hour), at(time.Minute)),
		job("2", "ラベル🐩ラベル🐩", "新しい状態", at(time.Minute), ""),
		job("3", strings.Repeat("x", 500), "\x1b[2J", at(time.Second), ""),
		job("4", "\u202eevil\tid\n", "COMPLETED", at(400*24*time.Hour), at(time.Second)),
	)
}

func TestViewIsExactlyTheSize(t *testing.T) {
	for _, store := range []*model.Store{hostileStore(t), goldenStore(t), model.NewStore()} {
		for w := range 161 {
			for _, h := range []int{0, 1, 2, 3, 20} {
				m := newView(store, w, h)
				for range 4 { // the cursor visits the first rows
					uitest.Lines(t, m.View(), w, h)
					m = uitest.Press(t, m, "j")
				}
			}
		}
	}
}

func TestViewShowsNoEscapesFromTheData(t *testing.T) {
	m := newView(hostileStore(t), 160, 10)
	view := m.View()
	// The Ascii profile drops every style, so any ESC or BEL is the data's.
	if strings.ContainsAny(view, "\x1b\x07") {
		t.Fatalf("view holds an escape or a bell: %q", view)
	}
	for _, want := range []string{"␛]52;c;aGk=␇", "�evil␉id␊"} {
		if !strings.Contains(view, want) {
			t.Errorf("view lacks the visible stand-in %q:\n%s", want, view)
		}
	}
}

// TestRateFallsWithoutNewData checks that the rate follows the clock while
// the store stands still, which is when a batch stalls.
func TestRateFallsWithoutNewData(t *testing.T) {
	store := uitest.Store(t,
		job("1", "b", "COMPLETED", at(time.Hour), at(9*time.Minute)),
		job("2", "b", "COMPLETED", at(time.Hour), at(time.Minute)),
		job("3", "b", "IN_PROGRESS", at(time.Hour), ""),
	)
	clock := now
	m := New(testCommon(&clock))
	m.SetSize(120, 3)
	m.Refresh(store)
	for _, step := range []struct {
		after     time.Duration
		rate, eta string
	}{
		{0, "0.2/min", "~5m left"},
		{2 * time.Minute, "0.1/min", "~10m left"}, // the job 9m ago left the window
		// Quiet for 11m, but its jobs end 8m apart: not stalled yet.
		{10 * time.Minute, "0/min", "no pace"},
		{38 * time.Minute, "0/min", "no pace"},
		{39 * time.Minute, "0/min", "stalled"}, // quiet for 40m, five times its gap
	} {
		clock = now.Add(step.after)
		m.Refresh(store) // the store did not change: no recompute
		row := uitest.Lines(t, m.View(), 120, 3)[1]
		if !strings.Contains(row, step.rate) || !strings.Contains(row, step.eta) {
			t.Errorf("%v later: want %q and %q in %q", step.after, step.rate, step.eta, row)
		}
	}
}

func TestCollect(t *testing.T) {
	store := goldenStore(t)
	rows := map[string]*batch{}
	for _, b := range collect(store, now) {
		rows[b.id] = b
	}
	if _, ok := rows[""]; ok {
		t.Error("jobs without a batch got a row")
	}
	if len(rows) != 8 {
		t.Errorf("%d batches, want 8", len(rows))
	}
	b := rows["ingest-0701"]
	got := fmt.Sprint(b.total(), b.ended(), b.failed(), b.moving(), b.endedSince(now), b.first().Format(time.RFC3339), b.statuses)
	want := fmt.Sprint(10, 7, 1, 3, 5, at(2*time.Hour), "[{SCHEDULED 1} {IN_PROGRESS 2} {COMPLETED 6} {FAILED 1}]")
	if got != want {
		t.Errorf("ingest-0701: %s, want %s", got, want)
	}
}

// TestRestartedJobIsNotThroughput: a job moving again after a restart may
// still carry its old completion time; it has not ended, so it does not
// count as throughput.
func TestRestartedJobIsNotThroughput(t *testing.T) {
	store := uitest.Store(t, job("1", "b", "SCHEDULED", at(time.Hour), at(time.Minute)))
	if n := collect(store, now)[0].endedSince(now); n != 0 {
		t.Errorf("endedSince = %d, want 0", n)
	}
}
