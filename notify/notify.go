// Package notify is how superdash tells the user something happened while
// they look elsewhere: which ways are chosen (a toast in the dashboard,
// the terminal bell, a desktop notification through the terminal), and
// the bytes the terminal is sent for them.
package notify

import (
	"errors"
	"fmt"
	"strings"

	"superdash/sanitize"
)

// Channels says which ways of telling are on.
type Channels struct {
	Toast  bool // a box in the dashboard for a few seconds
	Bell   bool // BEL: the terminal beeps, flashes, or marks the tab or tmux window
	OSC9   bool // ESC ] 9 ; text BEL: iTerm2, WezTerm, Windows Terminal, kitty, ghostty, foot
	OSC777 bool // ESC ] 777 ; notify ; title ; body BEL: rxvt-unicode, VTE (GNOME Terminal), WezTerm, ghostty
}

// Defaults are the channels on unless the config says otherwise.
func Defaults() Channels { return Channels{Toast: true, Bell: true, OSC9: true} }

// names are the channels as the config writes them.
var names = []struct {
	name string
	on   func(*Channels) *bool
}{
	{"toast", func(c *Channels) *bool { return &c.Toast }},
	{"bell", func(c *Channels) *bool { return &c.Bell }},
	{"osc9", func(c *Channels) *bool { return &c.OSC9 }},
	{"osc777", func(c *Channels) *bool { return &c.OSC777 }},
}

// Parse reads channel names ("toast", "bell", "osc9", "osc777", any case);
// an unknown or repeated name is an error that names it (every one, on
// one line). No names turns every channel off.
func Parse(list []string) (Channels, error) {
	var c Channels
	var errs []string
	for _, raw := range list {
		name := strings.ToLower(strings.TrimSpace(raw))
		i := indexOf(name)
		switch {
		case i < 0:
			errs = append(errs, fmt.Sprintf("%q is not a way to notify: use %s", raw, strings.Join(Names(), ", ")))
		case *names[i].on(&c):
			errs = append(errs, fmt.Sprintf("%q is listed twice", raw))
		default:
			*names[i].on(&c) = true
		}
	}
	if len(errs) > 0 {
		return c, errors.New(strings.Join(errs, "; "))
	}
	return c, nil
}

// Names lists every channel's name.
func Names() []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = n.name
	}
	return out
}

func indexOf(name string) int {
	for i, n := range names {
		if n.name == name {
			return i
		}
	}
	return -1
}

// String lists the channels on as the config writes them: "toast, bell, osc9".
func (c Channels) String() string {
	var on []string
	for _, n := range names {
		if *n.on(&c) {
			on = append(on, n.name)
		}
	}
	return strings.Join(on, ", ")
}

// Terminal reports whether any channel writes to the terminal.
func (c Channels) Terminal() bool { return c.Bell || c.OSC9 || c.OSC777 }

// Where the terminal is, for how sequences must be wrapped to reach it.
type Where int

const (
	// Direct: superdash's output is the terminal itself.
	Direct Where = iota
	// Tmux: superdash runs inside tmux, which keeps a bell for itself (it
	// marks the window and rings the terminal as bell-action says) but
	// drops OSC 9 and OSC 777 unless they come wrapped in its passthrough
	// and the pane allows it (set -g allow-passthrough on).
	Tmux
)

// WhereFrom tells where the terminal is from the environment.
func WhereFrom(getenv func(string) string) Where {
	if getenv("TMUX") != "" {
		return Tmux
	}
	return Direct
}

// Sequence is what the terminal is sent to tell title and body through
// the channels on: the bell, then the notifications. Both texts are made
// safe first: a batch id holding an escape or a BEL cannot end the
// sequence early and smuggle one of its own. Empty when no channel writes
// to the terminal.
func (c Channels) Sequence(title, body string, where Where) []byte {
	title, body = sanitize.Line(title), sanitize.Line(body)
	var b strings.Builder
	if c.Bell {
		b.WriteByte('\a') // tmux handles a bell itself: never wrapped
	}
	if c.OSC9 {
		b.WriteString(wrap("\x1b]9;"+title+": "+body+"\a", where))
	}
	if c.OSC777 {
		// The title ends at the first ';': one inside it would move the
		// rest into the body.
		b.WriteString(wrap("\x1b]777;notify;"+strings.ReplaceAll(title, ";", ",")+";"+body+"\a", where))
	}
	return []byte(b.String())
}

// wrap puts seq in tmux's passthrough (DCS tmux; ... ST, each ESC inside
// doubled) when the terminal is behind tmux.
func wrap(seq string, where Where) string {
	if where != Tmux {
		return seq
	}
	return "\x1bPtmux;" + strings.ReplaceAll(seq, "\x1b", "\x1b\x1b") + "\x1b\\"
}
