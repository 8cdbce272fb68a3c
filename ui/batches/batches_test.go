package batches

import (
	"slices"
	"testing"
	"time"

	"superdash/model"
	"superdash/ui/internal/uitest"
)

func TestSortOrders(t *testing.T) {
	m := newView(goldenStore(t), 100, 20)
	const wide, long = "バッチバッチバッチバッチ", "a-very-long-batch-identifier-0001"
	want := [][]string{
		{wide, osc52, "bulk-0701", "ingest-0701", long, "review-0630", "done-0629", "no-dates"}, // newest
		{"bulk-0701", "ingest-0701", "review-0630", wide, osc52, "no-dates", long, "done-0629"}, // most moving
		{wide, "ingest-0701", osc52, "bulk-0701", long, "review-0630", "done-0629", "no-dates"}, // most failed
		{osc52, long, "bulk-0701", "done-0629", "ingest-0701", "no-dates", "review-0630", wide}, // id
	}
	for i, order := range orderNames {
		if got := ids(m); !slices.Equal(got, want[i]) {
			t.Errorf("sorted by %s: %q, want %q", order, got, want[i])
		}
		if help := m.HelpKeys()[3].Help(); help.Key != "s" || help.Desc != "sort: "+order {
			t.Errorf("sorted by %s: sort help %+v", order, help)
		}
		m = uitest.Press(t, m, "s")
	}
	if got := ids(m); !slices.Equal(got, want[0]) {
		t.Errorf("the sort key does not cycle back to newest: %q", got)
	}
}

func TestSortKeepsTheCursorOnItsBatch(t *testing.T) {
	m := uitest.Press(t, newView(goldenStore(t), 100, 20), "j", "j", "j") // ingest-0701
	for range orderNames {
		m = uitest.Press(t, m, "s")
		if id, _ := m.Selected(); id != "ingest-0701" {
			t.Fatalf("after s the cursor is on %q", id)
		}
	}
}

func TestRefreshKeepsTheCursorOnItsBatch(t *testing.T) {
	store := goldenStore(t)
	m := uitest.Press(t, newView(store, 100, 20), "j", "j", "j")
	if id, _ := m.Selected(); id != "ingest-0701" {
		t.Fatalf("cursor on %q", id)
	}
	// Two newer batches arrive, above it; one of its jobs ends.
	uitest.Merge(t, store,
		job("70", "new-1", "SCHEDULED", at(time.Second), ""),
		job("71", "new-2", "SCHEDULED", at(2*time.Second), ""),
		job("10", "ingest-0701", "COMPLETED", at(10*time.Minute), at(0)),
	)
	m.Refresh(store)
	if id, _ := m.Selected(); id != "ingest-0701" {
		t.Errorf("after a refresh the cursor is on %q", id)
	}
	if m.Len() != 10 {
		t.Errorf("Len = %d, want 10", m.Len())
	}
	for _, b := range m.Rows() {
		if b.id == "ingest-0701" && b.ended() != 8 {
			t.Errorf("ingest-0701 has %d ended, want 8: rows were not recomputed", b.ended())
		}
	}

	// When its batch goes, the cursor keeps its place in the list.
	store.Remove("1", "2", "3", "4", "5", "6", "7", "8", "9", "10")
	m.Refresh(store)
	if id, _ := m.Selected(); id != "a-very-long-batch-identifier-0001" {
		t.Errorf("after its batch went the cursor is on %q", id)
	}
}

func TestRefreshRecomputesOnlyWhenTheStoreChanged(t *testing.T) {
	store := goldenStore(t)
	m := newView(store, 100, 20)
	rows := m.Rows()
	m.Refresh(store)
	if &m.Rows()[0] != &rows[0] {
		t.Error("Refresh recomputed the rows of an unchanged store")
	}
	// Another store at the same version is other data.
	other := uitest.Store(t, job("1", "other", "SCHEDULED", at(time.Minute), ""))
	if other.Version() != store.Version() {
		t.Fatalf("versions %d and %d: the test needs them equal", other.Version(), store.Version())
	}
	m.Refresh(other)
	if got := ids(m); !slices.Equal(got, []string{"other"}) {
		t.Errorf("after switching stores: %q", got)
	}
	m.Refresh(nil)
	if m.Len() != 0 {
		t.Errorf("a nil store left %d rows", m.Len())
	}
}

func TestSelected(t *testing.T) {
	m := newView(model.NewStore(), 100, 20)
	if id, ok := m.Selected(); ok || id != "" {
		t.Errorf("empty view: Selected = %q, %v", id, ok)
	}
	m = newView(hostileStore(t), 100, 20)
	m = uitest.Press(t, m, "s", "s", "s", "g") // by id: the OSC 52 one first
	// The id is the API's, unsanitised: the root quotes it into the filter.
	if id, ok := m.Selected(); !ok || id != osc52 {
		t.Errorf("Selected = %q, %v; want the raw id", id, ok)
	}
}

func TestHelpKeys(t *testing.T) {
	m := newView(goldenStore(t), 100, 20)
	var got []string
	for _, k := range m.HelpKeys() {
		got = append(got, k.Help().Key+" "+k.Help().Desc)
	}
	want := []string{"↑/k up", "↓/j down", "enter show its jobs", "s sort: newest", "pgup page up", "pgdn page down", "g/home top", "G/end bottom"}
	if !slices.Equal(got, want) {
		t.Errorf("HelpKeys = %q, want %q", got, want)
	}
}
