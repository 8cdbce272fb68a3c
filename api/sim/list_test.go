package sim

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"superdash/model"
)

func TestListStatusIn(t *testing.T) {
	f := serve(t, Options{})
	app := f.AppIDs()[0]
	want := 0
	for _, st := range f.Snapshot(app) {
		if st == model.StatusFailed || st == model.StatusExpired {
			want++
		}
	}
	for _, q := range []url.Values{
		{"statusIn": {"FAILED", "EXPIRED"}},
		{"statusIn": {"FAILED,EXPIRED"}},
	} {
		jobs := f.allJobs(t, app, q, 50)
		if len(jobs) != want || want == 0 {
			t.Errorf("%s: %d jobs, want %d", q.Encode(), len(jobs), want)
		}
		for _, j := range jobs {
			if j.Status != model.StatusFailed && j.Status != model.StatusExpired {
				t.Fatalf("%s: job %s is %s", q.Encode(), j.ID, j.Status)
			}
		}
	}
	if jobs := f.allJobs(t, app, url.Values{"statusIn": {"NO_SUCH_STATUS"}}, 10); len(jobs) != 0 {
		t.Errorf("an unknown status matched %d jobs", len(jobs))
	}
}

// A strict host refuses a status it does not know, newer ones included,
// with a message naming it; the classic seven it serves as any host does.
func TestListStrictStatuses(t *testing.T) {
	f := serve(t, Options{StrictStatuses: true})
	app := f.AppIDs()[0]
	for _, unknown := range []string{"PENDING", "NEEDS_REVIEW", "NO_SUCH_STATUS", "failed"} {
		for _, q := range []url.Values{
			{"statusIn": {"FAILED", unknown}},
			{"statusIn": {"FAILED," + unknown}},
		} {
			msg := message(t, f.get(t, "apps/"+app+"/jobs?"+q.Encode(), http.StatusBadRequest, nil))
			if !strings.Contains(msg, "statusIn") || !strings.Contains(msg, strconv.Quote(unknown)) {
				t.Errorf("%s: message %q does not name the parameter and the status", q.Encode(), msg)
			}
		}
	}
	want := 0
	for _, st := range f.Snapshot(app) {
		if !st.Ended() {
			want++
		}
	}
	classic := url.Values{"statusIn": {"SCHEDULED", "IN_PROGRESS", "SUSPENDED"}}
	if jobs := f.allJobs(t, app, classic, 50); len(jobs) != want || want == 0 {
		t.Errorf("the classic moving statuses matched %d jobs, want %d", len(jobs), want)
	}
}

func TestListPaging(t *testing.T) {
	f := serve(t, Options{MaxPageSize: 50})
	app := f.AppIDs()[0]
	all := f.allJobs(t, app, url.Values{}, 7)
	if len(all) != len(f.Snapshot(app)) {
		t.Fatalf("paged %d jobs, the app has %d", len(all), len(f.Snapshot(app)))
	}
	seen := map[string]bool{}
	for i, j := range all {
		if seen[j.ID] {
			t.Fatalf("job %s on two pages", j.ID)
		}
		seen[j.ID] = true
		if i > 0 && id(t, all[i-1]) >= id(t, j) {
			t.Fatalf("default order is not by id ascending: %s then %s", all[i-1].ID, j.ID)
		}
	}

	var p jobPage
	f.get(t, "apps/"+app+"/jobs", http.StatusOK, &p)
	if p.PageSize != defaultPageSize || p.PageNumber != 0 || len(p.Jobs) != defaultPageSize {
		t.Errorf("defaults: pageSize %d, pageNumber %d, %d jobs", p.PageSize, p.PageNumber, len(p.Jobs))
	}
	f.get(t, "apps/"+app+"/jobs?size=5000", http.StatusOK, &p)
	if p.PageSize != 50 || len(p.Jobs) != 50 {
		t.Errorf("size above the maximum: pageSize %d with %d jobs, want clamped to 50", p.PageSize, len(p.Jobs))
	}
	f.get(t, "apps/"+app+"/jobs?page=1000&size=10", http.StatusOK, &p)
	if len(p.Jobs) != 0 || p.Total != len(all) {
		t.Errorf("past the last page: %d jobs, total %d", len(p.Jobs), p.Total)
	}
	for _, q := range []string{"page=-1", "page=x", "size=0", "size=-3", "orderBy=sideways", "sortBy=colour", "correct=maybe"} {
		if msg := message(t, f.get(t, "apps/"+app+"/jobs?"+q, http.StatusBadRequest, nil)); !strings.Contains(msg, strings.Split(q, "=")[0]) {
			t.Errorf("%s: message %q does not name the parameter", q, msg)
		}
	}
}

func TestListSort(t *testing.T) {
	f := serve(t, Options{})
	app := f.AppIDs()[1]
	keys := map[string]func(a, b model.Job) int{
		"id":      func(a, b model.Job) int { return 0 },
		"created": func(a, b model.Job) int { return a.Created.Compare(b.Created) },
		"completed": func(a, b model.Job) int {
			// Jobs without completed come last, as SQL NULLs in ascending order.
			return cmp.Or(cmp.Compare(boolInt(a.Completed.IsZero()), boolInt(b.Completed.IsZero())), a.Completed.Compare(b.Completed))
		},
		"status": func(a, b model.Job) int { return strings.Compare(string(a.Status), string(b.Status)) },
	}
	for key, compare := range keys {
		for _, order := range []string{"asc", "desc"} {
			jobs := f.allJobs(t, app, url.Values{"sortBy": {key}, "orderBy": {order}}, 97)
			for i := 1; i < len(jobs); i++ {
				c := cmp.Or(compare(jobs[i-1], jobs[i]), cmp.Compare(id(t, jobs[i-1]), id(t, jobs[i])))
				if order == "desc" {
					c = -c
				}
				if c >= 0 {
					t.Fatalf("sortBy=%s orderBy=%s: %s (%s) before %s (%s)", key, order,
						jobs[i-1].ID, jobs[i-1].Raw, jobs[i].ID, jobs[i].Raw)
				}
			}
		}
	}
}

