package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"
)

// Batch is one upload of jobs to an app. The batch endpoints speak
// snake_case, unlike the job endpoints.
type Batch struct {
	ID             string // batch_id: a string or a number on the wire
	AppUUID        string
	Total          int // batch_total: jobs in the batch
	Processed      int // total_processed
	ValidCount     int
	InvalidIndex   json.RawMessage // invalid_index: kept as sent, its shape is not documented
	BatchProcessed bool
	Created        time.Time // zero when absent or unreadable
	ErrorMessage   string
	// ErrorsWithFilename is errors_with_filename, which some hosts spell
	// errors_with_file; kept raw because its shape is not documented.
	ErrorsWithFilename json.RawMessage
	Raw                json.RawMessage

	// Problems lists what could not be read; the batch is still shown.
	Problems []string
}

type wireBatch struct {
	ID                 json.RawMessage `json:"batch_id"`
	AppUUID            json.RawMessage `json:"app_uuid"`
	Total              json.RawMessage `json:"batch_total"`
	Processed          json.RawMessage `json:"total_processed"`
	ValidCount         json.RawMessage `json:"valid_count"`
	InvalidIndex       json.RawMessage `json:"invalid_index"`
	BatchProcessed     json.RawMessage `json:"batch_processed"`
	Created            json.RawMessage `json:"created"`
	ErrorMessage       json.RawMessage `json:"error_message"`
	ErrorsWithFilename json.RawMessage `json:"errors_with_filename"`
	ErrorsWithFile     json.RawMessage `json:"errors_with_file"`
}

// DecodeBatch reads one batch object. Like DecodeJob it fails only when data
// is not a JSON object; odd field values end up in Batch.Problems.
func DecodeBatch(data []byte) (Batch, error) {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || data[0] != '{' {
		return Batch{}, fmt.Errorf("batch is not a JSON object: %q", truncateForMessage(string(data)))
	}
	var w wireBatch
	if err := json.Unmarshal(data, &w); err != nil {
		return Batch{}, fmt.Errorf("decode batch: %w", err)
	}
	var p problems
	b := Batch{
		ID:           p.idString("batch_id", w.ID),
		AppUUID:      p.idString("app_uuid", w.AppUUID),
		Total:        p.int("batch_total", w.Total),
		Processed:    p.int("total_processed", w.Processed),
		ValidCount:   p.int("valid_count", w.ValidCount),
		InvalidIndex: rawOrNil(w.InvalidIndex),
		Created:      p.time("created", w.Created),
		ErrorMessage: p.str("error_message", w.ErrorMessage),
		Raw:          append(json.RawMessage(nil), data...),
	}
	if ok := p.boolPtr("batch_processed", w.BatchProcessed); ok != nil {
		b.BatchProcessed = *ok
	}
	b.ErrorsWithFilename = rawOrNil(w.ErrorsWithFilename)
	if b.ErrorsWithFilename == nil {
		b.ErrorsWithFilename = rawOrNil(w.ErrorsWithFile)
	}
	b.Problems = p.list
	return b, nil
}

// UnmarshalJSON lets a Batch sit inside any JSON structure.
func (b *Batch) UnmarshalJSON(data []byte) error {
	decoded, err := DecodeBatch(data)
	if err != nil {
		return err
	}
	*b = decoded
	return nil
}

// MarshalJSON writes the batch back as the API sent it.
func (b Batch) MarshalJSON() ([]byte, error) {
	if len(b.Raw) == 0 {
		return []byte("{}"), nil
	}
	return b.Raw, nil
}

// rawOrNil keeps a field's JSON unless it is null or absent, so "nothing
// there" has one spelling (nil) for the UI to test.
func rawOrNil(raw json.RawMessage) json.RawMessage {
	if isNull(raw) {
		return nil
	}
	return append(json.RawMessage(nil), raw...)
}
