package ui

// Cancel and restart. Nothing is sent without an explicit yes in a dialog
// that opens on "No" and says exactly what will happen. In the action's
// command, the journal records the request before it is sent (never
// anything sent without a record), the request is sent once, its result
// re-reads the job from the API and merges it like any sync, and the
// journal records how it ended.
// After a timeout the client has already read the job again, and nothing
// is resent: the user decides with fresh facts, through a fresh dialog.

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"superdash/api"
	"superdash/journal"
	"superdash/model"
	"superdash/ui/common"
	"superdash/ui/confirm"
)

// action is what can be done to a job.
type action int

const (
	actCancel action = iota
	actRestart
)

// String is the action as the journal records it.
func (a action) String() string {
	if a == actRestart {
		return "restart"
	}
	return "cancel"
}

func (a action) title() string {
	if a == actRestart {
		return "Restart"
	}
	return "Cancel"
}

// past is the action done: "canceled" (one L, as the API spells it).
func (a action) past() string {
	if a == actRestart {
		return "restarted"
	}
	return "canceled"
}

// inFlight labels a row while its request is out.
func (a action) inFlight() string {
	if a == actRestart {
		return "restarting…"
	}
	return "canceling…"
}

// progressive titles a bulk run's progress.
func (a action) progressive() string {
	if a == actRestart {
		return "Restarting"
	}
	return "Canceling"
}

// allows reports whether the API takes the action in status s.
func (a action) allows(s model.Status) bool {
	if a == actRestart {
		return s.Restartable()
	}
	return s.Cancellable()
}

// allowed names the statuses the action is for, for the user.
func (a action) allowed() string {
	if a == actRestart {
		return "FAILED, CANCELED or EXPIRED"
	}
	return "SCHEDULED, IN_PROGRESS or SUSPENDED"
}

// allowedWord is the adjective of the jobs the action is for.
func (a action) allowedWord() string {
	if a == actRestart {
		return "restartable"
	}
	return "cancellable"
}

// consequence says in a line what yes does.
func (a action) consequence(n int) string {
	them := "this job"
	if n > 1 {
		them = "these jobs"
	}
	if a == actRestart {
		return "The API will be asked to restart " + them + ": each runs again from the start."
	}
	return "The API will be asked to cancel " + them + ". This cannot be undone."
}

// overlay is what sits over the jobs screen and has the keyboard.
type overlay int

const (
	overlayNone     overlay = iota
	overlayConfirm          // a dialog asks before an action
	overlayProgress         // a bulk run is sending
	overlaySummary          // a bulk run is over: what it did
)

// bulkWorkers is how many requests a bulk run has out at once: a few,
// so that a thousand jobs take minutes rather than an hour, without
// hammering the API.
const bulkWorkers = 4

// typeToConfirmAbove is the size of a bulk action above which the count
// must be typed: past it, a slip of the finger costs too much.
const typeToConfirmAbove = 100

// readOnlyNotice answers an action key in read-only mode.
const readOnlyNotice = "read-only: cancel and restart are off (--read-only or read_only in the config)"

// actionState is everything about actions, held by the root model.
type actionState struct {
	overlay overlay
	dialog  confirm.Model
	plan    actionPlan // what yes in the dialog does

	inFlight  map[string]action // jobs whose request is out, by key
	bulk      bulkRun           // the running bulk run, or the last one
	runs      int               // bulk runs started: tells their events apart
	workers   int               // requests out at once in a bulk run
	noRestart bool              // the host answered that it offers no restart

	journal *journal.Journal
}

func newActionState(journalPath string) actionState {
	return actionState{
		inFlight: map[string]action{},
		workers:  bulkWorkers,
		journal:  journal.Open(journalPath),
	}
}

// actionPlan is what a dialog proposes: which jobs, and why others are
// left out. It is computed from the store as the dialog opens.
type actionPlan struct {
	action action
	keys   []string // the jobs yes acts on, in order
	single bool     // the job under the cursor, not marked ones
	retry  bool     // the failed jobs of the last bulk run
	asked  int      // jobs considered (marked, or failed)

	// The statuses of the jobs acted on and of those skipped because the
	// action does not apply to them, and the other reasons to skip.
	acted, skipped common.StatusTally
	gone, busy     int // no longer listed; an action already in flight
}

