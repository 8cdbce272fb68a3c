package ui

import (
	"fmt"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/charmbracelet/x/ansi"
)

// Entries the list shows because A asked for every host's and app's did
// not arrive: scrolled away from the top, the list counts none of them as
// new, nor those it shows again when A goes back to the app watched.
func TestJournalScopeIsNoArrival(t *testing.T) {
	var lines []string
	for i := range 60 {
		host := "api.example.test"
		if i%2 == 1 {
			host = "api.eu.example.test"
		}
		lines = append(lines, fmt.Sprintf(`{"time":"2026-11-28T11:%02d:00Z","host":"%s","app":"$APP","job_id":"%d","action":"cancel","outcome":"done","status":"CANCELED"}`, i, host, 5000+i))
	}
	_, m := journalOf(t, lines...)
	m = update(m, tea.WindowSizeMsg{Width: 80, Height: 20})
	m = keys(m, "G")
	requireNotContains(t, "the app's entries at their end", ansi.Strip(m.View()), "↑ ")
	m, _ = press(m, "A")
	requireNotContains(t, "every host's entries after A", ansi.Strip(m.View()), "↑ ")
	m = keys(m, "G")
	m, _ = press(m, "A")
	requireNotContains(t, "the app's entries after A again", ansi.Strip(m.View()), "↑ ")
}
