package actions

// A bulk run sends one action to many jobs, a few requests at a time, from
// a goroutine pool started by a command. Like a sync it streams what
// happens back through a channel, one message at a time: each request as
// it goes out (its row says so) and as it ends (the job read back is
// merged). Esc stops the sending: what was sent stays sent and is
// recorded, what was not is not sent. The run ends with a summary, from
// which the failed jobs alone can be asked about again.

import (
	"context"
	"sort"
	"sync"

	tea "github.com/charmbracelet/bubbletea"

	"superdash/api"
	"superdash/journal"
	"superdash/ui/common"
)

// bulkEventMsg is one event of a bulk run: a request about to go out, one
// withdrawn (the run was stopped in between), one ended, or the end of
// the run. Exactly one field besides run and events is set.
type bulkEventMsg struct {
	run       int
	events    <-chan tea.Msg
	sent      string  // the job whose request is going out
	withdrawn string  // the job whose request, announced, was not sent after all
	result    *result // a request that ended
	ended     bool    // every request sent has ended; nothing more comes
}

// bulkRun is the state of the run in progress, or of the last one.
type bulkRun struct {
	id    int
	plan  plan // what the dialog showed
	total int  // jobs to send to
	stop  context.CancelFunc

	stopping bool // esc: nothing more is sent
	ended    bool
	sent     int // requests that went out
	finished int // requests that ended

	done                     int
	refused, failed, unknown reasons
	failedKeys               []string        // the jobs a retry asks about
	unsupported              bool            // the host lacks the action: a stand-in may be offered
	doneKeys                 map[string]bool // the jobs the action was done to
	unmarked                 int             // marks dropped: of the jobs the action was done to
	journalFailures          int
	journalErr               string // the first journal failure
	// blocked is the journal's error when it could not record a request
	// before it was to go out, which stopped the run; "" if it did not.
	blocked string
}

// reasons counts results by reason, in the order reasons first came, and
// keeps the jobs of each.
type reasons struct {
	n     int
	order []string
	count map[string]int
	keys  map[string][]string
}

func (r *reasons) add(reason, key string) {
	r.n++
	if r.count == nil {
		r.count, r.keys = map[string]int{}, map[string][]string{}
	}
	if r.count[reason] == 0 {
		r.order = append(r.order, reason)
	}
	r.count[reason]++
	r.keys[reason] = append(r.keys[reason], key)
}

// top lists the reasons, most frequent first.
func (r reasons) top() []string {
	out := append([]string(nil), r.order...)
	sort.SliceStable(out, func(i, j int) bool { return r.count[out[i]] > r.count[out[j]] })
	return out
}

// startBulk starts the run the user said yes to, on keys.
func (m *Model) startBulk(p plan, keys []string, jobs Jobs) tea.Cmd {
	m.runs++
	stopCtx, stop := context.WithCancel(m.life)
	m.bulk = bulkRun{id: m.runs, plan: p, total: len(keys), stop: stop}
	m.overlay = overlayProgress
	return runBulk(m.life, stopCtx, stop, m.env(jobs.App.UUID), p.action, keys, m.bulk.id, m.workers)
}

// runBulk sends a to every job of keys with workers requests at a time,
// until the keys run out or stopCtx ends. Requests already out are not
// interrupted by a stop (only by life ending, when the dashboard quits):
// they finish, are read back and are recorded. A host that turns out to
// lack the action, or to refuse the key, stops the run: every other
// request would get the same answer.
func runBulk(life, stopCtx context.Context, stop context.CancelFunc, e env, a *Action, keys []string, run, workers int) tea.Cmd {
	return func() tea.Msg {
		events := make(chan tea.Msg)
		go func() {
			defer close(events)
			emit := func(ev bulkEventMsg) {
				ev.run, ev.events = run, events
				select {
				case events <- ev:
				case <-life.Done():
				}
			}
			work := make(chan string)
			var wg sync.WaitGroup
			for range max(workers, 1) {
				wg.Go(func() {
					for key := range work {
						if stopCtx.Err() != nil {
							continue // stopped after the handover: never sent
						}
						emit(bulkEventMsg{sent: key})
						// Handing the event over may have waited for the
						// screen: a stop meanwhile still keeps it unsent.
						if stopCtx.Err() != nil {
							emit(bulkEventMsg{withdrawn: key})
							continue
						}
						res := send(life, e, a, key)
						// Every other request would get the same answer, or,
						// for the journal, could not be recorded either.
						if res.EndsRun() {
							stop()
						}
						emit(bulkEventMsg{result: &res})
					}
				})
			}
		dispatch:
			for _, key := range keys {
				select {
				case work <- key:
				case <-stopCtx.Done():
					break dispatch
				}
			}
			close(work)
			wg.Wait()
			emit(bulkEventMsg{ended: true})
		}()
		return common.NextMsg(events)()
	}
}

