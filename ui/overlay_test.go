package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// Whatever is in the overlay slot gets every key first: no key reaches the
// screen under it, nor the global keys, until it closes.
func TestOverlayGetsEveryKeyFirst(t *testing.T) {
	m := triageModel(t)

	// The export prompt: L answers it, with no export, and opens no journal.
	m = keys(m, "e")
	requireContains(t, "the footer", ansi.Strip(m.footerView()), "export the 6 jobs shown")
	m = keys(m, "L")
	screen := ansi.Strip(m.View())
	requireNotContains(t, "the screen after L at the export prompt", screen, "Action journal")
	requireContains(t, "the footer", ansi.Strip(m.footerView()), "no export")

	// The help: / opens no filter and j moves no cursor behind it; q
	// closes it, and the screen is the one it covered.
	before := body(m)
	m = keys(m, "?")
	requireContains(t, "the help", ansi.Strip(m.View()), "all terms must hold")
	m = keys(m, "/", "j", "L")
	requireContains(t, "the help after / j L", ansi.Strip(m.View()), "all terms must hold")
	m = keys(m, "q")
	if m.life.Err() != nil {
		t.Fatal("q in the help quit the dashboard")
	}
	if after := body(m); after != before {
		t.Fatalf("keys pressed in the help reached the screen:\nbefore:\n%s\nafter:\n%s", before, after)
	}

	// A dialog of the screen: the cancel's confirmation takes j and L as
	// its own (nothing), and esc closes it without acting.
	m = keys(m, "c")
	requireContains(t, "the dialog", ansi.Strip(m.View()), "Cancel")
	m = keys(m, "L")
	requireNotContains(t, "the dialog after L", ansi.Strip(m.View()), "Action journal")
	m = keys(m, "esc")
	if got := body(m); got != before || strings.Contains(got, "Action journal") {
		t.Fatalf("after esc in the dialog the screen is not the one it covered:\n%s", got)
	}
}

// body is the screen but its footer line, whose answer to the last key
// changes with every key.
func body(m Model) string {
	s := ansi.Strip(m.View())
	return s[:strings.LastIndex(s, "\n")]
}
