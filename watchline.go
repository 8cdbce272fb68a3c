package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"

	"superdash/model"
	"superdash/ui/common"
)

// progressLine is superdash watch's output. On a terminal it is one line
// redrawn in place, with a bar stacked by outcome, cut to the terminal's
// width; anywhere else (a CI log, a pipe) it is a plain line each time the
// counts change, so the log reads as a history and never holds a \r.
type progressLine struct {
	out    io.Writer
	what   string
	tty    *os.File // nil when out is not a terminal
	last   string
	styles common.Styles
	drawn  bool
}

// barWidth is the width of the bar on a terminal.
const barWidth = 20

func newProgressLine(out io.Writer, what string) *progressLine {
	p := &progressLine{out: out, what: what, styles: common.DefaultStyles()}
	if f, ok := out.(*os.File); ok && term.IsTerminal(f.Fd()) {
		p.tty = f
	}
	return p
}

// show writes the counts, unless nothing changed since the last line.
func (p *progressLine) show(counts model.OutcomeCounts) {
	text := describeCounts(p.what, counts)
	if text == p.last {
		return
	}
	p.last = text
	if p.tty == nil {
		fmt.Fprintln(p.out, text)
		return
	}
	row := common.NewRow(lipgloss.NewStyle())
	runs := common.OutcomeBar(counts, barWidth, p.styles)
	row.Cell(barWidth, runs...)
	line := row.String() + " " + text
	if width, _, err := term.GetSize(p.tty.Fd()); err == nil && width > 1 {
		line = ansi.Truncate(line, width-1, common.Ellipsis)
	}
	fmt.Fprint(p.out, "\r"+line+ansi.EraseLineRight)
	p.drawn = true
}

// end closes the line in place on a terminal, so the shell's prompt or
// superdash's last word starts on a line of its own.
func (p *progressLine) end() {
	if p.drawn {
		fmt.Fprintln(p.out)
	}
}

// describeCounts is the progress as text: "batch B: 120/200 ended ·
// completed 110 · failed 8 · canceled/expired 2 · running 30 · queued 50".
func describeCounts(what string, c model.OutcomeCounts) string {
	ended := c[model.OutcomeCompleted] + c[model.OutcomeFailed] + c[model.OutcomeStopped]
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d/%d ended", what, ended, c.Total())
	for _, o := range model.Outcomes() {
		fmt.Fprintf(&b, " · %s %d", common.OutcomeName(o), c[o])
	}
	return b.String()
}
