package journal

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

func request(i int) Request {
	return Request{
		Time: t0.Add(time.Duration(i) * time.Second), Host: "api.super.ai", App: "app-1",
		JobID: fmt.Sprint(1000 + i), Action: "cancel",
	}
}

func done(i int) Result {
	return Result{Time: t0.Add(time.Duration(i)*time.Second + 300*time.Millisecond), Outcome: OutcomeDone, Status: "CANCELED"}
}

// act records one whole action: its "sending" line, then its outcome.
func act(t *testing.T, j *Journal, r Request, res Result) string {
	t.Helper()
	id, err := j.Sending(r)
	if err != nil {
		t.Fatal(err)
	}
	if err := j.Outcome(id, r, res); err != nil {
		t.Fatal(err)
	}
	return id
}

// The lines on disk, byte for byte: what another program reading the
// file, or a user with grep, relies on.
func TestSendingThenOutcomeOnDisk(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "superdash", "journal.jsonl")
	j := Open(path)
	r := Request{Time: t0, Host: "h", App: "a", JobID: "7", Action: "restart"}
	id, err := j.Sending(r)
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf(`^%d-[0-9]+-[0-9]+$`, os.Getpid()); !regexp.MustCompile(want).MatchString(id) {
		t.Fatalf("entry id %q, want pid-start-counter", id)
	}
	sending := `{"entry":"` + id + `","phase":"sending","time":"2026-11-28T12:00:00Z","host":"h","app":"a","job_id":"7","action":"restart"}` + "\n"
	if got := readFile(t, path); got != sending {
		t.Fatalf("before the outcome the file holds\n%s\nwant\n%s", got, sending)
	}
	err = j.Outcome(id, r, Result{
		Time: t0.Add(time.Second), Outcome: OutcomeRefused,
		Message: "Job 7 <cannot> be restarted\nin status \x1b[31mCOMPLETED",
	})
	if err != nil {
		t.Fatal(err)
	}
	// Control characters and newlines are escaped: a message can never
	// break the line or reach a terminal that cats the file raw.
	outcome := `{"entry":"` + id + `","phase":"outcome","time":"2026-11-28T12:00:01Z","job_id":"7","action":"restart","outcome":"refused","message":"Job 7 <cannot> be restarted\nin status \u001b[31mCOMPLETED"}` + "\n"
	if got := readFile(t, path); got != sending+outcome {
		t.Fatalf("file:\n%s\nwant:\n%s", got, sending+outcome)
	}
}

func TestEntryIDsAreUnique(t *testing.T) {
	j1, j2 := Open(filepath.Join(t.TempDir(), "a")), Open(filepath.Join(t.TempDir(), "b"))
	seen := map[string]bool{}
	for i := range 50 {
		for _, j := range []*Journal{j1, j2} {
			id, err := j.Sending(request(i))
			if err != nil {
				t.Fatal(err)
			}
			if seen[id] {
				t.Fatalf("entry id %s given twice", id)
			}
			seen[id] = true
		}
	}
}

func TestJournalIsPrivate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "superdash")
	path := filepath.Join(dir, "journal.jsonl")
	if _, err := Open(path).Sending(request(0)); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]os.FileMode{dir: 0o700 | os.ModeDir, path: 0o600} {
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		// The umask can only take permissions away.
		if got := info.Mode(); got&^want != 0 || got.IsDir() != want.IsDir() {
			t.Errorf("%s: mode %v, want at most %v", p, got, want)
		}
	}
}

// Nothing the journal writes or reads can carry the API key: no type has
// a field for it.
func TestNoRoomForAKey(t *testing.T) {
	for _, v := range []any{line{}, Entry{}, Request{}, Result{}} {
		typ := reflect.TypeOf(v)
		for i := range typ.NumField() {
			name := strings.ToLower(typ.Field(i).Name + " " + typ.Field(i).Tag.Get("json"))
			if strings.Contains(name, "key") || strings.Contains(name, "auth") || strings.Contains(name, "token") {
				t.Errorf("%s has a field %q", typ.Name(), typ.Field(i).Name)
			}
		}
	}
}

func TestNoPath(t *testing.T) {
	if _, err := Open("").Sending(request(0)); !errors.Is(err, ErrNoPath) {
		t.Errorf("Sending without a path: %v", err)
	}
	if err := Open("").Outcome("1-2-3", request(0), done(0)); !errors.Is(err, ErrNoPath) {
		t.Errorf("Outcome without a path: %v", err)
	}
	if _, err := Read("", 1); !errors.Is(err, ErrNoPath) {
		t.Errorf("Read without a path: %v", err)
	}
}

func TestWriteFailureIsReported(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "state")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil { // a file where the directory should be
		t.Fatal(err)
	}
	id, err := Open(filepath.Join(blocker, "journal.jsonl")).Sending(request(0))
	if err == nil || id != "" {
		t.Fatalf("Sending under a file: id %q, err %v; want an error and no id", id, err)
	}
}

// The workers of a bulk run record at once: every line stays whole and
// every action is paired with its own outcome.
func TestConcurrentActions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	j := Open(path)
	var wg sync.WaitGroup
	for i := range 200 {
		wg.Go(func() {
			r := request(i)
			id, err := j.Sending(r)
			if err != nil {
				t.Error(err)
				return
			}
			res := done(i)
			res.Message = "for " + r.JobID
			if err := j.Outcome(id, r, res); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if n := strings.Count(readFile(t, path), "\n"); n != 400 {
		t.Fatalf("%d lines, want 400", n)
	}
	got, err := Read(path, 0)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range got {
		if e.Outcome != OutcomeDone || e.Message != "for "+e.JobID {
			t.Fatalf("entry %+v is paired with another action's outcome", e)
		}
		seen[e.JobID] = true
	}
	if len(got) != 200 || len(seen) != 200 {
		t.Fatalf("%d entries, %d distinct jobs; want 200 of each", len(got), len(seen))
	}
}

func TestDefaultPath(t *testing.T) {
	env := func(vars map[string]string) func(string) string {
		return func(k string) string { return vars[k] }
	}
	cases := []struct {
		vars map[string]string
		home string
		want string
	}{
		{map[string]string{"XDG_STATE_HOME": "/state"}, "/home/u", "/state/superdash/journal.jsonl"},
		{nil, "/home/u", "/home/u/.local/state/superdash/journal.jsonl"},
		{map[string]string{"XDG_STATE_HOME": "relative/state"}, "/home/u", "/home/u/.local/state/superdash/journal.jsonl"},
		{nil, "", ""},
	}
	for _, tc := range cases {
		if got := DefaultPath(env(tc.vars), tc.home); got != filepath.FromSlash(tc.want) {
			t.Errorf("DefaultPath(%v, %q) = %q, want %q", tc.vars, tc.home, got, tc.want)
		}
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
