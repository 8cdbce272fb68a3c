package ui

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"superdash/api"
	"superdash/api/sim"
	"superdash/ui/journalscreen"
)

// fakeEditor makes $EDITOR a shell script with body ($1 is the file) and
// the jobs screen run it at once, as the terminal would between frames.
// Each run appends the file as it was given to log.
func fakeEditor(t *testing.T, m Model, body string) (Model, string) {
	t.Helper()
	dir := t.TempDir()
	log := filepath.Join(dir, "seen")
	script := filepath.Join(dir, "editor")
	if err := os.WriteFile(script, []byte("#!/bin/sh\ncat \"$1\" >> "+log+"\n"+body+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("EDITOR", script)
	return withJobs(m, func(s *jobsScreen) {
		s.resub.exec = func(c *exec.Cmd, fn tea.ExecCallback) tea.Cmd { return func() tea.Msg { return fn(c.Run()) } }
	}), log
}

// pressRun presses k and feeds the editor's exit and the submission's
// answer back to m, then runs to its end the sync the answer starts.
func pressRun(t *testing.T, m Model, k string) Model {
	t.Helper()
	next, cmd := m.Update(keyMsg(k))
	m = next.(Model)
	for _, msg := range msgsOf(cmd) {
		switch msg.(type) {
		case resubmitEditedMsg:
			m = update(m, msg)
		case resubmittedMsg:
			next, cmd := m.Update(msg)
			m = next.(Model)
			if !m.poll.Status().Syncing {
				t.Fatal("the answer started no sync")
			}
			m = finishSync(t, m, cmd)
		}
	}
	return m
}

func TestResubmitUnchangedSendsNothing(t *testing.T) {
	f := newActionFixture(t, sim.Options{}, 2)
	m, _ := fakeEditor(t, f.dashboard(t, nil, nil), "true")
	m = pressRun(t, actCursorOn(t, m, f.ids[0]), "N")
	requireContains(t, "footer", actFooter(m), "job "+f.ids[0]+" unchanged: nothing sent")
	if n := f.requests(sim.EndpointSubmitJobs); n != 0 {
		t.Errorf("%d submissions sent", n)
	}
}

func TestResubmitInvalidEditReopensWithTheTextKept(t *testing.T) {
	f := newActionFixture(t, sim.Options{}, 2)
	m, log := fakeEditor(t, f.dashboard(t, nil, nil), `printf '{\n  "input": {"a": 1,,}\n}\n' > "$1"`)
	m = pressRun(t, actCursorOn(t, m, f.ids[0]), "N")
	requireContains(t, "footer", actFooter(m), "not valid: line 2, column 20")
	m = pressRun(t, m, "enter")
	seen, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(string(seen), "{\n  \"input\": {\"a\": 1,,}\n}\n") {
		t.Errorf("the editor reopened on:\n%s\nwant the invalid text kept", seen)
	}
	requireContains(t, "footer", actFooter(m), "not valid")
	m = pressRun(t, m, "esc")
	requireContains(t, "footer", actFooter(m), "nothing sent")
	if n := f.requests(sim.EndpointSubmitJobs); n != 0 {
		t.Errorf("%d submissions sent", n)
	}
}

// resubmittedEdit edits the first job's input to {"edited": true} and
// opens the dialog.
func resubmittedEdit(t *testing.T) (*actionFixture, Model) {
	t.Helper()
	f := newActionFixture(t, sim.Options{}, 2)
	m, _ := fakeEditor(t, f.dashboard(t, nil, nil), `sed -i '/^  "input": {$/,/^  },$/c\\  "input": {"edited": true},' "$1"`)
	m = actCursorOn(t, m, f.ids[0])
	return f, pressRun(t, m, "N")
}

func TestResubmitEditedInputCreatesANewJob(t *testing.T) {
	f, m := resubmittedEdit(t)
	screen := ansi.Strip(m.View())
	for _, want := range []string{"Resubmit job " + f.ids[0] + " as a new job?", "host     " + strings.TrimPrefix(strings.TrimSuffix(f.srv.BaseURL, "/v1"), "http://"), `+   "input": {"edited": true},`, "[ No ]"} {
		requireContains(t, "dialog", screen, want)
	}
	if !strings.Contains(screen, `-   "input": {`) {
		t.Errorf("the dialog shows no removed line:\n%s", screen)
	}
	m = pressRun(t, m, "y")
	if n := f.requests(sim.EndpointSubmitJobs); n != 1 {
		t.Fatalf("%d submissions sent, want 1", n)
	}
	foot := actFooter(m)
	requireContains(t, "footer", foot, "job "+f.ids[0]+" resubmitted: ")
	requireContains(t, "footer", foot, "; new job ")
	newUUID := strings.Fields(foot[strings.Index(foot, "; new job ")+len("; new job "):])[0]
	newUUID = strings.TrimSuffix(newUUID, ";")

	entries := actJournal(t, f.journal)
	if len(entries) != 1 || entries[0].Action != "resubmit" || entries[0].JobID != f.ids[0] {
		t.Fatalf("journal %+v, want one resubmit of %s", entries, f.ids[0])
	}
	job, ok := m.jobs().table.Selected()
	if !ok || job.UUID != newUUID {
		t.Fatalf("the cursor is on %+v, want the new job %s", job, newUUID)
	}
	var in struct{ Edited bool }
	if err := json.Unmarshal(job.Input(), &in); err != nil || !in.Edited {
		t.Errorf("the new job's input is %s", job.Input())
	}
}

func TestResubmitDialogDefaultsToNo(t *testing.T) {
	f, m := resubmittedEdit(t)
	m = pressRun(t, m, "enter")
	requireContains(t, "footer", actFooter(m), "nothing sent")
	if n := f.requests(sim.EndpointSubmitJobs); n != 0 {
		t.Errorf("%d submissions sent", n)
	}
}

// fixedHost makes the client speak to the simulator under the name
// api.example.test, so the screens that show the host are stable.
func fixedHost(f *actionFixture) func(*api.Options) {
	return func(o *api.Options) {
		addr := strings.TrimPrefix(strings.TrimSuffix(f.srv.BaseURL, "/v1"), "http://")
		transport := http.DefaultTransport.(*http.Transport).Clone()
		transport.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, network, addr)
		}
		o.BaseURL = "http://api.example.test/v1"
		o.HTTPClient = &http.Client{Transport: transport}
	}
}

