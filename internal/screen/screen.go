// Package screen draws a Bubble Tea program's frames on the terminal in
// place of Bubble Tea v1's standard renderer.
//
// That renderer writes the newest frame on a fixed ticker (at most 120
// times a second), so a key waits for the next tick to be seen: up to
// 33 ms at the 30 frames a second an idle dashboard can afford, since
// every tick wakes the process even when nothing changed. Its public API
// offers no way to flush sooner. Here the program runs with
// tea.WithoutRenderer, and the model is wrapped (Terminal.Wrap) so that
// the frame is drawn right after Update:
//
//   - at once after a key, a mouse event or a resize: what the user did is
//     on screen as soon as it is handled;
//   - after any other message (a poll's result, the clock, a page of a
//     load) at once if no frame was drawn in the last frameGap, else once
//     at the end of it, so bursts cost at most 30 frames a second;
//   - never when nothing arrives: there is no ticker.
//
// Like the standard renderer, a frame rewrites only the lines that changed.
// Terminal also does what Bubble Tea does not do without its renderer:
// raw mode, the alternate screen, mouse reporting, bracketed paste and
// the hidden cursor, resize events, handing the terminal over to a child
// program (ExecProcess), and putting all of it back on Close.
package screen

import (
	"io"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// frameGap is the least time between two frames not drawn for a key, a
// mouse event or a resize: 30 frames a second at most.
const frameGap = time.Second / 30

// painter writes frames, each as the lines that differ from the previous.
// It is used from the program's event loop only.
type painter struct {
	out           io.Writer
	width, height int      // the terminal's size; 0 until known
	lines         []string // the lines on screen; nil: paint every line
	frame         string   // the frame those lines came from
	drawn         time.Time
	buf           []byte
}

// resize records the terminal's new size. The terminal may have reflowed
// or cleared what was on it, so the next frame paints every line.
func (p *painter) resize(width, height int) {
	p.width, p.height = width, height
	p.forget()
}

// forget makes the next frame paint every line, on a cleared screen.
func (p *painter) forget() {
	p.lines, p.frame = nil, ""
}

// draw writes view, a whole frame, in one Write: each line that differs
// from the line on screen, cut to the terminal's width and cleared to its
// end, and the rest of the screen cleared below a frame shorter than the
// last. A frame equal to the last writes nothing.
func (p *painter) draw(view string, now time.Time) {
	p.drawn = now
	if view == "" {
		view = " " // as the standard renderer does: an empty frame still clears the screen
	}
	if p.lines != nil && view == p.frame {
		return
	}
	lines := strings.Split(view, "\n")
	if p.height > 0 && len(lines) > p.height {
		lines = lines[len(lines)-p.height:] // keep the bottom, as the standard renderer does
	}
	b := p.buf[:0]
	if p.lines == nil {
		b = append(b, ansi.EraseEntireScreen...)
	}
	for i, line := range lines {
		if i < len(p.lines) && p.lines[i] == line {
			continue
		}
		b = append(b, ansi.CursorPosition(1, i+1)...)
		if p.width > 0 {
			line = ansi.Truncate(line, p.width, "")
		}
		b = append(b, line...)
		if ansi.StringWidth(line) < p.width {
			b = append(b, ansi.EraseLineRight...)
		}
	}
	if len(p.lines) > len(lines) {
		b = append(b, ansi.CursorPosition(1, len(lines)+1)...)
		b = append(b, ansi.EraseScreenBelow...)
	}
	// The cursor rests at the start of the last line, as the standard
	// renderer leaves it.
	b = append(b, ansi.CursorPosition(1, len(lines))...)
	_, _ = p.out.Write(b)
	p.buf = b
	p.lines, p.frame = lines, view
}
