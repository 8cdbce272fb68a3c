package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"

	"superdash/ui/common"
)

// loadMeter is export's progress while it reads the pages, on standard
// error when that is a terminal: one line, redrawn in place at most every
// meterEvery, and erased once the pages are read, so that what stays is
// the line saying what was exported. Anywhere else (a log, a pipe) it
// writes nothing: a log gets that last line alone, with no \r in it.
type loadMeter struct {
	tty   *os.File // nil when standard error is not a terminal
	now   func() time.Time
	last  time.Time
	drawn bool
}

// meterEvery bounds how often the line is redrawn: a page of 10 jobs
// comes faster than anyone reads.
const meterEvery = 100 * time.Millisecond

func newLoadMeter(stderr io.Writer) *loadMeter {
	m := &loadMeter{now: time.Now}
	if f, ok := stderr.(*os.File); ok && term.IsTerminal(f.Fd()) {
		m.tty = f
	}
	return m
}

// page shows that done pages of total (0 when the API did not say) are
// read, holding jobs jobs in all.
func (m *loadMeter) page(done, total, jobs int) {
	if m.tty == nil {
		return
	}
	if now := m.now(); now.Sub(m.last) >= meterEvery {
		m.last = now
		fmt.Fprint(m.tty, "\r"+m.fit(meterText(done, total, jobs))+ansi.EraseLineRight)
		m.drawn = true
	}
}

// clear erases the line, if it was drawn.
func (m *loadMeter) clear() {
	if m.drawn {
		fmt.Fprint(m.tty, "\r"+ansi.EraseLineRight)
		m.drawn = false
	}
}

// fit cuts line to the terminal's width, less a cell: a line that fills
// the last column wraps on some terminals, and \r would then redraw only
// its second half.
func (m *loadMeter) fit(line string) string {
	if width, _, err := term.GetSize(m.tty.Fd()); err == nil && width > 1 {
		return ansi.Truncate(line, width-1, common.Ellipsis)
	}
	return line
}

// meterText is "superdash: reading page 37 of 200 · 18,500 jobs".
func meterText(done, total, jobs int) string {
	of := ""
	if total > 0 {
		of = " of " + common.Thousands(total)
	}
	return fmt.Sprintf("superdash: reading page %s%s · %s jobs", common.Thousands(done), of, common.Thousands(jobs))
}
