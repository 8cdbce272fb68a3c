package main

// What happens when the dashboard panics: a bug must cost the user neither
// their terminal nor their secrets.
//
// Bubble Tea v1.3.10 already recovers a panic in Update or View (and in a
// command's goroutine) and restores the terminal. But it then prints the
// panic value to stdout and the stack to stderr, both as they are, and
// returns only ErrProgramPanic, losing the value. A panic value can hold
// anything the code had in hand, the API key included.
//
// So the dashboard's model runs inside a guard: the guard recovers a panic
// in Init, Update, View, or in any command they return (batches included),
// keeps the value and the stack, and quits the program the ordinary way,
// which restores the terminal fully (alt screen, mouse, cursor, raw mode).
// Bubble Tea's own recovery stays on behind it, as a last resort for what
// the guard cannot see (a tea.Sequence's commands).
//
// After the program has ended, the crash report (the panic, its stack, the
// version, Go and the OS; never the config, and the API key scrubbed from
// all of it) goes to $XDG_STATE_HOME/superdash/crash-<time>.txt, else
// ~/.local/state/superdash/, and its path is printed.
//
// What no Go program can recover is a panic on a goroutine of its own
// making (not a command's): it ends the process on the spot, terminal and
// all. See the report on ui/sync.go, api/paging.go and model.inParallel.

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"superdash/internal/screen"
	"superdash/ui"
)

// crashTestEnv makes the dashboard panic on purpose, for the end-to-end
// test of the crash path (signals_e2e_test.go): set to "update", "view" or
// "command", the key ctrl+t panics in that place, with the API key in the
// panic's message so the test can check it is scrubbed. It is not a user
// setting and is not documented elsewhere.
const crashTestEnv = "SUPERDASH_CRASH_TEST"

// crashTestKey is the key that sets off the test panic.
const crashTestKey = "ctrl+t"

// crashReporter runs a program under the guard and reports its crash.
type crashReporter struct {
	secrets []string               // scrubbed from the report: the API key
	dir     func() (string, error) // where reports go
	now     func() time.Time       // names and dates the report
	stderr  io.Writer              // where its path is printed
	version string
}

func newCrashReporter(secrets ...string) crashReporter {
	return crashReporter{
		secrets: secrets,
		dir:     func() (string, error) { return crashDir(os.Getenv, os.UserHomeDir) },
		now:     time.Now,
		stderr:  os.Stderr,
		version: version(),
	}
}

// runDashboardProgram runs the dashboard under the guard, drawn on term,
// and closes it when the program ends; after a crash it writes the
// report. It replaces tea.NewProgram(dash, opts...).Run() in runDashboard.
func runDashboardProgram(dash ui.Model, term *screen.Terminal, apiKey string) error {
	var model tea.Model = dash
	if mode := os.Getenv(crashTestEnv); mode != "" {
		model = crashTrigger{Model: model, mode: mode, key: apiKey}
	}
	final, err := newCrashReporter(apiKey).run(model, term, tea.WithoutRenderer(), tea.WithInput(term.Input()))
	if m, ok := unwrapDashboard(final); ok {
		m.Close()
	}
	return err
}

