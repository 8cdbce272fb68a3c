package ui

import (
	"fmt"
	"io"
	"os"

	"github.com/atotto/clipboard"
	"github.com/aymanbagabas/go-osc52/v2"
	tea "github.com/charmbracelet/bubbletea"
)

// copiedMsg reports a copy: whether the system clipboard took the
// text, and err when it could not even be sent to the terminal.
type copiedMsg struct {
	what   string
	system bool
	err    error
}

// clipboards are where a copy goes. The terminal gets the OSC 52
// sequence as it is: a terminal that supports it sets its clipboard (over
// SSH too), and tmux with set-clipboard on keeps it as a paste buffer and
// passes it on to the terminal itself. Wrapped in tmux's passthrough it
// would be dropped by a stock tmux (allow-passthrough off). Whether the
// terminal took it cannot be known: it answers nothing. So on a local
// terminal the system clipboard is tried as well, which does say.
type clipboards struct {
	// terminal is stderr: the same terminal, but not the stream the
	// renderer draws on, so the sequence cannot land in the middle of a
	// frame.
	terminal io.Writer
	// system writes to the system clipboard; nil over SSH, where that
	// clipboard is the remote machine's, not the user's.
	system func(text string) error
}

// localClipboards are the clipboards of the terminal superdash runs in:
// the system clipboard only when the terminal is not an SSH session.
func localClipboards(getenv func(string) string) clipboards {
	c := clipboards{terminal: os.Stderr}
	if getenv("SSH_TTY") == "" && getenv("SSH_CONNECTION") == "" {
		// It runs xclip, xsel or wl-copy, which return once they have
		// read the text (they fork to serve it), and fails when none is
		// installed or none has a display to talk to.
		c.system = clipboard.WriteAll
	}
	return c
}

// copy sends text to the terminal's clipboard and, when there is one, to
// the system clipboard, and reports which took it.
func (c clipboards) copy(text, what string) tea.Cmd {
	return func() tea.Msg {
		_, err := osc52.New(text).WriteTo(c.terminal)
		if err != nil {
			err = fmt.Errorf("write to the terminal: %w", err)
		}
		if c.system == nil {
			return copiedMsg{what: what, err: err}
		}
		serr := c.system(text)
		if err != nil && serr != nil {
			err = fmt.Errorf("%w; the system clipboard: %w", err, serr)
		}
		return copiedMsg{what: what, system: serr == nil, err: err}
	}
}

// copyNotice says what is known of a copy: "copied" only when the system
// clipboard took it; the terminal may or may not have.
func copyNotice(msg copiedMsg) string {
	switch {
	case msg.system:
		return "copied " + msg.what + " to the clipboard"
	case msg.err != nil:
		return "could not copy " + msg.what + ": " + msg.err.Error()
	default:
		return "sent " + msg.what + " to the terminal clipboard"
	}
}
