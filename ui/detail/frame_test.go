package detail

import (
	"testing"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"superdash/model"
)

// What a step must do to the screen.
const (
	same    = iota // nothing it shows changed
	changed        // something it shows changed
	either         // depends on the profile (a highlight is only a colour)
)

// TestKeptFrameIsNeverStale takes a pane through every kind of change and
// checks after each that View (which keeps its frame) gives exactly what
// drawing afresh gives, with colours and without.
func TestKeptFrameIsNeverStale(t *testing.T) {
	for _, profile := range []termenv.Profile{termenv.Ascii, termenv.ANSI256} {
		t.Run(profile.Name(), func(t *testing.T) {
			lipgloss.SetColorProfile(profile)
			t.Cleanup(func() { lipgloss.SetColorProfile(termenv.Ascii) })
			m := newPane(&fakeFetcher{out: referenceOutput}, 100, 30)
			var msgs []tea.Msg // what the last SetJob's command sent
			setJob := func(j *model.Job) { msgs = collect(m.SetJob(j)) }
			deliver := func(want func(tea.Msg) bool) {
				for _, msg := range msgs {
					if want(msg) {
						m, _ = m.Update(msg)
						return
					}
				}
				t.Fatal("no such message")
			}
			isTick := func(msg tea.Msg) bool { _, ok := msg.(spinner.TickMsg); return ok }
			isOutput := func(msg tea.Msg) bool { _, ok := msg.(OutputFetchedMsg); return ok }
			key := func(k string) func() {
				return func() { m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}) }
			}
			ref := decode(t, referenceJSON(t))

			steps := []struct {
				name string
				do   func()
				want int
			}{
				{"nothing", func() {}, same},
				{"a job, its output loading", func() { setJob(ref) }, changed},
				{"nothing again", func() {}, same},
				{"the spinner turns", func() { deliver(isTick) }, changed},
				{"the output arrives", func() { deliver(isOutput) }, changed},
				{"the same job, unchanged", func() { setJob(ref) }, same},
				{"the same job, new data", func() { setJob(variant(t, map[string]string{"tags": `["new"]`})) }, changed},
				{"down a row", key("j"), changed},
				{"down a page", func() { m, _ = m.Update(tea.KeyMsg{Type: tea.KeyPgDown}) }, changed},
				{"the wheel", func() {
					m, _ = m.Update(tea.MouseMsg{Button: tea.MouseButtonWheelDown, Action: tea.MouseActionPress})
				}, changed},
				{"the top", key("g"), changed},
				{"the bottom", key("G"), changed},
				{"the top again", key("g"), changed},
				{"narrower", func() { m.SetSize(70, 30) }, changed},
				{"shorter", func() { m.SetSize(70, 20) }, changed},
				{"unfocused", func() { m.SetFocused(false) }, either},
				{"focused", func() { m.SetFocused(true) }, either},
				{"search opened", key("/"), changed},
				{"a query typed", func() { typeText(&m, "poodle") }, changed},
				{"the query kept", func() { press(&m, tea.KeyEnter) }, either},
				{"nothing, query kept", func() {}, same},
				{"next match", key("n"), either},
				{"previous match", key("N"), either},
				{"another job", func() { setJob(variant(t, map[string]string{"id": `"999"`, "status": `"IN_PROGRESS"`})) }, changed},
				{"no job", func() { setJob(nil) }, changed},
				{"the job again", func() { setJob(ref) }, changed},
			}
			prev := m.View()
			for _, st := range steps {
				st.do()
				got, want := m.View(), m.render()
				if got != want {
					t.Fatalf("after %q, View kept a stale frame:\n got %q\nwant %q", st.name, got, want)
				}
				if (st.want == same && got != prev) || (st.want == changed && got == prev) {
					t.Errorf("after %q the screen changed: %v, want %v (the step tests nothing)", st.name, got != prev, st.want == changed)
				}
				prev = got
			}
			if profile != termenv.Ascii {
				lipgloss.SetColorProfile(termenv.ANSI)
				if got, want := m.View(), m.render(); got != want || got == prev {
					t.Errorf("after a change of profile, View kept the frame drawn under the other")
				}
			}
		})
	}
}

// TestPaneCopiesDoNotShareFrames: copies of a model share the kept frame;
// one in another state must never be given the other's.
func TestPaneCopiesDoNotShareFrames(t *testing.T) {
	a := newPane(&fakeFetcher{out: referenceOutput}, 100, 30)
	show(t, &a, decode(t, referenceJSON(t)))
	b := a
	b, _ = b.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j")})
	c := a
	c.SetFocused(false)
	for range 2 {
		for name, m := range map[string]Model{"a": a, "b": b, "c": c} {
			if got, want := m.View(), m.render(); got != want {
				t.Errorf("copy %s was drawn another copy's frame", name)
			}
		}
	}
}