// run runs model as a Bubble Tea program inside the guard, drawn on term
// (which it closes at the end), or by Bubble Tea's renderer if term is nil.
// A crash ends the program the ordinary way (the terminal restored), then
// writes the report and returns an error naming its path.
func (r crashReporter) run(model tea.Model, term *screen.Terminal, opts ...tea.ProgramOption) (tea.Model, error) {
	box := &crashBox{}
	var root tea.Model = guard{inner: model, box: box}
	if term != nil {
		// Outside the guard, so that a panic in View is caught as one.
		root = term.Wrap(root)
	}
	p := tea.NewProgram(root, opts...)
	box.quit = p.Quit
	stopHangup := quitOnHangup(p)
	stopResize := func() {}
	if term != nil {
		stopResize = term.WatchResize(p.Send)
	}
	final, err := p.Run()
	stopResize()
	stopHangup()
	if term != nil {
		err = errors.Join(err, term.Close())
	}
	if w, ok := final.(screen.Model); ok {
		final = w.Inner()
	}
	if g, ok := final.(guard); ok {
		final = g.inner
	}
	c, crashed := box.crash()
	if !crashed && errors.Is(err, tea.ErrProgramPanic) {
		// Caught by Bubble Tea's own recovery, which printed it.
		c, crashed = crash{where: "Bubble Tea's event loop", value: "(printed above by Bubble Tea, not kept)"}, true
	}
	if !crashed {
		if err != nil {
			return final, fmt.Errorf("run the dashboard: %w", err)
		}
		return final, nil
	}
	path, werr := r.write(c)
	if werr != nil {
		// The report must not be lost: it is scrubbed, so it can go to
		// the terminal, which is restored by now.
		fmt.Fprintf(r.stderr, "superdash: could not write the crash report (%v); here it is:\n%s", werr, r.report(c))
		return final, errors.New("the dashboard crashed (a bug); the terminal was restored")
	}
	return final, fmt.Errorf("the dashboard crashed (a bug); the terminal was restored. "+
		"A crash report, without your API key, is in %s: please attach it to a bug report", path)
}

// crash is what was recovered.
type crash struct {
	where string // "Update (tea.KeyMsg)", "View", "a command"
	value any
	stack []byte
}

// crashBox holds the first crash of a program, shared by every copy of
// the guard (Bubble Tea hands models around by value).
type crashBox struct {
	mu      sync.Mutex
	first   *crash
	quit    func() // the program's Quit; safe from any goroutine
	quitted sync.Once
}

func (b *crashBox) record(where string, value any) {
	stack := debug.Stack()
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.first == nil {
		b.first = &crash{where: where, value: value, stack: stack}
	}
}

func (b *crashBox) crash() (crash, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.first == nil {
		return crash{}, false
	}
	return *b.first, true
}

func (b *crashBox) crashed() bool {
	_, ok := b.crash()
	return ok
}

// quitSoon asks the program to quit, from a new goroutine: View runs on
// the event loop, which Send would block.
func (b *crashBox) quitSoon() {
	b.quitted.Do(func() {
		if b.quit != nil {
			go b.quit()
		}
	})
}

// crashedMsg is what a command that panicked returns instead of its
// message: it tells Update the program is over.
type crashedMsg struct{}

// guard is the model the program runs: the dashboard's, with every entry
// point recovered. Once something panicked it draws nothing and only
// quits.
type guard struct {
	inner tea.Model
	box   *crashBox
}

func (g guard) Init() (cmd tea.Cmd) {
	defer func() {
		if v := recover(); v != nil {
			g.box.record("Init", v)
			cmd = tea.Quit
		}
	}()
	return g.wrap(g.inner.Init())
}

func (g guard) Update(msg tea.Msg) (next tea.Model, cmd tea.Cmd) {
	if g.box.crashed() {
		return g, tea.Quit
	}
	defer func() {
		if v := recover(); v != nil {
			g.box.record(fmt.Sprintf("Update (%T)", msg), v)
			next, cmd = g, tea.Quit
		}
	}()
	inner, c := g.inner.Update(msg)
	g.inner = inner
	return g, g.wrap(c)
}

func (g guard) View() (view string) {
	if g.box.crashed() {
		return ""
	}
	defer func() {
		if v := recover(); v != nil {
			g.box.record("View", v)
			g.box.quitSoon()
			view = ""
		}
	}()
	return g.inner.View()
}

