package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"superdash/model"
)

// JobQuery is the filter and paging of the job list. Zero values are left
// out of the request.
type JobQuery struct {
	Page    int // 0-based
	Size    int // page size; 0 lets the API choose (ListAllJobs asks for 500)
	SortBy  string
	OrderBy string // "asc" or "desc"
	// Date filters; zero means unset. Sent as UTC whole seconds.
	CreatedStart, CreatedEnd, CompletedStart, CompletedEnd time.Time
	StatusIn                                               []model.Status // one statusIn per status
	Tags                                                   string
	Correct                                                *bool
	// BatchID is sent as batchId and also applied to the answer here,
	// because the API is not known to honour it on this endpoint.
	BatchID string
}

func (q JobQuery) values() url.Values {
	v := url.Values{}
	v.Set("page", strconv.Itoa(q.Page))
	if q.Size > 0 {
		v.Set("size", strconv.Itoa(q.Size))
	}
	if q.SortBy != "" {
		v.Set("sortBy", q.SortBy)
	}
	if q.OrderBy != "" {
		v.Set("orderBy", q.OrderBy)
	}
	for key, t := range map[string]time.Time{
		"createdStartDate":   q.CreatedStart,
		"createdEndDate":     q.CreatedEnd,
		"completedStartDate": q.CompletedStart,
		"completedEndDate":   q.CompletedEnd,
	} {
		if !t.IsZero() {
			v.Set(key, model.FormatQueryTime(t))
		}
	}
	for _, s := range q.StatusIn {
		v.Add("statusIn", string(s))
	}
	if q.Tags != "" {
		v.Set("tags", q.Tags)
	}
	if q.Correct != nil {
		v.Set("correct", strconv.FormatBool(*q.Correct))
	}
	if q.BatchID != "" {
		v.Set("batchId", q.BatchID)
	}
	return v
}

// JobPage is one page of the job list.
type JobPage struct {
	Jobs []model.Job
	// Pages is the page count the API reported; 0 when it sent none.
	Pages int
	// Optional in the API: nil when absent.
	Total, PageSize, PageNumber *int
	// Problems lists list elements that were not job objects (skipped) and
	// envelope fields that could not be read. Problems inside a job are in
	// that job's own Problems.
	Problems []string
	Bytes    int // size of the response body, for cost accounting
	// Requests is how many requests brought the page: 1, or more for the
	// page ListAllJobs adds after checking for shifted pages.
	Requests int
}

// Expected is how many jobs a listing of pages pages like p holds in all:
// the API's total, but never more than the pages can hold, so that a total
// that is wrong or hostile does not make a store reserve room for more
// than it will get (see model.Store.Reserve). 0 when the API sent none.
func (p JobPage) Expected(pages int) int {
	if p.Total == nil || *p.Total <= 0 {
		return 0
	}
	return min(*p.Total, pages*len(p.Jobs))
}

// ListJobs reads one page of an app's jobs.
func (c *Client) ListJobs(ctx context.Context, appID string, q JobQuery) (JobPage, error) {
	p, _, err := c.listJobsPage(ctx, appID, q)
	return p, err
}

// listJobsPage also returns how many elements the API's list held, before
// skipping non-objects and filtering by batch: paging without a page count
// needs that to recognise the last (short) page.
func (c *Client) listJobsPage(ctx context.Context, appID string, q JobQuery) (JobPage, int, error) {
	if err := requireID("list jobs of app "+appID, "app id", appID); err != nil {
		return JobPage{}, 0, err
	}
	var page JobPage
	var elements int
	if err := c.do(ctx, jobListRequest(appID, q, &page, &elements)); err != nil {
		return JobPage{}, 0, err
	}
	if q.BatchID != "" {
		page.Jobs = keepBatch(page.Jobs, q.BatchID)
	}
	page.Requests = 1
	return page, elements, nil
}

// jobListRequest asks for one page of an app's jobs, decoded into page and
// its element count into elements.
func jobListRequest(appID string, q JobQuery, page *JobPage, elements *int) *request {
	return &request{
		op:       "list jobs of app " + appID,
		method:   http.MethodGet,
		path:     "apps/" + escape(appID) + "/jobs",
		query:    q.values(),
		notFound: "app " + appID,
		decode: func(body []byte) (err error) {
			*page, *elements, err = decodeJobPage(body)
			return err
		},
	}
}

// Probe asks for one job of the app (page 0, size 1), in one attempt with
// no retry: the cheapest request that tells whether the API can be reached
// again after a connection error, without loading it while it cannot. It
// reports whether any HTTP answer came back, an error status included:
// then the host is reachable, and the next sync finds out how it is.
func (c *Client) Probe(ctx context.Context, appID string) (answered bool) {
	if requireID("probe", "app id", appID) != nil {
		return false
	}
	var page JobPage
	var elements int
	e := c.attempt(ctx, jobListRequest(appID, JobQuery{Size: 1}, &page, &elements), 1)
	return e == nil || e.StatusCode != 0
}

func keepBatch(jobs []model.Job, batchID string) []model.Job {
	kept := jobs[:0]
	for _, j := range jobs {
		if j.BatchID == batchID {
			kept = append(kept, j)
		}
	}
	return kept
}

// GetJob reads one job by id (a job's uuid works too).
func (c *Client) GetJob(ctx context.Context, id string) (model.Job, error) {
	return getOne(ctx, c, "job", id, jobPath(id), model.DecodeJob)
}

// jobPath is a job's path; jobOutputPath its output's.
func jobPath(id string) string       { return "jobs/" + escape(id) }
func jobOutputPath(id string) string { return jobPath(id) + "/response" }

// getOne reads the one thing of a kind ("job", "app") at path, named id,
// and decodes it.
func getOne[T any](ctx context.Context, c *Client, kind, id, path string, decode func([]byte) (T, error)) (T, error) {
	var zero, got T
	op := "get " + kind + " " + id
	if err := requireID(op, kind+" id", id); err != nil {
		return zero, err
	}
	err := c.do(ctx, &request{
		op:       op,
		method:   http.MethodGet,
		path:     path,
		notFound: kind + " " + id,
		decode: func(body []byte) (err error) {
			got, err = decode(body)
			return err
		},
	})
	if err != nil {
		return zero, err
	}
	return got, nil
}

// GetJobOutput reads a job's output, whose shape is not documented: it is
// returned as the API sent it (checked to be JSON), an empty body as null.
func (c *Client) GetJobOutput(ctx context.Context, id string) (json.RawMessage, error) {
	op := "get output of job " + id
	if err := requireID(op, "job id", id); err != nil {
		return nil, err
	}
	var out json.RawMessage
	err := c.do(ctx, &request{
		op:       op,
		method:   http.MethodGet,
		path:     jobOutputPath(id),
		notFound: "output of job " + id,
		decode: func(body []byte) error {
			body = bytes.TrimSpace(body)
			if len(body) == 0 {
				out = json.RawMessage("null")
				return nil
			}
			if !json.Valid(body) {
				return fmt.Errorf("not JSON: %q", bound(string(body)))
			}
			out = append(json.RawMessage(nil), body...)
			return nil
		},
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
