package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"superdash/model"
)

// appPageSize is what AllApps asks for per page. The API's default page is
// 10 apps, and it may cap what is asked for: AllApps follows the pages
// whatever size comes back.
const appPageSize = 100

// maxAppPages bounds AllApps against a server whose pages never end.
const maxAppPages = 1000

// ListApps reads one page (0-based) of the account's apps, newest first.
// size 0 lets the API choose (10).
func (c *Client) ListApps(ctx context.Context, page, size int) (model.AppPage, error) {
	return c.listAppsAt(ctx, "list apps", "apps", "", page, size)
}

// ListOrgApps reads one page (0-based) of the apps of organisation org,
// newest first; each app's Org is set to org.
func (c *Client) ListOrgApps(ctx context.Context, org string, page, size int) (model.AppPage, error) {
	op := "list apps of organisation " + org
	if err := requireID(op, "organisation id", org); err != nil {
		return model.AppPage{}, err
	}
	return c.listAppsAt(ctx, op, "organizations/"+escape(org)+"/apps", org, page, size)
}

func (c *Client) listAppsAt(ctx context.Context, op, path, org string, page, size int) (model.AppPage, error) {
	q := url.Values{}
	q.Set("page", strconv.Itoa(page))
	if size > 0 {
		q.Set("size", strconv.Itoa(size))
	}
	q.Set("sortBy", "created")
	q.Set("orderBy", "desc")
	var out model.AppPage
	req := &request{
		op:     op,
		method: http.MethodGet,
		path:   path,
		query:  q,
		decode: func(body []byte) (err error) {
			out, err = decodeAppPage(body)
			return err
		},
	}
	if org != "" {
		req.notFound = "organisation " + org
	}
	if err := c.do(ctx, req); err != nil {
		return model.AppPage{}, err
	}
	for i := range out.Apps {
		out.Apps[i].Org = org
	}
	return out, nil
}

// AllApps reads every page of the account's own apps, newest first.
func (c *Client) AllApps(ctx context.Context) ([]model.App, error) {
	return allAppPages(func(page int) (model.AppPage, error) { return c.ListApps(ctx, page, appPageSize) })
}

// AllOrgApps reads every page of organisation org's apps, newest first.
func (c *Client) AllOrgApps(ctx context.Context, org string) ([]model.App, error) {
	return allAppPages(func(page int) (model.AppPage, error) { return c.ListOrgApps(ctx, org, page, appPageSize) })
}

// allAppPages reads pages from 0 until the last one the API counts, an
// empty page, or a page that brings no app not seen before (a server that
// ignores page would otherwise be read forever).
func allAppPages(fetch func(page int) (model.AppPage, error)) ([]model.App, error) {
	var apps []model.App
	seen := map[string]bool{}
	for page := 0; page < maxAppPages; page++ {
		p, err := fetch(page)
		if err != nil {
			return nil, err
		}
		fresh := 0
		for _, a := range p.Apps {
			if !seen[a.UUID] {
				seen[a.UUID] = true
				apps = append(apps, a)
				fresh++
			}
		}
		if fresh == 0 || (p.Pages > 0 && page+1 >= p.Pages) || (p.Pages == 0 && p.Total > 0 && len(apps) >= p.Total) {
			return apps, nil
		}
	}
	return apps, nil
}

// GetApp reads one app: its name for the header when --app names it.
func (c *Client) GetApp(ctx context.Context, uuid string) (model.App, error) {
	return getOne(ctx, c, "app", uuid, "apps/"+escape(uuid), model.DecodeApp)
}

type wireAppPage struct {
	Apps       json.RawMessage `json:"apps"`
	Total      json.RawMessage `json:"total"`
	PageSize   json.RawMessage `json:"pageSize"`
	PageNumber json.RawMessage `json:"pageNumber"`
	Pages      json.RawMessage `json:"pages"`
	Archived   json.RawMessage `json:"totalArchivedApps"`
}

// decodeAppPage reads {"apps":[...],"total":N,...} as leniently as the job
// list: odd elements and counts become Problems.
func decodeAppPage(body []byte) (model.AppPage, error) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 || body[0] != '{' {
		return model.AppPage{}, fmt.Errorf("expected a JSON object, got %q", bound(string(body)))
	}
	var w wireAppPage
	if err := json.Unmarshal(body, &w); err != nil {
		return model.AppPage{}, err
	}
	if w.Apps == nil {
		return model.AppPage{}, errors.New(`no "apps" list in the response`)
	}
	var page model.AppPage
	apps, _, err := decodeList("apps", w.Apps, model.DecodeApp, &page.Problems)
	if err != nil {
		return model.AppPage{}, err
	}
	page.Apps = apps
	for _, f := range []struct {
		name string
		raw  json.RawMessage
		dst  *int
	}{
		{"total", w.Total, &page.Total},
		{"pageSize", w.PageSize, &page.PageSize},
		{"pageNumber", w.PageNumber, &page.PageNumber},
		{"pages", w.Pages, &page.Pages},
		{"totalArchivedApps", w.Archived, &page.Archived},
	} {
		if n := countField(f.name, f.raw, &page.Problems); n != nil {
			*f.dst = *n
		}
	}
	return page, nil
}
