package ui

// A bulk run sends one action to many jobs, a few requests at a time, from
// a goroutine pool started by a command. Like a sync it streams what
// happens back through a channel, one message at a time: each request as
// it goes out (its row says so) and as it ends (the job read back is
// merged). Esc stops the sending: what was sent stays sent and is
// recorded, what was not is not sent. The run ends with a summary, from
// which the failed jobs alone can be asked about again.

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"superdash/api"
	"superdash/journal"
	"superdash/keymap"
	"superdash/sanitize"
	"superdash/ui/common"
)

// bulkEventMsg is one event of a bulk run: a request about to go out, one
// withdrawn (the run was stopped in between), one ended, or the end of
// the run. Exactly one field besides run and events is set.
type bulkEventMsg struct {
	run       int
	events    <-chan tea.Msg
	sent      string        // the job whose request is going out
	withdrawn string        // the job whose request, announced, was not sent after all
	result    *actionResult // a request that ended
	ended     bool          // every request sent has ended; nothing more comes
}

// bulkRun is the state of the run in progress, or of the last one.
type bulkRun struct {
	id    int
	plan  actionPlan // what the dialog showed
	total int        // jobs to send to
	stop  context.CancelFunc

	stopping bool // esc: nothing more is sent
	ended    bool
	sent     int // requests that went out
	finished int // requests that ended

	done                     int
	refused, failed, unknown reasons
	failedKeys               []string // the jobs a retry asks about
	journalFailures          int
	journalErr               string // the first journal failure
	// blocked is the journal's error when it could not record a request
	// before it was to go out, which stopped the run; "" if it did not.
	blocked string
}

// reasons counts results by reason, in the order reasons first came.
type reasons struct {
	n     int
	order []string
	count map[string]int
}

func (r *reasons) add(reason string) {
	r.n++
	if r.count == nil {
		r.count = map[string]int{}
	}
	if r.count[reason] == 0 {
		r.order = append(r.order, reason)
	}
	r.count[reason]++
}

// top lists the reasons, most frequent first.
func (r reasons) top() []string {
	out := append([]string(nil), r.order...)
	sort.SliceStable(out, func(i, j int) bool { return r.count[out[i]] > r.count[out[j]] })
	return out
}

// startBulk starts the run the user said yes to, on keys.
func (m *Model) startBulk(p actionPlan, keys []string) tea.Cmd {
	m.acts.runs++
	stopCtx, stop := context.WithCancel(m.life)
	m.acts.bulk = bulkRun{id: m.acts.runs, plan: p, total: len(keys), stop: stop}
	m.acts.overlay = overlayProgress
	return runBulk(m.life, stopCtx, stop, m.actionEnv(), p.action, keys, m.acts.bulk.id, m.acts.workers)
}