// onBulkEvent takes in one event of the run. Results are merged into the
// store as they come, but the table, hidden behind the progress, is
// sorted again only when the run ends: not once per job.
func (m *Model) onBulkEvent(msg bulkEventMsg, jobs Jobs) (Effect, tea.Cmd) {
	b := &m.bulk
	if msg.run != b.id {
		if msg.ended {
			return Effect{}, nil
		}
		return Effect{}, common.NextMsg(msg.events) // an older run's: let it drain
	}
	a := b.plan.action
	switch {
	case msg.sent != "":
		b.sent++
		m.inFlight[msg.sent] = a
		jobs.Table.SetPending(msg.sent, a.InFlight)
	case msg.withdrawn != "":
		b.sent--
		delete(m.inFlight, msg.withdrawn)
		jobs.Table.ClearPending(msg.withdrawn)
	case msg.result != nil:
		res := *msg.result
		b.record(res)
		m.unmarkDone(res)
		delete(m.inFlight, res.Key)
		jobs.Table.ClearPending(res.Key)
		m.merge(res, jobs)
	case msg.ended:
		b.ended = true
		b.stop()
		m.showMarks(jobs.Table)
		m.overlay = overlaySummary
		return Effect{Refresh: true, Journal: true}, nil
	}
	return Effect{}, common.NextMsg(msg.events)
}

// record counts one result. A request the journal could not record was
// not sent after all: it counts among those not sent.
func (b *bulkRun) record(res result) {
	if res.Unrecorded != nil {
		b.sent--
		if b.blocked == "" {
			b.blocked = res.Unrecorded.Error()
		}
		return
	}
	b.finished++
	switch res.Outcome {
	case journal.OutcomeDone:
		b.done++
		if b.doneKeys == nil {
			b.doneKeys = map[string]bool{}
		}
		b.doneKeys[res.Key] = true
	case journal.OutcomeRefused:
		b.refused.add(res.groupReason(), res.Key)
		b.unsupported = b.unsupported || api.IsUnsupported(res.Err)
	case journal.OutcomeUnknown:
		b.unknown.add(res.groupReason(), res.Key)
	default:
		b.failed.add(res.groupReason(), res.Key)
		b.failedKeys = append(b.failedKeys, res.Key)
	}
	if res.JournalErr != nil {
		b.journalFailures++
		if b.journalErr == "" {
			b.journalErr = res.JournalErr.Error()
		}
	}
}

// unmarkDone drops the mark of a job the action was done to: it needs no
// second go. The refused, the failed and the unknown keep theirs, so that
// acting on them again is one key away.
func (m *Model) unmarkDone(res result) {
	if res.Unrecorded != nil || res.Outcome != journal.OutcomeDone {
		return
	}
	if _, ok := m.marks[res.Key]; ok {
		delete(m.marks, res.Key)
		m.bulk.unmarked++
	}
}

// standIns are the jobs of the run to offer a stand-in for when the host
// lacks the action: every one it was not done to, sent or not (the run
// stops at the first such refusal).
func (b bulkRun) standIns() []string {
	if !b.unsupported {
		return nil
	}
	var keys []string
	for _, k := range b.plan.keys {
		if !b.doneKeys[k] {
			keys = append(keys, k)
		}
	}
	return insteadOf(b.plan.action, keys...)
}

// unsuccessful lists the jobs the run did not act on for sure: refused,
// failed, outcome unknown; what y copies from the summary.
func (b bulkRun) unsuccessful() []string {
	var keys []string
	for _, r := range []reasons{b.refused, b.failed, b.unknown} {
		for _, reason := range r.order {
			keys = append(keys, r.keys[reason]...)
		}
	}
	return keys
}

// stopBulk stops sending. The requests out finish and are recorded; the
// summary follows when they have.
func (m *Model) stopBulk() {
	b := &m.bulk
	if b.stopping || b.ended {
		return
	}
	b.stopping = true
	b.stop()
}

// retryFailed asks again, in a new dialog with a new preview, about the
// jobs of the last run that failed: not those refused (the API said no),
// nor those whose outcome is unknown (they may have been acted on).
func (m *Model) retryFailed(jobs Jobs) Effect {
	b := m.bulk
	if len(b.failedKeys) == 0 {
		return Effect{Notice: "no job failed: nothing to retry"}
	}
	m.overlay = overlayNone
	return m.askBulk(b.plan.action, b.failedKeys, true, jobs)
}
