// Package journal is the record of every action sent to the API (cancel,
// restart, resubmit), by the dashboard or the shell commands. It is written ahead: before a request goes out, a "sending" line
// says what is about to be sent, and only once that line is on disk
// (written and synced) may the request go; when the answer is in, an
// "outcome" line with the same entry id says how it ended. A crash, even
// kill -9, between the two leaves the "sending" line behind, so the
// journal never holds less than the API received.
//
// Each line is one JSON object, written with a single write(2) on a file
// opened with O_APPEND, so two dashboards (or the workers of one bulk run)
// appending at once never interleave within a line. The file is never
// rewritten.
//
// No line has a field for the API key, so the journal cannot hold it.
package journal

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"time"
)

// Outcomes of an action, as the journal records them.
const (
	OutcomeDone    = "done"    // the API carried it out
	OutcomeRefused = "refused" // the API answered no (a 4xx with its reason)
	OutcomeFailed  = "failed"  // no usable answer, and the API certainly or probably did nothing
	OutcomeUnknown = "unknown" // sent, but no answer came: the API may or may not have acted
)

// Request is an action about to be sent: what its "sending" line records.
type Request struct {
	Time   time.Time // when it is sent
	Host   string    // the API host
	App    string    // the app's id
	JobID  string    // the job's id (or uuid)
	Action string    // "cancel", "restart" or "resubmit"
}

// Result is how an action ended: what its "outcome" line records.
type Result struct {
	Time    time.Time // when the outcome was known
	Outcome string    // one of the Outcome constants
	Status  string    // the job's status afterwards, when it was read
	Message string    // the API's or the client's reason, if any
}

// fileName is the journal's name in its directory.
const fileName = "journal.jsonl"

// DefaultPath is where the journal lives: $XDG_STATE_HOME/superdash/
// journal.jsonl, else ~/.local/state/superdash/journal.jsonl. A relative
// $XDG_STATE_HOME is ignored, as the XDG spec asks. It is "" when neither
// is known (no home directory): the dashboard then says it keeps no
// journal rather than writing one somewhere unexpected.
func DefaultPath(getenv func(string) string, home string) string {
	if dir := getenv("XDG_STATE_HOME"); dir != "" && filepath.IsAbs(dir) {
		return filepath.Join(dir, "superdash", fileName)
	}
	if home == "" {
		return ""
	}
	return filepath.Join(home, ".local", "state", "superdash", fileName)
}

// Journal appends to one file. It is safe for concurrent use.
type Journal struct {
	path string
	mu   sync.Mutex
}

// Open returns the journal at path. Nothing is touched on disk until the
// first line, so a dashboard that never acts never creates the file.
func Open(path string) *Journal { return &Journal{path: path} }

// Path is the journal's file.
func (j *Journal) Path() string { return j.path }

// ErrNoPath is the error of a journal without a file.
var ErrNoPath = errors.New("no journal file: the state directory is unknown (set $XDG_STATE_HOME or $HOME)")

// Sending records that r is about to be sent, and returns the id its
// outcome is recorded under. The line is on disk (synced) when Sending
// returns without an error; the request must not be sent otherwise.
func (j *Journal) Sending(r Request) (id string, err error) {
	if j == nil || j.path == "" {
		return "", ErrNoPath
	}
	id = newEntryID()
	err = j.append(line{
		Entry: id, Phase: phaseSending, Time: r.Time,
		Host: r.Host, App: r.App, JobID: r.JobID, Action: r.Action,
	})
	if err != nil {
		return "", err
	}
	return id, nil
}

// Outcome records how the action Sending returned id for ended. The job
// and the action are repeated, so that the line reads on its own (grep).
func (j *Journal) Outcome(id string, r Request, res Result) error {
	if j == nil || j.path == "" {
		return ErrNoPath
	}
	return j.append(line{
		Entry: id, Phase: phaseOutcome, Time: res.Time,
		JobID: r.JobID, Action: r.Action,
		Outcome: res.Outcome, Status: res.Status, Message: res.Message,
	})
}

// append writes l as one line with one write(2), and syncs it before
// returning. The directory is created private (0700), the file readable
// by its owner only (0600); a new file's directory entry is synced too,
// so that the file itself survives a power cut. If the file does not end
// with a newline (a line torn by a crash or a full disk), one is written
// first, in the same write, so the torn line never swallows this one.
func (j *Journal) append(l line) error {
	out, err := l.encode()
	if err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	dir := filepath.Dir(j.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	_, statErr := os.Stat(j.path)
	created := errors.Is(statErr, os.ErrNotExist)
	f, err := os.OpenFile(j.path, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	defer f.Close()
	if torn, err := endsTorn(f); err != nil {
		return fmt.Errorf("journal: %w", err)
	} else if torn {
		out = append([]byte{'\n'}, out...)
	}
	if _, err := f.Write(out); err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	if created {
		if err := syncDir(dir); err != nil {
			return fmt.Errorf("journal: %w", err)
		}
	}
	return f.Close()
}

// syncDir makes a new entry of dir durable. A file system that cannot
// sync a directory (EINVAL) keeps the entry as well as it can: the line
// itself is synced, and refusing every action there would help no one.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
		return err
	}
	return nil
}

// endsTorn reports whether f is not empty and its last byte is not a
// newline.
func endsTorn(f *os.File) (bool, error) {
	info, err := f.Stat()
	if err != nil || info.Size() == 0 {
		return false, err
	}
	last := make([]byte, 1)
	if _, err := f.ReadAt(last, info.Size()-1); err != nil {
		return false, err
	}
	return last[0] != '\n', nil
}