// skippedTotal is how many of the considered jobs yes leaves alone.
func (p actionPlan) skippedTotal() int {
	return p.skipped.Total(func(model.Status) bool { return true }) + p.gone + p.busy
}

// onJobActionKey handles cancel and restart, from the table or the detail
// pane. ok is false when the key is neither.
func (m *Model) onJobActionKey(msg tea.KeyMsg) (cmd tea.Cmd, ok bool) {
	k := m.c.Keys.Table
	switch {
	case key.Matches(msg, k.Cancel):
		return m.ask(actCancel), true
	case key.Matches(msg, k.Restart):
		return m.ask(actRestart), true
	case m.opts.ReadOnly && boundTo(msg, k.Cancel, k.Restart):
		m.notice = readOnlyNotice
		return nil, true
	}
	return nil, false
}

// ask opens the dialog for a on the marked jobs if there are any, else on
// the job under the cursor, or says in one line why there is nothing to
// ask.
func (m *Model) ask(a action) tea.Cmd {
	switch {
	case m.opts.ReadOnly:
		m.notice = readOnlyNotice
	case a == actRestart && m.acts.noRestart:
		m.notice = fmt.Sprintf("this API host (%s) does not offer restart: nothing sent", m.client.Host())
	case len(m.marks) > 0:
		m.askBulk(a, m.markedKeys(), false)
	default:
		m.askOne(a)
	}
	return nil
}

// askOne opens the dialog for a on the job under the cursor.
func (m *Model) askOne(a action) {
	job, ok := m.table.Selected()
	if !ok {
		m.notice = "no job selected"
		return
	}
	key := job.Key()
	if prev, busy := m.acts.inFlight[key]; busy {
		m.notice = fmt.Sprintf("job %s: a %s is already in flight", key, prev)
		return
	}
	if !a.allows(job.Status) {
		m.notice = fmt.Sprintf("job %s is %s: only %s jobs can be %s; nothing sent", key, job.Status, a.allowed(), a.past())
		return
	}
	id := key
	if job.UUID != "" && job.UUID != key {
		id += "  (uuid " + job.UUID + ")"
	}
	body := []string{
		"job      " + id,
		"status   " + string(job.Status),
		"app      " + m.appLabel(),
		"host     " + m.client.Host(),
		"",
		a.consequence(1),
	}
	m.openDialog(actionPlan{action: a, keys: []string{key}, single: true, asked: 1}, confirm.Options{
		Title:    fmt.Sprintf("%s job %s?", a.title(), key),
		Body:     body,
		YesLabel: "Yes, " + a.String(),
	})
}

// appLabel names the app for a dialog: its name and id.
func (m *Model) appLabel() string {
	if m.app.Name != "" && m.app.Name != m.app.UUID {
		return m.app.Name + "  (" + m.app.UUID + ")"
	}
	return m.app.UUID
}

// plan sorts keys into those a applies to now and those it does not.
func (m *Model) plan(a action, keys []string, retry bool) actionPlan {
	p := actionPlan{action: a, retry: retry, asked: len(keys)}
	for _, key := range keys {
		job, ok := m.store.Get(key)
		switch {
		case !ok:
			p.gone++
		case !a.allows(job.Status):
			p.skipped.Add(job.Status)
		case m.busy(key):
			p.busy++
		default:
			p.acted.Add(job.Status)
			p.keys = append(p.keys, key)
		}
	}
	p.acted.Sort()
	p.skipped.Sort()
	return p
}

func (m *Model) busy(key string) bool {
	_, ok := m.acts.inFlight[key]
	return ok
}

