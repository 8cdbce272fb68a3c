package actions

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"superdash/keymap"
	"superdash/sanitize"
	"superdash/ui/common"
)

// View draws the dialog, the progress or the summary, centred in a body
// of w×h cells; "" when none shows.
func (m Model) View(w, h int) string {
	var box string
	switch m.overlay {
	case overlayNone:
		return ""
	case overlayConfirm:
		box = m.dialog.View()
	case overlayProgress:
		box = m.panel(m.progressLines())
	case overlaySummary:
		box = m.panel(m.summaryLines())
	}
	return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, box)
}

// Help is the help of what the overlay shows.
func (m Model) Help() keymap.Help {
	k := m.c.Keys
	switch m.overlay {
	case overlayProgress:
		return k.ProgressHelp()
	case overlaySummary:
		if len(m.bulk.failedKeys) == 0 {
			k.Bulk.Retry.SetEnabled(false)
		}
		h := k.SummaryHelp()
		if len(m.bulk.unsuccessful()) > 0 {
			h.Short = append([]key.Binding{copyIDs(k)}, h.Short...)
			h.Full = [][]key.Binding{h.Short}
		}
		return h
	}
	return k.DialogHelp()
}

// panel frames lines as the dialogs are framed; the first line is the
// title.
func (m Model) panel(lines []string) string {
	s := m.c.Styles
	inner := dialogWidth(m.width) - 4
	for i, l := range lines {
		lines[i] = common.Cut(l, inner)
	}
	lines[0] = s.PaneTitle.Render(lines[0])
	return s.PaneBorderFocused.Padding(0, 1).Width(inner + 2).Render(strings.Join(lines, "\n"))
}

func (m Model) progressLines() []string {
	b := m.bulk
	s := m.c.Styles
	th := common.Thousands
	title := fmt.Sprintf("%s %s %s", b.plan.action.Progressive, th(b.total), common.Plural(b.total, "job"))
	bar := m.bar
	bar.Width = dialogWidth(m.width) - 4 - len(" 100%")
	pct := 0.0
	if b.total > 0 {
		pct = float64(b.finished) / float64(b.total)
	}
	lines := []string{
		title,
		"",
		bar.ViewAs(pct) + fmt.Sprintf(" %3d%%", int(pct*100)),
		fmt.Sprintf("%s of %s sent · %d in flight", th(b.sent), th(b.total), b.sent-b.finished),
		fmt.Sprintf("done %s · refused %s · failed %s · unknown %s",
			th(b.done), th(b.refused.n), th(b.failed.n), th(b.unknown.n)),
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
	b := m.bulk
	s := m.c.Styles
	th := common.Thousands
	a := b.plan.action
	state := "finished"
	if b.sent < b.total {
		state = "stopped"
	}
	listWidth := dialogWidth(m.width) - 4 - len(jobListIndent)
	lines := []string{
		fmt.Sprintf("%s: %s of %s %s %s (%s)", a.Title, th(b.done), th(b.total), common.Plural(b.total, "job"), a.Past, state),
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
			lines = append(lines, fmt.Sprintf("    %s × %s", th(group.r.count[reason]), sanitize.Line(shownReason(reason))),
				s.Faint.Render(jobListIndent+jobList(group.r.keys[reason], listWidth)))
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
	if b.unmarked > 0 {
		marks := fmt.Sprintf("marks cleared from the %s %s %s", th(b.unmarked), common.Plural(b.unmarked, "job"), a.Past)
		if left := len(m.marks); left > 0 {
			marks += fmt.Sprintf("; %s still marked", th(left))
		}
		lines = append(lines, "", marks)
	}
	lines = append(lines, "")
	if b.journalFailures > 0 {
		lines = append(lines, s.Error.Render(fmt.Sprintf("journal: %d %s NOT RECORDED: %s",
			b.journalFailures, common.Plural(b.journalFailures, "action"), sanitize.Line(b.journalErr))))
	} else {
		lines = append(lines, s.Faint.Render(fmt.Sprintf("journal: %s %s recorded (L shows the journal)", th(b.sent), common.Plural(b.sent, "action"))))
	}
	if stand := b.standIns(); len(stand) > 0 {
		lines = append(lines, s.Info.Render(fmt.Sprintf("no %s here: close this, then %s resubmits the %s as new jobs",
			b.plan.action.Name, m.c.Keys.Table.Resubmit.Help().Key, common.Count(len(stand), "job"))))
	}
	if b.blocked != "" {
		// Whole, over several lines: the cause is at the end of the path.
		inner := dialogWidth(m.width) - 4
		for l := range strings.SplitSeq(ansi.Wrap(sanitize.Line(b.blocked), inner, " /"), "\n") {
			lines = append(lines, s.Error.Render(l))
		}
	}
	return lines
}

// shownJobs is how many ids a reason of the summary lists; y copies them
// all.
const shownJobs = 10

// jobListIndent sets a reason's jobs under it.
const jobListIndent = "      "

// jobList names the jobs of a reason in one line at most width cells
// wide: the first ten, or as many as fit, then how many more. A line
// too wide for the panel would wrap and break its layout; the ids left
// out are counted, and y copies them all.
func jobList(keys []string, width int) string {
	ids := make([]string, min(len(keys), shownJobs))
	for i := range ids {
		ids[i] = sanitize.Line(keys[i])
	}
	head := common.Plural(len(keys), "job") + " "
	for shown := len(ids); ; shown-- {
		line := head + strings.Join(ids[:shown], ", ")
		if more := len(keys) - shown; more > 0 {
			tail := fmt.Sprintf(" … and %s more", common.Thousands(more))
			if full := line + tail + " (y copies them all)"; ansi.StringWidth(full) <= width {
				return full
			}
			line += tail
		}
		if ansi.StringWidth(line) <= width || shown <= 1 {
			return common.Cut(line, width)
		}
	}
}

func count(name string, n int, note string) string {
	line := fmt.Sprintf("%-9s %6s", name, common.Thousands(n))
	if note != "" {
		line += "  " + note
	}
	return line
}

// copyIDs is the summary's y: the copy-id key, copying the ids of every job
// the run did not act on for sure.
func copyIDs(k keymap.KeyMap) key.Binding {
	return key.NewBinding(key.WithKeys(k.Table.CopyID.Keys()...), key.WithHelp(k.Table.CopyID.Help().Key, "copy their ids"))
}
