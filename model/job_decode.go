package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"
)

// Jobs are read with the streaming tokenizer of the encoding/json/v2
// design (jsontext): each byte of a page is scanned once, the fields the
// dashboard needs are read as they pass, and a job's Raw is the slice of
// the page it came in rather than a copy. BENCHMARKS.md ("Decoding a page
// of jobs") has the measurements behind the choice.
//
// What is read, and how leniently, is what encoding/json v1 read before
// (FuzzDecodeJobMatchesV1 holds the two to the same answers): member names
// match case-insensitively, the last of duplicate names wins, invalid UTF-8
// is kept in Raw and read as U+FFFD, unknown members are kept in Raw only.

// NewDecoder is a streaming decoder of src that reads what encoding/json
// v1 reads (duplicate names and invalid UTF-8 are accepted). It reads src
// in place: the values it returns are slices of src.
func NewDecoder(src []byte) *jsontext.Decoder {
	return jsontext.NewDecoder(bytes.NewBuffer(src), jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
}

// ErrNotAJob marks a list element that is valid JSON but not a job object:
// the element is skipped, the list goes on.
var ErrNotAJob = errors.New("job is not a JSON object")

// DecodeJob reads one job object. It fails only when data is not a JSON
// object; a field of an unexpected type or an unreadable date is recorded in
// Job.Problems and leaves that field empty, so one odd value never costs the
// user the rest of the job, let alone the page it came in. Raw is a copy of
// the object, so data may be reused afterwards.
func DecodeJob(data []byte) (Job, error) {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || data[0] != '{' {
		return Job{}, fmt.Errorf("%w: %q", ErrNotAJob, truncateForMessage(string(data)))
	}
	raw := bytes.Clone(data)
	dec := NewDecoder(raw)
	j, err := ReadJob(dec, raw)
	if err == nil {
		_, err = dec.ReadToken()
		if err == io.EOF {
			return j, nil
		}
		if err == nil {
			err = errors.New("data after the job object")
		}
	}
	return Job{}, fmt.Errorf("decode job: %w", err)
}

// ReadJob reads the job at dec's position. src is the whole input dec
// reads (from its first byte, unmodified for as long as the job is kept):
// the job's Raw and the spans of its input and metadata are slices of it.
// A value that is not an object is consumed and reported as ErrNotAJob;
// any other error is the input's syntax and ends the list.
func ReadJob(dec *jsontext.Decoder, src []byte) (Job, error) {
	var r JobReader
	return r.Read(dec, src)
}

// A JobReader reads the jobs of one input, a page, one after another, as
// ReadJob does, and shares the strings that repeat from job to job (app
// and batch ids, statuses, job types, callback URLs, tags): a page's 500
// jobs hold a handful of each, and a string met before in the page costs
// neither an allocation nor a look in the process-wide table of interned
// strings. The zero value is ready for use; it is not safe for concurrent
// use, and is meant to live as long as one page's decoding.
type JobReader struct {
	names map[string]string // by their unquoted text: the strings met so far

	// The member names of the last job read, as quoted in the input, and
	// the fields they named, in order: the API lists a job's members in
	// the same order every time, so a name is nearly always the one the
	// last job had in its place.
	lastNames  []string
	lastFields []jobField
}

// maxMembersRemembered bounds what fieldNamed remembers of a job's
// members: a hostile job's thousands of them are looked up one by one.
const maxMembersRemembered = 64

// fieldNamed is the field the quoted name of the job's member'th member
// stands for (see jobFieldNamed).
func (r *JobReader) fieldNamed(member int, quoted []byte) jobField {
	if member < len(r.lastNames) && r.lastNames[member] == string(quoted) {
		return r.lastFields[member]
	}
	field := jobFieldNamed(quoted)
	switch {
	case member < len(r.lastNames):
		r.lastNames[member], r.lastFields[member] = string(quoted), field
	case member == len(r.lastNames) && member < maxMembersRemembered:
		r.lastNames, r.lastFields = append(r.lastNames, string(quoted)), append(r.lastFields, field)
	}
	return field
}

// Read reads the job at dec's position (see ReadJob).
func (r *JobReader) Read(dec *jsontext.Decoder, src []byte) (Job, error) {
	if dec.PeekKind() != '{' {
		v, err := dec.ReadValue()
		if err != nil {
			return Job{}, err
		}
		return Job{}, fmt.Errorf("%w: %q", ErrNotAJob, truncateForMessage(string(v)))
	}
	if _, err := dec.ReadToken(); err != nil {
		return Job{}, err
	}
	start := dec.InputOffset() - 1
	var w jobFields
	for member := 0; dec.PeekKind() != '}'; member++ {
		name, err := dec.ReadValue()
		if err != nil {
			return Job{}, err
		}
		field := r.fieldNamed(member, name)
		if field == fieldTags && dec.PeekKind() == '[' {
			var tp problems
			tags, err := r.readTags(&tp, dec, src)
			if err != nil {
				return Job{}, err
			}
			w.tags, w.tagsRaw, w.tagProblems = tags, nil, tp.list
			continue
		}
		v, err := dec.ReadValue()
		if err != nil {
			return Job{}, err
		}
		if field == fieldUnknown {
			continue
		}
		end := dec.InputOffset()
		v = valueBefore(src, end, len(v))
		if field == fieldTags {
			w.tags, w.tagsRaw, w.tagProblems = nil, v, nil
			continue
		}
		w.values[field] = v
		w.spans[field] = valueSpan{start: end - int64(len(v)), end: end}
	}
	if _, err := dec.ReadToken(); err != nil {
		return Job{}, err
	}
	end := dec.InputOffset()
	raw := json.RawMessage(src[start:end:end])
	return w.job(r, raw, start), nil
}

// shared is the string value raw of field, read as an identifier (a
// string or a number, see problems.idString) or as a string, interned; or
// the same string met before in the reader's input.
func (r *JobReader) shared(p *problems, field string, raw []byte, id bool) string {
	inner, plain := plainString(raw)
	if plain {
		if s, ok := r.names[string(inner)]; ok {
			return s
		}
	}
	var s string
	if id {
		s = intern(p.idString(field, raw))
	} else {
		s = intern(p.str(field, raw))
	}
	if plain && s != "" {
		if r.names == nil {
			r.names = make(map[string]string)
		}
		r.names[s] = s // a plain string's text is its unquoted bytes
	}
	return s
}

// valueBefore is the value of n bytes that ends at end in src, as
// ReadValue just returned it. The slice is taken from src, not from the
// decoder's buffer, so it stays valid after the next read.
func valueBefore(src []byte, end int64, n int) []byte {
	return src[end-int64(n) : end : end]
}

type jobField int

const (
	fieldUnknown jobField = iota
	fieldID
	fieldUUID
	fieldAppID
	fieldBatchID
	fieldStatus
	fieldJobType
	fieldCallbackURL
	fieldCreated
	fieldCompleted
	fieldTags
	fieldCorrect
	fieldInput
	fieldMetadata
	fieldCount
)

var jobFieldNames = [fieldCount]string{
	fieldID: "id", fieldUUID: "uuid", fieldAppID: "appId", fieldBatchID: "batchId",
	fieldStatus: "status", fieldJobType: "jobType", fieldCallbackURL: "callbackUrl",
	fieldCreated: "created", fieldCompleted: "completed", fieldTags: "tags",
	fieldCorrect: "correct", fieldInput: "input", fieldMetadata: "metadata",
}

// jobFieldNamed matches a quoted member name the way encoding/json v1
// matched struct fields: exactly or case-insensitively (bytes.EqualFold).
func jobFieldNamed(quoted []byte) jobField {
	name := quoted[1 : len(quoted)-1]
	if bytes.IndexByte(name, '\\') >= 0 {
		var s string
		if json.Unmarshal(quoted, &s) != nil {
			return fieldUnknown
		}
		name = []byte(s)
	}
	if f, ok := jobFieldsByName[string(name)]; ok {
		return f
	}
	for f := fieldID; f < fieldCount; f++ {
		if bytes.EqualFold(name, []byte(jobFieldNames[f])) {
			return f
		}
	}
	return fieldUnknown
}

var jobFieldsByName = func() map[string]jobField {
	m := make(map[string]jobField, fieldCount)
	for f := fieldID; f < fieldCount; f++ {
		m[jobFieldNames[f]] = f
	}
	return m
}()

type valueSpan struct{ start, end int64 }

// jobFields holds the raw values of the members ReadJob recognised (the
// last of duplicates), as slices of the input.
type jobFields struct {
	values [fieldCount][]byte
	spans  [fieldCount]valueSpan
	// tags is read while streaming when it is an array, with what was
	// dropped from it in tagProblems; tagsRaw is a tags that is not one.
	tags        []string
	tagProblems []string
	tagsRaw     []byte
}

// job decodes the fields, in the order (and so with the problems in the
// order) they always were.
func (w *jobFields) job(r *JobReader, raw json.RawMessage, start int64) Job {
	var p problems
	j := Job{Raw: raw}
	j.input = p.rangeOf("input", w.spans[fieldInput], start)
	j.metadata = p.rangeOf("metadata", w.spans[fieldMetadata], start)
	j.ID = p.idString("id", w.values[fieldID])
	j.UUID = p.idString("uuid", w.values[fieldUUID])
	j.AppID = r.shared(&p, "appId", w.values[fieldAppID], true)
	j.BatchID = r.shared(&p, "batchId", w.values[fieldBatchID], true)
	j.Status = Status(r.shared(&p, "status", w.values[fieldStatus], false))
	j.JobType = r.shared(&p, "jobType", w.values[fieldJobType], false)
	j.CallbackURL = r.shared(&p, "callbackUrl", w.values[fieldCallbackURL], false)
	j.Created = p.time("created", w.values[fieldCreated])
	j.Completed = p.time("completed", w.values[fieldCompleted])
	j.Tags = w.tags
	p.list = append(p.list, w.tagProblems...)
	if w.tagsRaw != nil && !isNull(w.tagsRaw) {
		p.add("tags", "expected an array of strings, got %s", truncateForMessage(string(w.tagsRaw)))
	}
	j.Correct = p.boolPtr("correct", w.values[fieldCorrect])
	j.Problems = p.list
	return j
}

// rangeOf turns a value's place in the input into its place in the job's
// Raw, which starts at start. A value that cannot be placed (beyond 4 GiB)
// is reported.
func (p *problems) rangeOf(field string, s valueSpan, start int64) rawRange {
	if s.end == 0 {
		return rawRange{}
	}
	off, end := s.start-start, s.end-start
	if end > math.MaxUint32 {
		p.add(field, "not kept: beyond 4 GiB into the job")
		return rawRange{}
	}
	return rawRange{uint32(off), uint32(end)}
}

// readTags reads an array of strings as it streams by. Elements that are
// not strings are dropped and reported, the others kept (interned).
func (r *JobReader) readTags(p *problems, dec *jsontext.Decoder, src []byte) ([]string, error) {
	if _, err := dec.ReadToken(); err != nil {
		return nil, err
	}
	out := []string{}
	for dec.PeekKind() != ']' {
		e, err := dec.ReadValue()
		if err != nil {
			return nil, err
		}
		e = valueBefore(src, dec.InputOffset(), len(e))
		if e[0] != '"' {
			p.add("tags", "dropped a non-string element %s", truncateForMessage(string(e)))
			continue
		}
		out = append(out, r.shared(p, "tags", e, false))
	}
	if _, err := dec.ReadToken(); err != nil {
		return nil, err
	}
	return out, nil
}

// plainString is the content of a quoted JSON string that needs no
// unquoting: no escapes, valid UTF-8. Anything else is left to
// encoding/json, which replaces invalid UTF-8 with U+FFFD.
func plainString(raw []byte) ([]byte, bool) {
	if len(raw) < 2 || raw[0] != '"' || raw[len(raw)-1] != '"' {
		return nil, false
	}
	inner := raw[1 : len(raw)-1]
	for _, c := range inner {
		if c == '\\' {
			return nil, false
		}
		if c >= utf8.RuneSelf {
			return inner, bytes.IndexByte(inner, '\\') < 0 && utf8.Valid(inner)
		}
	}
	return inner, true
}

// str reads a JSON string; null or absent is "".
func (p *problems) str(field string, raw []byte) string {
	if isNull(raw) {
		return ""
	}
	if inner, ok := plainString(raw); ok {
		return string(inner)
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
func (p *problems) idString(field string, raw []byte) string {
	if isNull(raw) {
		return ""
	}
	if raw[0] == '"' {
		return p.str(field, raw)
	}
	if raw[0] != '-' && (raw[0] < '0' || raw[0] > '9') {
		p.add(field, "expected a string or a number, got %s", truncateForMessage(string(raw)))
		return ""
	}
	n := string(raw) // a JSON number, as the tokenizer checked
	if _, err := strconv.ParseFloat(n, 64); err != nil {
		p.add(field, "unreadable number %s", truncateForMessage(n))
		return ""
	}
	return n
}

func (p *problems) time(field string, raw []byte) time.Time {
	s := p.str(field, raw)
	t, err := ParseTimestamp(s)
	if err != nil {
		p.add(field, "%v", err)
	}
	return t
}

func (p *problems) boolPtr(field string, raw []byte) *bool {
	var b bool
	switch string(raw) {
	case "", "null":
		return nil
	case "true":
		b = true
	case "false":
	default:
		p.add(field, "expected true, false or null, got %s", truncateForMessage(string(raw)))
		return nil
	}
	return &b
}
