package sim

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"superdash/model"
)

// The handlers run under the Server's mutex with the world advanced to now.

// listApps answers the account's own apps.
func (s *Server) listApps(_ []string, q url.Values, _ []byte) response {
	return s.appList(q, "")
}

// listOrgApps answers the apps of an organisation, or 404 for one the
// account is not part of.
func (s *Server) listOrgApps(args []string, q url.Values, _ []byte) response {
	if args[0] != s.opts.Org || s.opts.OrgApps == 0 {
		return fail(http.StatusNotFound, "Organization %s not found", args[0])
	}
	return s.appList(q, args[0])
}

// appList answers a page of the apps of org ("" for the account's own).
func (s *Server) appList(q url.Values, org string) response {
	page, size, err := parsePage(q, s.opts.MaxPageSize)
	if err != nil {
		return fail(http.StatusBadRequest, "%v", err)
	}
	desc, err := parseOrder(q)
	if err != nil {
		return fail(http.StatusBadRequest, "%v", err)
	}
	apps := slices.DeleteFunc(slices.Clone(s.world.apps), func(a *app) bool { return a.org != org }) // creation order
	switch sortBy := cmp.Or(q.Get("sortBy"), "created"); sortBy {
	case "created":
	case "name":
		slices.SortStableFunc(apps, func(a, b *app) int { return strings.Compare(a.name, b.name) })
	default:
		return fail(http.StatusBadRequest, "sortBy: cannot sort apps by %q (want created or name)", sortBy)
	}
	if desc {
		slices.Reverse(apps)
	}
	statuses := listParam(q, "statusIn")
	keep := func(a *app) bool { return len(statuses) == 0 || slices.Contains(statuses, a.status()) }
	selected, info := window(slices.Values(apps), keep, page, size)
	items := make([][]byte, len(selected))
	for i, a := range selected {
		items[i] = encodeApp(a)
	}
	return reply(encodeAppPage(items, info))
}

func (s *Server) getApp(args []string, _ url.Values, _ []byte) response {
	a, resp, found := s.app(args[0])
	if !found {
		return resp
	}
	return reply(encodeApp(a))
}

func (s *Server) listJobs(args []string, q url.Values, _ []byte) response {
	a, resp, found := s.app(args[0])
	if !found {
		return resp
	}
	jq, err := parseJobQuery(q, &s.opts)
	if err != nil {
		return fail(http.StatusBadRequest, "%v", err)
	}
	jobs, info := jq.run(a)
	items := make([][]byte, len(jobs))
	for i, j := range jobs {
		items[i] = j.encoded(s.opts.NumericIDs)
	}
	return reply(encodePage("jobs", items, info))
}

// listBatches answers a bare array, newest upload first.
func (s *Server) listBatches(args []string, _ url.Values, _ []byte) response {
	a, resp, found := s.app(args[0])
	if !found {
		return resp
	}
	items := make([][]byte, 0, len(a.batches))
	for _, b := range slices.Backward(a.batches) {
		items = append(items, encodeBatch(b))
	}
	return reply(encodeArray(items))
}

func (s *Server) getBatch(args []string, _ url.Values, _ []byte) response {
	a, resp, found := s.app(args[0])
	if !found {
		return resp
	}
	i := slices.IndexFunc(a.batches, func(b *batch) bool { return b.id == args[1] })
	if i < 0 {
		return fail(http.StatusNotFound, "Batch %s not found in app %s", args[1], a.id)
	}
	return reply(encodeBatch(a.batches[i]))
}

func (s *Server) getJob(args []string, _ url.Values, _ []byte) response {
	j, resp, found := s.job(args[0])
	if !found {
		return resp
	}
	return reply(j.encoded(s.opts.NumericIDs))
}

// getResponse answers a job's output. A job without output has no response
// resource yet, or never will: 404, with a message saying which.
func (s *Server) getResponse(args []string, _ url.Values, _ []byte) response {
	j, resp, found := s.job(args[0])
	switch {
	case !found:
		return resp
	case j.status.HasOutput():
		return reply(encodeOutput(j))
	case j.status.Ended():
		return fail(http.StatusNotFound, "Job %d has no response: it ended %s", j.id, j.status)
	default:
		return fail(http.StatusNotFound, "Job %d has no response yet: it is %s", j.id, j.status)
	}
}

func (s *Server) cancel(args []string, _ url.Values, _ []byte) response {
	return s.act(args[0], "canceled", model.Status.Cancellable, model.StatusCanceled)
}

func (s *Server) restart(args []string, _ url.Values, _ []byte) response {
	return s.act(args[0], "restarted", model.Status.Restartable, model.StatusScheduled)
}

// act moves job key to status to if allowed says its status permits it, and
// answers the job; otherwise it changes nothing and answers 409.
func (s *Server) act(key, verb string, allowed func(model.Status) bool, to model.Status) response {
	j, resp, found := s.job(key)
	if !found {
		return resp
	}
	if !allowed(j.status) {
		return fail(http.StatusConflict, "Job %d cannot be %s in status %s", j.id, verb, j.status)
	}
	s.world.change(j, to, s.world.now)
	return reply(j.encoded(s.opts.NumericIDs))
}

// app looks up an app, or returns the 404 to answer.
func (s *Server) app(id string) (*app, response, bool) {
	if a, found := s.world.appByID[id]; found {
		return a, response{}, true
	}
	return nil, fail(http.StatusNotFound, "App %s not found", id), false
}

// job looks up a job by id or uuid, or returns the 404 to answer.
func (s *Server) job(key string) (*job, response, bool) {
	if j, found := s.world.jobByKey[key]; found {
		return j, response{}, true
	}
	return nil, fail(http.StatusNotFound, "Job %s not found", key), false
}
