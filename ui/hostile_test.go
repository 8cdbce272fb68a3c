package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"superdash/api"
	"superdash/api/sim"
	"superdash/model"
	"superdash/ui/apppicker"
	"superdash/ui/detail"
	"superdash/ui/poller"
)

// Hostile data: every string the API sends is written by someone else, and
// a terminal acts on what it is sent. A tag holding an OSC 52 sequence
// would write to the user's clipboard; one holding a screen clear would
// wipe the dashboard. These tests load jobs carrying such sequences in
// every field the API fills, show them on every screen that can show them,
// and check what would reach the terminal.
//
// TestMain sets the ASCII colour profile, so lipgloss itself writes no
// escape sequence at all: any ESC byte on screen came from the data.

// hostileSeqs are what an attacker (or a broken upstream system) can put
// in a string. JSON carries them as \u escapes or raw UTF-8.
var hostileSeqs = []string{
	"\x1b]52;c;aGk=\x07", // OSC 52: write "hi" to the clipboard
	"\x1b[2J\x1b[H",      // clear the screen, cursor home
	"\x1b]0;pwned\x07",   // set the window title
	"\x1b[10;10H",        // move the cursor
	"\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", // OSC 8 hyperlink
	"\u009b31m",                   // C1 CSI: red, on terminals that take 8-bit controls
	"\u202eevil",                  // right-to-left override
	"a\rb\bc\x7f",                 // carriage return, backspace, delete
	"\x1bP+q544e\x1b\\",           // DCS: ask the terminal for its capabilities
	"\u2066iso\u2069\u200f\ufeff", // isolates, a mark, a BOM
}

// evil labels the hostile sequences, so a test can tell which field a
// leak came from.
func evil(label string) string { return label + ":" + strings.Join(hostileSeqs, "|") }

// hostileJob is the JSON of a job whose strings are all hostile but for
// the status and dates the test needs to steer it.
func hostileJob(t *testing.T, id any, status, created string, extra map[string]any) model.Job {
	t.Helper()
	obj := map[string]any{
		"id":               id,
		"uuid":             evil("uuid"),
		"appId":            evil("appId"),
		"batchId":          evil("batchId"),
		"status":           status,
		"jobType":          evil("jobType"),
		"callbackUrl":      evil("callbackUrl"),
		"created":          created,
		"tags":             []string{evil("tag1"), evil("tag2"), "plain"},
		"correct":          true,
		"metadata":         map[string]any{evil("metaKey"): evil("metaValue"), "nested": []any{evil("deep"), 1, nil}},
		"input":            map[string]any{"image_url": evil("input"), evil("inputKey"): map[string]any{"x": evil("x")}},
		evil("unknownKey"): evil("unknownValue"),
	}
	for k, v := range extra {
		obj[k] = v
	}
	raw, err := json.Marshal(obj)
	if err != nil {
		t.Fatal(err)
	}
	j, err := model.DecodeJob(raw)
	if err != nil {
		t.Fatal(err)
	}
	return j
}

// hostileJobs are, newest first: a completed job with hostile output; a
// job whose status, dates and tag types are hostile too (its Problems
// quote them); a moving job (cancellable, for the confirmation dialog);
// a completed job whose output is not even JSON.
func hostileJobs(t *testing.T) []model.Job {
	at := func(minutes int) string {
		return frozen.Add(-time.Duration(minutes) * time.Minute).Format("2006-01-02T15:04:05+00:00")
	}
	return []model.Job{
		hostileJob(t, evil("id"), "COMPLETED", at(1), map[string]any{"completed": at(0)}),
		// The raw C1 and bidi characters in a date, and the ESC in a tag of
		// the wrong type, are quoted in the job's Problems.
		hostileJob(t, evil("id2"), evil("status"), "\u009b2J\u202e"+evil("created"), map[string]any{
			"completed": evil("completed"),
			"tags":      []any{1, evil("tag"), map[string]string{evil("k"): "\x1b[2J"}},
			"correct":   evil("correct"),
		}),
		hostileJob(t, evil("id3"), "IN_PROGRESS", at(3), nil),
		hostileJob(t, evil("id4"), "COMPLETED", at(4), map[string]any{"completed": at(2)}),
	}
}

