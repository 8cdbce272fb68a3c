package detail

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"superdash/model"
)

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
