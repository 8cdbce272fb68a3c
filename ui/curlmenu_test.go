package ui

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"superdash/api"
	"superdash/api/sim"
	"superdash/model"
	"superdash/ui/common"
)

// copyCapture makes the jobs screen's clipboards a buffer for the terminal
// and a system clipboard that takes everything, and returns what the
// system clipboard was last given.
func copyCapture(m Model) (Model, *string) {
	var got string
	m = withJobs(m, func(s *jobsScreen) {
		s.clipboard = clipboards{terminal: &bytes.Buffer{}, system: func(text string) error { got = text; return nil }}
	})
	return m, &got
}

// copyCurlEntry opens the curl menu on the selected job, moves down to
// entry i and copies it; it returns the model with the copy's notice and
// the text copied.
func copyCurlEntry(t *testing.T, m Model, i int) (Model, string) {
	t.Helper()
	m, got := copyCapture(m)
	m = keys(m, "C")
	for range i {
		m = keys(m, "down")
	}
	next, cmd := m.Update(keyMsg("enter"))
	m = next.(Model)
	m = update(m, onlyMsg[copiedMsg](t, cmd))
	return m, *got
}

// runCurl runs a copied text with sh and the real curl, the key in the
// environment as the menu says, and returns what curl printed.
func runCurl(t *testing.T, text, apiKey string) string {
	t.Helper()
	cmd := exec.Command("sh", "-c", text)
	cmd.Env = []string{"PATH=/usr/bin:/bin", "SUPERAI_API_KEY=" + apiKey}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("sh -c %q: %v: %s", text, err, out)
	}
	return string(out)
}

// TestCopyAsCurlReproducesTheRequests copies each line the menu offers for
// a scheduled job and runs it with the real curl against the simulator:
// the job, its output, the list the table is read from, and the cancel,
// which does cancel it. The key is on no screen and in no line copied.
func TestCopyAsCurlReproducesTheRequests(t *testing.T) {
	f := newActionFixture(t, sim.Options{}, 3)
	m := f.dashboard(t, nil, nil)
	id := f.ids[1]
	m = actCursorOn(t, m, id)
	apiKey := f.srv.APIKey()

	menu := ansi.Strip(keys(m, "C").View())
	for _, want := range []string{"Copy as curl: job " + id, "the job", "its output", "the job list the table is read from: 1 page of 500", "DESTRUCTIVE: cancel the job", "$SUPERAI_API_KEY"} {
		if !strings.Contains(menu, want) {
			t.Errorf("the menu lacks %q:\n%s", want, menu)
		}
	}
	if strings.Contains(menu, "restart the job") {
		t.Errorf("a scheduled job cannot be restarted, yet the menu offers it:\n%s", menu)
	}

	var copied []string
	for i := range 4 {
		next, text := copyCurlEntry(t, m, i)
		copied = append(copied, text)
		if strings.Contains(ansi.Strip(next.View()), apiKey) || strings.Contains(text, apiKey) {
			t.Fatalf("the key shows on the screen or in what is copied: %q", text)
		}
		if foot := actFooter(next); !strings.Contains(foot, "copied the curl line") {
			t.Errorf("entry %d: footer %q, want the copy's notice", i, foot)
		}
		if i == 0 {
			m = next
		}
	}

	var job struct{ ID string }
	if err := json.Unmarshal([]byte(runCurl(t, copied[0], apiKey)), &job); err != nil || job.ID != id {
		t.Errorf("the job's line fetched %+v (%v), want job %s", job, err, id)
	}
	if !strings.Contains(copied[1], "/jobs/"+id+"/response") {
		t.Errorf("the output's line is %q", copied[1])
	}
	runCurl(t, copied[1], apiKey) // the simulator answers; curl -sS fails the test on a transport error
	var page struct{ Jobs []json.RawMessage }
	if err := json.Unmarshal([]byte(runCurl(t, copied[2], apiKey)), &page); err != nil || len(page.Jobs) != len(f.ids) {
		t.Errorf("the list's line listed %d jobs (%v), want %d", len(page.Jobs), err, len(f.ids))
	}
	if f.status(id) == model.Status("CANCELED") {
		t.Fatal("copying sent the cancel")
	}
	runCurl(t, copied[3], apiKey)
	if got := f.status(id); got != "CANCELED" {
		t.Errorf("after running the cancel line the job is %s, want CANCELED", got)
	}
}

// TestCurlMenuClosesCopyingNothing: esc closes the menu and says so.
func TestCurlMenuClosesCopyingNothing(t *testing.T) {
	f := newActionFixture(t, sim.Options{}, 1)
	m, got := copyCapture(f.dashboard(t, nil, nil))
	next, cmd := keys(m, "C").Update(keyMsg("esc"))
	m = next.(Model)
	if msgs := msgsOf(cmd); len(msgs) > 0 || *got != "" {
		t.Errorf("esc copied %q (%v)", *got, msgs)
	}
	if foot := actFooter(m); !strings.Contains(foot, "nothing copied") {
		t.Errorf("footer %q", foot)
	}
}

// curlMenuModel is a dashboard on a fixed host with jobs loaded, the
// cursor on a failed one, so the menu's screen is stable.
func curlMenuModel(t *testing.T, w, h int) Model {
	t.Helper()
	client, err := api.New(api.Options{BaseURL: "https://api.example.com/v1", APIKey: "sk-never-shown-0123", KeySource: "the test"})
	if err != nil {
		t.Fatal(err)
	}
	c := common.New()
	c.Now, c.JobNow = func() time.Time { return frozen }, func() time.Time { return frozen }
	m := New(Options{Client: client, AppID: "app", Common: c, Filter: "tag:t1", Sync: api.SyncOptions{Since: 7 * 24 * time.Hour}})
	t.Cleanup(m.Close)
	m.header.clockArmed = true
	m = update(m, tea.WindowSizeMsg{Width: w, Height: h})
	m = loaded(m, testJobs(t, "COMPLETED", "FAILED", "IN_PROGRESS"))
	m = actCursorOn(t, m, "1001")
	return keys(m, "C")
}

// The menu, as drawn: a failed job offers its restart.
func TestCurlMenuScreen(t *testing.T) {
	m := curlMenuModel(t, 120, 40)
	if strings.Contains(m.View(), "sk-never-shown-0123") {
		t.Fatal("the key is on the screen")
	}
	runScreens(t, []screenCase{modelScreen("curl_menu", m)})
}
