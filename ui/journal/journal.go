// Package journal is the record of every cancel and restart the dashboard
// sent: one JSON object per line, appended to a file under the user's
// state directory, never rewritten. A line is written with a single
// write(2) on a file opened with O_APPEND, so two dashboards (or the
// workers of one bulk run) appending at once never interleave within a
// line.
//
// An Entry has no field for the API key, so the journal cannot hold it.
package journal

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Outcomes of an action, as the journal records them.
const (
	OutcomeDone    = "done"    // the API carried it out
	OutcomeRefused = "refused" // the API answered no (a 4xx with its reason)
	OutcomeFailed  = "failed"  // no usable answer, and the API certainly or probably did nothing
	OutcomeUnknown = "unknown" // sent, but no answer came: the API may or may not have acted
)

// Entry is one action sent to the API.
type Entry struct {
	Time    time.Time `json:"time"`             // when it was sent
	Host    string    `json:"host"`             // the API host
	App     string    `json:"app"`              // the app's id
	JobID   string    `json:"job_id"`           // the job's id (or uuid)
	Action  string    `json:"action"`           // "cancel" or "restart"
	Outcome string    `json:"outcome"`          // one of the Outcome constants
	Status  string    `json:"status,omitempty"` // the job's status afterwards, when it was read
	Message string    `json:"message,omitempty"`
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

// Journal appends entries to one file. It is safe for concurrent use.
type Journal struct {
	path string
	mu   sync.Mutex
}

// Open returns the journal at path. Nothing is touched on disk until the
// first Append, so a dashboard that never acts never creates the file.
func Open(path string) *Journal { return &Journal{path: path} }

// Path is the journal's file.
func (j *Journal) Path() string { return j.path }

// ErrNoPath is Append's error for a journal without a file.
var ErrNoPath = errors.New("no journal file: the state directory is unknown (set $XDG_STATE_HOME or $HOME)")

// Append writes e as one line. The directory is created private (0700),
// the file readable by its owner only (0600). If the file does not end
// with a newline (a line torn by a crash or a full disk), one is written
// first, so the torn line never swallows this one.
func (j *Journal) Append(e Entry) error {
	if j == nil || j.path == "" {
		return ErrNoPath
	}
	var line bytes.Buffer
	enc := json.NewEncoder(&line) // Encode ends the line with "\n"
	enc.SetEscapeHTML(false)
	if err := enc.Encode(e); err != nil {
		return fmt.Errorf("journal: %w", err)
	}

	j.mu.Lock()
	defer j.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(j.path), 0o700); err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	f, err := os.OpenFile(j.path, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	defer f.Close()
	out := line.Bytes()
	if torn, err := endsTorn(f); err != nil {
		return fmt.Errorf("journal: %w", err)
	} else if torn {
		out = append([]byte{'\n'}, out...)
	}
	if _, err := f.Write(out); err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	return f.Close()
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

// chunk is how much of the file's end Read looks at first; it doubles
// until enough lines are in view.
const chunk = 64 << 10

// Read returns up to limit entries (all of them when limit <= 0), newest
// first. It reads the file from its end, so a long journal costs only
// what is shown. A missing file is an empty journal. Lines that are not
// an entry (a line torn by a crash, an edit by hand) are skipped: one bad
// line never hides the rest.
func Read(path string, limit int) ([]Entry, error) {
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
		entries := decodeNewestFirst(buf, limit)
		if start == 0 || (limit > 0 && len(entries) >= limit) {
			return entries, nil
		}
		want *= 2
	}
}

// decodeNewestFirst decodes the lines of buf from the last, stopping at
// limit entries.
func decodeNewestFirst(buf []byte, limit int) []Entry {
	var out []Entry
	for len(buf) > 0 && (limit <= 0 || len(out) < limit) {
		buf = bytes.TrimRight(buf, "\n")
		i := bytes.LastIndexByte(buf, '\n')
		line := buf[i+1:]
		buf = buf[:max(i, 0)]
		var e Entry
		if len(bytes.TrimSpace(line)) > 0 && json.Unmarshal(line, &e) == nil {
			out = append(out, e)
		}
		if i < 0 {
			break
		}
	}
	return out
}
