package ui

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"superdash/api/sim"
	"superdash/internal/termtest"
	"superdash/ui/common"
	"superdash/ui/poller"
)

// Golden screens: the dashboard runs in a real Bubble Tea program, against
// the simulator over HTTP, until the data is on screen; then it quits and
// its final View is compared with testdata/<test>/<screen>.golden. Run
// with -update to rewrite them, and read the diff before committing it.
//
// The program is started here rather than with teatest.NewTestModel:
// NewTestModel leaves a goroutine waiting for SIGINT for the life of the
// test binary, which goleak in TestMain reports as a leak. What teatest
// offers beyond that (WaitFor on the output, golden files) is used as is.

// screenSizes are the terminals every screen is drawn on: a roomy one, and
// the classic 80x24 where the detail pane only fits stacked.
var screenSizes = [][2]int{{120, 40}, {80, 24}}

// Screen tests poll the output for up to waitTimeout: the data arrives
// over loopback HTTP in milliseconds, but a loaded machine running -race
// can take far longer.
const (
	waitTimeout  = 10 * time.Second
	waitInterval = 10 * time.Millisecond
)

// screenModel is the dashboard minus its wall-clock timers: the poll tick
// and the 1 s header redraw are dropped when they arrive, which ends their
// chains. A tea.Tick cannot be stopped, so a pending tick would outlive the
// program by up to an interval (goleak fails the package), and a tick that
// fired mid-test would start a sync the screen did not ask for. The tests
// sync with `r`, as a user can; poll_test.go covers what ticks do.
type screenModel struct{ Model }

func (s screenModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg.(type) {
	case poller.TickMsg, clockMsg:
		return s, nil
	}
	next, cmd := s.Model.Update(msg)
	s.Model = next.(Model)
	return s, cmd
}

// screenEnv is one screen test: a simulator and a dashboard program that
// share a manual clock, so the test decides how old the data looks.
type screenEnv struct {
	srv   *sim.Running
	clock *sim.ManualClock
	prog  *tea.Program
	out   *termtest.Output // everything the program drew, drained by waitFor
	done  chan struct{}    // closed when the program has returned
	final tea.Model
	err   error
}

// startScreen runs the dashboard on a w×h terminal. The simulator is small
// and seeded, so every run draws the same jobs; the interval is long, but
// screenModel drops ticks anyway.
func startScreen(t *testing.T, w, h int) *screenEnv {
	t.Helper()
	return startStyledScreen(t, w, h, common.DefaultStyles())
}

// startStyledScreen is startScreen drawing with styles.
func startStyledScreen(t *testing.T, w, h int, styles common.Styles) *screenEnv {
	t.Helper()
	srv, clock := testServer(t, sim.Options{Seed: 42, Jobs: 300, Apps: 2})
	m := newStyledDashboard(t, srv, clock, time.Hour, styles)
	e := &screenEnv{srv: srv, clock: clock, out: &termtest.Output{}, done: make(chan struct{})}
	e.prog = tea.NewProgram(screenModel{m},
		tea.WithInput(nil), // keys come from Send
		tea.WithOutput(e.out),
		tea.WithoutSignals(),
	)
	go func() {
		defer close(e.done)
		e.final, e.err = e.prog.Run()
	}()
	// A test that failed half-way must not leave its program running.
	t.Cleanup(func() { e.prog.Kill(); <-e.done })
	e.prog.Send(tea.WindowSizeMsg{Width: w, Height: h})
	return e
}

// keys sends keys to the program; each is handled before Send returns the
// next one, in order.
func (e *screenEnv) keys(ks ...string) {
	for _, k := range ks {
		e.prog.Send(keyMsg(k))
	}
}

// waitFor polls what the program drew since the last wait, its colours
// and cursor moves stripped, until cond holds.
func (e *screenEnv) waitFor(t *testing.T, cond func(drawn []byte) bool) {
	t.Helper()
	plain := func(drawn []byte) bool { return cond([]byte(ansi.Strip(string(drawn)))) }
	teatest.WaitFor(t, e.out, plain, teatest.WithDuration(waitTimeout), teatest.WithCheckInterval(waitInterval))
}

// countsLine matches the header's job counts once there are jobs.
var countsLine = regexp.MustCompile(`[1-9][0-9,]* jobs  `)

// load syncs with `r` and waits until the first full pass is on screen:
// the counts, the app's name (from the app list, which arrives on its own)
// and a freshness that says the data was just loaded.
func (e *screenEnv) load(t *testing.T) {
	t.Helper()
	e.keys("r")
	app := e.srv.Apps()[0].Name
	e.waitFor(t, func(drawn []byte) bool {
		return countsLine.Match(drawn) &&
			bytes.Contains(drawn, []byte("· "+app)) &&
			bytes.Contains(drawn, []byte("● live · updated 0s ago"))
	})
}

