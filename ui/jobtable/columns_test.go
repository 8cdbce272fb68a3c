package jobtable

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"superdash/model"
	"superdash/ui/internal/uitest"
)

func kinds(cols []column) []colKind {
	out := make([]colKind, len(cols))
	for i, c := range cols {
		out[i] = c.kind
	}
	return out
}

func TestLayoutSpansTheWidth(t *testing.T) {
	for width := range 250 {
		for _, id := range []int{2, 3, 8, idCap} {
			cols := layout(width, id, 8)
			total := 0
			for i, c := range cols {
				if c.width < 1 {
					t.Fatalf("width %d, id %d: column %s is %d wide", width, id, headers[c.kind], c.width)
				}
				if i > 0 {
					total += gap
				}
				total += c.width
			}
			if total != width {
				t.Fatalf("width %d, id %d: columns span %d", width, id, total)
			}
		}
	}
}

func TestLayoutDropsColumnsInOrder(t *testing.T) {
	cases := []struct {
		width int
		want  []colKind
	}{
		{200, []colKind{colID, colStatus, colType, colBatch, colTags, colCreated, colWhen}},
		{90, []colKind{colID, colStatus, colType, colBatch, colTags, colCreated, colWhen}},
		{80, []colKind{colID, colStatus, colType, colBatch, colCreated, colWhen}},
		{70, []colKind{colID, colStatus, colBatch, colCreated, colWhen}},
		{55, []colKind{colID, colStatus, colCreated, colWhen}},
		{40, []colKind{colID, colStatus, colWhen}},
		{25, []colKind{colID, colStatus}},
		{12, []colKind{colID, colStatus}},
		{8, []colKind{colID}},
	}
	for _, tc := range cases {
		if got := kinds(layout(tc.width, 8, 8)); !slices.Equal(got, tc.want) {
			t.Errorf("width %d: columns %v, want %v", tc.width, got, tc.want)
		}
	}
}

func TestLayoutSqueezesIDAndStatus(t *testing.T) {
	cases := []struct {
		width, id    int
		idW, statusW int
		onlyID       bool
	}{
		{width: 30, id: idCap, idW: 13, statusW: 15}, // a long id gives way first
		{width: 20, id: idCap, idW: 10, statusW: 8},  // then the status
		{width: 20, id: 4, idW: 4, statusW: 14},
		{width: 17, id: 2, idW: 2, statusW: 13}, // a short id is not "too short"
		{width: 12, id: idCap, idW: 4, statusW: 6},
		{width: 10, id: idCap, onlyID: true},
	}
	for _, tc := range cases {
		cols := layout(tc.width, tc.id, 8)
		switch {
		case tc.onlyID:
			if len(cols) != 1 || cols[0].kind != colID || cols[0].width != tc.width {
				t.Errorf("width %d, id %d: %v, want the id alone", tc.width, tc.id, cols)
			}
		case len(cols) != 2 || cols[0].width != tc.idW || cols[1].width != tc.statusW:
			t.Errorf("width %d, id %d: %v, want id %d and status %d", tc.width, tc.id, cols, tc.idW, tc.statusW)
		}
	}
}

// A column shown at some width stays shown at every larger width, so
// columns do not come and go while a terminal is resized.
func TestLayoutIsMonotonic(t *testing.T) {
	prev := map[colKind]bool{}
	for width := range 250 {
		shown := map[colKind]bool{}
		for _, k := range kinds(layout(width, 10, 12)) {
			shown[k] = true
		}
		for k := range prev {
			if !shown[k] {
				t.Fatalf("%s shown at width %d but not at %d", headers[k], width-1, width)
			}
		}
		prev = shown
	}
}

func TestContentWidth(t *testing.T) {
	ids := func(vals ...string) []*model.Job {
		jobs := make([]*model.Job, len(vals))
		for i, v := range vals {
			jobs[i] = &model.Job{ID: v}
		}
		return jobs
	}
	key := (*model.Job).Key
	cases := []struct {
		name string
		jobs []*model.Job
		want int
	}{
		{"no jobs: the header", nil, 2},
		{"widest id", ids("1", "12345", "123"), 5},
		{"capped", ids("1", strings.Repeat("x", 1000)), idCap},
		{"wide characters count two cells", ids("ラベル"), 6},
		{"a control character is one cell", ids("a\x1bb"), 3},
	}
	for _, tc := range cases {
		if got := contentWidth(tc.jobs, key, 2, idCap); got != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, got, tc.want)
		}
	}
}

// A batch is shown by its label, whole, and the column is as wide as the
// widest label, not as the ids, whichever rows are shown.
func TestBatchLabels(t *testing.T) {
	jobs := makeJobs(3)
	jobs[0].BatchID = "35d7639f-ac24-48cc-84cc-c19d3618dd81"
	jobs[1].BatchID = "19dc4d4d-6412-470d-a9fe-726355f07f09"
	jobs[2].BatchID = "ingest-0701"
	m := New(uitest.Common())
	m.SetSize(120, 10)
	m.SetRows(jobs)
	m.SetBatchLabels(map[string]string{jobs[0].BatchID: "35d7639", jobs[1].BatchID: "19dc4d4", "ingest-0701": "ingest-0701"})
	view := ansi.Strip(m.View())
	for _, want := range []string{"35d7639  ", "19dc4d4  ", "ingest-0701"} {
		if !strings.Contains(view, want) {
			t.Errorf("the table lacks %q:\n%s", want, view)
		}
	}
	if strings.Contains(view, "…") || strings.Contains(view, "-ac24") {
		t.Errorf("a labelled batch is shown by its id:\n%s", view)
	}
	if got, want := m.batchWidth, len("ingest-0701"); got != want {
		t.Errorf("the BATCH column asks for %d cells, want %d (the widest label)", got, want)
	}
	m.ReplaceRows(jobs[:1]) // a filter keeps the first job alone
	if got, want := m.batchWidth, len("ingest-0701"); got != want {
		t.Errorf("under a filter the BATCH column asks for %d cells, want %d (the widest label still)", got, want)
	}
}

// Given the longest key of all jobs, the ID column is that wide whichever
// rows are shown; without it, as wide as the rows' longest.
func TestKeyWidth(t *testing.T) {
	jobs := makeJobs(3)
	jobs[2].ID = "123456789012"
	m := New(uitest.Common())
	m.SetSize(120, 10)
	m.SetRows(jobs[:2])
	if got := m.idWidth; got != len("ID") {
		t.Errorf("without a key width the ID column asks for %d cells, want %d (the rows')", got, len("ID"))
	}
	m.SetKeyWidth(len(jobs[2].ID))
	m.ReplaceRows(jobs[:1])
	if got := m.idWidth; got != 12 {
		t.Errorf("with a key width of 12 the ID column asks for %d cells, want 12", got)
	}
	m.SetKeyWidth(1000)
	if got := m.idWidth; got != idCap {
		t.Errorf("a key width of 1000 asks for %d cells, want the cap %d", got, idCap)
	}
}
