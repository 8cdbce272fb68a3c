package journal

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"time"
)

// States of an entry whose "sending" line has no outcome line.
const (
	// StateSending: its writer may still be waiting for the answer (it is
	// this process, or a process that is still running).
	StateSending = "sending"
	// StateStopped: its writer stopped (quit, crashed, was killed) before
	// it could record the answer: the request went out (or was about to),
	// and nobody knows what the API did with it.
	StateStopped = "stopped"
)

// Entry is one action as the journal screen shows it: its "sending" line
// and its "outcome" line, paired, or a line of the one-line format.
type Entry struct {
	ID     string    // the entry id; "" for a line of the one-line format
	Time   time.Time // when it was sent
	Host   string
	App    string
	JobID  string
	Action string
	// Outcome is one of the Outcome constants, or StateSending or
	// StateStopped when no outcome line was found.
	Outcome string
	Status  string // the job's status afterwards, when it was read
	Message string
	// PID is the process that sent it; 0 for the one-line format.
	PID int
	// Mine: this process sent it.
	Mine bool
}

// chunk is how much of the file's end Read looks at first; it doubles
// until enough entries are in view.
const chunk = 64 << 10

// Read returns up to limit entries (all of them when limit <= 0), newest
// sent first. It reads the file from its end, so a long journal costs only
// what is shown. A missing file is an empty journal. Lines that are not
// journal lines (a line torn by a crash, an edit by hand) are skipped: one
// bad line never hides the rest.
func Read(path string, limit int) ([]Entry, error) {
	return read(path, limit, mayBeRunning)
}

// read is Read, asking running whether the writer of an entry without an
// outcome may still be at work.
func read(path string, limit int, running func(writer) bool) ([]Entry, error) {
	if path == "" {
		return nil, ErrNoPath
	}
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	size := info.Size()
	want := int64(chunk)
	for {
		start := max(size-want, 0)
		buf := make([]byte, size-start)
		if _, err := f.ReadAt(buf, start); err != nil && !errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("journal: %w", err)
		}
		if start > 0 {
			// The first line in view may be the end of a longer one.
			cut := bytes.IndexByte(buf, '\n')
			if cut < 0 {
				want *= 2
				continue
			}
			buf = buf[cut+1:]
		}
		entries, complete := pair(buf, limit, start == 0, running)
		if complete {
			return entries, nil
		}
		want *= 2
	}
}

// pair decodes the lines of buf from the last, and pairs each "sending"
// line with the "outcome" line of the same entry, which always comes after
// it. It stops at limit entries; complete says whether the answer is
// whole: limit entries, or the whole file (whole) read.
//
// An outcome line whose "sending" line is not in the file is left out:
// the "sending" line is synced before the request goes, so only an edit
// by hand can take it away, and an outcome without its action is no row.
func pair(buf []byte, limit int, whole bool, running func(writer) bool) (out []Entry, complete bool) {
	outcomes := map[string]line{} // outcome lines not yet paired, by entry
	for len(buf) > 0 && (limit <= 0 || len(out) < limit) {
		buf = bytes.TrimRight(buf, "\n")
		i := bytes.LastIndexByte(buf, '\n')
		text := buf[i+1:]
		buf = buf[:max(i, 0)]
		if l, err := decodeLine(text); err == nil {
			switch l.Phase {
			case phaseOutcome:
				if _, dup := outcomes[l.Entry]; !dup { // the newest wins
					outcomes[l.Entry] = l
				}
			case phaseSending:
				e := fromSending(l)
				if o, ok := outcomes[l.Entry]; ok {
					e = withOutcome(e, o)
					delete(outcomes, l.Entry)
				} else {
					e.Outcome = pending(e, running)
				}
				out = append(out, e)
			default:
				out = append(out, fromOneLine(l))
			}
		}
		if i < 0 {
			break
		}
	}
	if whole || (limit > 0 && len(out) >= limit) {
		return out, true
	}
	return nil, false
}

// fromSending is the entry of a "sending" line, without its outcome.
func fromSending(l line) Entry {
	w, _ := writerOf(l.Entry) // decodeLine checked it
	return Entry{
		ID: l.Entry, Time: l.Time, Host: l.Host, App: l.App, JobID: l.JobID, Action: l.Action,
		PID: w.pid, Mine: w.token() == self.token(),
	}
}

// pending is the state of an entry that has no outcome line: still
// sending while its writer may be at work, stopped once it certainly is
// not.
func pending(e Entry, running func(writer) bool) string {
	w, _ := writerOf(e.ID)
	if e.Mine || running(w) {
		return StateSending
	}
	return StateStopped
}

// withOutcome completes e with its outcome line.
func withOutcome(e Entry, o line) Entry {
	e.Outcome, e.Status, e.Message = o.Outcome, o.Status, o.Message
	return e
}

// fromOneLine is the entry of a line of the one-line format.
func fromOneLine(l line) Entry {
	return Entry{
		Time: l.Time, Host: l.Host, App: l.App, JobID: l.JobID, Action: l.Action,
		Outcome: l.Outcome, Status: l.Status, Message: l.Message,
	}
}
