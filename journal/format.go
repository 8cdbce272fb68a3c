package journal

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// The phases of an action, one line each.
const (
	phaseSending = "sending" // written and synced before the request goes out
	phaseOutcome = "outcome" // written when the answer (or its absence) is known
)

// line is one line of the file. Lines of the format before write-ahead
// have no entry and no phase: each is a whole action, sent and ended.
type line struct {
	Entry   string    `json:"entry,omitempty"` // the action's id, shared by its two lines
	Phase   string    `json:"phase,omitempty"` // phaseSending or phaseOutcome
	Time    time.Time `json:"time"`            // sending: when it was sent; outcome: when it ended
	Host    string    `json:"host,omitempty"`
	App     string    `json:"app,omitempty"`
	JobID   string    `json:"job_id"`
	Action  string    `json:"action"`
	Outcome string    `json:"outcome,omitempty"`
	Status  string    `json:"status,omitempty"`
	Message string    `json:"message,omitempty"`
}

// encode is l as one line, ending with "\n". HTML is not escaped, but
// control characters and newlines are: a message can never break the line
// or reach a terminal that cats the file raw.
func (l line) encode() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf) // Encode ends the line with "\n"
	enc.SetEscapeHTML(false)
	if err := enc.Encode(l); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// errNotALine is decodeLine's error for text that is not a journal line.
var errNotALine = errors.New("not a journal line")

// decodeLine reads one line of either format. A line of the write-ahead
// format must carry an entry id that names its process, and a known
// phase; a line of the old format, an outcome. Anything else (a line torn
// by a crash, an edit by hand) is errNotALine.
func decodeLine(text []byte) (line, error) {
	var l line
	if err := json.Unmarshal(text, &l); err != nil {
		return line{}, fmt.Errorf("%w: %w", errNotALine, err)
	}
	switch {
	case l.Entry == "" && l.Phase == "" && l.Outcome != "":
		return l, nil // the one-line format
	case l.Phase != phaseSending && l.Phase != phaseOutcome:
		return line{}, fmt.Errorf("%w: phase %q", errNotALine, l.Phase)
	}
	if _, ok := writerOf(l.Entry); !ok {
		return line{}, fmt.Errorf("%w: entry id %q", errNotALine, l.Entry)
	}
	return l, nil
}

// writer is the process that wrote an entry: its pid and when it started
// (its clock, at the start of its journal use).
type writer struct {
	pid     int
	started time.Time
}

// token is how an entry id names its writer.
func (w writer) token() string {
	return strconv.Itoa(w.pid) + "-" + strconv.FormatInt(w.started.UnixNano(), 10)
}

// self is this process. The start time tells it from an earlier process
// that had the same pid.
var self = writer{pid: os.Getpid(), started: time.Now()}

// entries counts the entries of this process, across every Journal of it.
var entries atomic.Uint64

// newEntryID is an id no other entry has, in this process or another:
// "<pid>-<start, Unix ns>-<n>".
func newEntryID() string {
	return self.token() + "-" + strconv.FormatUint(entries.Add(1), 10)
}

// writerOf reads the writer out of an entry id.
func writerOf(id string) (writer, bool) {
	parts := strings.Split(id, "-")
	if len(parts) != 3 {
		return writer{}, false
	}
	pid, err1 := strconv.Atoi(parts[0])
	ns, err2 := strconv.ParseInt(parts[1], 10, 64)
	_, err3 := strconv.ParseUint(parts[2], 10, 64)
	if err1 != nil || err2 != nil || err3 != nil || pid <= 0 {
		return writer{}, false
	}
	return writer{pid: pid, started: time.Unix(0, ns)}, true
}
