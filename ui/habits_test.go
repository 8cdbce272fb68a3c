package ui

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"superdash/model"
)

func TestClipboardSequenceFollowsTheMultiplexer(t *testing.T) {
	env := func(vars map[string]string) func(string) string {
		return func(k string) string { return vars[k] }
	}
	plain := clipboardSequence("123", env(nil)).String()
	if !strings.HasPrefix(plain, "\x1b]52;c;") || !strings.Contains(plain, "MTIz") {
		t.Errorf("plain OSC 52: %q", plain)
	}
	if tmux := clipboardSequence("123", env(map[string]string{"TMUX": "/tmp/x"})).String(); !strings.HasPrefix(tmux, "\x1bPtmux;") {
		t.Errorf("inside tmux the sequence must be passed through: %q", tmux)
	}
	if screen := clipboardSequence("123", env(map[string]string{"TERM": "screen-256color"})).String(); !strings.HasPrefix(screen, "\x1bP") {
		t.Errorf("inside screen the sequence must be passed through: %q", screen)
	}
}

func TestCopyWritesOSC52(t *testing.T) {
	var out bytes.Buffer
	msg := copyToClipboard(&out, "job-1", "job id")().(copiedMsg)
	if msg.err != nil || msg.what != "job id" || !strings.Contains(out.String(), "]52;c;") {
		t.Errorf("copy: %+v wrote %q", msg, out.String())
	}
}

func TestExportJobsWritesAFileAndSaysWhere(t *testing.T) {
	dir := t.TempDir()
	jobs := testJobs(t, model.StatusFailed, model.StatusCompleted)
	ptrs := []*model.Job{&jobs[0], &jobs[1]}
	msg := exportJobs(dir, "app/../x", model.FormatJSONL, ptrs, time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC))().(exportedMsg)
	if msg.err != nil {
		t.Fatal(msg.err)
	}
	if filepath.Dir(msg.path) != dir || filepath.Base(msg.path) != "superdash-app____x-20261128-090000.jsonl" {
		t.Errorf("exported to %s", msg.path)
	}
	data, err := os.ReadFile(msg.path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != 2 || msg.count != 2 || !json.Valid([]byte(lines[0])) {
		t.Errorf("export holds %d lines (count %d): %s", len(lines), msg.count, data)
	}
	// A second export in the same second never overwrites the first.
	again := exportJobs(dir, "app/../x", model.FormatJSONL, ptrs, time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC))().(exportedMsg)
	if again.err == nil {
		t.Error("an existing export was overwritten")
	}
}

func TestWriteTempJobIsPrettyAndPrivate(t *testing.T) {
	jobs := testJobs(t, model.StatusFailed)
	t.Setenv("PAGER", "less -R")
	msg := writeTempJob(&jobs[0], "PAGER", "less")().(tempFileMsg)
	if msg.err != nil {
		t.Fatal(msg.err)
	}
	defer os.Remove(msg.path)
	if msg.program != "less -R" {
		t.Errorf("program %q, want $PAGER", msg.program)
	}
	info, err := os.Stat(msg.path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("temp file mode %v", info.Mode().Perm())
	}
	data, _ := os.ReadFile(msg.path)
	if !strings.Contains(string(data), "\n  \"status\": \"FAILED\"") {
		t.Errorf("the job is not indented:\n%s", data)
	}
}

func TestHabitKeys(t *testing.T) {
	m := triageModel(t)
	var terminal bytes.Buffer
	m.clipboard = &terminal

	m, cmd := press(m, "y")
	if msg, ok := cmd().(copiedMsg); !ok || msg.what != "job id 1005" || !strings.Contains(terminal.String(), "]52;c;MTAwNQ==") {
		t.Fatalf("y: %#v wrote %q", msg, terminal.String())
	}
	m, cmd = press(m, "o")
	if msg, ok := cmd().(tempFileMsg); !ok || msg.err != nil {
		t.Fatalf("o: %#v", msg)
	} else {
		os.Remove(msg.path)
	}

	// e asks for the format; c exports the jobs shown as CSV to the
	// working folder and the footer says where.
	dir := t.TempDir()
	t.Chdir(dir)
	m = keys(m, "F")
	m, cmd = press(m, "e")
	if cmd != nil || !strings.Contains(m.View(), "j: JSON Lines, c: CSV") {
		t.Fatalf("e did not ask for a format:\n%s", m.View())
	}
	m, cmd = press(m, "c")
	done := cmd().(exportedMsg)
	if done.err != nil || done.count != 2 || !strings.HasSuffix(done.path, ".csv") || filepath.Dir(done.path) != dir {
		t.Fatalf("export: %+v", done)
	}
	m = update(m, done)
	if !strings.Contains(m.View(), "exported 2 jobs to") {
		t.Error("the footer does not say where the export went")
	}
	// Any other answer exports nothing.
	m, _ = press(m, "e")
	m, cmd = press(m, "esc")
	if cmd != nil || !strings.Contains(m.View(), "no export") {
		t.Error("esc at the format question should export nothing")
	}
}
