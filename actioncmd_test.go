package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"superdash/api"
	"superdash/api/sim"
	"superdash/journal"
	"superdash/model"
)

const shellKey = "sk-shell-test-key"

// shellWorld is a simulator on a loopback port for the shell commands,
// with the key in the environment and the journal in a folder of the
// test's own.
type shellWorld struct {
	*sim.Running
	app     string
	journal string
}

func newShellWorld(t *testing.T) *shellWorld {
	t.Helper()
	// The clock stands still, so a restarted job is still SCHEDULED when
	// it is read back.
	clock := sim.NewManualClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	r, err := sim.Start(sim.Options{Jobs: 400, Apps: 2, Seed: 5, APIKey: shellKey, Clock: clock.Now}, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.Close() })
	state := t.TempDir()
	t.Setenv("SUPERAI_API_KEY", shellKey)
	t.Setenv("XDG_STATE_HOME", state)
	return &shellWorld{Running: r, app: r.AppIDs()[0], journal: filepath.Join(state, "superdash", "journal.jsonl")}
}

// jobsIn are up to n ids of the app's jobs in a status want accepts, in
// id order.
func (w *shellWorld) jobsIn(t *testing.T, n int, want func(model.Status) bool) []string {
	t.Helper()
	var ids []string
	for id, st := range w.Snapshot(w.app) {
		if want(st) {
			ids = append(ids, id)
		}
	}
	slices.SortFunc(ids, func(a, b string) int { return cmp.Or(cmp.Compare(len(a), len(b)), strings.Compare(a, b)) })
	if len(ids) < n {
		t.Fatalf("only %d jobs in the wanted status", len(ids))
	}
	return ids[:n]
}

func (w *shellWorld) sent(endpoint string) int { return w.Stats().Endpoints[endpoint] }

// shellRun is one run of a shell command.
type shellRun struct {
	out, err string
	code     int
}

// runShell runs a shell command in process against w, with stdin and
// whether stdin is a terminal.
func (w *shellWorld) run(t *testing.T, stdin string, interactive bool, args ...string) shellRun {
	t.Helper()
	commands := map[string]func([]string, stdio) error{"cancel": runCancel, "restart": runRestart, "resubmit": runResubmit}
	var out, errOut bytes.Buffer
	std := stdio{in: strings.NewReader(stdin), out: &out, err: &errOut, interactive: interactive}
	base := []string{"--config", "", "--base-url", w.BaseURL}
	err := commands[args[0]](append(base, args[1:]...), std)
	code := 0
	if err != nil {
		code = exitCode(err)
		fmt.Fprintln(&errOut, "superdash:", err)
	}
	res := shellRun{out: out.String(), err: errOut.String(), code: code}
	if strings.Contains(res.out+res.err, shellKey) {
		t.Errorf("the key was printed:\n%s%s", res.out, res.err)
	}
	return res
}

func TestRestartFromStdinDoesEachJobAndJournalsIt(t *testing.T) {
	w := newShellWorld(t)
	ids := w.jobsIn(t, 3, model.Status.Restartable)
	r := w.run(t, strings.Join(ids, "\n")+"\n\n"+ids[0]+"\n", false, "restart", "-", "--yes", "--concurrency", "2")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s%s", r.code, r.out, r.err)
	}
	lines := strings.Split(strings.TrimSpace(r.out), "\n")
	slices.Sort(lines)
	var want []string
	for _, id := range ids {
		want = append(want, id+"\tdone\tSCHEDULED")
	}
	slices.Sort(want)
	if !slices.Equal(lines, want) {
		t.Errorf("stdout\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if n := w.sent(sim.EndpointRestart); n != 3 {
		t.Errorf("%d restarts sent for 3 jobs (one named twice)", n)
	}
	if !strings.Contains(r.err, "3 of 3 jobs restarted") {
		t.Errorf("summary: %s", r.err)
	}
	entries, err := journal.Read(w.journal, 0)
	if err != nil || len(entries) != 3 {
		t.Fatalf("journal: %d entries, %v", len(entries), err)
	}
	for _, e := range entries {
		if e.Action != "restart" || e.Outcome != journal.OutcomeDone || e.Status != "SCHEDULED" || !slices.Contains(ids, e.JobID) {
			t.Errorf("journal entry %+v", e)
		}
	}
}

// Each command refuses to act from a pipe without --yes (exit 2), and
// sends nothing.
func TestShellActionsRefuseWithoutYesOnAPipe(t *testing.T) {
	w := newShellWorld(t)
	id := w.jobsIn(t, 1, model.Status.Restartable)[0]
	for _, cmd := range []string{"cancel", "restart", "resubmit"} {
		r := w.run(t, id+"\n", false, cmd, "-")
		if r.code != exitUsage || !strings.Contains(r.err, "give --yes") {
			t.Errorf("%s without --yes: exit %d, %s", cmd, r.code, r.err)
		}
	}
	for _, e := range []string{sim.EndpointCancel, sim.EndpointRestart, sim.EndpointSubmitJobs} {
		if n := w.sent(e); n != 0 {
			t.Errorf("%s sent %d times without --yes", e, n)
		}
	}
}