// The resubmit dialog with its diff, and the journal after the yes.
func TestResubmitScreens(t *testing.T) {
	f := newActionFixture(t, sim.Options{}, 2)
	// A relative journal, so the journal screen names it the same on
	// every run; the folder is changed back before the goldens are read.
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(t.TempDir()); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	f.journal = "journal.jsonl"
	m, _ := fakeEditor(t, f.dashboard(t, fixedHost(f), nil), `sed -i '/^  "input": {$/,/^  },$/c\\  "input": {"edited": true},' "$1"`)
	m = pressRun(t, actCursorOn(t, m, f.ids[0]), "N")
	dialog := m
	m = pressRun(t, m, "y")
	m, cmd := press(m, "L")
	m = update(m, onlyMsg[journalscreen.ReadMsg](t, cmd))
	if err := os.Chdir(wd); err != nil {
		t.Fatal(err)
	}
	runScreens(t, []screenCase{modelScreen("resubmit_dialog", dialog), modelScreen("journal_resubmit", m)})
}

// On a colour terminal the diff's removed lines are red and its added
// lines green; without colour the - and + say the same.
func TestResubmitDiffColours(t *testing.T) {
	_, m := resubmittedEdit(t)
	inProfile(t, termenv.ANSI)
	screen := m.View()
	for _, c := range []struct{ text, codes string }{{`-   "input": {`, "31 91"}, {`+   "input": {"edited": true},`, "32 92"}} {
		found := regexp.MustCompile(`\x1b\[([0-9;]*)m` + regexp.QuoteMeta(c.text)).FindStringSubmatch(screen)
		if found == nil || !slices.ContainsFunc(strings.Split(found[1], ";"), func(code string) bool { return slices.Contains(strings.Fields(c.codes), code) }) {
			t.Errorf("%q is not drawn in one of %s:\n%q", c.text, c.codes, screen)
		}
	}
}

// An $EDITOR of blanks falls back to vi rather than failing.
func TestResubmitBlankEditorIsVi(t *testing.T) {
	f := newActionFixture(t, sim.Options{}, 1)
	t.Setenv("EDITOR", "   ")
	var ran []string
	m := withJobs(f.dashboard(t, nil, nil), func(s *jobsScreen) {
		s.resub.exec = func(c *exec.Cmd, fn tea.ExecCallback) tea.Cmd {
			ran = c.Args
			return func() tea.Msg { return fn(nil) }
		}
	})
	m = pressRun(t, m, "N")
	if len(ran) != 2 || ran[0] != "vi" {
		t.Fatalf("ran %q, want vi on the file", ran)
	}
	requireContains(t, "footer", actFooter(m), "unchanged: nothing sent")
}

// In read-only mode N says so and opens nothing.
func TestResubmitReadOnly(t *testing.T) {
	f := newActionFixture(t, sim.Options{}, 1)
	m, log := fakeEditor(t, f.dashboard(t, nil, func(o *Options) { o.ReadOnly = true }), "true")
	m = pressRun(t, m, "N")
	requireContains(t, "footer", actFooter(m), "read-only: resubmit is off")
	if _, err := os.Stat(log); !os.IsNotExist(err) {
		t.Error("the editor ran in read-only mode")
	}
}
