package ui

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"superdash/api/sim"
	"superdash/journal"
	"superdash/ui/journalscreen"
)

// The journal screen shows one row per action, its two lines paired: an
// action of a process that ended without its outcome reads as sent,
// outcome unknown; one of this process still out reads as sending; a
// line of the one-line format reads as before.
func TestJournalScreenPairsActions(t *testing.T) {
	f := newActionFixture(t, sim.Options{}, 3)
	if err := os.MkdirAll(filepath.Dir(f.journal), 0o700); err != nil {
		t.Fatal(err)
	}
	ended := exec.Command("true") // a process that is gone: its pid names no one
	if err := ended.Run(); err != nil {
		t.Fatal(err)
	}
	gone := fmt.Sprintf("%d-%d-1", ended.Process.Pid, time.Now().Add(-time.Minute).UnixNano())
	old := `{"time":"2026-11-28T11:58:00Z","host":"h","app":"a","job_id":"111","action":"restart","outcome":"refused","message":"not restartable"}` + "\n" +
		`{"entry":"` + gone + `","phase":"sending","time":"2026-11-28T11:59:00Z","host":"h","app":"a","job_id":"222","action":"cancel"}` + "\n"
	if err := os.WriteFile(f.journal, []byte(old), 0o600); err != nil {
		t.Fatal(err)
	}
	m := f.dashboard(t, nil, nil)
	// This process has a request out: its "sending" line is written.
	if _, err := journal.Open(f.journal).Sending(journal.Request{Time: frozen, Host: "h", App: "a", JobID: "333", Action: "cancel"}); err != nil {
		t.Fatal(err)
	}
	m, cmd := press(m, "L")
	m = update(m, onlyMsg[journalscreen.ReadMsg](t, cmd))
	screen := ansi.Strip(m.View())
	rows := map[string]string{}
	for _, l := range strings.Split(screen, "\n") {
		for _, id := range []string{"111", "222", "333"} {
			if strings.Contains(l, "  "+id+"  ") {
				rows[id] = l
			}
		}
	}
	requireContains(t, "the old-format row", rows["111"], "restart  refused           not restartable")
	requireContains(t, "the row of the ended process", rows["222"], "cancel   unknown           sent, outcome unknown (superdash stopped)")
	requireContains(t, "the row of this process", rows["333"], "cancel   sending…")
	if strings.Index(screen, "  333  ") > strings.Index(screen, "  222  ") || strings.Index(screen, "  222  ") > strings.Index(screen, "  111  ") {
		t.Errorf("rows not newest first:\n%s", screen)
	}
}
