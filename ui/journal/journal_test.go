package journal

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

func entry(i int) Entry {
	return Entry{
		Time: t0.Add(time.Duration(i) * time.Second), Host: "api.super.ai", App: "app-1",
		JobID: fmt.Sprint(1000 + i), Action: "cancel", Outcome: OutcomeDone, Status: "CANCELED",
	}
}

func TestAppendWritesOneLinePerEntry(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "superdash", "journal.jsonl")
	j := Open(path)
	refused := Entry{
		Time: t0, Host: "h", App: "a", JobID: "7", Action: "restart", Outcome: OutcomeRefused,
		Message: "Job 7 <cannot> be restarted\nin status \x1b[31mCOMPLETED",
	}
	for _, e := range []Entry{entry(0), refused} {
		if err := j.Append(e); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	want := []string{
		`{"time":"2026-11-28T12:00:00Z","host":"api.super.ai","app":"app-1","job_id":"1000","action":"cancel","outcome":"done","status":"CANCELED"}`,
		// Control characters and newlines are escaped: a message can never
		// break the line or reach a terminal that cats the file raw.
		`{"time":"2026-11-28T12:00:00Z","host":"h","app":"a","job_id":"7","action":"restart","outcome":"refused","message":"Job 7 <cannot> be restarted\nin status \u001b[31mCOMPLETED"}`,
		"",
	}
	if !reflect.DeepEqual(lines, want) {
		t.Fatalf("file:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

func TestAppendIsPrivate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "superdash")
	path := filepath.Join(dir, "journal.jsonl")
	if err := Open(path).Append(entry(0)); err != nil {
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

// Entries cannot carry the API key: the type has no field for it.
func TestEntryHasNoRoomForAKey(t *testing.T) {
	typ := reflect.TypeOf(Entry{})
	for i := range typ.NumField() {
		name := strings.ToLower(typ.Field(i).Name + " " + typ.Field(i).Tag.Get("json"))
		if strings.Contains(name, "key") || strings.Contains(name, "auth") || strings.Contains(name, "token") {
			t.Errorf("Entry has a field %q", typ.Field(i).Name)
		}
	}
}

func TestReadNewestFirstWithLimit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	j := Open(path)
	for i := range 5 {
		if err := j.Append(entry(i)); err != nil {
			t.Fatal(err)
		}
	}
	got, err := Read(path, 3)
	if err != nil {
		t.Fatal(err)
	}
	if ids := jobIDs(got); ids != "1004 1003 1002" {
		t.Errorf("Read(3) = %s, want the three newest, newest first", ids)
	}
	all, err := Read(path, 0)
	if err != nil || jobIDs(all) != "1004 1003 1002 1001 1000" {
		t.Errorf("Read(0) = %s, %v; want all five", jobIDs(all), err)
	}
	if !reflect.DeepEqual(all[4], entry(0)) {
		t.Errorf("round trip: %+v, want %+v", all[4], entry(0))
	}
}

// A long journal is read from its end: lines longer than the first chunk
// and a limit reached only after several chunks both come out whole.
func TestReadLongJournal(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	j := Open(path)
	long := entry(0)
	long.Message = strings.Repeat("x", chunk+100)
	if err := j.Append(long); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 2000; i++ {
		if err := j.Append(entry(i)); err != nil {
			t.Fatal(err)
		}
	}
	got, err := Read(path, 1500)
	if err != nil || len(got) != 1500 || got[0].JobID != "3000" || got[1499].JobID != "1501" {
		t.Fatalf("Read(1500): %d entries from %v, err %v", len(got), first(got), err)
	}
	all, err := Read(path, 0)
	if err != nil || len(all) != 2001 || all[2000].Message != long.Message {
		t.Fatalf("Read(0): %d entries, err %v; want 2001 ending with the long one", len(all), err)
	}
}

func TestReadToleratesATornLastLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	j := Open(path)
	for i := range 2 {
		if err := j.Append(entry(i)); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"time":"2026-11-28T12:00:09Z","host":"api.su`) // a crash mid-write
	f.Close()

	got, err := Read(path, 10)
	if err != nil || jobIDs(got) != "1001 1000" {
		t.Fatalf("Read after a torn line = %s, %v; want the two whole entries", jobIDs(got), err)
	}
	// The next entry starts on a line of its own instead of finishing
	// the torn one.
	if err := j.Append(entry(2)); err != nil {
		t.Fatal(err)
	}
	got, err = Read(path, 10)
	if err != nil || jobIDs(got) != "1002 1001 1000" {
		t.Fatalf("Read after appending = %s, %v; want the new entry and the two old", jobIDs(got), err)
	}
}

func TestReadMissingFileIsEmpty(t *testing.T) {
	got, err := Read(filepath.Join(t.TempDir(), "none.jsonl"), 10)
	if err != nil || len(got) != 0 {
		t.Fatalf("Read of a missing journal = %v, %v; want nothing and no error", got, err)
	}
}

func TestNoPath(t *testing.T) {
	if err := Open("").Append(entry(0)); !errors.Is(err, ErrNoPath) {
		t.Errorf("Append without a path: %v", err)
	}
	if _, err := Read("", 1); !errors.Is(err, ErrNoPath) {
		t.Errorf("Read without a path: %v", err)
	}
}

func TestAppendFailureIsReported(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "state")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil { // a file where the directory should be
		t.Fatal(err)
	}
	if err := Open(filepath.Join(blocker, "journal.jsonl")).Append(entry(0)); err == nil {
		t.Fatal("Append under a file: no error")
	}
}

// The workers of a bulk run append at once: every line stays whole.
func TestConcurrentAppends(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	j := Open(path)
	var wg sync.WaitGroup
	for i := range 200 {
		wg.Go(func() {
			if err := j.Append(entry(i)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
	seen := map[string]bool{}
	for _, l := range lines {
		var e Entry
		if err := json.Unmarshal(l, &e); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		seen[e.JobID] = true
	}
	if len(lines) != 200 || len(seen) != 200 {
		t.Fatalf("%d lines, %d distinct jobs; want 200 of each", len(lines), len(seen))
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

func jobIDs(es []Entry) string {
	ids := make([]string, len(es))
	for i, e := range es {
		ids[i] = e.JobID
	}
	return strings.Join(ids, " ")
}

func first(es []Entry) string {
	if len(es) == 0 {
		return "nothing"
	}
	return es[0].JobID
}