func TestListDateFilters(t *testing.T) {
	f := serve(t, Options{})
	app := f.AppIDs()[0]
	all := f.allJobs(t, app, url.Values{}, 1000)
	pivot := all[len(all)/2]
	at := model.FormatQueryTime(pivot.Created)
	var completed []time.Time
	for _, j := range all {
		if !j.Completed.IsZero() {
			completed = append(completed, j.Completed)
		}
	}
	slices.SortFunc(completed, time.Time.Compare)
	completedPivot := completed[len(completed)/2].Truncate(time.Second)
	cases := []struct {
		query url.Values
		want  func(j model.Job) bool
	}{
		{url.Values{"createdStartDate": {at}}, func(j model.Job) bool { return !j.Created.Before(pivot.Created) }},
		{url.Values{"createdEndDate": {at}}, func(j model.Job) bool { return !j.Created.After(pivot.Created) }},
		{url.Values{"createdStartDate": {at}, "createdEndDate": {at}}, func(j model.Job) bool { return j.Created.Equal(pivot.Created) }},
		{url.Values{"completedStartDate": {model.FormatQueryTime(completedPivot)}}, func(j model.Job) bool {
			return !j.Completed.IsZero() && !j.Completed.Before(completedPivot)
		}},
		{url.Values{"completedEndDate": {model.FormatQueryTime(completedPivot)}}, func(j model.Job) bool {
			return !j.Completed.IsZero() && !j.Completed.After(completedPivot)
		}},
	}
	for _, c := range cases {
		got := ids(t, f.allJobs(t, app, c.query, 1000))
		var want []int
		for _, j := range all {
			if c.want(j) {
				want = append(want, id(t, j))
			}
		}
		if !slices.Equal(got, want) || len(want) == 0 {
			t.Errorf("%s: %d jobs, want %d", c.query.Encode(), len(got), len(want))
		}
	}
	for _, bad := range []string{"2024-03-12", "2024-03-12T10:00:00+01:00", "yesterday"} {
		msg := message(t, f.get(t, "apps/"+app+"/jobs?createdStartDate="+url.QueryEscape(bad), http.StatusBadRequest, nil))
		if !strings.Contains(msg, "createdStartDate") {
			t.Errorf("bad date %q: message %q does not name the parameter", bad, msg)
		}
	}
}

func TestListTagsBatchCorrect(t *testing.T) {
	f := serve(t, Options{})
	matched := map[string]int{} // per filter, over all apps: each must match some job
	for _, app := range f.AppIDs() {
		all := f.allJobs(t, app, url.Values{}, 1000)
		var tagged, other string
		for _, j := range all {
			if len(j.Tags) > 0 && tagged == "" {
				tagged = j.Tags[0]
			}
			if len(j.Tags) > 0 && j.Tags[0] != tagged && other == "" {
				other = j.Tags[0]
			}
		}
		batchID := all[0].BatchID
		cases := []struct {
			name  string
			query url.Values
			want  func(j model.Job) bool
		}{
			{"tag", url.Values{"tags": {tagged}}, func(j model.Job) bool { return j.HasTag(tagged) }},
			{"tags a,b", url.Values{"tags": {tagged + "," + other}}, func(j model.Job) bool { return j.HasTag(tagged) || j.HasTag(other) }},
			{"tags a&b", url.Values{"tags": {tagged, other}}, func(j model.Job) bool { return j.HasTag(tagged) || j.HasTag(other) }},
			{"batch", url.Values{"batchId": {batchID}}, func(j model.Job) bool { return j.BatchID == batchID }},
			{"correct", url.Values{"correct": {"true"}}, func(j model.Job) bool { return j.Correct != nil && *j.Correct }},
			{"incorrect", url.Values{"correct": {"false"}}, func(j model.Job) bool { return j.Correct != nil && !*j.Correct }},
			{"batch and status", url.Values{"batchId": {batchID}, "statusIn": {"COMPLETED"}}, func(j model.Job) bool {
				return j.BatchID == batchID && j.Status == model.StatusCompleted
			}},
		}
		for _, c := range cases {
			got := ids(t, f.allJobs(t, app, c.query, 1000))
			var want []int
			for _, j := range all {
				if c.want(j) {
					want = append(want, id(t, j))
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("app %s, %s: %d jobs, want %d", app, c.query.Encode(), len(got), len(want))
			}
			matched[c.name] += len(want)
		}
	}
	for name, n := range matched {
		if n == 0 {
			t.Errorf("filter %q matched no job in any app: the test proves nothing", name)
		}
	}
}

func id(t *testing.T, j model.Job) int {
	t.Helper()
	n, err := strconv.Atoi(j.ID)
	if err != nil {
		t.Fatalf("job id %q is not digits", j.ID)
	}
	return n
}

func ids(t *testing.T, jobs []model.Job) []int {
	t.Helper()
	out := make([]int, len(jobs))
	for i, j := range jobs {
		out[i] = id(t, j)
	}
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
