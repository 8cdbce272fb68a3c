package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"superdash/api"
	"superdash/jobaction"
	"superdash/keymap"
	"superdash/model"
	"superdash/reproduce"
	"superdash/sanitize"
	"superdash/ui/common"
)

// curlEntry is one request the curl menu offers.
type curlEntry struct {
	label string     // what the request reproduces, for the menu
	calls []api.Call // the request, or the pages of a list
	// destructive: running the line changes the job (cancel, restart).
	destructive bool
}

// text is what is copied: one curl line a request.
func (e curlEntry) text() string {
	if len(e.calls) == 1 {
		return reproduce.Curl(e.calls[0])
	}
	return reproduce.Script(e.calls)
}

// curlMenu is the overlay that offers the requests reproducing what the
// screen shows of a job, as curl lines that read the key from the
// environment; the chosen one goes to the clipboard. It holds no key: the
// calls carry none (api.Call), and reproduce writes only a reference to
// $SUPERAI_API_KEY.
type curlMenu struct {
	job     string
	entries []curlEntry
	cursor  int
}

// newCurlMenu lists the requests about job: the job, its output, the
// list the table is built from (every page the syncer would ask for, with
// the query it sends), and the cancel or restart the job's status allows,
// unless read-only mode turned them off.
func newCurlMenu(c *api.Client, keys keymap.KeyMap, job *model.Job, sync api.SyncOptions, jobsHeld int, filter string, now func() time.Time) curlMenu {
	id := job.Key()
	entries := []curlEntry{
		{label: "the job", calls: []api.Call{c.JobCall(id)}},
		{label: "its output", calls: []api.Call{c.JobOutputCall(id)}},
	}
	q := api.NewSyncer(c, sync).ListQuery(now())
	pages := max(1, (jobsHeld+q.Size-1)/q.Size)
	list := fmt.Sprintf("the job list the table is read from: %d %s of %d", pages, common.Plural(pages, "page"), q.Size)
	if filter != "" {
		list += fmt.Sprintf("; the filter %q is applied to the answer, as the dashboard does", filter)
	}
	entries = append(entries, curlEntry{label: list, calls: c.JobListCalls(sync.AppID, q, pages)})
	for _, a := range []struct {
		action  *jobaction.Action
		binding key.Binding
		call    func(string) api.Call
	}{{jobaction.Cancel, keys.Table.Cancel, c.CancelCall}, {jobaction.Restart, keys.Table.Restart, c.RestartCall}} {
		if a.binding.Enabled() && a.action.Allows(job.Status) {
			entries = append(entries, curlEntry{label: a.action.Name + " the job", calls: []api.Call{a.call(id)}, destructive: true})
		}
	}
	return curlMenu{job: id, entries: entries}
}

func (p curlMenu) update(m *Model, msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys
	switch {
	case key.Matches(msg, k.Nav.Up):
		p.cursor = max(p.cursor-1, 0)
	case key.Matches(msg, k.Nav.Down):
		p.cursor = min(p.cursor+1, len(p.entries)-1)
	case key.Matches(msg, k.List.Choose):
		m.overlay = nil
		e := p.entries[p.cursor]
		return m.jobs().clipboard.copy(e.text(), "the curl "+common.Plural(len(e.calls), "line")+" for "+e.label)
	case key.Matches(msg, k.Global.Back, k.Table.CopyCurl, k.Global.Quit):
		m.overlay = nil
		m.notice = "nothing copied"
		return nil
	}
	m.overlay = p
	return nil
}

// view draws the menu over the body: each request's label and its first
// method and URL, the destructive ones marked so, and where the key
// comes from.
func (p curlMenu) view(m Model, w, h int) string {
	s := m.c.Styles
	inner := max(min(w-4, 100)-4, 20)
	lines := []string{s.PaneTitle.Render(common.Cut(sanitize.Line("Copy as curl: job "+p.job), inner)), ""}
	for i, e := range p.entries {
		mark := "  "
		if i == p.cursor {
			mark = "› "
		}
		label := e.label
		if e.destructive {
			label = "DESTRUCTIVE: " + label
		}
		row := common.Cut(sanitize.Line(mark+label), inner)
		switch {
		case i == p.cursor:
			row = s.Selection.Render(row)
		case e.destructive:
			row = s.Warning.Render(row)
		}
		first := e.calls[0]
		req := first.Method + " " + first.URL
		if len(e.calls) > 1 {
			req += fmt.Sprintf("  (+%d more)", len(e.calls)-1)
		}
		lines = append(lines, row, s.Faint.Render(common.Cut(sanitize.Line("    "+req), inner)))
	}
	lines = append(lines, "", common.Cut(sanitize.Line(`The key is not copied: each line reads it from $`+reproduce.KeyVar+`.`), inner))
	box := s.PaneBorderFocused.Padding(0, 1).Width(inner + 2).Render(strings.Join(lines, "\n"))
	return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, box)
}

func (curlMenu) help(m Model) keymap.Help {
	k := m.c.Keys
	keys := []key.Binding{k.Nav.Up, k.Nav.Down, k.List.Choose, k.Global.Back}
	return keymap.Help{Short: keys, Full: [][]key.Binding{keys}}
}

func (curlMenu) typing(Model) bool { return false }

// openCurlMenu offers the curl lines about job, for the app watched.
func (s *jobsScreen) openCurlMenu(job *model.Job) {
	sync := s.sync
	sync.AppID = s.app.UUID
	held := 0
	if s.store != nil {
		held = s.store.Len()
	}
	s.out.Send(askReq{newCurlMenu(s.client, s.c.Keys, job, sync, held, s.filter.text, s.c.Now)})
}
