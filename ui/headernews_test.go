package ui

import (
	"maps"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"superdash/api/sim"
)

// TestNewsCostsNoRequest: the since line and the throughput strip are
// counted from the store: two dashboards on two identical worlds, one
// wide enough for the strip and one not, polled alike and drawn after
// every poll, ask their simulators for exactly the same requests.
func TestNewsCostsNoRequest(t *testing.T) {
	const polls = 6
	run := func(width int) (sim.Stats, string) {
		srv, clock := testServer(t, sim.Options{Seed: 42, Jobs: 300, Apps: 2})
		m := newPollModel(t, srv, clock, time.Hour, width, 40)
		var screen string
		for range polls {
			m = syncNow(t, m)
			screen = m.View()
			clock.Advance(2 * time.Minute)
		}
		return srv.Stats(), ansi.Strip(screen)
	}
	wide, wideScreen := run(120)
	narrow, narrowScreen := run(80)
	if !strings.Contains(wideScreen, "failure rate") || !strings.Contains(wideScreen, " since ") {
		t.Fatalf("at 120 columns the header shows no strip or no since line:\n%s", wideScreen)
	}
	if strings.Contains(narrowScreen, "failure rate") || !strings.Contains(narrowScreen, " since ") {
		t.Fatalf("at 80 columns the header shows a strip or no since line:\n%s", narrowScreen)
	}
	if wide.Requests != narrow.Requests || !maps.Equal(wide.Endpoints, narrow.Endpoints) {
		t.Errorf("with the strip: %d requests %v; without: %d requests %v",
			wide.Requests, wide.Endpoints, narrow.Requests, narrow.Endpoints)
	}
}

// TestNewsLineKeptBetweenMinutes: a clock tick within the minute draws
// the since line and the strip from what the last frame kept (what an
// idle dashboard does every second); the next minute, a sync, an
// acknowledgement or a resize draws them again.
func TestNewsLineKeptBetweenMinutes(t *testing.T) {
	srv, clock := testServer(t, sim.Options{Seed: 42, Jobs: 300, Apps: 2})
	m := newPollModel(t, srv, clock, time.Hour, 120, 40)
	m = syncNow(t, m)
	clock.Advance(10 * time.Minute)
	m = syncNow(t, m)

	const kept = "KEPT FROM THE LAST FRAME"
	poison := func(m Model) {
		m.View()
		m.frameCache.news.view = kept
	}
	thirdLine := func(m Model) string { return strings.Split(m.View(), "\n")[2] }

	poison(m)
	clock.Advance(30 * time.Second) // 12:10:30: the same minute
	m = update(m, clockMsg{})
	if got := thirdLine(m); got != kept {
		t.Fatalf("a clock tick within the minute drew the news line again: %q", ansi.Strip(got))
	}
	for _, step := range []struct {
		name string
		do   func(Model) Model
	}{
		{"the next minute", func(m Model) Model { clock.Advance(30 * time.Second); return update(m, clockMsg{}) }},
		{"a sync that changed jobs", func(m Model) Model { clock.Advance(5 * time.Second); return syncNow(t, m) }},
		{"F", func(m Model) Model { return keys(m, "F") }},
		{"a resize", func(m Model) Model { return update(m, tea.WindowSizeMsg{Width: 130, Height: 40}) }},
	} {
		poison(m)
		m = step.do(m)
		if got := thirdLine(m); got == kept {
			t.Errorf("after %s the news line was not drawn again", step.name)
		}
	}
}