// runBulk sends a to every job of keys with workers requests at a time,
// until the keys run out or stopCtx ends. Requests already out are not
// interrupted by a stop (only by life ending, when the dashboard quits):
// they finish, are read back and are recorded. A host that turns out to
// lack restart, or to refuse the key, stops the run: every other request
// would get the same answer.
func runBulk(life, stopCtx context.Context, stop context.CancelFunc, env actionEnv, a action, keys []string, run, workers int) tea.Cmd {
	return func() tea.Msg {
		events := make(chan tea.Msg)
		go func() {
			defer close(events)
			send := func(ev bulkEventMsg) {
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
						send(bulkEventMsg{sent: key})
						// Handing the event over may have waited for the
						// screen: a stop meanwhile still keeps it unsent.
						if stopCtx.Err() != nil {
							send(bulkEventMsg{withdrawn: key})
							continue
						}
						res := runAction(life, env, a, key)
						// Every other request would get the same answer, or,
						// for the journal, could not be recorded either.
						if api.IsUnsupported(res.err) || api.IsUnauthorized(res.err) || res.unrecorded != nil {
							stop()
						}
						send(bulkEventMsg{result: &res})
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
			send(bulkEventMsg{ended: true})
		}()
		msg, ok := <-events
		if !ok {
			return nil // the dashboard quit first
		}
		return msg
	}
}

// onBulkEvent takes in one event of the run. Results are merged into the
// store as they come, but the table, hidden behind the progress, is
// sorted again only when the run ends: not once per job.
func (m *Model) onBulkEvent(msg bulkEventMsg) tea.Cmd {
	b := &m.acts.bulk
	if msg.run != b.id {
		if msg.ended {
			return nil
		}
		return common.NextMsg(msg.events) // an older run's: let it drain
	}
	a := b.plan.action
	switch {
	case msg.sent != "":
		b.sent++
		m.acts.inFlight[msg.sent] = a
		m.table.SetPending(msg.sent, a.inFlight())
	case msg.withdrawn != "":
		b.sent--
		delete(m.acts.inFlight, msg.withdrawn)
		m.table.ClearPending(msg.withdrawn)
	case msg.result != nil:
		res := *msg.result
		b.record(res)
		delete(m.acts.inFlight, res.key)
		m.table.ClearPending(res.key)
		m.mergeResult(res)
	case msg.ended:
		b.ended = true
		b.stop()
		m.acts.overlay = overlaySummary
		cmds := []tea.Cmd{m.refreshRows()}
		if m.screen == screenJournal {
			cmds = append(cmds, m.loadJournal())
		}
		return tea.Batch(cmds...)
	}
	return common.NextMsg(msg.events)
}

// record counts one result. A request the journal could not record was
// not sent after all: it counts among those not sent.
func (b *bulkRun) record(res actionResult) {
	if res.unrecorded != nil {
		b.sent--
		if b.blocked == "" {
			b.blocked = res.unrecorded.Error()
		}
		return
	}
	b.finished++
	switch res.outcome {
	case journal.OutcomeDone:
		b.done++
	case journal.OutcomeRefused:
		b.refused.add(res.groupReason())
	case journal.OutcomeUnknown:
		b.unknown.add(res.groupReason())
	default:
		b.failed.add(res.groupReason())
		b.failedKeys = append(b.failedKeys, res.key)
	}
	if res.journalErr != nil {
		b.journalFailures++
		if b.journalErr == "" {
			b.journalErr = res.journalErr.Error()
		}
	}
}

// stopBulk stops sending. The requests out finish and are recorded; the
// summary follows when they have.
func (m *Model) stopBulk() {
	b := &m.acts.bulk
	if b.stopping || b.ended {
		return
	}
	b.stopping = true
	b.stop()
}

// retryFailed asks again, in a new dialog with a new preview, about the
// jobs of the last run that failed: not those refused (the API said no),
// nor those whose outcome is unknown (they may have been acted on).
func (m *Model) retryFailed() tea.Cmd {
	b := m.acts.bulk
	if m.opts.ReadOnly {
		m.notice = readOnlyNotice
		return nil
	}
	if len(b.failedKeys) == 0 {
		m.notice = "no job failed: nothing to retry"
		return nil
	}
	m.acts.overlay = overlayNone
	m.askBulk(b.plan.action, b.failedKeys, true)
	return nil
}

// overlayView draws the dialog, the progress or the summary, centred in
// the body.
func (m Model) overlayView(body rect) string {
	var box string
	switch m.acts.overlay {
	case overlayConfirm:
		box = m.acts.dialog.View()
	case overlayProgress:
		box = m.panel(m.progressLines())
	case overlaySummary:
		box = m.panel(m.summaryLines())
	}
	return lipgloss.Place(body.w, body.h, lipgloss.Center, lipgloss.Center, box)
}

// panel frames lines as the dialogs are framed; the first line is the
// title.
func (m Model) panel(lines []string) string {
	s := m.c.Styles
	inner := dialogWidth(m.bodyRect().w) - 4
	for i, l := range lines {
		lines[i] = common.Cut(l, inner)
	}
	lines[0] = s.PaneTitle.Render(lines[0])
	return s.PaneBorderFocused.Padding(0, 1).Width(inner + 2).Render(strings.Join(lines, "\n"))
}

func (m Model) progressLines() []string {
	b := m.acts.bulk
	s := m.c.Styles
	a := b.plan.action
	title := fmt.Sprintf("%s %s %s", a.progressive(), common.Thousands(b.total), common.Plural(b.total, "job"))
	bar := m.loadBar
	bar.Width = dialogWidth(m.bodyRect().w) - 4 - len(" 100%")
	pct := 0.0
	if b.total > 0 {
		pct = float64(b.finished) / float64(b.total)
	}
	lines := []string{
		title,
		"",
		bar.ViewAs(pct) + fmt.Sprintf(" %3d%%", int(pct*100)),
		fmt.Sprintf("%s of %s sent · %d in flight", common.Thousands(b.sent), common.Thousands(b.total), b.sent-b.finished),
		fmt.Sprintf("done %s · refused %s · failed %s · unknown %s",
			common.Thousands(b.done), common.Thousands(b.refused.n), common.Thousands(b.failed.n), common.Thousands(b.unknown.n)),
		"",
	}
	if b.stopping {
		lines = append(lines, s.Warning.Render(fmt.Sprintf("stopped: nothing more is sent; waiting for the %d in flight", b.sent-b.finished)))
	} else {
		lines = append(lines, s.Faint.Render("esc stops sending: what was sent stays sent, the rest is not sent"))
	}
	return lines
}

// summaryLines say what the run did: done, refused with the API's
// reasons, failed with theirs, unknown, not sent, skipped, and whether
// the journal has it all.
func (m Model) summaryLines() []string {
	b := m.acts.bulk
	s := m.c.Styles
	a := b.plan.action
	state := "finished"
	if b.sent < b.total {
		state = "stopped"
	}
	lines := []string{
		fmt.Sprintf("%s: %s of %s %s %s (%s)", a.title(), common.Thousands(b.done), common.Thousands(b.total), common.Plural(b.total, "job"), a.past(), state),
		"",
		count("done", b.done, ""),
	}
	for _, group := range []struct {
		name string
		r    reasons
		note string
	}{
		{"refused", b.refused, ""},
		{"failed", b.failed, ""},
		{"unknown", b.unknown, "(re-read; never resent)"},
	} {
		if group.r.n == 0 && group.name == "unknown" {
			continue
		}
		lines = append(lines, count(group.name, group.r.n, group.note))
		for i, reason := range group.r.top() {
			if i == 3 {
				lines = append(lines, s.Faint.Render(fmt.Sprintf("    and %d more reasons", len(group.r.order)-3)))
				break
			}
			lines = append(lines, fmt.Sprintf("    %s × %s", common.Thousands(group.r.count[reason]), sanitize.Line(reason)))
		}
	}
	if notSent := b.total - b.sent; notSent > 0 {
		why := "(stopped before they were sent)"
		if b.blocked != "" {
			why = "(the journal could not record them first)"
		}
		lines = append(lines, count("not sent", notSent, why))
	}
	if n := b.plan.skippedTotal(); n > 0 {
		lines = append(lines, count("skipped", n, "(before sending: "+skipText(b.plan)+")"))
	}
	lines = append(lines, "")
	if b.journalFailures > 0 {
		lines = append(lines, s.Error.Render(fmt.Sprintf("journal: %d %s NOT RECORDED: %s",
			b.journalFailures, common.Plural(b.journalFailures, "action"), sanitize.Line(b.journalErr))))
	} else {
		lines = append(lines, s.Faint.Render(fmt.Sprintf("journal: %s %s recorded (L shows the journal)", common.Thousands(b.sent), common.Plural(b.sent, "action"))))
	}
	if b.blocked != "" {
		// Whole, over several lines: the cause is at the end of the path.
		inner := dialogWidth(m.bodyRect().w) - 4
		for l := range strings.SplitSeq(ansi.Wrap(sanitize.Line(b.blocked), inner, " /"), "\n") {
			lines = append(lines, s.Error.Render(l))
		}
	}
	return lines
}

func count(name string, n int, note string) string {
	line := fmt.Sprintf("%-9s %6s", name, common.Thousands(n))
	if note != "" {
		line += "  " + note
	}
	return line
}

// overlayHelp is the help of what the overlay shows.
func (m Model) overlayHelp() keymap.Help {
	k := m.c.Keys
	switch m.acts.overlay {
	case overlayProgress:
		return k.ProgressHelp()
	case overlaySummary:
		if len(m.acts.bulk.failedKeys) == 0 {
			k.Bulk.Retry.SetEnabled(false)
		}
		return k.SummaryHelp()
	}
	return k.DialogHelp()
}
