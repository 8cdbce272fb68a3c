package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"iter"
	"math"
	"slices"
	"strconv"
	"time"
	"unique"
)

// Job is one super.AI job. The fields the dashboard works with are decoded;
// everything else stays in Raw, the job's JSON exactly as the API sent it,
// which the detail pane shows and from which Input and Metadata are read on
// demand (keeping them only once keeps memory close to the size of the JSON).
type Job struct {
	// What a bare word is matched against besides the search text comes
	// first, within the first 64 bytes: one cache line per job when a
	// keystroke filters 100,000 of them (see matchesText).
	ID      string
	UUID    string
	BatchID string
	Tags    []string

	AppID       string
	Status      Status
	JobType     string
	CallbackURL string
	Created     time.Time // zero when absent or unreadable (see Problems)
	Completed   time.Time // zero until the job ended, or when unreadable
	Correct     *bool     // nil when the API says null or nothing
	Raw         json.RawMessage

	// input and metadata locate the job's input and metadata in Raw (see
	// rawSpan): two offsets each instead of a slice header, which keeps a
	// Job within 256 bytes.
	input, metadata rawRange

	// Problems lists what could not be read in this job (an odd date, an id
	// of the wrong type). The job is still usable; the UI shows the list.
	Problems []string
}

// wireJob is the job as it travels. Fields whose type the API does not keep
// consistent are taken raw and read leniently in DecodeJob.
type wireJob struct {
	ID          json.RawMessage `json:"id"`
	UUID        json.RawMessage `json:"uuid"`
	AppID       json.RawMessage `json:"appId"`
	BatchID     json.RawMessage `json:"batchId"`
	Status      json.RawMessage `json:"status"`
	JobType     json.RawMessage `json:"jobType"`
	CallbackURL json.RawMessage `json:"callbackUrl"`
	Created     json.RawMessage `json:"created"`
	Completed   json.RawMessage `json:"completed"`
	Tags        json.RawMessage `json:"tags"`
	Correct     json.RawMessage `json:"correct"`
	Input       rawSpan         `json:"input"`
	Metadata    rawSpan         `json:"metadata"`
}

// rawSpan keeps the bytes it is given without copying them. encoding/json
// hands an Unmarshaler a slice of the buffer being decoded; DecodeJob
// decodes the job's own copy, Raw, which is never modified, so the span
// lies in Raw, the job keeps only where (see rawRange), and a 5 MB input
// is held once, not twice. Were a future decoder to pass a copy instead,
// locate would search Raw for it: slower, still correct.
type rawSpan []byte

func (r *rawSpan) UnmarshalJSON(data []byte) error {
	*r = data
	return nil
}

// rawRange is where a value sits in a job's Raw: Raw[off:end]. The zero
// value is no value.
type rawRange struct{ off, end uint32 }

// locate finds span in raw. The span normally is a slice of raw (see
// rawSpan), and its offset follows from the capacities; a copy is looked
// for instead. A value that cannot be placed (beyond 4 GiB) is reported.
func (p *problems) locate(field string, raw []byte, span rawSpan) rawRange {
	if len(span) == 0 {
		return rawRange{}
	}
	off := cap(raw) - cap(span)
	if off < 0 || off+len(span) > len(raw) || &raw[off] != &span[0] {
		off = bytes.Index(raw, span)
	}
	end := off + len(span)
	if off < 0 || uint64(end) > math.MaxUint32 {
		p.add(field, "not kept: beyond 4 GiB into the job")
		return rawRange{}
	}
	return rawRange{uint32(off), uint32(end)}
}

// in returns the value r locates in raw.
func (r rawRange) in(raw []byte) json.RawMessage {
	if r.end == 0 || int(r.end) > len(raw) {
		return nil
	}
	return json.RawMessage(raw[r.off:r.end:r.end])
}

// intern returns the one shared copy of s. The values that repeat from job
// to job (app, batch, status, type, callback, tags) are then held once per
// value rather than once per job: at 100,000 jobs that is about a tenth of
// the store. The copies are shared through package unique, so they go when
// no job holds them any more.
func intern(s string) string {
	if s == "" {
		return ""
	}
	return unique.Make(s).Value()
}

// DecodeJob reads one job object. It fails only when data is not a JSON
// object; a field of an unexpected type or an unreadable date is recorded in
// Job.Problems and leaves that field empty, so one odd value never costs the
// user the rest of the job, let alone the page it came in.
func DecodeJob(data []byte) (Job, error) {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || data[0] != '{' {
		return Job{}, fmt.Errorf("job is not a JSON object: %q", truncateForMessage(string(data)))
	}
	raw := append(json.RawMessage(nil), data...)
	var w wireJob
	if err := json.Unmarshal(raw, &w); err != nil {
		return Job{}, fmt.Errorf("decode job: %w", err)
	}
	j := Job{Raw: raw}
	var p problems
	j.input = p.locate("input", raw, w.Input)
	j.metadata = p.locate("metadata", raw, w.Metadata)
	j.ID = p.idString("id", w.ID)
	j.UUID = p.idString("uuid", w.UUID)
	j.AppID = intern(p.idString("appId", w.AppID))
	j.BatchID = intern(p.idString("batchId", w.BatchID))
	j.Status = Status(intern(p.str("status", w.Status)))
	j.JobType = intern(p.str("jobType", w.JobType))
	j.CallbackURL = intern(p.str("callbackUrl", w.CallbackURL))
	j.Created = p.time("created", w.Created)
	j.Completed = p.time("completed", w.Completed)
	j.Tags = p.strings("tags", w.Tags)
	for i, tag := range j.Tags {
		j.Tags[i] = intern(tag)
	}
	j.Correct = p.boolPtr("correct", w.Correct)
	j.Problems = p.list
	return j, nil
}

