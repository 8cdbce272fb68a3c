package api

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/go-json-experiment/json/jsontext"

	"superdash/model"
)

// decodeJobPage reads a job list body: {"jobs":[...],"pages":N,...}, or a
// bare array from a host that sends no envelope. It fails only when the
// body is not JSON or holds no job list at all; a bad element or count is a
// Problem, never a lost page. It also returns the element count.
//
// The body is read in one streaming pass (model.NewDecoder), and each job's
// Raw is a slice of it: the body becomes the jobs' memory, so it must not
// be reused. The envelope is read as encoding/json v1 read it (the
// reference in jobs_decode_legacy_test.go): names match case-insensitively,
// the last of duplicates wins, unknown members are skipped.
func decodeJobPage(body []byte) (JobPage, int, error) {
	page := JobPage{Bytes: len(body)}
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 || (trimmed[0] != '[' && trimmed[0] != '{') {
		return JobPage{}, 0, fmt.Errorf("expected a JSON object, got %q", bound(string(trimmed)))
	}
	dec := model.NewDecoder(trimmed)
	var env pageEnvelope
	var err error
	if trimmed[0] == '[' {
		env.list, err = readJobList(dec, trimmed)
	} else {
		err = env.read(dec, trimmed)
	}
	if err == nil {
		err = atEnd(dec)
	}
	if err != nil {
		return JobPage{}, 0, err
	}
	if env.list == nil {
		if env.notList != nil {
			return JobPage{}, 0, env.notList
		}
		return JobPage{}, 0, errors.New(`no "jobs" list in the response`)
	}
	page.Jobs = env.list.jobs
	page.Problems = env.list.problems
	if pages := countField("pages", env.counts[countPages], &page.Problems); pages != nil {
		page.Pages = *pages
	}
	page.Total = countField("total", env.counts[countTotal], &page.Problems)
	page.PageSize = countField("pageSize", env.counts[countPageSize], &page.Problems)
	page.PageNumber = countField("pageNumber", env.counts[countPageNumber], &page.Problems)
	return page, env.list.elements, nil
}

// atEnd checks that nothing but white space follows the value read.
func atEnd(dec *jsontext.Decoder) error {
	if _, err := dec.ReadToken(); err != io.EOF {
		if err == nil {
			err = errors.New("data after the end of the list")
		}
		return err
	}
	return nil
}

// The envelope's counts, by their index in pageEnvelope.counts.
const (
	countPages = iota
	countTotal
	countPageSize
	countPageNumber
)

var countNames = [...]string{countPages: "pages", countTotal: "total", countPageSize: "pageSize", countPageNumber: "pageNumber"}

// pageEnvelope is what the members of a list body said; the last of
// duplicate members counts.
type pageEnvelope struct {
	list    *jobList // nil when no usable "jobs" was seen
	notList error    // the last "jobs" was not a list
	counts  [len(countNames)][]byte
}

func (env *pageEnvelope) read(dec *jsontext.Decoder, src []byte) error {
	if _, err := dec.ReadToken(); err != nil {
		return err
	}
	for dec.PeekKind() != '}' {
		name, err := dec.ReadToken()
		if err != nil {
			return err
		}
		key := name.String()
		switch kind := dec.PeekKind(); {
		case equalFold(key, "jobs") && (kind == '[' || kind == 'n'):
			if env.list, err = readJobList(dec, src); err != nil {
				return err
			}
			env.notList = nil
			continue
		case equalFold(key, "jobs"):
			env.list, env.notList = nil, fmt.Errorf(`"jobs" is not a list but %s`, kindName(kind))
		}
		v, err := dec.ReadValue()
		if err != nil {
			return err
		}
		for i, countName := range countNames {
			if equalFold(key, countName) {
				env.counts[i] = bytes.Clone(v)
			}
		}
	}
	_, err := dec.ReadToken()
	return err
}

// equalFold is how encoding/json v1 matched a member name to a field.
func equalFold(name, field string) bool { return bytes.EqualFold([]byte(name), []byte(field)) }

func kindName(k jsontext.Kind) string {
	switch k {
	case '{':
		return "an object"
	case '"':
		return "a string"
	case '0':
		return "a number"
	case 't', 'f':
		return "a boolean"
	}
	return k.String()
}

// jobList is a "jobs" list read: the jobs, the elements skipped (as
// Problems) and how many elements it held, skipped ones included.
type jobList struct {
	jobs     []model.Job
	problems []string
	elements int
}

// readJobList reads the array (or null) at dec's position, job by job. An
// element that is not a job object is skipped and described: one odd
// element never costs the rest of the list.
//
// The jobs are gathered in a scratch slice and copied out at their exact
// number: a page does not say how many it holds, and growing the page's
// own slice by doubling would allocate twice the jobs (256 bytes each)
// for nothing.
func readJobList(dec *jsontext.Decoder, src []byte) (*jobList, error) {
	list := &jobList{jobs: []model.Job{}}
	if dec.PeekKind() == 'n' {
		_, err := dec.ReadToken()
		return list, err
	}
	if _, err := dec.ReadToken(); err != nil {
		return nil, err
	}
	scratch := jobScratch.Get().(*[]model.Job)
	defer func() {
		clear(*scratch) // the pool must not keep the jobs, nor their pages, alive
		*scratch = (*scratch)[:0]
		jobScratch.Put(scratch)
	}()
	var reader model.JobReader
	for dec.PeekKind() != ']' {
		j, err := reader.Read(dec, src)
		switch {
		case errors.Is(err, model.ErrNotAJob):
			list.problems = append(list.problems, fmt.Sprintf("skipped element %d of %q: %v", list.elements, "jobs", err))
		case err != nil:
			return nil, err
		default:
			*scratch = append(*scratch, j)
		}
		list.elements++
	}
	list.jobs = append(list.jobs, *scratch...)
	_, err := dec.ReadToken()
	return list, err
}

// jobScratch holds the scratch slices of readJobList, one per page being
// read at the same time.
var jobScratch = sync.Pool{New: func() any { return new([]model.Job) }}