// quit presses q and returns the screen the program ended on.
func (e *screenEnv) quit(t *testing.T) string {
	t.Helper()
	// ctrl+c quits from any screen as it is: q would close the help first.
	e.keys("ctrl+c")
	select {
	case <-e.done:
	case <-time.After(waitTimeout):
		t.Fatal("the program did not quit on ctrl+c")
	}
	if e.err != nil {
		t.Fatalf("the program failed: %v", e.err)
	}
	screen := e.final.(screenModel).View()
	// Only the end of a fetch makes this line go, at no set time: a
	// golden holding it would fail at random. Wait for the output first.
	if strings.Contains(screen, "loading output…") {
		t.Fatal("the screen was taken while a job's output was loading")
	}
	return screen
}

// simPort is the simulator's loopback port in the header: a free port the
// system picks, so it changes every run.
var simPort = regexp.MustCompile(`127\.0\.0\.1:([0-9]+)`)

// normalizeScreen masks the port with as many X as it has digits, so the
// rest of the title line keeps its layout.
func normalizeScreen(s string) string {
	return simPort.ReplaceAllStringFunc(s, func(hostPort string) string {
		port := simPort.FindStringSubmatch(hostPort)[1]
		return "127.0.0.1:" + strings.Repeat("X", len(port))
	})
}

func requireGolden(t *testing.T, screen string) {
	t.Helper()
	golden.RequireEqual(t, []byte(normalizeScreen(screen)+"\n"))
}

// screenCase is one golden screen. show drives a running dashboard to
// it. A screen the seeded dashboard cannot reach (a dialog mid-action,
// over jobs a test set up on its own simulator) has draw instead, which
// returns it on a w×h terminal; see modelScreen.
type screenCase struct {
	name string
	show func(t *testing.T, e *screenEnv)
	draw func(w, h int) string
}

// modelScreen is the golden screen name: m, as the test drove it, resized
// to each size and drawn.
func modelScreen(name string, m Model) screenCase {
	return screenCase{name: name, draw: func(w, h int) string {
		return update(m, tea.WindowSizeMsg{Width: w, Height: h}).View()
	}}
}

// runScreens draws every screen at every size of screenSizes, checks it
// fits the terminal, and compares it with its golden file.
func runScreens(t *testing.T, screens []screenCase) {
	t.Helper()
	for _, sc := range screens {
		for _, size := range screenSizes {
			w, h := size[0], size[1]
			t.Run(fmt.Sprintf("%s_%dx%d", sc.name, w, h), func(t *testing.T) {
				var screen string
				if sc.draw != nil {
					screen = sc.draw(w, h)
				} else {
					e := startScreen(t, w, h)
					sc.show(t, e)
					screen = e.quit(t)
				}
				requireFits(t, screen, w, h)
				requireGolden(t, screen)
			})
		}
	}
}

func TestScreens(t *testing.T) {
	screens := []screenCase{
		{name: "first_load", show: func(t *testing.T, e *screenEnv) {
			e.load(t)
		}},
		{name: "detail_pane_focused", show: func(t *testing.T, e *screenEnv) {
			e.load(t)
			e.keys("j", "tab")
		}},
		{name: "detail_full_screen", show: func(t *testing.T, e *screenEnv) {
			e.load(t)
			e.keys("enter")
		}},
		{name: "help", show: func(t *testing.T, e *screenEnv) {
			e.load(t)
			e.keys("?")
		}},
		{name: "api_down_stale", show: showAPIDownStale},
	}
	runScreens(t, screens)
}

// showAPIDownStale: the API goes down and stays down; three hours on, the
// user asks for a sync. The failure must not hide the data: it stays,
// marked stale, under the banner.
func showAPIDownStale(t *testing.T, e *screenEnv) {
	e.load(t)
	e.srv.FailNext(1000, 503, "")
	e.clock.Advance(3 * time.Hour)
	e.keys("r")
	e.waitFor(t, func(drawn []byte) bool { return bytes.Contains(drawn, []byte("⚠ ")) })
}

// TestScreenTooSmall: below 40x10 the dashboard says so, within the
// cells there are, instead of drawing a broken screen.
func TestScreenTooSmall(t *testing.T) {
	for _, size := range [][2]int{{30, 8}, {120, 9}} {
		w, h := size[0], size[1]
		t.Run(fmt.Sprintf("%dx%d", w, h), func(t *testing.T) {
			e := startScreen(t, w, h)
			e.waitFor(t, func(drawn []byte) bool { return bytes.Contains(drawn, []byte("terminal too small")) })
			screen := e.quit(t)
			requireFits(t, screen, w, h)
			requireGolden(t, screen)
		})
	}
}
