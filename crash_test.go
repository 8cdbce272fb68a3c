package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"superdash/internal/termtest"
)

// secret stands for the API key: it must appear in no report and nowhere
// on the terminal.
const secret = "sk-live-0123456789abcdef"

// boomMsg sets off the panic of panicky.
type boomMsg struct{}

// panicky is a model that panics where told, with the key in the panic:
// code that panics while holding a secret is exactly what must not leak.
type panicky struct {
	where string // "Init", "Update", "View", "command", "batch"
	armed bool
}

func (p panicky) Init() tea.Cmd {
	if p.where == "Init" {
		panic("boom in Init with key " + secret)
	}
	return func() tea.Msg { return boomMsg{} }
}

func (p panicky) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(boomMsg); !ok {
		return p, nil
	}
	switch p.where {
	case "Update":
		panic("boom in Update with key " + secret)
	case "View":
		p.armed = true
	case "command":
		return p, func() tea.Msg { panic(errors.New("boom in a command with key " + secret)) }
	case "batch":
		return p, tea.Batch(
			func() tea.Msg { return nil },
			tea.Batch(func() tea.Msg { panic("boom in a batch with key " + secret) }),
		)
	case "none":
		return p, tea.Quit
	}
	return p, nil
}

func (p panicky) View() string {
	if p.armed {
		panic("boom in View with key " + secret)
	}
	return "the screen"
}

var reportStamp = time.Date(2026, 11, 28, 12, 34, 56, 0, time.UTC)

// runPanicky runs a panicky model as the dashboard runs, in the alt
// screen with the mouse on, on a buffer for a terminal; it returns the
// error, what was drawn, what went to stderr, and the crash directory.
func runPanicky(t *testing.T, where string) (term, stderr, dir string, err error) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "state", "superdash")
	var errOut bytes.Buffer
	r := crashReporter{
		secrets: []string{secret},
		dir:     func() (string, error) { return dir, nil },
		now:     func() time.Time { return reportStamp },
		stderr:  &errOut,
		version: "v9.9.9-test",
	}
	out := &termtest.Output{}
	stdout := captureStdout(t, func() {
		done := make(chan struct{})
		go func() {
			defer close(done)
			_, err = r.run(panicky{where: where}, nil,
				tea.WithInput(nil), tea.WithOutput(out), tea.WithoutSignalHandler(),
				tea.WithAltScreen(), tea.WithMouseCellMotion())
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatal("the program did not end after the panic")
		}
	})
	// Bubble Tea's own recovery prints the panic to stdout: the guard must
	// have caught it first.
	if stdout != "" {
		t.Errorf("the program printed to stdout: %q", stdout)
	}
	return out.String(), errOut.String(), dir, err
}

// captureStdout runs fn with os.Stdout sent to a pipe, and returns what
// was written there.
func captureStdout(t *testing.T, fn func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	saved := os.Stdout
	os.Stdout = w
	read := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		read <- string(b)
	}()
	func() {
		defer func() { os.Stdout = saved }()
		fn()
	}()
	w.Close()
	out := <-read
	r.Close()
	return out
}

var reportPath = regexp.MustCompile(`is in (\S+\.txt)`)

func TestCrashRestoresTheTerminalAndWritesAReport(t *testing.T) {
	for _, where := range []string{"Init", "Update", "View", "command", "batch"} {
		t.Run(where, func(t *testing.T) {
			term, stderr, dir, err := runPanicky(t, where)
			if err == nil {
				t.Fatal("the program crashed but run returned no error")
			}
			msg := err.Error()
			if !strings.Contains(msg, "the dashboard crashed (a bug); the terminal was restored") {
				t.Errorf("error = %q, want it to say the dashboard crashed and the terminal is back", msg)
			}
			m := reportPath.FindStringSubmatch(msg)
			if m == nil {
				t.Fatalf("the error does not name the report's path: %q", msg)
			}
			path := m[1]
			if want := filepath.Join(dir, "crash-20261128-123456.txt"); path != want {
				t.Errorf("report at %s, want %s", path, want)
			}
			info, serr := os.Stat(path)
			if serr != nil {
				t.Fatal(serr)
			}
			if perm := info.Mode().Perm(); perm != 0o600 {
				t.Errorf("the report's mode is %v, want 0600: it is the user's business", perm)
			}
			data, rerr := os.ReadFile(path)
			if rerr != nil {
				t.Fatal(rerr)
			}
			report := string(data)
			for _, want := range []string{
				"superdash crash report",
				"time:    2026-11-28T12:34:56Z",
				"version: v9.9.9-test",
				"go:      " + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH,
				"panic: boom in",
				"with key [redacted]",
				"goroutine ", // the stack
				"panicky.",   // the code that panicked
			} {
				if !strings.Contains(report, want) {
					t.Errorf("the report lacks %q:\n%s", want, report)
				}
			}
			for name, text := range map[string]string{"the report": report, "the error": msg, "stderr": stderr, "the terminal": term} {
				if strings.Contains(text, secret) {
					t.Errorf("%s holds the API key", name)
				}
			}
			requireRestored(t, term)
		})
	}
}