// UnmarshalJSON lets a Job sit inside any JSON structure. A JSON null leaves
// the job unchanged, as encoding/json does for its own types: a null in a
// page of jobs becomes a job without a key, which the store rejects and
// counts, instead of failing the whole page.
func (j *Job) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	decoded, err := DecodeJob(data)
	if err != nil {
		return err
	}
	*j = decoded
	return nil
}

// MarshalJSON writes the job back as the API sent it.
func (j Job) MarshalJSON() ([]byte, error) {
	if len(j.Raw) == 0 {
		return []byte("{}"), nil
	}
	return j.Raw, nil
}

// Key is the job's identity in the store: its id, or its uuid when the API
// sent no usable id (both are accepted by the single-job endpoints).
func (j *Job) Key() string {
	if j.ID != "" {
		return j.ID
	}
	return j.UUID
}

// Input is the job's input as raw JSON (null when absent).
func (j *Job) Input() json.RawMessage { return orNull(j.input.in(j.Raw)) }

// Metadata is the job's metadata as raw JSON (null when absent).
func (j *Job) Metadata() json.RawMessage { return orNull(j.metadata.in(j.Raw)) }

func orNull(raw json.RawMessage) json.RawMessage {
	if len(raw) == 0 {
		return json.RawMessage("null")
	}
	return raw
}

// HasTag reports whether the job carries tag (exact match).
func (j *Job) HasTag(tag string) bool {
	for _, t := range j.Tags {
		if t == tag {
			return true
		}
	}
	return false
}

// problems collects what could not be read while decoding one job.
type problems struct{ list []string }

func (p *problems) add(field, format string, args ...any) {
	p.list = append(p.list, field+": "+fmt.Sprintf(format, args...))
}

func isNull(raw json.RawMessage) bool {
	return len(raw) == 0 || string(raw) == "null"
}

// str reads a JSON string; null or absent is "".
func (p *problems) str(field string, raw json.RawMessage) string {
	if isNull(raw) {
		return ""
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		p.add(field, "expected a string, got %s", truncateForMessage(string(raw)))
		return ""
	}
	return s
}

// idString reads an identifier that the API sends as a string on some
// endpoints and as a number on others. Numbers keep every digit.
func (p *problems) idString(field string, raw json.RawMessage) string {
	if isNull(raw) {
		return ""
	}
	if raw[0] == '"' {
		return p.str(field, raw)
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err != nil {
		p.add(field, "expected a string or a number, got %s", truncateForMessage(string(raw)))
		return ""
	}
	if _, err := strconv.ParseFloat(n.String(), 64); err != nil {
		p.add(field, "unreadable number %s", truncateForMessage(n.String()))
		return ""
	}
	return n.String()
}

func (p *problems) time(field string, raw json.RawMessage) time.Time {
	s := p.str(field, raw)
	t, err := ParseTimestamp(s)
	if err != nil {
		p.add(field, "%v", err)
	}
	return t
}

// strings reads an array of strings; null or absent is nil. Elements that
// are not strings are dropped and reported, the others kept.
func (p *problems) strings(field string, raw json.RawMessage) []string {
	if isNull(raw) {
		return nil
	}
	var elems []json.RawMessage
	if err := json.Unmarshal(raw, &elems); err != nil {
		p.add(field, "expected an array of strings, got %s", truncateForMessage(string(raw)))
		return nil
	}
	out := make([]string, 0, len(elems))
	for _, e := range elems {
		var s string
		// A null element must be checked apart: Unmarshal reads it into a
		// string without error, which would turn it into an empty tag.
		if err := json.Unmarshal(e, &s); err != nil || isNull(e) {
			p.add(field, "dropped a non-string element %s", truncateForMessage(string(e)))
			continue
		}
		out = append(out, s)
	}
	return out
}

func (p *problems) boolPtr(field string, raw json.RawMessage) *bool {
	if isNull(raw) {
		return nil
	}
	var b bool
	if err := json.Unmarshal(raw, &b); err != nil {
		p.add(field, "expected true, false or null, got %s", truncateForMessage(string(raw)))
		return nil
	}
	return &b
}

// shortTagList is how many tags a job may have before DistinctTags checks
// duplicates with a set: below it, a scan of the tags before is faster.
const shortTagList = 16

// DistinctTags yields each non-empty tag of tags once, in order. A job
// listing a tag twice counts once wherever tags are counted.
func DistinctTags(tags []string) iter.Seq[string] {
	return func(yield func(string) bool) {
		var seen map[string]struct{}
		if len(tags) > shortTagList {
			seen = make(map[string]struct{}, len(tags))
		}
		for i, tag := range tags {
			if tag == "" {
				continue
			}
			if seen != nil {
				if _, dup := seen[tag]; dup {
					continue
				}
				seen[tag] = struct{}{}
			} else if slices.Contains(tags[:i], tag) {
				continue
			}
			if !yield(tag) {
				return
			}
		}
	}
}