// askBulk opens the dialog for a on keys (the marked jobs, or the failed
// ones of the last run), with a preview: how many will be acted on, how
// many skipped and why.
func (m *Model) askBulk(a action, keys []string, retry bool) {
	p := m.plan(a, keys, retry)
	what := common.Plural(p.asked, "marked job")
	if retry {
		what = common.Plural(p.asked, "job") + " that failed"
	}
	if len(p.keys) == 0 {
		m.notice = fmt.Sprintf("none of the %s %s can be %s now (%s); nothing sent", common.Thousands(p.asked), what, a.past(), skipText(p))
		return
	}
	title := fmt.Sprintf("%s %s %s?", a.title(), common.Thousands(len(p.keys)), what)
	if len(p.keys) < p.asked {
		title = fmt.Sprintf("%s %s of %s %s?", a.title(), common.Thousands(len(p.keys)), common.Thousands(p.asked), what)
	}
	body := []string{
		"app      " + m.appLabel(),
		"host     " + m.client.Host(),
		"",
		fmt.Sprintf("%-13s%6s   %s", "will "+a.String(), common.Thousands(len(p.keys)), tallyText(p.acted)),
	}
	if n := p.skippedTotal(); n > 0 {
		// One line per reason, the first beside the total.
		var why []string
		if len(p.skipped) > 0 {
			why = append(why, tallyText(p.skipped)+" (not "+a.allowedWord()+")")
		}
		if p.gone > 0 {
			why = append(why, common.Thousands(p.gone)+" no longer listed")
		}
		if p.busy > 0 {
			why = append(why, common.Thousands(p.busy)+" already being acted on")
		}
		body = append(body, fmt.Sprintf("%-13s%6s   %s", "will skip", common.Thousands(n), why[0]))
		for _, w := range why[1:] {
			body = append(body, strings.Repeat(" ", 13+6+3)+w)
		}
		if len(p.skipped) > 0 {
			body = append(body, "", fmt.Sprintf("Only %s jobs can be %s.", a.allowed(), a.past()))
		}
	}
	body = append(body, "",
		fmt.Sprintf("%d %s at a time; esc stops sending (what was sent stays sent).", m.acts.workers, common.Plural(m.acts.workers, "request")),
		a.consequence(len(p.keys)))
	opts := confirm.Options{
		Title:    title,
		Body:     body,
		YesLabel: fmt.Sprintf("Yes, %s %s", a.String(), common.Thousands(len(p.keys))),
	}
	if len(p.keys) > typeToConfirmAbove {
		opts.TypeToConfirm = len(p.keys)
	}
	m.openDialog(p, opts)
}

// tallyText is a tally as "SCHEDULED 80, IN_PROGRESS 40".
func tallyText(t common.StatusTally) string {
	parts := make([]string, len(t))
	for i, sc := range t {
		parts[i] = string(sc.Status) + " " + common.Thousands(sc.Count)
	}
	return strings.Join(parts, ", ")
}

// skipText is why a plan acts on nothing.
func skipText(p actionPlan) string {
	var parts []string
	if len(p.skipped) > 0 {
		parts = append(parts, tallyText(p.skipped))
	}
	if p.gone > 0 {
		parts = append(parts, "no longer listed "+common.Thousands(p.gone))
	}
	if p.busy > 0 {
		parts = append(parts, "already in flight "+common.Thousands(p.busy))
	}
	return strings.Join(parts, ", ")
}

func (m *Model) openDialog(p actionPlan, opts confirm.Options) {
	m.acts.plan = p
	m.acts.dialog = confirm.New(m.c, opts)
	m.acts.dialog.SetWidth(dialogWidth(m.bodyRect().w))
	m.acts.overlay = overlayConfirm
}

// dialogWidth is the width of a dialog or panel on a body w cells wide.
func dialogWidth(w int) int { return min(w-4, 76) }