// requireRestored checks the terminal was left as found: out of the alt
// screen, mouse reporting off, cursor shown, each after it was turned on.
func requireRestored(t *testing.T, term string) {
	t.Helper()
	for _, seq := range []struct{ name, on, off string }{
		{"the alt screen", ansi.SetModeAltScreenSaveCursor, ansi.ResetModeAltScreenSaveCursor},
		{"mouse reporting", ansi.SetModeMouseButtonEvent, ansi.ResetModeMouseButtonEvent},
		{"the hidden cursor", ansi.HideCursor, ansi.ShowCursor},
	} {
		on, off := strings.Index(term, seq.on), strings.LastIndex(term, seq.off)
		if on < 0 {
			t.Errorf("%s was never turned on: the test does not see the terminal", seq.name)
			continue
		}
		if off < on {
			t.Errorf("%s was not turned off after the crash", seq.name)
		}
	}
}

func TestNoCrashNoReport(t *testing.T) {
	term, stderr, dir, err := runPanicky(t, "none")
	if err != nil {
		t.Fatalf("a clean quit returned %v", err)
	}
	if _, serr := os.Stat(dir); !errors.Is(serr, os.ErrNotExist) {
		t.Errorf("a clean quit created the crash directory (%v)", serr)
	}
	if stderr != "" {
		t.Errorf("a clean quit wrote to stderr: %q", stderr)
	}
	requireRestored(t, term)
}

// TestCrashReportWithoutAStateDirectory: when the report cannot be
// written, it goes to stderr instead, still scrubbed.
func TestCrashReportWithoutAStateDirectory(t *testing.T) {
	blocker := filepath.Join(t.TempDir(), "not-a-dir")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	var errOut bytes.Buffer
	r := crashReporter{
		secrets: []string{secret},
		dir:     func() (string, error) { return filepath.Join(blocker, "superdash"), nil },
		now:     func() time.Time { return reportStamp },
		stderr:  &errOut,
		version: "v9.9.9-test",
	}
	var err error
	captureStdout(t, func() {
		_, err = r.run(panicky{where: "Update"}, nil, tea.WithInput(nil), tea.WithOutput(io.Discard), tea.WithoutSignalHandler())
	})
	if err == nil || !strings.Contains(err.Error(), "the dashboard crashed") {
		t.Fatalf("err = %v, want the crash reported", err)
	}
	got := errOut.String()
	for _, want := range []string{"could not write the crash report", "superdash crash report", "panic: boom in Update with key [redacted]"} {
		if !strings.Contains(got, want) {
			t.Errorf("stderr lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, secret) {
		t.Error("stderr holds the API key")
	}
}

func TestCrashReportNamesDoNotCollide(t *testing.T) {
	dir := t.TempDir()
	r := crashReporter{dir: func() (string, error) { return dir, nil }, now: func() time.Time { return reportStamp }}
	var paths []string
	for range 3 {
		p, err := r.write(crash{where: "Update", value: "boom"})
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, filepath.Base(p))
	}
	want := []string{"crash-20261128-123456.txt", "crash-20261128-123456-2.txt", "crash-20261128-123456-3.txt"}
	if strings.Join(paths, " ") != strings.Join(want, " ") {
		t.Errorf("reports named %v, want %v", paths, want)
	}
}

func TestCrashDir(t *testing.T) {
	home := func() (string, error) { return "/home/u", nil }
	noHome := func() (string, error) { return "", errors.New("no home") }
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "XDG_STATE_HOME" {
				return v
			}
			return ""
		}
	}
	for _, tc := range []struct {
		name, xdg string
		home      func() (string, error)
		want      string
	}{
		{"XDG_STATE_HOME", "/state", home, "/state/superdash"},
		{"no XDG_STATE_HOME", "", home, "/home/u/.local/state/superdash"},
		{"a relative XDG_STATE_HOME is ignored", "state", home, "/home/u/.local/state/superdash"},
		{"no home either", "", noHome, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := crashDir(env(tc.xdg), tc.home)
			if tc.want == "" {
				if err == nil {
					t.Fatalf("crashDir = %q, want an error", got)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("crashDir = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestScrub(t *testing.T) {
	key := "k3y/with+odd chars"
	in := "a " + key + " b /" + "k3y%2Fwith%2Bodd+chars" + " c " + "k3y%2Fwith+odd%20chars"
	got := scrub(in, []string{" " + key + "\n", ""})
	if strings.Contains(got, "k3y") {
		t.Fatalf("scrub left the key in %q", got)
	}
	if want := "a [redacted] b /[redacted] c [redacted]"; got != want {
		t.Fatalf("scrub = %q, want %q", got, want)
	}
	if got := scrub("nothing to hide", nil); got != "nothing to hide" {
		t.Fatalf("scrub without secrets = %q", got)
	}
}
