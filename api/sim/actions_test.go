package sim

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"superdash/model"
)

func TestCancel(t *testing.T) {
	f := serve(t, Options{Jobs: 3000}) // enough for every cancellable status to occur
	done := jobIn(t, f.Server, model.StatusCompleted)
	before := f.get(t, "jobs/"+done, http.StatusOK, nil)
	msg := message(t, f.post(t, "jobs/"+done+"/cancel", http.StatusConflict, nil))
	if want := "Job " + done + " cannot be canceled in status COMPLETED"; msg != want {
		t.Errorf("message %q, want %q", msg, want)
	}
	if after := f.get(t, "jobs/"+done, http.StatusOK, nil); string(after) != string(before) {
		t.Errorf("a refused cancel changed the job:\n%s\n%s", before, after)
	}

	f.clock.Advance(1500 * time.Millisecond)
	var canceled []string
	for _, st := range []model.Status{model.StatusInProgress, model.StatusScheduled, model.StatusSuspended} {
		id := jobIn(t, f.Server, st)
		var j model.Job
		f.post(t, "jobs/"+id+"/cancel", http.StatusOK, &j)
		if j.ID != id || j.Status != model.StatusCanceled || !j.Completed.Equal(f.clock.Now()) {
			t.Errorf("cancel of a %s job answered %s with completed %v, want CANCELED at %v", st, j.Status, j.Completed, f.clock.Now())
		}
		canceled = append(canceled, id)
	}
	f.clock.Advance(time.Hour) // what the jobs had planned before must not wake them
	for _, id := range canceled {
		if got := f.job(t, id).Status; got != model.StatusCanceled {
			t.Errorf("canceled job %s moved on to %s", id, got)
		}
	}
}

func TestRestart(t *testing.T) {
	f := serve(t, Options{})
	var restarted []string
	for _, st := range []model.Status{model.StatusFailed, model.StatusExpired, model.StatusCanceled} {
		id := jobIn(t, f.Server, st)
		var j model.Job
		f.post(t, "jobs/"+id+"/restart", http.StatusOK, &j)
		if j.Status != model.StatusScheduled || !j.Completed.IsZero() {
			t.Errorf("restart of a %s job answered %s with completed %v", st, j.Status, j.Completed)
		}
		restarted = append(restarted, id)
	}
	done := jobIn(t, f.Server, model.StatusCompleted)
	if msg := message(t, f.post(t, "jobs/"+done+"/restart", http.StatusConflict, nil)); !strings.Contains(msg, "cannot be restarted in status COMPLETED") {
		t.Errorf("message %q", msg)
	}
	// A restarted job lives again: no job stays scheduled for hours.
	f.clock.Advance(2 * time.Hour)
	for _, id := range restarted {
		if got := f.job(t, id).Status; got == model.StatusScheduled {
			t.Errorf("restarted job %s is still %s two hours later", id, got)
		}
	}
}

func TestNoRestart(t *testing.T) {
	f := serve(t, Options{NoRestart: true})
	id := jobIn(t, f.Server, model.StatusFailed)
	message(t, f.post(t, "jobs/"+id+"/restart", http.StatusNotFound, nil))
	if got := f.job(t, id).Status; got != model.StatusFailed {
		t.Errorf("job is %s after a restart the host does not offer", got)
	}
}
