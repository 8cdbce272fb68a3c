package sim

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"superdash/model"
)

// The API spells timestamps differently per kind of object; the simulator
// does the same so clients meet every spelling they must parse.
const (
	jobTimeLayout     = "2006-01-02T15:04:05-07:00"        // whole seconds, as created always is
	jobFractionLayout = "2006-01-02T15:04:05.000000-07:00" // microseconds, as completed usually has
	appTimeLayout     = "2006-01-02 15:04:05 MST"
	batchTimeLayout   = "2006-01-02T15:04:05.000Z07:00"
)

// jobTime writes a job timestamp as the API's Python backend does: an
// offset of +00:00, with microseconds unless there are none.
func jobTime(t time.Time) string {
	if t.Nanosecond() == 0 {
		return t.Format(jobTimeLayout)
	}
	return t.Format(jobFractionLayout)
}

type wireJob struct {
	ID          json.RawMessage `json:"id"`
	UUID        string          `json:"uuid"`
	AppID       string          `json:"appId"`
	BatchID     string          `json:"batchId"`
	Status      model.Status    `json:"status"`
	JobType     string          `json:"jobType"`
	CallbackURL *string         `json:"callbackUrl"`
	Created     string          `json:"created"`
	Completed   *string         `json:"completed"`
	Input       any             `json:"input"`
	Metadata    any             `json:"metadata"`
	Tags        []string        `json:"tags"`
	Correct     *bool           `json:"correct"`
	BaselineID  int64           `json:"baselineId"`
}

// encoded returns the job's JSON, encoding it only when it changed since
// last time: a full sync of a large app then costs copying, not encoding.
func (j *job) encoded(numericIDs bool) []byte {
	if j.cache == nil {
		j.cache = encodeJob(j, numericIDs)
	}
	return j.cache
}

func encodeJob(j *job, numericIDs bool) []byte {
	id := strconv.AppendInt(nil, j.id, 10)
	if !numericIDs {
		id = strconv.AppendQuote(nil, string(id))
	}
	w := wireJob{
		ID:          id,
		UUID:        j.uuid,
		AppID:       j.app.id,
		BatchID:     j.batch.id,
		Status:      j.status,
		JobType:     j.jobType,
		CallbackURL: optional(j.batch.callbackURL),
		Created:     jobTime(j.created),
		Metadata:    jobMetadata(j),
		Tags:        j.tags,
		Correct:     j.correct,
		BaselineID:  j.app.baselineID,
	}
	if j.input != nil {
		w.Input = json.RawMessage(j.input)
	} else {
		w.Input = j.app.kind.input(j.rand(inputStream), j)
	}
	if !j.completed.IsZero() {
		w.Completed = new(jobTime(j.completed))
	}
	return mustJSON(w)
}

// rand returns the job's own random stream for one kind of content, so its
// input and output are the same every time they are made.
func (j *job) rand(stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(j.content, stream))
}

func encodeOutput(j *job) []byte {
	return mustJSON(j.app.kind.output(j.rand(outputStream), j))
}

// App statuses, as the real API spells them.
const (
	appEnabled  = "ENABLED"
	appDisabled = "DISABLED"
)

// wireApp is the part of the real app object a client may read; the real
// one carries many more keys (schemas, settings, job_stats), which clients
// must ignore.
type wireApp struct {
	UUID          string `json:"uuid"`
	Name          string `json:"name"`
	Status        string `json:"status"`
	Created       string `json:"created"`
	OwnerUsername string `json:"ownerUsername"`
	Role          string `json:"role"`
	Public        bool   `json:"public"`
}

func (a *app) status() string {
	if a.disabled {
		return appDisabled
	}
	return appEnabled
}

func encodeApp(a *app) []byte {
	role := "OWNER"
	if a.org != "" {
		role = "MEMBER" // the account sees a colleague's app through the organisation
	}
	return mustJSON(wireApp{UUID: a.id, Name: a.name, Status: a.status(), Created: a.created.Format(appTimeLayout),
		OwnerUsername: a.owner, Role: role})
}

