package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"superdash/model"
)

// ListBatches reads an app's batches.
func (c *Client) ListBatches(ctx context.Context, appID string) ([]model.Batch, error) {
	op := "list batches of app " + appID
	if err := requireID(op, "app id", appID); err != nil {
		return nil, err
	}
	var out []model.Batch
	err := c.do(ctx, &request{
		op:       op,
		method:   http.MethodGet,
		path:     "apps/" + escape(appID) + "/batches",
		notFound: "app " + appID,
		decode: func(body []byte) (err error) {
			out, err = decodeBatchList(body)
			return err
		},
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// GetBatch reads one batch of an app.
func (c *Client) GetBatch(ctx context.Context, appID, batchID string) (model.Batch, error) {
	op := "get batch " + batchID + " of app " + appID
	if err := requireID(op, "app id", appID); err != nil {
		return model.Batch{}, err
	}
	if err := requireID(op, "batch id", batchID); err != nil {
		return model.Batch{}, err
	}
	var out model.Batch
	err := c.do(ctx, &request{
		op:       op,
		method:   http.MethodGet,
		path:     "apps/" + escape(appID) + "/batches/" + escape(batchID),
		notFound: "batch " + batchID + " of app " + appID,
		decode: func(body []byte) (err error) {
			out, err = model.DecodeBatch(unwrapBatch(body))
			return err
		},
	})
	if err != nil {
		return model.Batch{}, err
	}
	return out, nil
}

// batchListKeys are the keys an object-shaped batch list may use. The shape
// of this response is not documented, so the common spellings are tried.
var batchListKeys = []string{"batches", "items", "data"}

// decodeBatchList reads a bare JSON array of batches or an object holding
// one under a key in batchListKeys. An element that is not a batch object
// is kept as a Batch carrying only Raw and a Problem: ListBatches has no
// other place to report it, and silently dropping a batch would hide it.
func decodeBatchList(body []byte) ([]model.Batch, error) {
	body = bytes.TrimSpace(body)
	list := json.RawMessage(body)
	if len(body) > 0 && body[0] == '{' {
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(body, &obj); err != nil {
			return nil, err
		}
		list = nil
		for _, key := range batchListKeys {
			if v, ok := obj[key]; ok {
				list = v
				break
			}
		}
		if list == nil {
			return nil, fmt.Errorf("no batch list in the response (looked for %q)", batchListKeys)
		}
	} else if len(body) == 0 || body[0] != '[' {
		return nil, fmt.Errorf("expected a list of batches, got %q", bound(string(body)))
	}
	var ignored []string // decodeBatchOrPlaceholder never rejects
	batches, _, err := decodeList("batches", list, decodeBatchOrPlaceholder, &ignored)
	return batches, err
}

func decodeBatchOrPlaceholder(raw []byte) (model.Batch, error) {
	b, err := model.DecodeBatch(raw)
	if err != nil {
		return model.Batch{Raw: append(json.RawMessage(nil), raw...), Problems: []string{err.Error()}}, nil
	}
	return b, nil
}

// unwrapBatch accepts {"batch": {...}} as well as the bare object, since
// the single-batch response is as undocumented as the list.
func unwrapBatch(body []byte) []byte {
	var obj map[string]json.RawMessage
	if json.Unmarshal(body, &obj) != nil {
		return body
	}
	if _, ok := obj["batch_id"]; ok {
		return body
	}
	if inner, ok := obj["batch"]; ok && len(bytes.TrimSpace(inner)) > 0 && bytes.TrimSpace(inner)[0] == '{' {
		return inner
	}
	return body
}
