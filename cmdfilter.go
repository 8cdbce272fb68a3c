package main

import (
	"errors"
	"fmt"
	"time"

	"superdash/model"
)

// parseCommandFilter reads the --filter of a command that reads the jobs
// itself (export, watch). It refuses in-status terms: how long a job has
// been in its status is known only to a store that saw it enter it, and
// here every job would count as just arrived, a silent wrong answer.
func parseCommandFilter(text string, now time.Time) (model.Query, error) {
	q, err := model.ParseQuery(text, now)
	if err == nil && q.InStatus() {
		err = errors.New("in-status: works in the dashboard only, which sees jobs enter their statuses; a command reading the jobs once cannot tell how long they have been in them")
	}
	if err != nil {
		return model.Query{}, fmt.Errorf("filter %q: %w", text, err)
	}
	return q, nil
}
