package journalscreen

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"superdash/journal"
	"superdash/keymap"
	"superdash/sanitize"
)

// entryView is one journal entry in full: every field, the message
// whole, wrapped to the width; what does not fit the height scrolls.
type entryView struct {
	entry journal.Entry
	top   int // the first body line shown
}

// entryLabelWidth lines the values up after their labels.
const entryLabelWidth = len("outcome") + 2

// lines are the entry's fields, a label and a value each, the value
// wrapped to width and its further lines indented under it.
func (o entryView) lines(v Model, width int) []string {
	e := o.entry
	s := v.c.Styles
	outcome, message := outcomeText(e)
	app := v.appName(e.App)
	if full := sanitize.Line(e.App); app != full {
		app += "  (" + full + ")"
	}
	switch {
	case e.Host != v.host:
		app += " · another host's: the table cannot show its job"
	case v.app.UUID != "" && e.App != v.app.UUID:
		app += " · not the app watched"
	}
	fields := [][2]string{
		{"time", e.Time.UTC().Format("2006-01-02 15:04:05.000 MST")},
		{"action", sanitize.Line(e.Action)},
		{"job", sanitize.Line(e.JobID)},
		{"app", app},
		{"host", sanitize.Line(e.Host)},
		{"outcome", sanitize.Line(outcome)},
		{"status", sanitize.Line(e.Status)},
		{"message", sanitize.Text(message)},
		{"entry", sanitize.Line(e.ID)},
		{"sent by", sentBy(e)},
	}
	var lines []string
	valueWidth := max(width-entryLabelWidth, 1)
	for _, f := range fields {
		if f[1] == "" {
			continue
		}
		var wrapped []string
		for _, para := range strings.Split(f[1], "\n") {
			wrapped = append(wrapped, strings.Split(ansi.Wrap(para, valueWidth, ""), "\n")...)
		}
		label := s.Label.Render(fmt.Sprintf("%-*s", entryLabelWidth, f[0]))
		pad := strings.Repeat(" ", entryLabelWidth)
		for i, w := range wrapped {
			if f[0] == "outcome" {
				w = v.outcomeStyle(e.Outcome).Render(w)
			}
			if i == 0 {
				lines = append(lines, label+w)
			} else {
				lines = append(lines, pad+w)
			}
		}
	}
	return lines
}

// sentBy names the process that sent the entry's request.
func sentBy(e journal.Entry) string {
	switch {
	case e.PID == 0:
		return ""
	case e.Mine:
		return fmt.Sprintf("superdash pid %d (this one)", e.PID)
	}
	return fmt.Sprintf("superdash pid %d", e.PID)
}

// view draws the title, then the lines from top; when they do not all fit,
// the title says where the reader is, as a pager does.
func (o entryView) view(v Model, width, height int) string {
	s := v.c.Styles
	lines := o.lines(v, width)
	page := max(height-1, 0)
	top := clampTop(o.top, len(lines), page)
	where := ""
	if len(lines) > page {
		switch {
		case top == 0:
			where = " · top"
		case top+page >= len(lines):
			where = " · end"
		default:
			where = fmt.Sprintf(" · %d%%", 100*(top+page)/len(lines))
		}
	}
	title := s.PaneTitle.Render("Journal entry") + s.Faint.Render(fmt.Sprintf(" · %s of job %s%s", sanitize.Line(o.entry.Action), sanitize.Line(o.entry.JobID), where))
	end := min(top+page, len(lines))
	return title + "\n" + strings.Join(lines[top:end], "\n")
}

// scroll moves the lines on the navigation keys, for lines of which page
// fit under the title.
func (o *entryView) scroll(msg tea.KeyMsg, n keymap.Nav, lines, page int) {
	switch {
	case key.Matches(msg, n.Down):
		o.top++
	case key.Matches(msg, n.Up):
		o.top--
	case key.Matches(msg, n.PageDown):
		o.top += max(page-1, 1)
	case key.Matches(msg, n.PageUp):
		o.top -= max(page-1, 1)
	case key.Matches(msg, n.Top):
		o.top = 0
	case key.Matches(msg, n.Bottom):
		o.top = lines
	}
	o.top = clampTop(o.top, lines, page)
}

// clampTop keeps the first line shown within lines, a page of them on
// screen.
func clampTop(top, lines, page int) int {
	return max(min(top, lines-page), 0)
}
