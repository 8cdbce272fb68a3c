package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"superdash/api/sim"
	"superdash/journal"
	"superdash/model"
)

// pipeline is export's ids piped into restart, as a user types it.
const pipeline = `"$0" export --config '' --base-url "$1" --app "$2" --filter 'status:failed' --format ids | "$0" restart - --config '' --base-url "$1" $3`

// runPipeline runs the built binary's pipeline under sh against w, with
// extra as restart's last flags, and returns stdout, stderr and the exit
// status of the pipeline (restart's).
func runPipeline(t *testing.T, bin string, w *shellWorld, extra string) (string, string, int) {
	t.Helper()
	cmd := exec.Command("sh", "-c", pipeline, bin, w.BaseURL, w.app, extra)
	cmd.Env = append(os.Environ(), "SUPERAI_API_KEY="+shellKey, "XDG_STATE_HOME="+strings.TrimSuffix(w.journal, "/superdash/journal.jsonl"))
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		return out.String(), errOut.String(), exit.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	return out.String(), errOut.String(), 0
}

func TestExportIDsPipedIntoRestart(t *testing.T) {
	bin := endToEnd(t)
	w := newShellWorld(t)
	var failed []string
	for id, st := range w.Snapshot(w.app) {
		if st == model.StatusFailed {
			failed = append(failed, id)
		}
	}
	if len(failed) == 0 {
		t.Fatal("no failed job to restart")
	}

	// Without --yes, from a pipe: refused, nothing sent.
	_, stderr, code := runPipeline(t, bin, w, "")
	if code != exitUsage || !strings.Contains(stderr, "give --yes") || w.sent(sim.EndpointRestart) != 0 {
		t.Fatalf("without --yes: exit %d, %d restarts\n%s", code, w.sent(sim.EndpointRestart), stderr)
	}

	stdout, stderr, code := runPipeline(t, bin, w, "--yes")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != len(failed) {
		t.Errorf("%d lines for %d failed jobs:\n%s", len(lines), len(failed), stdout)
	}
	for _, id := range failed {
		if !slices.Contains(lines, id+"\tdone\tSCHEDULED") {
			t.Errorf("no line says job %s was restarted:\n%s", id, stdout)
		}
		if st := w.Snapshot(w.app)[id]; st != model.StatusScheduled {
			t.Errorf("job %s is %s on the server", id, st)
		}
	}
	if n := w.sent(sim.EndpointRestart); n != len(failed) {
		t.Errorf("%d restarts sent for %d jobs", n, len(failed))
	}
	entries, err := journal.Read(w.journal, 0)
	if err != nil || len(entries) != len(failed) {
		t.Errorf("journal: %d entries, %v", len(entries), err)
	}
	if strings.Contains(stdout+stderr, shellKey) {
		t.Error("the key was printed")
	}
}