// onOverlayKey gives a key to the dialog, the progress or the summary.
func (m Model) onOverlayKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := m.c.Keys
	switch m.acts.overlay {
	case overlayConfirm:
		var choice confirm.Choice
		var cmd tea.Cmd
		m.acts.dialog, choice, cmd = m.acts.dialog.Update(msg)
		switch choice {
		case confirm.No:
			m.acts.overlay = overlayNone
			m.notice = "nothing sent"
			return m, nil
		case confirm.Yes:
			m.acts.overlay = overlayNone
			return m, m.confirmed()
		}
		return m, cmd
	case overlayProgress:
		if key.Matches(msg, k.Bulk.Stop) {
			m.stopBulk()
		}
	case overlaySummary:
		switch {
		case key.Matches(msg, k.Bulk.Retry):
			return m, m.retryFailed()
		case m.opts.ReadOnly && boundTo(msg, k.Bulk.Retry):
			m.notice = readOnlyNotice
		case key.Matches(msg, k.Bulk.Close):
			m.acts.overlay = overlayNone
			return m, m.refreshRows()
		case key.Matches(msg, k.Global.Quit):
			return m.quit()
		}
	}
	return m, nil
}

// confirmed carries out the plan the user said yes to, on the planned jobs
// that still allow it: the store may have moved while the dialog was open,
// and a job is never acted on that the dialog did not count.
func (m *Model) confirmed() tea.Cmd {
	p := m.acts.plan
	if m.opts.ReadOnly {
		m.notice = readOnlyNotice
		return nil
	}
	var keys []string
	for _, key := range p.keys {
		if job, ok := m.store.Get(key); ok && p.action.allows(job.Status) && !m.busy(key) {
			keys = append(keys, key)
		}
	}
	switch {
	case len(keys) == 0 && p.single:
		status := model.Status("no longer listed")
		if job, ok := m.store.Get(p.keys[0]); ok {
			status = job.Status
		}
		m.notice = fmt.Sprintf("job %s is now %s: nothing sent", p.keys[0], status)
		return nil
	case len(keys) == 0:
		m.notice = fmt.Sprintf("none of the jobs can be %s any more: nothing sent", p.action.past())
		return nil
	case p.single:
		return m.sendOne(p.action, keys[0])
	}
	return m.startBulk(p, keys)
}

// actionEnv is what an action's command needs, copied out of the model.
type actionEnv struct {
	client  *api.Client
	journal *journal.Journal
	now     func() time.Time
	app     string // the app's id
}

func (m *Model) actionEnv() actionEnv {
	return actionEnv{client: m.client, journal: m.acts.journal, now: m.c.Now, app: m.app.UUID}
}

// actionDoneMsg ends a single action.
type actionDoneMsg struct{ res actionResult }

// sendOne sends a to one job; the row says so until the answer is in.
func (m *Model) sendOne(a action, key string) tea.Cmd {
	m.acts.inFlight[key] = a
	m.table.SetPending(key, a.inFlight())
	ctx, env := m.life, m.actionEnv()
	return func() tea.Msg { return actionDoneMsg{res: runAction(ctx, env, a, key)} }
}

// actionResult is how one action ended.
type actionResult struct {
	action  action
	app     string
	key     string
	outcome string    // a journal.Outcome…
	job     model.Job // as the API now has it; zero when it could not be read
	err     error
	// unrecorded is why the journal could not record the request before
	// it was to go out; it was then not sent.
	unrecorded error
	// journalErr is why the journal could not record the action, if so.
	journalErr error
}

