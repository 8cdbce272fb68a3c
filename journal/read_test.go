package journal

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

// other is a process that is not this one.
var other = writer{pid: 4242, started: t0.Add(-time.Hour)}

// writeLines appends lines to the file as they are, as another process
// (or an older version) would have.
func writeLines(t *testing.T, path string, lines ...line) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, l := range lines {
		b, err := l.encode()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write(b); err != nil {
			t.Fatal(err)
		}
	}
}

// sendingOf and outcomeOf are the two lines of an action of w.
func sendingOf(w writer, n string, r Request) line {
	return line{Entry: w.token() + "-" + n, Phase: phaseSending, Time: r.Time, Host: r.Host, App: r.App, JobID: r.JobID, Action: r.Action}
}

func outcomeOf(w writer, n string, r Request, res Result) line {
	return line{Entry: w.token() + "-" + n, Phase: phaseOutcome, Time: res.Time, JobID: r.JobID, Action: r.Action,
		Outcome: res.Outcome, Status: res.Status, Message: res.Message}
}

// never and always stand for the process table.
func never(writer) bool  { return false }
func always(writer) bool { return true }

func TestReadPairsNewestFirstWithLimit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	j := Open(path)
	for i := range 5 {
		act(t, j, request(i), done(i))
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
		t.Fatalf("Read(0) = %s, %v; want all five", jobIDs(all), err)
	}
	e := all[4]
	want := Entry{ID: e.ID, Time: t0, Host: "api.super.ai", App: "app-1", JobID: "1000", Action: "cancel",
		Outcome: OutcomeDone, Status: "CANCELED", PID: os.Getpid(), Mine: true}
	if !reflect.DeepEqual(e, want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", e, want)
	}
}

// Two dashboards append to one file, their lines interleaved, on the same
// jobs and with the same counters: each outcome goes with its own action.
func TestTwoProcessesNeverPairWrongly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	second := writer{pid: other.pid, started: other.started.Add(time.Nanosecond)} // the same pid, later
	r := request(0)
	refused := Result{Time: t0, Outcome: OutcomeRefused, Message: "Job 1000 cannot be canceled"}
	writeLines(t, path,
		sendingOf(other, "1", r),
		sendingOf(second, "1", r),
		outcomeOf(second, "1", r, refused),
		sendingOf(self, "1", r),
		outcomeOf(other, "1", r, done(0)),
	)
	got, err := read(path, 0, never)
	if err != nil {
		t.Fatal(err)
	}
	var outcomes []string
	for _, e := range got {
		outcomes = append(outcomes, e.Outcome)
	}
	// Newest sent first: this process's (no outcome yet), the second's
	// (refused), the first's (done).
	if want := []string{StateSending, OutcomeRefused, OutcomeDone}; !reflect.DeepEqual(outcomes, want) {
		t.Fatalf("outcomes %v, want %v", outcomes, want)
	}
	if !got[0].Mine || got[1].Mine || got[1].PID != other.pid {
		t.Errorf("whose: %+v", got)
	}
}

// A "sending" line without an outcome is still sending while its process
// may be at work, and stopped once it certainly is not.
func TestPendingEntries(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	writeLines(t, path, sendingOf(other, "1", request(0)))
	j := Open(path)
	if _, err := j.Sending(request(1)); err != nil { // this process: in flight
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		running func(writer) bool
		want    string // of the other process's entry
	}{
		{"the other process runs", always, StateSending},
		{"the other process is gone", never, StateStopped},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := read(path, 0, tc.running)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 2 || got[0].Outcome != StateSending || !got[0].Mine || got[1].Outcome != tc.want || got[1].PID != other.pid {
				t.Fatalf("entries %+v; want this process's sending, the other's %s", got, tc.want)
			}
		})
	}
}

