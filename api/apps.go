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

// ListApps reads one page (0-based) of the account's apps, newest first.
// size 0 lets the API choose.
func (c *Client) ListApps(ctx context.Context, page, size int) (model.AppPage, error) {
	q := url.Values{}
	q.Set("page", strconv.Itoa(page))
	if size > 0 {
		q.Set("size", strconv.Itoa(size))
	}
	q.Set("sortBy", "created")
	q.Set("orderBy", "desc")
	var out model.AppPage
	err := c.do(ctx, &request{
		op:     "list apps",
		method: http.MethodGet,
		path:   "apps",
		query:  q,
		decode: func(body []byte) (err error) {
			out, err = decodeAppPage(body)
			return err
		},
	})
	if err != nil {
		return model.AppPage{}, err
	}
	return out, nil
}

type wireAppPage struct {
	Apps       json.RawMessage `json:"apps"`
	Total      json.RawMessage `json:"total"`
	PageSize   json.RawMessage `json:"pageSize"`
	PageNumber json.RawMessage `json:"pageNumber"`
	Pages      json.RawMessage `json:"pages"`
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
	} {
		if n := countField(f.name, f.raw, &page.Problems); n != nil {
			*f.dst = *n
		}
	}
	return page, nil
}