// hostileOutput is a job output, valid JSON with hostile keys and values.
func hostileOutput(t *testing.T) json.RawMessage {
	t.Helper()
	out, err := json.Marshal(map[string]any{
		"label":         evil("label"),
		evil("outKey"):  []any{evil("a"), map[string]any{"b": evil("b")}},
		"reviewComment": evil("comment"),
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// hostileText is an output that is not JSON: raw control bytes, shown as
// text under a note.
func hostileText() json.RawMessage {
	return json.RawMessage(strings.Join(hostileSeqs, "\n") + "\n\tnot json {")
}

// hostileSizes of the hostile test: the detail beside the table, below it
// (80x24), the smallest screen drawn, and a very tall one that shows a
// zoomed job's content whole.
var hostileSizes = [][2]int{{200, 60}, {80, 24}, {40, 10}, {160, 300}}

// requireInert fails when screen holds anything a terminal would act on:
// ESC, any other C0 control but the line breaks between rows, DEL, any C1
// control, a bidirectional or invisible formatting character, or invalid
// UTF-8 (which some terminals decode into C1 controls).
func requireInert(t *testing.T, where, screen string) {
	t.Helper()
	if i := strings.IndexByte(screen, 0x1b); i >= 0 {
		t.Fatalf("%s: ESC on screen at byte %d: %q", where, i, around(screen, i))
	}
	if !utf8.ValidString(screen) {
		t.Fatalf("%s: the screen is not valid UTF-8", where)
	}
	for i, r := range screen {
		switch {
		case r == '\n':
		case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f, isFormatRune(r):
			t.Fatalf("%s: control %U on screen at byte %d: %q", where, r, i, around(screen, i))
		}
	}
}

func around(s string, i int) string {
	return s[max(0, i-40):min(len(s), i+40)]
}

// isFormatRune: bidirectional overrides, embeddings, isolates and marks,
// line and paragraph separators, the BOM.
func isFormatRune(r rune) bool {
	return r == 0x061c || r >= 0x200e && r <= 0x200f || r >= 0x2028 && r <= 0x202e ||
		r >= 0x2066 && r <= 0x2069 || r == 0xfeff
}

// hostileModel is a dashboard holding the hostile jobs, with the output of
// the completed ones fetched, and an app list whose names are hostile too.
func hostileModel(t *testing.T, w, h int) Model {
	t.Helper()
	srv, _ := testServer(t, sim.Options{Jobs: -1})
	m := newTestModel(t, srv, srv.AppIDs()[0], w, h)
	jobs := hostileJobs(t)
	m = loaded(m, jobs)
	m = update(m, apppicker.ListedMsg{Apps: []model.App{
		{UUID: m.jobs().app.UUID, Name: evil("appName"), Status: evil("appStatus")},
		{UUID: evil("appUUID"), Name: evil("other"), Status: evil("st")},
	}})
	m = update(m, detail.OutputFetchedMsg{Key: jobs[0].Key(), Status: jobs[0].Status, Output: hostileOutput(t)})
	m = update(m, detail.OutputFetchedMsg{Key: jobs[3].Key(), Status: jobs[3].Status, Output: hostileText()})
	return m
}

func TestHostileStringsNeverReachTheTerminal(t *testing.T) {
	var all strings.Builder // every screen drawn, to check the data was on them
	check := func(t *testing.T, where string, m Model) {
		t.Helper()
		screen := m.View()
		requireInert(t, where, screen)
		all.WriteString(screen)
	}
	for _, size := range hostileSizes {
		w, h := size[0], size[1]
		t.Run(fmt.Sprintf("%dx%d", w, h), func(t *testing.T) {
			m := hostileModel(t, w, h)
			check(t, "the table", m)
			for i := range len(hostileJobs(t)) {
				// Each job in the pane beside or below the table, then
				// zoomed and paged through to its end.
				check(t, fmt.Sprintf("job %d under the cursor", i), m)
				z := keys(m, "enter")
				last := keys(z, "end").View()
				for page := 0; ; page++ {
					check(t, fmt.Sprintf("job %d zoomed, page %d", i, page), z)
					if z.View() == last || page == 500 {
						break
					}
					z = keys(z, "pgdown")
				}
				m = keys(m, "j")
			}
			m = keys(m, "g", "tab")
			check(t, "the detail focused", m)
			check(t, "the detail searched", keys(m, "/", "e", "v", "i", "l", "enter", "n"))
			m = keys(m, "esc")

			check(t, "the batches view", keys(m, "b"))
			check(t, "the tags view", keys(m, "t"))
			check(t, "the app picker", keys(m, "a"))
			check(t, "the app picker filtering", keys(m, "a", "/", "a"))
			check(t, "the help", keys(m, "?"))
			check(t, "filtered by a hostile tag", keys(m, "t", "enter"))
			check(t, "filtered by a hostile batch", keys(m, "b", "enter"))
			// The confirmation of a cancel names the job (the moving one),
			// and the action journal lists what was done.
			check(t, "the cancel confirmation", keys(selectJob(t, m, evil("id3")), "c"))
			check(t, "the action journal", keys(m, "L"))
		})
	}
	// The test means nothing unless the hostile strings were on screen,
	// as harmless stand-ins: ␛ for ESC, JSON's escapes inside JSON values.
	for _, want := range []string{"␛]52;c;aGk=␇", `\u001b]52;c;aGk=\u0007`, "␛[2J", "␛]0;pwned␇"} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("no screen shows %q: the hostile data never made it on screen", want)
		}
	}
}

// TestHostileErrorsNeverReachTheTerminal: the banner quotes what the API
// said went wrong, and the app picker why the app list failed. Those texts
// are the server's too.
func TestHostileErrorsNeverReachTheTerminal(t *testing.T) {
	errs := []struct {
		name string
		err  error
	}{
		{"api message", &api.Error{Op: evil("op"), StatusCode: 500, Message: evil("message")}},
		{"unauthorized", &api.Error{Op: evil("op"), StatusCode: 401, Message: evil("message")}},
		{"rate limited", &api.Error{Op: "list jobs", StatusCode: 429, Message: evil("message"), Retryable: true}},
		{"transport", fmt.Errorf("list jobs: %w", errors.New(evil("transport")))},
	}
	for _, tc := range errs {
		for _, size := range hostileSizes {
			w, h := size[0], size[1]
			t.Run(fmt.Sprintf("%s %dx%d", tc.name, w, h), func(t *testing.T) {
				m := hostileModel(t, w, h)
				m = update(m, poller.DoneMsg{Gen: m.poll.Gen(), Result: api.SyncResult{Delta: model.Delta{Err: tc.err}}})
				if m.poll.Status().Err == nil {
					t.Fatal("the failed sync left no error to show")
				}
				screen := m.View()
				requireInert(t, "the banner", screen)
				// Where the banner has room for the API's words, they show
				// as harmless stand-ins (at 40 columns a 401's advice,
				// which comes first, fills it).
				if h >= minHeight && w > minWidth {
					requireContains(t, "the banner", notice(m), "␛")
				}
				// The output of a job failing to load is on screen too.
				jobs := hostileJobs(t)
				failed := update(m, detail.OutputFetchedMsg{Key: jobs[0].Key(), Status: jobs[0].Status, Err: tc.err})
				requireInert(t, "a failed output fetch", keys(failed, "enter").View())

				picker := update(m, apppicker.ListedMsg{Err: tc.err})
				requireInert(t, "the app picker's error", keys(picker, "a").View())
			})
		}
	}
}
