package model

import (
	"encoding/json"
	"fmt"
	"iter"
	"slices"
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

// rawRange is where a value sits in a job's Raw: Raw[off:end]. The zero
// value is no value.
type rawRange struct{ off, end uint32 }

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