// Files written before write-ahead hold one line per action, with its
// outcome; they read as they did, beside lines of the new format.
func TestReadsTheOneLineFormat(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	old := `{"time":"2026-11-28T12:00:00Z","host":"api.super.ai","app":"app-1","job_id":"1000","action":"cancel","outcome":"done","status":"CANCELED"}
{"time":"2026-11-28T12:00:01Z","host":"h","app":"a","job_id":"7","action":"restart","outcome":"refused","message":"Job 7 cannot be restarted\nin status \u001b[31mCOMPLETED"}
`
	if err := os.WriteFile(path, []byte(old), 0o600); err != nil {
		t.Fatal(err)
	}
	act(t, Open(path), request(2), done(2))
	got, err := Read(path, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{
		{ID: got[0].ID, Time: t0.Add(2 * time.Second), Host: "api.super.ai", App: "app-1", JobID: "1002", Action: "cancel", Outcome: OutcomeDone, Status: "CANCELED", PID: os.Getpid(), Mine: true},
		{Time: t0.Add(time.Second), Host: "h", App: "a", JobID: "7", Action: "restart", Outcome: OutcomeRefused, Message: "Job 7 cannot be restarted\nin status \x1b[31mCOMPLETED"},
		{Time: t0, Host: "api.super.ai", App: "app-1", JobID: "1000", Action: "cancel", Outcome: OutcomeDone, Status: "CANCELED"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("entries:\n got %+v\nwant %+v", got, want)
	}
}

// An outcome whose "sending" line is gone (edited out by hand) is no
// action: it is left out, and the others pair as they should.
func TestOutcomeWithoutItsSendingLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	writeLines(t, path,
		sendingOf(other, "1", request(0)), outcomeOf(other, "1", request(0), done(0)),
		outcomeOf(other, "2", request(1), done(1)),
		sendingOf(other, "3", request(2)), outcomeOf(other, "3", request(2), done(2)),
	)
	for _, limit := range []int{0, 2} {
		got, err := read(path, limit, never)
		if err != nil {
			t.Fatal(err)
		}
		if ids := jobIDs(got); ids != "1002 1000" || got[0].Outcome != OutcomeDone || got[1].Outcome != OutcomeDone {
			t.Fatalf("Read(%d) = %s (%+v), want 1002 and 1000, done", limit, ids, got)
		}
	}
}

// A long journal is read from its end: lines longer than the first chunk,
// a limit reached only after several chunks, and an outcome far from its
// "sending" line all come out whole and paired.
func TestReadLongJournal(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	j := Open(path)
	long := done(0)
	long.Message = strings.Repeat("x", chunk+100)
	act(t, j, request(0), long)
	farID, err := j.Sending(request(1))
	if err != nil {
		t.Fatal(err)
	}
	// The filler as another process wrote it, without a sync per line.
	var filler []line
	for i := 2; i <= 2000; i++ {
		n := strconv.Itoa(i)
		filler = append(filler, sendingOf(other, n, request(i)), outcomeOf(other, n, request(i), done(i)))
	}
	writeLines(t, path, filler...)
	if err := j.Outcome(farID, request(1), done(1)); err != nil {
		t.Fatal(err)
	}
	got, err := read(path, 1500, never)
	if err != nil || len(got) != 1500 || got[0].JobID != "3000" || got[1499].JobID != "1501" {
		t.Fatalf("Read(1500): %d entries from %v, err %v", len(got), first(got), err)
	}
	all, err := read(path, 0, never)
	if err != nil || len(all) != 2001 || all[2000].Message != long.Message {
		t.Fatalf("Read(0): %d entries, err %v; want 2001 ending with the long one", len(all), err)
	}
	if far := all[1999]; far.JobID != "1001" || far.Outcome != OutcomeDone {
		t.Fatalf("the action whose outcome came 2,000 lines later reads %+v", far)
	}
}

func TestReadToleratesATornLastLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	j := Open(path)
	for i := range 2 {
		act(t, j, request(i), done(i))
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"entry":"1-2-3","phase":"sending","time":"2026-11-28T12:00:09Z","host":"api.su`) // a crash mid-write
	f.Close()

	got, err := Read(path, 10)
	if err != nil || jobIDs(got) != "1001 1000" {
		t.Fatalf("Read after a torn line = %s, %v; want the two whole entries", jobIDs(got), err)
	}
	// The next line starts on a line of its own instead of finishing the
	// torn one.
	act(t, j, request(2), done(2))
	got, err = Read(path, 10)
	if err != nil || jobIDs(got) != "1002 1001 1000" || got[0].Outcome != OutcomeDone {
		t.Fatalf("Read after appending = %s, %v; want the new entry, paired, and the two old", jobIDs(got), err)
	}
}

func TestReadMissingFileIsEmpty(t *testing.T) {
	got, err := Read(filepath.Join(t.TempDir(), "none.jsonl"), 10)
	if err != nil || len(got) != 0 {
		t.Fatalf("Read of a missing journal = %v, %v; want nothing and no error", got, err)
	}
}

func TestDecodeLineRefusesWhatIsNotALine(t *testing.T) {
	for _, text := range []string{
		``, `{`, `[]`, `{}`,
		`{"job_id":"1","action":"cancel"}`,                              // old format without an outcome
		`{"entry":"1-2-3","phase":"later","job_id":"1"}`,                // unknown phase
		`{"entry":"abc","phase":"sending","job_id":"1"}`,                // an id that names no process
		`{"entry":"0-2-3","phase":"sending","job_id":"1"}`,              // pid 0
		`{"entry":"1-2-3-4","phase":"outcome","outcome":"done"}`,        // too many parts
		`{"phase":"sending","job_id":"1","action":"cancel"}`,            // no id
		`{"entry":"1-2-3","phase":"sending","time":"yesterday"}`,        // a bad time
		`{"entry":"1-2-3","phase":"sending","job_id":7,"action":"x"}`,   // a number for a string
		`{"entry":"1-2-x","phase":"outcome","job_id":"1","outcome":""}`, // a bad counter
	} {
		if l, err := decodeLine([]byte(text)); err == nil {
			t.Errorf("decodeLine(%s) = %+v, want an error", text, l)
		}
	}
}

// FuzzPair: no file content makes reading panic, a limit gives the
// newest entries of the whole, and every line read back encodes to a line
// that decodes the same.
//
//	go test ./journal -run '^$' -fuzz '^FuzzPair$' -fuzztime 1m
func FuzzPair(f *testing.F) {
	r := request(0)
	var seed bytes.Buffer
	for _, l := range []line{sendingOf(other, "1", r), outcomeOf(other, "1", r, done(0)), sendingOf(self, "2", r),
		{Time: t0, JobID: "9", Action: "restart", Outcome: OutcomeFailed}} {
		b, _ := l.encode()
		seed.Write(b)
	}
	f.Add(seed.Bytes())
	f.Add([]byte("{\"entry\":\"1-2-3\",\"phase\":\"outcome\"}\n\n\n{\"entry\":\"1-2-3\",\"phase\":\"sending\"}"))
	f.Add([]byte("\x00\xff\n{"))
	f.Fuzz(func(t *testing.T, data []byte) {
		all, _ := pair(data, 0, true, never)
		some, _ := pair(data, 2, true, never)
		if len(some) > 2 || (len(all) >= 2) != (len(some) == 2) {
			t.Fatalf("Read(2) gave %d of %d", len(some), len(all))
		}
		for i, e := range some {
			if !reflect.DeepEqual(e, all[i]) {
				t.Fatalf("Read(2)[%d] = %+v, Read(0)[%d] = %+v", i, e, i, all[i])
			}
		}
		for text := range bytes.SplitSeq(data, []byte("\n")) {
			l, err := decodeLine(text)
			if err != nil {
				continue
			}
			b, err := l.encode()
			if err != nil {
				t.Fatalf("a decoded line does not encode: %v", err)
			}
			again, err := decodeLine(bytes.TrimSuffix(b, []byte("\n")))
			if err != nil || !again.Time.Equal(l.Time) {
				t.Fatalf("%s decodes to %+v, which encodes to %s, which decodes to %+v, %v", text, l, b, again, err)
			}
			again.Time = l.Time
			if again != l {
				t.Fatalf("round trip: %+v, want %+v", again, l)
			}
		}
	})
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
