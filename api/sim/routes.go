package sim

import (
	"net/url"
	"strings"
)

// Endpoints, each named by method and path pattern under /v1. The names
// define the routes and are the keys of Stats.Endpoints.
const (
	EndpointListApps    = "GET /apps"
	EndpointGetApp      = "GET /apps/{id}"
	EndpointListOrgApps = "GET /organizations/{id}/apps"
	EndpointListJobs    = "GET /apps/{id}/jobs"
	EndpointListBatches = "GET /apps/{id}/batches"
	EndpointGetBatch    = "GET /apps/{id}/batches/{batchId}"
	EndpointGetJob      = "GET /jobs/{id}"
	EndpointGetResponse = "GET /jobs/{id}/response"
	EndpointCancel      = "POST /jobs/{id}/cancel"
	EndpointRestart     = "POST /jobs/{id}/restart"
	EndpointSubmitJobs  = "POST /apps/{id}/jobs"
	// EndpointUnmatched counts requests for a path or method the API lacks.
	EndpointUnmatched = "unmatched"
)

const apiPrefix = "/v1/"

// handler serves one endpoint with the world locked and advanced; args are
// the path's wildcard segments in order, body the request's body (read
// before the lock is taken).
type handler func(args []string, q url.Values, body []byte) response

type route struct {
	name   string
	method string
	path   []string // segments after /v1/; "{…}" matches any one segment
	handle handler
}

func (s *Server) newRoutes() []route {
	type endpoint struct {
		name   string
		handle handler
	}
	table := []endpoint{
		{EndpointListApps, s.listApps},
		{EndpointGetApp, s.getApp},
		{EndpointListOrgApps, s.listOrgApps},
		{EndpointListJobs, s.listJobs},
		{EndpointListBatches, s.listBatches},
		{EndpointGetBatch, s.getBatch},
		{EndpointGetJob, s.getJob},
		{EndpointGetResponse, s.getResponse},
		{EndpointCancel, s.cancel},
		{EndpointSubmitJobs, s.submitJobs},
	}
	if !s.opts.NoRestart {
		table = append(table, endpoint{EndpointRestart, s.restart})
	}
	routes := make([]route, len(table))
	for i, t := range table {
		method, path, _ := strings.Cut(t.name, " ")
		routes[i] = route{
			name:   t.name,
			method: method,
			path:   strings.Split(strings.TrimPrefix(path, "/"), "/"),
			handle: t.handle,
		}
	}
	return routes
}

// match finds the route for a request. When no route matches but the path
// exists for other methods, allow lists them (for a 405).
func (s *Server) match(method, path string) (rt *route, args []string, allow string) {
	rest, ok := strings.CutPrefix(path, apiPrefix)
	if !ok {
		return nil, nil, ""
	}
	segments := strings.Split(rest, "/")
	var methods []string
	for i := range s.routes {
		args, ok := s.routes[i].bind(segments)
		switch {
		case !ok:
		case s.routes[i].method == method:
			return &s.routes[i], args, ""
		default:
			methods = append(methods, s.routes[i].method)
		}
	}
	return nil, nil, strings.Join(methods, ", ")
}

// bind matches path segments against the route's pattern and returns the
// wildcard values.
func (rt *route) bind(segments []string) ([]string, bool) {
	if len(segments) != len(rt.path) {
		return nil, false
	}
	var args []string
	for i, p := range rt.path {
		switch {
		case strings.HasPrefix(p, "{"):
			if segments[i] == "" {
				return nil, false
			}
			args = append(args, segments[i])
		case p != segments[i]:
			return nil, false
		}
	}
	return args, true
}
