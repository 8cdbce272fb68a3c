package detail

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"superdash/model"
)

// OutputFetcher reads a job's output: the api client's GetJobOutput.
type OutputFetcher func(ctx context.Context, jobID string) (json.RawMessage, error)

// OutputFetchedMsg is the result of one output fetch. Key and Status say
// what was asked for: a job's output only changes with its status (a review
// can still move a completed job), so the pair names one output.
type OutputFetchedMsg struct {
	Key    string
	Status model.Status
	Output json.RawMessage
	Err    error
}

// fetchTimeout bounds one output request, so a stuck one ends as an error
// on screen instead of a spinner that never stops.
const fetchTimeout = 20 * time.Second

// fetchOutput runs fetch off the event loop, on copies of what it needs.
func fetchOutput(fetch OutputFetcher, k outputKey) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), fetchTimeout)
		defer cancel()
		out, err := fetch(ctx, k.key)
		if err != nil {
			err = fmt.Errorf("output of job %s: %w", k.key, err)
		}
		return OutputFetchedMsg{Key: k.key, Status: k.status, Output: out, Err: err}
	}
}

type outputKey struct {
	key    string
	status model.Status
}

// Bounds of the output cache: going back to a job shows its output at once,
// and a day of browsing cannot grow the cache past a few tens of MB.
const (
	maxCachedOutputs = 64
	maxCachedBytes   = 32 << 20
)

// outputCache keeps the outputs fetched last, least recently shown first
// out. Failures are not kept: coming back to a job retries.
type outputCache struct {
	entries map[outputKey]json.RawMessage
	order   []outputKey // least recently used first
	size    int         // bytes held
}

func newOutputCache() *outputCache {
	return &outputCache{entries: make(map[outputKey]json.RawMessage)}
}

func (c *outputCache) get(k outputKey) (json.RawMessage, bool) {
	out, ok := c.entries[k]
	if ok {
		c.touch(k)
	}
	return out, ok
}

func (c *outputCache) put(k outputKey, out json.RawMessage) {
	if old, ok := c.entries[k]; ok {
		c.size -= len(old)
		c.touch(k)
	} else {
		c.order = append(c.order, k)
	}
	c.entries[k] = out
	c.size += len(out)
	// The newest entry stays even when it alone is over the byte bound: it
	// is the one on screen.
	for len(c.order) > 1 && (len(c.order) > maxCachedOutputs || c.size > maxCachedBytes) {
		oldest := c.order[0]
		c.size -= len(c.entries[oldest])
		delete(c.entries, oldest)
		c.order = slices.Delete(c.order, 0, 1)
	}
}

// touch moves k to the most recently used end.
func (c *outputCache) touch(k outputKey) {
	if i := slices.Index(c.order, k); i >= 0 {
		c.order = append(slices.Delete(c.order, i, i+1), k)
	}
}

// outputKey names the output the pane would show for its job.
func (m *Model) outputKey() outputKey {
	return outputKey{key: m.job.Key(), status: m.job.Status}
}

// requestOutput returns the commands the shown job's output needs: the
// fetch when it is neither cached, nor failed, nor already on its way, and
// a spinner tick while it loads. A second tick is harmless: the spinner
// drops ticks of a stale tag.
func (m *Model) requestOutput() tea.Cmd {
	if m.job == nil || !m.job.Status.HasOutput() || m.outErr != nil {
		return nil
	}
	k := m.outputKey()
	if _, ok := m.cache.get(k); ok {
		return nil
	}
	var fetch tea.Cmd
	if !m.inflight[k] {
		m.inflight[k] = true
		fetch = fetchOutput(m.fetch, k)
	}
	return tea.Batch(fetch, m.spinner.Tick)
}

// outputFetched files a result: always in the cache, on screen only when
// the pane still shows that job in that status.
func (m *Model) outputFetched(msg OutputFetchedMsg) {
	k := outputKey{key: msg.Key, status: msg.Status}
	delete(m.inflight, k)
	if msg.Err == nil {
		m.cache.put(k, msg.Output)
	}
	if m.job == nil || m.outputKey() != k {
		return
	}
	m.outErr = msg.Err
	m.setOutput()
}

// outputLines is the body of the Output section, and whether it is waiting
// for the fetch.
func (m *Model) outputLines() (lines []line, loading bool) {
	st := m.job.Status
	switch {
	case !st.HasOutput() && st.Ended():
		return []line{textLine("no output: job "+statusText(st), roleMuted, 0)}, false
	case !st.HasOutput():
		return []line{textLine("no output yet ("+statusText(st)+")", roleMuted, 0)}, false
	case m.outErr != nil:
		return []line{textLine(m.outErr.Error(), roleError, 0)}, false
	}
	if out, ok := m.cache.get(m.outputKey()); ok {
		return prettyJSON(out), false
	}
	l := textLine("loading output…", roleMuted, 0)
	l.live = true
	return []line{l}, true
}
