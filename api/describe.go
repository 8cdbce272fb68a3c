package api

import (
	"encoding/json"
	"net/http"
	"time"
)

// Call describes one request as the client sends it: the method and the
// absolute URL, query included. It carries no header, so it cannot carry
// the key: whoever reproduces the call adds the key by reference (see the
// reproduce package). The paths and query parameters are built by the
// same code the client sends requests with, so a description cannot drift
// from what goes out.
type Call struct {
	Method string
	URL    string
	// Body is the request's JSON body; nil for none.
	Body []byte
	// Destructive: the call changes what the API holds (cancel,
	// restart, submit).
	Destructive bool
}

// describe turns a request into its Call.
func (c *Client) describe(req *request) Call {
	// As resty joins them: the base URL, a slash, the path (its ids
	// already escaped), and the query encoded by url.Values.
	u := c.base.String() + "/" + req.path
	if len(req.query) > 0 {
		u += "?" + req.query.Encode()
	}
	return Call{Method: req.method, URL: u, Body: req.body, Destructive: req.action}
}

// JobCall is GET jobs/{id}, as GetJob sends it.
func (c *Client) JobCall(id string) Call {
	return c.describe(&request{method: http.MethodGet, path: jobPath(id)})
}

// JobOutputCall is GET jobs/{id}/response, as GetJobOutput sends it.
func (c *Client) JobOutputCall(id string) Call {
	return c.describe(&request{method: http.MethodGet, path: jobOutputPath(id)})
}

// CancelCall is POST jobs/{id}/cancel, as CancelJob sends it.
func (c *Client) CancelCall(id string) Call {
	return c.describe(&request{method: http.MethodPost, path: actionPath(id, "cancel"), action: true})
}

// RestartCall is POST jobs/{id}/restart, as RestartJob sends it.
func (c *Client) RestartCall(id string) Call {
	return c.describe(&request{method: http.MethodPost, path: actionPath(id, "restart"), action: true})
}

// JobListCalls are the pages of the job list for q, as ListAllJobs sends
// them: pages of them (at least one), from q.Page on.
func (c *Client) JobListCalls(appID string, q JobQuery, pages int) []Call {
	q = withPageSize(q)
	calls := make([]Call, max(pages, 1))
	for i := range calls {
		page := q
		page.Page = q.Page + i
		calls[i] = c.describe(jobListRequest(appID, page, nil, nil))
	}
	return calls
}

// ListQuery is the job list query the syncer's full pass sends at now:
// every job of the Since window, oldest first. The dashboard's filter is
// applied to the answer, not sent: the API's list filters cannot express
// most of it.
func (s *Syncer) ListQuery(now time.Time) JobQuery {
	return withPageSize(inWindow(JobQuery{Size: s.opts.PageSize, SortBy: "created", OrderBy: "asc"}, s.windowStart(now)))
}

// withPageSize gives q the page size ListAllJobs asks for when q has none.
func withPageSize(q JobQuery) JobQuery {
	if q.Size <= 0 {
		q.Size = defaultPageSize
	}
	return q
}

// SubmitCall is POST apps/{appId}/jobs with its body, as SubmitJobs sends
// it; the error is SubmitJobs' own for parts it would refuse.
func (c *Client) SubmitCall(appID string, inputs []json.RawMessage, metadata json.RawMessage, callbackURL string) (Call, error) {
	body, err := encodeSubmission(inputs, metadata, callbackURL)
	if err != nil {
		return Call{}, err
	}
	return c.describe(&request{method: http.MethodPost, path: submitPath(appID), body: body, action: true}), nil
}