// 0: all done; 1: any refused; 2: a usage error or a host that cannot be
// reached.
func TestShellActionsExitCodes(t *testing.T) {
	w := newShellWorld(t)
	running := w.jobsIn(t, 3, model.Status.Cancellable)
	ended := w.jobsIn(t, 1, model.Status.Restartable)
	for _, tc := range []struct {
		name string
		args []string
		code int
		says string
	}{
		{"cancel done", []string{"cancel", running[0], "--yes"}, 0, "1 of 1 job canceled"},
		{"cancel refused", []string{"cancel", running[1], ended[0], "--yes"}, exitSomeNotDone, "1 refused"},
		{"restart refused", []string{"restart", running[2], "--yes"}, exitSomeNotDone, "cannot be restarted"},
		{"resubmit unknown job", []string{"resubmit", "no-such-job", "--yes"}, exitSomeNotDone, "could not be read"},
		{"no ids", []string{"restart", "--yes"}, exitUsage, "no job ids"},
		{"bad flag", []string{"cancel", "1", "--yes", "--no-such-flag"}, exitUsage, "no-such-flag"},
		{"read-only", []string{"cancel", running[2], "--yes", "--read-only"}, exitUsage, "read-only"},
		{"unreachable", []string{"restart", ended[0], "--yes", "--base-url", "http://127.0.0.1:1/v1", "--timeout", "2s"}, exitUsage, "could not connect"},
		{"resubmit unreachable", []string{"resubmit", ended[0], "--yes", "--base-url", "http://127.0.0.1:1/v1"}, exitUsage, "could not connect"},
	} {
		r := w.run(t, "", false, tc.args...)
		if r.code != tc.code || !strings.Contains(r.out+r.err, tc.says) {
			t.Errorf("%s: exit %d, want %d saying %q\n%s%s", tc.name, r.code, tc.code, tc.says, r.out, r.err)
		}
	}
	if got := w.Snapshot(w.app)[running[2]]; !got.Cancellable() {
		t.Errorf("job %s is %s after a read-only cancel", running[2], got)
	}
}

// On a terminal the command asks; above 100 jobs a yes is not enough,
// the count must be typed.
func TestShellActionsAskOnATerminal(t *testing.T) {
	w := newShellWorld(t)
	id := w.jobsIn(t, 1, model.Status.Cancellable)[0]
	if r := w.run(t, "n\n", true, "cancel", id); r.code != exitUsage || !strings.Contains(r.err, "[y/N]") || !strings.Contains(r.err, strings.TrimPrefix(strings.TrimSuffix(w.BaseURL, "/v1"), "http://")) {
		t.Errorf("answered no: exit %d\n%s", r.code, r.err)
	}
	if n := w.sent(sim.EndpointCancel); n != 0 {
		t.Fatalf("answered no, and %d cancels went out", n)
	}
	if r := w.run(t, "y\n", true, "cancel", id); r.code != 0 {
		t.Errorf("answered yes: exit %d\n%s", r.code, r.err)
	}
	many := make([]string, 101)
	for i := range many {
		many[i] = fmt.Sprintf("missing-%d", i)
	}
	r := w.run(t, "y\n", true, append([]string{"restart"}, many...)...)
	if r.code != exitUsage || !strings.Contains(r.err, "Type the count (101)") || w.sent(sim.EndpointRestart) != 0 {
		t.Errorf("101 jobs, answered y: exit %d, %d sent\n%s", r.code, w.sent(sim.EndpointRestart), r.err)
	}
	if !strings.Contains(r.err, "… and 81 more") {
		t.Errorf("the list is not cut after 20 ids:\n%s", r.err)
	}
}

// A dry run prints the requests as curl lines, and sends none.
func TestShellDryRunSendsNothing(t *testing.T) {
	w := newShellWorld(t)
	ids := w.jobsIn(t, 2, model.Status.Restartable)
	r := w.run(t, "", false, "restart", ids[0], ids[1], "--dry-run")
	want := fmt.Sprintf("curl -g -sS -X 'POST' -H \"API-KEY: $SUPERAI_API_KEY\" -H 'Accept: application/json' '%s/jobs/%s/restart'\n", w.BaseURL, ids[0])
	if r.code != 0 || !strings.HasPrefix(r.out, want) || strings.Count(r.out, "\n") != 2 {
		t.Errorf("exit %d, stdout\n%s\nwant first\n%s", r.code, r.out, want)
	}
	r = w.run(t, "", false, "resubmit", ids[0], "--dry-run")
	if r.code != 0 || !strings.Contains(r.out, "--data-binary '{\"inputs\":[") {
		t.Errorf("resubmit dry run: exit %d\n%s%s", r.code, r.out, r.err)
	}
	if w.sent(sim.EndpointRestart)+w.sent(sim.EndpointSubmitJobs) != 0 {
		t.Error("a dry run sent a request")
	}
}