type wireBatch struct {
	BatchID            string         `json:"batch_id"`
	AppUUID            string         `json:"app_uuid"`
	BatchTotal         int            `json:"batch_total"`
	TotalProcessed     int            `json:"total_processed"`
	ValidCount         int            `json:"valid_count"`
	InvalidIndex       []int          `json:"invalid_index"`
	BatchProcessed     bool           `json:"batch_processed"`
	Created            string         `json:"created"`
	ErrorMessage       *string        `json:"error_message"`
	ErrorsWithFilename []wireRowError `json:"errors_with_filename"`
}

type wireRowError struct {
	Filename string `json:"filename"`
	Index    *int   `json:"index,omitempty"` // absent when the whole file failed
	Error    string `json:"error"`
}

// rowErrors are the reasons an upload's row is rejected.
var rowErrors = []string{
	"missing required field",
	"not a data:// or https:// URL",
	"file type not supported",
}

func encodeBatch(b *batch) []byte {
	w := wireBatch{
		BatchID:            b.id,
		AppUUID:            b.app.id,
		BatchTotal:         b.rows,
		TotalProcessed:     b.rows,
		ValidCount:         b.jobs,
		InvalidIndex:       append([]int{}, b.invalid...), // [] rather than null, like every list here
		BatchProcessed:     true,
		Created:            b.created.Format(batchTimeLayout),
		ErrorMessage:       optional(b.errorMessage),
		ErrorsWithFilename: []wireRowError{},
	}
	if b.errorMessage != "" {
		w.TotalProcessed = 0
		w.ErrorsWithFilename = append(w.ErrorsWithFilename, wireRowError{Filename: b.fileName, Error: b.errorMessage})
	}
	for _, row := range b.invalid {
		w.ErrorsWithFilename = append(w.ErrorsWithFilename, wireRowError{
			Filename: b.fileName,
			Index:    new(row),
			Error:    fmt.Sprintf("row %d: %s", row, rowErrors[row%len(rowErrors)]),
		})
	}
	return mustJSON(w)
}

// pageInfo is the paging part of a list envelope.
type pageInfo struct {
	total, size, number, pages int
}

// encodePage writes {"<key>":[items...],"total":…,"pageSize":…,
// "pageNumber":…,"pages":…} around items already encoded.
func encodePage(key string, items [][]byte, p pageInfo) []byte {
	buf := make([]byte, 0, 96+encodedSize(items))
	buf = append(buf, `{"`...)
	buf = append(buf, key...)
	buf = append(buf, `":`...)
	buf = appendArray(buf, items)
	buf = append(buf, `,"total":`...)
	buf = strconv.AppendInt(buf, int64(p.total), 10)
	buf = append(buf, `,"pageSize":`...)
	buf = strconv.AppendInt(buf, int64(p.size), 10)
	buf = append(buf, `,"pageNumber":`...)
	buf = strconv.AppendInt(buf, int64(p.number), 10)
	buf = append(buf, `,"pages":`...)
	buf = strconv.AppendInt(buf, int64(p.pages), 10)
	return append(buf, '}')
}

// encodeAppPage is encodePage for apps, which also count the archived apps
// (none are simulated) as the real list does.
func encodeAppPage(items [][]byte, p pageInfo) []byte {
	page := encodePage("apps", items, p)
	return append(page[:len(page)-1], `,"totalArchivedApps":0}`...)
}

// encodeArray writes items already encoded as a JSON array.
func encodeArray(items [][]byte) []byte {
	return appendArray(make([]byte, 0, encodedSize(items)), items)
}

func appendArray(buf []byte, items [][]byte) []byte {
	buf = append(buf, '[')
	for i, item := range items {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, item...)
	}
	return append(buf, ']')
}

// encodedSize is the length of items written as a JSON array.
func encodedSize(items [][]byte) int {
	n := 2
	for _, item := range items {
		n += len(item) + 1
	}
	return n
}

func encodeMessage(format string, args ...any) []byte {
	return mustJSON(struct {
		Message string `json:"message"`
	}{fmt.Sprintf(format, args...)})
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// mustJSON encodes values built by this package, which always encode: a
// failure is a bug here, not a condition to report to a client.
func mustJSON(v any) []byte {
	data, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("sim: encoding %T: %v", v, err))
	}
	return data
}