// wrap recovers a panic in cmd, and in the commands of a batch it returns.
func (g guard) wrap(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		defer func() {
			if v := recover(); v != nil {
				g.box.record("a command", v)
				msg = crashedMsg{}
			}
		}()
		msg = cmd()
		if batch, ok := msg.(tea.BatchMsg); ok {
			wrapped := make(tea.BatchMsg, len(batch))
			for i, c := range batch {
				wrapped[i] = g.wrap(c)
			}
			return wrapped
		}
		return msg
	}
}

// unwrapDashboard finds the dashboard inside the program's final model.
func unwrapDashboard(m tea.Model) (ui.Model, bool) {
	for {
		switch w := m.(type) {
		case ui.Model:
			return w, true
		case guard:
			m = w.inner
		case crashTrigger:
			m = w.Model
		default:
			return ui.Model{}, false
		}
	}
}

// crashTrigger is the test panic of crashTestEnv.
type crashTrigger struct {
	tea.Model
	mode, key string
	armed     bool // view: the next View panics
}

func (c crashTrigger) message() string {
	return fmt.Sprintf("superdash crash test (%s), holding the API key %q", c.mode, c.key)
}

func (c crashTrigger) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok && k.String() == crashTestKey {
		switch c.mode {
		case "update":
			panic(c.message())
		case "view":
			c.armed = true
			return c, nil
		case "command":
			return c, func() tea.Msg { panic(errors.New(c.message())) }
		}
	}
	next, cmd := c.Model.Update(msg)
	c.Model = next
	return c, cmd
}

func (c crashTrigger) View() string {
	if c.armed {
		panic(c.message())
	}
	return c.Model.View()
}

// crashDir is where crash reports go: $XDG_STATE_HOME/superdash, else
// ~/.local/state/superdash (the journal's directory). A relative
// $XDG_STATE_HOME is ignored, as the XDG spec asks.
func crashDir(getenv func(string) string, home func() (string, error)) (string, error) {
	if dir := getenv("XDG_STATE_HOME"); dir != "" && filepath.IsAbs(dir) {
		return filepath.Join(dir, "superdash"), nil
	}
	h, err := home()
	if err != nil || h == "" {
		return "", errors.New("no state directory: neither $XDG_STATE_HOME nor a home directory is set")
	}
	return filepath.Join(h, ".local", "state", "superdash"), nil
}

// write puts the report in a new file of the crash directory, readable by
// the user only, and returns its path.
func (r crashReporter) write(c crash) (string, error) {
	dir, err := r.dir()
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	stamp := r.now().UTC().Format("20060102-150405")
	for n := 1; ; n++ {
		name := "crash-" + stamp + ".txt"
		if n > 1 {
			name = fmt.Sprintf("crash-%s-%d.txt", stamp, n)
		}
		path := filepath.Join(dir, name)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, os.ErrExist) && n < 100 {
			continue
		}
		if err != nil {
			return "", err
		}
		_, werr := io.WriteString(f, r.report(c))
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		return path, werr
	}
}

// report is the text of the report, scrubbed of every secret.
func (r crashReporter) report(c crash) string {
	var b strings.Builder
	fmt.Fprintf(&b, "superdash crash report\n\n")
	fmt.Fprintf(&b, "time:    %s\n", r.now().UTC().Format(time.RFC3339))
	fmt.Fprintf(&b, "version: %s\n", r.version)
	fmt.Fprintf(&b, "go:      %s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(&b, "where:   %s\n\n", c.where)
	fmt.Fprintf(&b, "panic: %v\n\n", c.value)
	if len(c.stack) > 0 {
		fmt.Fprintf(&b, "%s\n", c.stack)
	}
	return scrub(b.String(), r.secrets)
}

// scrub replaces every secret in s, as written and as URL-encoded.
func scrub(s string, secrets []string) string {
	for _, secret := range secrets {
		secret = strings.TrimSpace(secret)
		if secret == "" {
			continue
		}
		for _, form := range []string{secret, url.QueryEscape(secret), url.PathEscape(secret)} {
			s = strings.ReplaceAll(s, form, "[redacted]")
		}
	}
	return s
}
