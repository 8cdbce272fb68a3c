package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// The job decoder as it was before jobs were read in one streaming pass
// (encoding/json v1: the job copied, unmarshalled into raw fields, each
// field unmarshalled again). It is kept, frozen, as the reference the
// streaming decoder must agree with on every input (FuzzDecodeJobMatchesV1):
// the lenient reading of numeric ids, nulls, odd dates and unknown fields
// is defined by what this did.

type legacyProblems struct{ problems }

// legacyLocate finds span in raw, where encoding/json put it.
func (p *legacyProblems) legacyLocate(field string, raw []byte, span legacyRawSpan) rawRange {
	if len(span) == 0 {
		return rawRange{}
	}
	off := cap(raw) - cap(span)
	if off < 0 || off+len(span) > len(raw) || &raw[off] != &span[0] {
		off = bytes.Index(raw, span)
	}
	end := off + len(span)
	if off < 0 || end > 1<<32-1 {
		p.add(field, "not kept: beyond 4 GiB into the job")
		return rawRange{}
	}
	return rawRange{uint32(off), uint32(end)}
}

type legacyWireJob struct {
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
	Input       legacyRawSpan   `json:"input"`
	Metadata    legacyRawSpan   `json:"metadata"`
}

type legacyRawSpan []byte

func (r *legacyRawSpan) UnmarshalJSON(data []byte) error {
	*r = data
	return nil
}

func legacyDecodeJob(data []byte) (Job, error) {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || data[0] != '{' {
		return Job{}, fmt.Errorf("job is not a JSON object: %q", truncateForMessage(string(data)))
	}
	raw := append(json.RawMessage(nil), data...)
	var w legacyWireJob
	if err := json.Unmarshal(raw, &w); err != nil {
		return Job{}, fmt.Errorf("decode job: %w", err)
	}
	j := Job{Raw: raw}
	var p legacyProblems
	j.input = p.legacyLocate("input", raw, w.Input)
	j.metadata = p.legacyLocate("metadata", raw, w.Metadata)
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

func (p *legacyProblems) str(field string, raw json.RawMessage) string {
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
func (p *legacyProblems) idString(field string, raw json.RawMessage) string {
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

func (p *legacyProblems) time(field string, raw json.RawMessage) time.Time {
	s := p.str(field, raw)
	t, err := ParseTimestamp(s)
	if err != nil {
		p.add(field, "%v", err)
	}
	return t
}

// strings reads an array of strings; null or absent is nil. Elements that
// are not strings are dropped and reported, the others kept.
func (p *legacyProblems) strings(field string, raw json.RawMessage) []string {
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

func (p *legacyProblems) boolPtr(field string, raw json.RawMessage) *bool {
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
