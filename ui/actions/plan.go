package actions

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"superdash/model"
	"superdash/ui/common"
	"superdash/ui/confirm"
)

// typeToConfirmAbove is the size of a bulk action above which the count
// must be typed: past it, a slip of the finger costs too much.
const typeToConfirmAbove = 100

// plan is what a dialog proposes: which jobs, and why others are left
// out. It is computed from the store as the dialog opens.
type plan struct {
	action *Action
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
func (p plan) skippedTotal() int {
	return p.skipped.Total(func(model.Status) bool { return true }) + p.gone + p.busy
}

// ask opens the dialog for a on the marked jobs if there are any, else on
// the job under the cursor, or says in one line why there is nothing to
// ask.
func (m *Model) ask(a *Action, jobs Jobs) Effect {
	switch {
	case m.unsupported[a]:
		return Effect{Notice: fmt.Sprintf("this API host (%s) does not offer %s: nothing sent", m.client.Host(), a.Name), Resubmit: insteadOf(a, m.askedKeys(jobs)...)}
	case len(m.marks) > 0:
		return m.askBulk(a, m.marks.keys(), false, jobs)
	}
	return m.askOne(a, jobs)
}

// askOne opens the dialog for a on the job under the cursor.
func (m *Model) askOne(a *Action, jobs Jobs) Effect {
	job, ok := jobs.Table.Selected()
	if !ok {
		return Effect{Notice: "no job selected"}
	}
	key := job.Key()
	if prev, busy := m.inFlight[key]; busy {
		return Effect{Notice: fmt.Sprintf("job %s: a %s is already in flight", key, prev.Name)}
	}
	if !a.Allows(job.Status) {
		return Effect{Notice: fmt.Sprintf("job %s is %s: only %s jobs can be %s; nothing sent", key, job.Status, a.Allowed, a.Past)}
	}
	id := key
	if job.UUID != "" && job.UUID != key {
		id += "  (uuid " + job.UUID + ")"
	}
	body := []string{
		"job      " + id,
		"status   " + string(job.Status),
		"app      " + appLabel(jobs.App),
		"host     " + m.client.Host(),
		"",
		a.Consequence(1),
	}
	m.openDialog(plan{action: a, keys: []string{key}, single: true, asked: 1}, confirm.Options{
		Title:    fmt.Sprintf("%s job %s?", a.Title, key),
		Body:     body,
		YesLabel: "Yes, " + a.Name,
	})
	return Effect{}
}

// appLabel names the app for a dialog: its name and id.
func appLabel(app model.App) string {
	if app.Name != "" && app.Name != app.UUID {
		return app.Name + "  (" + app.UUID + ")"
	}
	return app.UUID
}

// planFor sorts keys into those a applies to now and those it does not.
func (m *Model) planFor(a *Action, keys []string, retry bool, store *model.Store) plan {
	p := plan{action: a, retry: retry, asked: len(keys)}
	for _, key := range keys {
		job, ok := store.Get(key)
		switch {
		case !ok:
			p.gone++
		case !a.Allows(job.Status):
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
	_, ok := m.inFlight[key]
	return ok
}

// askBulk opens the dialog for a on keys (the marked jobs, or the failed
// ones of the last run), with a preview: how many will be acted on, how
// many skipped and why.
func (m *Model) askBulk(a *Action, keys []string, retry bool, jobs Jobs) Effect {
	p := m.planFor(a, keys, retry, jobs.Store)
	th := common.Thousands
	what := common.Plural(p.asked, "marked job")
	if retry {
		what = common.Plural(p.asked, "job") + " that failed"
	}
	if len(p.keys) == 0 {
		return Effect{Notice: fmt.Sprintf("none of the %s %s can be %s now (%s); nothing sent", th(p.asked), what, a.Past, skipText(p))}
	}
	title := fmt.Sprintf("%s %s %s?", a.Title, th(len(p.keys)), what)
	if len(p.keys) < p.asked {
		title = fmt.Sprintf("%s %s of %s %s?", a.Title, th(len(p.keys)), th(p.asked), what)
	}
	body := []string{
		"app      " + appLabel(jobs.App),
		"host     " + m.client.Host(),
		"",
		fmt.Sprintf("%-13s%6s   %s", "will "+a.Name, th(len(p.keys)), tallyText(p.acted)),
	}
	if n := p.skippedTotal(); n > 0 {
		// One line per reason, the first beside the total.
		var why []string
		if len(p.skipped) > 0 {
			why = append(why, tallyText(p.skipped)+" (not "+a.Adjective+")")
		}
		if p.gone > 0 {
			why = append(why, th(p.gone)+" no longer listed")
		}
		if p.busy > 0 {
			why = append(why, th(p.busy)+" already being acted on")
		}
		body = append(body, fmt.Sprintf("%-13s%6s   %s", "will skip", th(n), why[0]))
		for _, w := range why[1:] {
			body = append(body, strings.Repeat(" ", 13+6+3)+w)
		}
		if len(p.skipped) > 0 {
			body = append(body, "", fmt.Sprintf("Only %s jobs can be %s.", a.Allowed, a.Past))
		}
	}
	body = append(body, "",
		fmt.Sprintf("%d %s at a time; esc stops sending (what was sent stays sent).", m.workers, common.Plural(m.workers, "request")),
		a.Consequence(len(p.keys)))
	opts := confirm.Options{
		Title:    title,
		Body:     body,
		YesLabel: fmt.Sprintf("Yes, %s %s", a.Name, th(len(p.keys))),
	}
	if len(p.keys) > typeToConfirmAbove {
		opts.TypeToConfirm = len(p.keys)
	}
	m.openDialog(p, opts)
	return Effect{}
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
func skipText(p plan) string {
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

func (m *Model) openDialog(p plan, opts confirm.Options) {
	m.plan = p
	m.dialog = confirm.New(m.c, opts)
	m.dialog.SetWidth(dialogWidth(m.width))
	m.overlay = overlayConfirm
}

// confirmed carries out the plan the user said yes to, on the planned jobs
// that still allow it: the store may have moved while the dialog was open,
// and a job is never acted on that the dialog did not count.
func (m *Model) confirmed(jobs Jobs) (Effect, tea.Cmd) {
	p := m.plan
	var keys []string
	for _, key := range p.keys {
		if job, ok := jobs.Store.Get(key); ok && p.action.Allows(job.Status) && !m.busy(key) {
			keys = append(keys, key)
		}
	}
	switch {
	case len(keys) == 0 && p.single:
		status := model.Status("no longer listed")
		if job, ok := jobs.Store.Get(p.keys[0]); ok {
			status = job.Status
		}
		return Effect{Notice: fmt.Sprintf("job %s is now %s: nothing sent", p.keys[0], status)}, nil
	case len(keys) == 0:
		return Effect{Notice: fmt.Sprintf("none of the jobs can be %s any more: nothing sent", p.action.Past)}, nil
	case p.single:
		return Effect{}, m.sendOne(p.action, keys[0], jobs)
	}
	return Effect{}, m.startBulk(p, keys, jobs)
}
