package ui

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"superdash/model"
)

// TestCopySaysWhatIsKnown copies to a terminal and a system clipboard
// that each take the text or refuse it: the notice says "copied" only when
// the system clipboard took it, since a terminal never says whether it did.
func TestCopySaysWhatIsKnown(t *testing.T) {
	refused := errors.New("no clipboard utilities available")
	cases := []struct {
		name     string
		terminal io.Writer
		system   func(string) error
		want     string
	}{
		{"system clipboard took it", &bytes.Buffer{}, func(string) error { return nil }, "copied job id 1 to the clipboard"},
		{"system clipboard refused", &bytes.Buffer{}, func(string) error { return refused }, "sent job id 1 to the terminal clipboard"},
		{"no system clipboard (SSH)", &bytes.Buffer{}, nil, "sent job id 1 to the terminal clipboard"},
		{"terminal gone, system took it", failingWriter{}, func(string) error { return nil }, "copied job id 1 to the clipboard"},
		{"nothing took it", failingWriter{}, func(string) error { return refused }, "could not copy job id 1: write to the terminal: input/output error; the system clipboard: no clipboard utilities available"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got string
			c := clipboards{terminal: tc.terminal}
			if tc.system != nil {
				c.system = func(text string) error { got = text; return tc.system(text) }
			}
			msg := c.copy("1", "job id 1")().(copiedMsg)
			if notice := copyNotice(msg); notice != tc.want {
				t.Errorf("notice %q, want %q", notice, tc.want)
			}
			if tc.system != nil && got != "1" {
				t.Errorf("the system clipboard was given %q, want \"1\"", got)
			}
		})
	}
}

// failingWriter is a terminal that is gone.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, syscall.EIO }

// TestCopySendsThePlainOSC52 checks the terminal gets the sequence as it
// is, never wrapped for tmux's or screen's passthrough, which a stock tmux
// drops: tmux and screen take the plain one themselves.
func TestCopySendsThePlainOSC52(t *testing.T) {
	for _, env := range []map[string]string{nil, {"TMUX": "/tmp/tmux-0/default,1,0", "TERM": "tmux-256color"}, {"TERM": "screen-256color", "STY": "1.pts-0"}} {
		for k, v := range env {
			t.Setenv(k, v)
		}
		var out bytes.Buffer
		clipboards{terminal: &out}.copy("job-1", "job id")()
		if want := "\x1b]52;c;am9iLTE=\x07"; out.String() != want {
			t.Errorf("with %v the terminal got %q, want %q", env, out.String(), want)
		}
	}
}

func TestSystemClipboardOnlyOnALocalTerminal(t *testing.T) {
	env := func(vars map[string]string) func(string) string {
		return func(k string) string { return vars[k] }
	}
	if localClipboards(env(nil)).system == nil {
		t.Error("a local terminal should try the system clipboard")
	}
	for _, v := range []string{"SSH_TTY", "SSH_CONNECTION"} {
		if localClipboards(env(map[string]string{v: "x"})).system != nil {
			t.Errorf("with %s set (an SSH session) the system clipboard is the remote machine's: it must not be tried", v)
		}
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

func TestHandOffKeys(t *testing.T) {
	m := triageModel(t)
	var terminal bytes.Buffer
	m = withJobs(m, func(s *jobsScreen) { s.clipboard = clipboards{terminal: &terminal} })

	m, cmd := press(m, "y")
	msg, ok := cmd().(copiedMsg)
	if !ok || msg.what != "job id 1005" || !strings.Contains(terminal.String(), "]52;c;MTAwNQ==") {
		t.Fatalf("y: %#v wrote %q", msg, terminal.String())
	}
	if m = update(m, msg); !strings.Contains(m.View(), "sent job id 1005 to the terminal clipboard") {
		t.Errorf("the footer does not say where the copy went:\n%s", m.View())
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

// TestExportAndListSortKeysAreRebindable: the export prompt's format keys
// and the lists' sort key come from the keymap like every other key, and
// the prompt and the help name the keys as rebound.
func TestExportAndListSortKeysAreRebindable(t *testing.T) {
	m := triageModel(t)
	for action, key := range map[string]string{"export_csv": "v", "sort_list": "o"} {
		if err := m.c.Keys.Rebind(action, []string{key}); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	t.Chdir(dir)
	m, _ = press(m, "e")
	requireContains(t, "export prompt", m.View(), "j: JSON Lines, v: CSV (esc: no export)")
	m, cmd := press(m, "c") // the old key no longer exports
	if cmd != nil || !strings.Contains(m.View(), "no export") {
		t.Fatalf("c after rebinding CSV to v: cmd %v, screen:\n%s", cmd, m.View())
	}
	m, _ = press(m, "e")
	m, cmd = press(m, "v")
	if done, ok := cmd().(exportedMsg); !ok || done.err != nil || !strings.HasSuffix(done.path, ".csv") {
		t.Fatalf("v: %+v", done)
	}

	m = keys(m, "b") // the batches list
	requireContains(t, "batches help", m.View(), "o sort: newest")
	m = keys(m, "s") // the old key sorts no more
	requireContains(t, "batches help after s", m.View(), "o sort: newest")
	m = keys(m, "o")
	requireContains(t, "batches help after o", m.View(), "o sort: most moving")
}
