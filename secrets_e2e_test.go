package main

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestAPIKeyNeverLeaks runs whole sessions with marker keys against the
// simulator, in a real terminal, and searches everything the user or a
// file could see for them: every screen, the debug log, the action
// journal, an export, and the output of `superdash export`. The second
// session uses a key the server refuses, so the 401 banner is searched too.
func TestAPIKeyNeverLeaks(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end: skipped with -short")
	}
	requireTmux(t)
	const goodKey, badKey = "sk-live-7f3a9c5e", "sk-revoked-91bd02"
	dir := t.TempDir() // home, config, state, exports: all of the session's files
	bin := buildBinary(t, t.TempDir())
	port := freePort(t)
	logFile := filepath.Join(dir, "superdash.log")

	sim := exec.Command(bin, "sim", "--addr", "127.0.0.1:"+port, "--api-key", goodKey, "--jobs", "600", "--speed", "20")
	if err := sim.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sim.Process.Kill(); _ = sim.Wait() })
	base := "http://127.0.0.1:" + port + "/v1"

	// The dashboard runs in dir, so an export lands there, with its journal
	// under dir/state.
	script := `cd "$1" && XDG_STATE_HOME="$1/state" SUPERAI_API_KEY="$2" "$0" --base-url "$3" --log-file "$4" "$5"; echo "exit=$?"; read _`
	var screens []string
	capture := func(term *tmuxTerm, what string, ok func(string) bool) {
		screens = append(screens, term.waitFor(t, what, 20*time.Second, ok))
	}

	term := startTmux(t, dir, 120, 40, script, bin, dir, goodKey, base, logFile, "--interval=5s")
	capture(term, "the app picker", func(s string) bool { return strings.Contains(s, "Choose an app") })
	term.keys(t, "Enter")
	capture(term, "the jobs", func(s string) bool { return strings.Contains(s, "● live") })
	term.keys(t, "M") // the moving jobs: cancellable
	capture(term, "the moving jobs", func(s string) bool { return strings.Contains(s, "status:moving") })
	term.keys(t, "c")
	capture(term, "the cancel dialog", func(s string) bool { return strings.Contains(s, "Cancel job") })
	term.keys(t, "y")
	capture(term, "the cancel's outcome", func(s string) bool { return strings.Contains(s, "CANCELED") })
	term.keys(t, "e")
	term.keys(t, "j")
	capture(term, "the export", func(s string) bool { return strings.Contains(s, "exported ") })
	term.keys(t, "L")
	capture(term, "the journal", func(s string) bool { return strings.Contains(s, "cancel") })
	// Esc and q apart: sent together, a terminal reads them as alt+q.
	term.keys(t, "Escape")
	capture(term, "the table again", func(s string) bool { return !strings.Contains(s, "Action journal") })
	term.keys(t, "q")
	capture(term, "the exit", func(s string) bool { return strings.Contains(s, "exit=0") })

	app := appID.FindString(screens[0]) // the first app of the picker, which Enter chose
	refused := startTmux(t, t.TempDir(), 120, 40, script, bin, dir, badKey, base, logFile, "--app="+app)
	capture(refused, "the 401 banner", func(s string) bool { return strings.Contains(s, "⚠") && strings.Contains(s, "API key") })
	refused.keys(t, "q")

	var exportOut, exportErr bytes.Buffer
	export := exec.Command(bin, "export", "--base-url", base, "--app", app)
	export.Env = append(os.Environ(), "SUPERAI_API_KEY="+goodKey, "XDG_CONFIG_HOME="+dir)
	export.Stdout, export.Stderr = &exportOut, &exportErr
	if err := export.Run(); err != nil {
		t.Fatalf("superdash export: %v\n%s", err, exportErr.String())
	}

	places := map[string]string{
		"screens":       strings.Join(screens, "\n"),
		"export stdout": exportOut.String(),
		"export stderr": exportErr.String(),
	}
	for _, pattern := range []string{logFile, filepath.Join(dir, "state", "superdash", "*.jsonl"), filepath.Join(dir, "superdash-*.jsonl")} {
		files, _ := filepath.Glob(pattern)
		if len(files) == 0 {
			t.Errorf("no file matches %s: the session did not write what this test must search", pattern)
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			places[f] = string(data)
		}
	}
	for where, text := range places {
		for _, key := range []string{goodKey, badKey} {
			if strings.Contains(text, key) {
				t.Errorf("the API key %s appears in %s", key, where)
			}
		}
	}
	if !strings.Contains(places["screens"], "API key") {
		t.Errorf("the 401 banner does not speak of the key:\n%s", screens[len(screens)-1])
	}
}

// appID matches the simulator's app ids as the picker lists them.
var appID = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

// freePort is a loopback port nothing listens on right now.
func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return fmt.Sprint(l.Addr().(*net.TCPAddr).Port)
}