// runAction records that a is about to be sent to the job, sends it once,
// reads the job again, and records how it ended. It runs in a command,
// never in Update. The request goes out only once the journal holds it
// (written and synced), so that no crash can leave the API with an
// action the journal lacks; if the journal cannot record it, nothing is
// sent. A dashboard without a journal file (no home directory) acts all
// the same, and each result says it was not recorded.
//
// A bug that panics here is reported as the action's outcome, unknown
// (the request may have gone out), instead of killing the dashboard from
// a goroutine the crash guard cannot see.
func runAction(ctx context.Context, env actionEnv, a action, key string) (res actionResult) {
	defer func() {
		if r := recover(); r != nil {
			res = actionResult{action: a, app: env.app, key: key, outcome: journal.OutcomeUnknown, err: api.PanicError(r)}
		}
	}()
	req := journal.Request{Time: env.now(), Host: env.client.Host(), App: env.app, JobID: key, Action: a.String()}
	entry, journalErr := env.journal.Sending(req)
	if journalErr != nil && !errors.Is(journalErr, journal.ErrNoPath) {
		return actionResult{
			action: a, app: env.app, key: key, outcome: journal.OutcomeFailed, unrecorded: journalErr,
			err: fmt.Errorf("nothing sent: the journal could not record it first: %w", journalErr),
		}
	}
	var job model.Job
	var err error
	if a == actRestart {
		job, err = env.client.RestartJob(ctx, key)
	} else {
		job, err = env.client.CancelJob(ctx, key)
	}
	res = actionResult{action: a, app: env.app, key: key, outcome: classify(err), err: err}
	switch res.outcome {
	case journal.OutcomeDone, journal.OutcomeFailed:
		// Read the job again: the row must show what the API now says,
		// not what the answer implied. A refusal changed nothing, and
		// after an unknown outcome the client has already read it.
		if again, rerr := env.client.GetJob(ctx, key); rerr == nil {
			job = again
		}
	}
	res.job = job
	if journalErr == nil {
		journalErr = env.journal.Outcome(entry, req, journal.Result{
			Time:    env.now(),
			Outcome: res.outcome,
			Status:  string(job.Status),
			Message: api.Reason(res.err),
		})
	}
	res.journalErr = journalErr
	return res
}

// classify sorts an action's error into the journal's outcomes.
func classify(err error) string {
	switch {
	case err == nil:
		return journal.OutcomeDone
	case api.IsOutcomeUnknown(err):
		return journal.OutcomeUnknown
	case api.IsRefused(err):
		return journal.OutcomeRefused // the API said no, and why
	}
	return journal.OutcomeFailed
}

// groupReason is the reason with the job's id taken out, so that the same
// refusal of many jobs counts as one reason in a summary.
func (r actionResult) groupReason() string {
	re := regexp.MustCompile(`\b` + regexp.QuoteMeta(r.key) + `\b`)
	return re.ReplaceAllLiteralString(api.Reason(r.err), "<id>")
}

// notice is the one line that reports a single action.
func (r actionResult) notice() string {
	var text string
	switch r.outcome {
	case journal.OutcomeDone:
		text = fmt.Sprintf("job %s %s", r.key, r.action.past())
		if r.job.Status != "" {
			text += ": now " + string(r.job.Status)
		}
	case journal.OutcomeUnknown:
		// Short enough for one line; the journal keeps the client's
		// full account.
		cause := "the connection failed"
		if api.IsTimeout(r.err) {
			cause = "no answer in time"
		}
		status := "could not be read again"
		if r.job.Status != "" {
			status = "read again: " + string(r.job.Status)
		}
		text = fmt.Sprintf("job %s: not known whether it was %s (%s); %s; not sent again", r.key, r.action.past(), cause, status)
	default:
		text = fmt.Sprintf("job %s not %s: %s", r.key, r.action.past(), api.Reason(r.err))
	}
	if r.journalErr != nil {
		text += " · NOT RECORDED in the journal: " + r.journalErr.Error()
	}
	return text
}

// onActionDone takes in a single action's result: the row loses its
// label, the job as re-read goes into the store, the footer says how it
// went.
func (m *Model) onActionDone(res actionResult) tea.Cmd {
	delete(m.acts.inFlight, res.key)
	m.table.ClearPending(res.key)
	m.notice = res.notice() // the footer sanitises it
	var cmds []tea.Cmd
	if m.mergeResult(res) {
		cmds = append(cmds, m.refreshRows())
	}
	if m.screen == screenJournal {
		cmds = append(cmds, m.loadJournal())
	}
	return tea.Batch(cmds...)
}

// mergeResult puts the job an action read back into the store, if it is
// of the app on screen, and reports whether it did. A host without
// restart is remembered, so the next restart is not sent at all.
func (m *Model) mergeResult(res actionResult) bool {
	if api.IsUnsupported(res.err) {
		m.acts.noRestart = true
	}
	if res.job.Key() == "" || m.store == nil || res.app != m.app.UUID {
		return false
	}
	m.store.Merge([]model.Job{res.job})
	return true
}