// The jobs of one submission go back in one request, input, metadata and
// callback unchanged; the journal records each by its original id.
func TestResubmitSendsOneRequestPerSubmission(t *testing.T) {
	w := newShellWorld(t)
	client, err := api.New(api.Options{BaseURL: w.BaseURL, APIKey: shellKey})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	inputs := []json.RawMessage{json.RawMessage(`{"n":1}`), json.RawMessage(`{"n":2}`), json.RawMessage(`{"n":3}`)}
	first, err := client.SubmitJobs(ctx, w.app, inputs, json.RawMessage(`{"owner":"qa"}`), "https://cb.example/x")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, j := range w.jobsOfBatch(t, client, first.BatchID) {
		ids = append(ids, j.ID)
	}
	before := w.sent(sim.EndpointSubmitJobs)
	r := w.run(t, strings.Join(ids, "\n"), false, "resubmit", "-", "--yes")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s%s", r.code, r.out, r.err)
	}
	if n := w.sent(sim.EndpointSubmitJobs) - before; n != 1 {
		t.Errorf("%d requests for 3 jobs of one submission, want 1", n)
	}
	line := strings.Split(strings.TrimSpace(r.out), "\n")[0]
	fields := strings.Split(line, "\t")
	if len(fields) != 4 || fields[1] != "done" || !strings.Contains(fields[3], "batch ") {
		t.Fatalf("line %q", line)
	}
	batch := fields[3][strings.LastIndex(fields[3], "batch ")+len("batch "):]
	again := w.jobsOfBatch(t, client, batch)
	if len(again) != 3 {
		t.Fatalf("%d jobs in the new batch", len(again))
	}
	for i, j := range again {
		if string(j.Input()) != string(inputs[i]) || string(j.Metadata()) != `{"owner":"qa"}` || j.CallbackURL != "https://cb.example/x" {
			t.Errorf("new job %d: %s %s %q", i, j.Input(), j.Metadata(), j.CallbackURL)
		}
	}
	entries, _ := journal.Read(w.journal, 0)
	if len(entries) != 3 || entries[0].Action != "resubmit" || !strings.Contains(entries[0].Message, batch) {
		t.Errorf("journal %+v", entries)
	}
}

// jobsOfBatch are the app's jobs of a batch, oldest first.
func (w *shellWorld) jobsOfBatch(t *testing.T, c *api.Client, batch string) []model.Job {
	t.Helper()
	page, err := c.ListJobs(context.Background(), w.app, api.JobQuery{BatchID: batch, Size: 5000, SortBy: "created", OrderBy: "asc"})
	if err != nil || len(page.Jobs) == 0 {
		t.Fatalf("batch %s: %d jobs, %v", batch, len(page.Jobs), err)
	}
	return page.Jobs
}

// After a timeout nothing is sent again: the job is read back instead.
func TestShellCancelIsNeverResentAfterATimeout(t *testing.T) {
	w := newShellWorld(t)
	id := w.jobsIn(t, 1, model.Status.Cancellable)[0]
	w.SetFaults(sim.Faults{Latency: 5 * time.Second})
	r := w.run(t, "", false, "cancel", id, "--yes", "--timeout", "1s")
	if r.code != exitSomeNotDone || !strings.Contains(r.out, id+"\tunknown") {
		t.Errorf("exit %d\n%s%s", r.code, r.out, r.err)
	}
	if n := w.sent(sim.EndpointCancel); n != 1 {
		t.Errorf("cancel sent %d times, want once", n)
	}
	if _, err := os.Stat(w.journal); err != nil {
		t.Errorf("no journal: %v", err)
	}
}

// Each command's --help names its own flags, the shared settings that
// apply, and an example, and exits 0.
func TestShellActionsHelp(t *testing.T) {
	w := newShellWorld(t)
	for _, cmd := range []string{"cancel", "restart", "resubmit"} {
		r := w.run(t, "", false, cmd, "--help")
		for _, want := range []string{"Usage:\n  superdash " + cmd, "--yes", "--dry-run", "--concurrency N", "Example:\n  superdash", "--base-url URL"} {
			if !strings.Contains(r.out, want) {
				t.Errorf("%s --help lacks %q:\n%s", cmd, want, r.out)
			}
		}
		if r.code != 0 {
			t.Errorf("%s --help: exit %d", cmd, r.code)
		}
	}
}
