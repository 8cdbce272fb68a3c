package model

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// ExportFormat is a file format jobs can be exported in.
type ExportFormat string

// The export formats: JSON Lines keeps each job exactly as the API sent
// it; CSV flattens the documented fields for spreadsheets; ids is one job
// id a line, for `superdash cancel|restart|resubmit -`.
const (
	FormatJSONL ExportFormat = "jsonl"
	FormatCSV   ExportFormat = "csv"
	FormatIDs   ExportFormat = "ids"
)

// ParseExportFormat reads a format name as a user writes it.
func ParseExportFormat(s string) (ExportFormat, error) {
	switch f := ExportFormat(strings.ToLower(strings.TrimSpace(s))); f {
	case FormatJSONL, FormatCSV, FormatIDs:
		return f, nil
	case "json", "ndjson":
		return FormatJSONL, nil
	}
	return "", fmt.Errorf("unknown export format %q: use jsonl, csv or ids", s)
}

// csvHeader names the CSV columns. Input and metadata are JSON inside the
// cell: their shape depends on the project.
var csvHeader = []string{
	"id", "uuid", "app_id", "batch_id", "status", "job_type", "created", "completed",
	"tags", "correct", "callback_url", "input", "metadata",
}

// Export writes jobs to w in format f. clean, when not nil, is applied to
// every text value first (the CLI passes the terminal sanitiser when it
// writes to a terminal, and nothing when it writes to a pipe or a file).
func Export(w io.Writer, f ExportFormat, jobs []*Job, clean func(string) string) error {
	switch f {
	case FormatJSONL:
		return exportJSONL(w, jobs, clean)
	case FormatCSV:
		if clean == nil {
			clean = func(s string) string { return s }
		}
		return exportCSV(w, jobs, clean)
	case FormatIDs:
		return exportIDs(w, jobs, clean)
	}
	return fmt.Errorf("unknown export format %q", f)
}

// exportJSONL writes each job's Raw on a line of its own. The output is
// buffered: a write per job would be a system call per job, 100,000 of
// them for a large app.
func exportJSONL(w io.Writer, jobs []*Job, clean func(string) string) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var line bytes.Buffer
	for _, j := range jobs {
		raw := []byte(j.Raw)
		// Compact keeps the job byte for byte but on one line. A job as
		// the API sent it is usually compact already, and is written as it
		// is; one with white space between its tokens is compacted, and
		// one whose raw JSON is not valid (it cannot be, once decoded) is
		// skipped with an error rather than written half.
		if len(raw) == 0 || spacedJSON(raw) {
			line.Reset()
			if err := json.Compact(&line, raw); err != nil {
				return fmt.Errorf("export job %s: %w", j.Key(), err)
			}
			raw = line.Bytes()
		}
		if clean != nil {
			raw = []byte(clean(string(raw)))
		}
		bw.Write(raw)
		if err := bw.WriteByte('\n'); err != nil {
			return fmt.Errorf("write export: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write export: %w", err)
	}
	return nil
}

// exportIDs writes each job's id (its uuid when it has none), one a line.
// An id holding a line break would read back as two ids: it is refused,
// not written.
func exportIDs(w io.Writer, jobs []*Job, clean func(string) string) error {
	var b strings.Builder
	for _, j := range jobs {
		id := j.Key()
		if strings.ContainsAny(id, "\r\n") || strings.TrimSpace(id) == "" {
			return fmt.Errorf("export ids: job id %q cannot be written one a line: use --format jsonl", id)
		}
		if clean != nil {
			id = clean(id)
		}
		b.WriteString(id)
		b.WriteByte('\n')
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write export: %w", err)
	}
	return nil
}

// spacedJSON reports whether the JSON text raw has white space between its
// tokens, which compacting would remove. White space inside strings is
// theirs and stays.
//
// A job without a single white space byte (none in its strings either, as
// with ids, dates and URLs) is told by four bytes.IndexByte searches,
// which look at many bytes per step; the loop over every byte that tells
// strings apart runs only when there is white space to place. (Run on
// every job, the loop was a sixth of the CPU of exporting 100,000 jobs.)
func spacedJSON(raw []byte) bool {
	if !hasWhiteSpaceByte(raw) {
		return false
	}
	inString, escaped := false, false
	for _, c := range raw {
		switch {
		case escaped:
			escaped = false
		case inString:
			switch c {
			case '\\':
				escaped = true
			case '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			return true
		}
	}
	return false
}

func hasWhiteSpaceByte(raw []byte) bool {
	for _, c := range [...]byte{' ', '\t', '\n', '\r'} {
		if bytes.IndexByte(raw, c) >= 0 {
			return true
		}
	}
	return false
}

func exportCSV(w io.Writer, jobs []*Job, clean func(string) string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return fmt.Errorf("write export: %w", err)
	}
	for _, j := range jobs {
		row := []string{
			j.ID, j.UUID, j.AppID, j.BatchID, string(j.Status), j.JobType,
			exportTime(j.Created), exportTime(j.Completed),
			strings.Join(j.Tags, ";"), exportBool(j.Correct), j.CallbackURL,
			compactJSON(j.Input()), compactJSON(j.Metadata()),
		}
		for i := range row {
			row[i] = clean(row[i])
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("write export: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write export: %w", err)
	}
	return nil
}

// compactJSON puts a JSON value on one line, so a cell reads cleanly.
func compactJSON(raw json.RawMessage) string {
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		return string(raw)
	}
	return b.String()
}

func exportTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func exportBool(b *bool) string {
	if b == nil {
		return ""
	}
	return strconv.FormatBool(*b)
}
