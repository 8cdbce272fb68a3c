package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// App statuses the API is known to send. Status stays an open string: a
// value not listed here is shown as it comes.
const (
	AppEnabled  = "ENABLED"
	AppDisabled = "DISABLED"
)

// App is one super.AI app (a project jobs are submitted to), as the app
// picker shows it.
type App struct {
	UUID    string
	Name    string
	Status  string    // AppEnabled, AppDisabled or whatever the API sends
	Created time.Time // zero when absent or unreadable (see Problems)
	Owner   string    // ownerUsername; "" when absent

	// Org is the organisation the app was listed under (GET
	// organizations/{Org}/apps); "" for the account's own apps. The app
	// object does not say it: the client sets it from the request.
	Org string

	// Problems lists what could not be read in this app; the app is still
	// listed.
	Problems []string
}

// Disabled reports an app the API marks DISABLED (in any case): it keeps
// its jobs, but takes no new ones.
func (a App) Disabled() bool { return strings.EqualFold(a.Status, AppDisabled) }

// AppPage is one page of the app list. The counts are 0 when the API left
// them out or sent something unreadable (see Problems).
type AppPage struct {
	Apps       []App
	Total      int
	PageSize   int
	PageNumber int
	Pages      int
	Archived   int // totalArchivedApps: archived apps, which the list leaves out

	// Problems lists list elements that were not app objects (they are
	// skipped) and envelope fields that could not be read.
	Problems []string
}

// wireApp is what the dashboard reads of an app object; the real one has
// many more keys (schemas, settings, job_stats), ignored.
type wireApp struct {
	UUID    json.RawMessage `json:"uuid"`
	Name    json.RawMessage `json:"name"`
	Status  json.RawMessage `json:"status"`
	Created json.RawMessage `json:"created"`
	Owner   json.RawMessage `json:"ownerUsername"`
}

// DecodeApp reads one app object. Like DecodeJob it fails only when data is
// not a JSON object; odd field values end up in App.Problems.
func DecodeApp(data []byte) (App, error) {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || data[0] != '{' {
		return App{}, fmt.Errorf("app is not a JSON object: %q", truncateForMessage(string(data)))
	}
	var w wireApp
	if err := json.Unmarshal(data, &w); err != nil {
		return App{}, fmt.Errorf("decode app: %w", err)
	}
	var p problems
	a := App{
		UUID:    p.idString("uuid", w.UUID),
		Name:    p.str("name", w.Name),
		Status:  p.str("status", w.Status),
		Created: p.time("created", w.Created),
		Owner:   p.str("ownerUsername", w.Owner),
	}
	a.Problems = p.list
	return a, nil
}

// UnmarshalJSON lets an App sit inside any JSON structure.
func (a *App) UnmarshalJSON(data []byte) error {
	decoded, err := DecodeApp(data)
	if err != nil {
		return err
	}
	*a = decoded
	return nil
}

// DecodeInt reads a count that should be a JSON integer, leniently: null or
// absent is 0; an integral number, or a string holding one (some proxies and
// older hosts quote numbers), is accepted. Shared with the api package's
// page envelopes so every count in the app follows one rule.
func DecodeInt(raw json.RawMessage) (int, error) {
	if isNull(raw) {
		return 0, nil
	}
	text := string(raw)
	if raw[0] == '"' {
		if err := json.Unmarshal(raw, &text); err != nil {
			return 0, fmt.Errorf("expected a number, got %s", truncateForMessage(string(raw)))
		}
		text = strings.TrimSpace(text)
	}
	if n, err := strconv.Atoi(text); err == nil {
		return n, nil
	}
	// 12.0 or 1e3 from an encoder that only knows floats.
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > math.MaxInt32 {
		return 0, fmt.Errorf("expected a whole number, got %s", truncateForMessage(string(raw)))
	}
	return int(f), nil
}

func (p *problems) int(field string, raw json.RawMessage) int {
	n, err := DecodeInt(raw)
	if err != nil {
		p.add(field, "%v", err)
	}
	return n
}
