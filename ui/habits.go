package ui

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/atotto/clipboard"
	"github.com/aymanbagabas/go-osc52/v2"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"superdash/model"
	"superdash/ui/common"
)

// Messages of the terminal habits: copy, open in a pager or editor, export.
type (
	// copiedMsg reports a copy: whether the system clipboard took the
	// text, and err when it could not even be sent to the terminal.
	copiedMsg struct {
		what   string
		system bool
		err    error
	}
	// tempFileMsg carries the file a job's JSON was written to, ready for
	// the pager or the editor to open.
	tempFileMsg struct {
		path    string
		program string
		err     error
	}
	// viewerClosedMsg says the pager or editor exited.
	viewerClosedMsg struct{ err error }
	// exportedMsg reports where an export went.
	exportedMsg struct {
		path  string
		count int
		err   error
	}
)

// onHabitKey handles copy, pager, editor and export. ok is false when the
// key is none of them.
func (m *Model) onHabitKey(msg tea.KeyMsg) (cmd tea.Cmd, ok bool) {
	k := m.c.Keys.Table
	if key.Matches(msg, k.Export) && m.focus == focusTable {
		m.exportAsking = true
		m.notice = fmt.Sprintf("export the %s jobs shown as j: JSON Lines, c: CSV (esc: no export)", common.Thousands(len(m.rows)))
		return nil, true
	}
	if !key.Matches(msg, k.CopyID, k.CopyJSON, k.OpenPager, k.OpenEditor) {
		return nil, false
	}
	job, selected := m.table.Selected()
	if !selected {
		m.notice = "no job selected"
		return nil, true
	}
	switch {
	case key.Matches(msg, k.CopyID):
		return m.clipboard.copy(job.Key(), "job id "+job.Key()), true
	case key.Matches(msg, k.CopyJSON):
		return m.clipboard.copy(string(prettyJob(job)), "the JSON of job "+job.Key()), true
	case key.Matches(msg, k.OpenPager):
		return writeTempJob(job, "PAGER", "less"), true
	default:
		return writeTempJob(job, "EDITOR", "vi"), true
	}
}

// onExportFormatKey answers the export's question: which format. Any key
// but j or c exports nothing.
func (m *Model) onExportFormatKey(msg tea.KeyMsg) tea.Cmd {
	m.exportAsking = false
	format, err := model.ParseExportFormat(map[string]string{"j": "jsonl", "c": "csv"}[msg.String()])
	if err != nil {
		m.notice = "no export"
		return nil
	}
	dir, err := os.Getwd()
	if err != nil {
		m.notice = fmt.Sprintf("export: no working folder: %v", err)
		return nil
	}
	return exportJobs(dir, m.app.UUID, format, m.rows, m.c.Now())
}

// onHabitDone reports the outcome of a habit in the footer, and opens the
// pager or editor once the job's file is written.
func (m *Model) onHabitDone(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case copiedMsg:
		m.notice = copyNotice(msg)
	case tempFileMsg:
		if msg.err != nil {
			m.notice = msg.err.Error()
			return nil
		}
		return openViewer(msg)
	case viewerClosedMsg:
		if msg.err != nil {
			m.notice = msg.err.Error()
		}
	case exportedMsg:
		m.notice = fmt.Sprintf("exported %s jobs to %s", common.Thousands(msg.count), msg.path)
		if msg.err != nil {
			m.notice = msg.err.Error()
		}
	}
	return nil
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

// prettyJob is the job's JSON as the API sent it, indented for reading.
func prettyJob(j *model.Job) []byte {
	var b bytes.Buffer
	if err := json.Indent(&b, j.Raw, "", "  "); err != nil {
		return j.Raw
	}
	b.WriteByte('\n')
	return b.Bytes()
}

// writeTempJob writes the job's JSON to a private temporary file for the
// pager or the editor named by the environment variable envVar (fallback
// when unset).
func writeTempJob(j *model.Job, envVar, fallback string) tea.Cmd {
	data := prettyJob(j)
	name := "superdash-job-" + safeFileName(j.Key()) + "-*.json"
	return func() tea.Msg {
		program := os.Getenv(envVar)
		if program == "" {
			program = fallback
		}
		f, err := os.CreateTemp("", name)
		if err != nil {
			return tempFileMsg{err: fmt.Errorf("write the job to a temporary file: %w", err)}
		}
		_, werr := f.Write(data)
		if err := errors.Join(werr, f.Close()); err != nil {
			os.Remove(f.Name())
			return tempFileMsg{err: fmt.Errorf("write the job to a temporary file: %w", err)}
		}
		return tempFileMsg{path: f.Name(), program: program}
	}
}

// openViewer suspends the dashboard, runs the pager or editor on the file,
// and removes the file once it exits. The program string may carry
// arguments ("less -R", "code --wait"), as $PAGER and $EDITOR often do.
func openViewer(msg tempFileMsg) tea.Cmd {
	fields := strings.Fields(msg.program)
	if len(fields) == 0 {
		os.Remove(msg.path)
		return func() tea.Msg { return viewerClosedMsg{err: fmt.Errorf("no program to open the job with")} }
	}
	cmd := exec.Command(fields[0], append(fields[1:], msg.path)...)
	return tea.ExecProcess(cmd, func(err error) tea.Msg {
		os.Remove(msg.path)
		if err != nil {
			err = fmt.Errorf("%s: %w", fields[0], err)
		}
		return viewerClosedMsg{err: err}
	})
}

// exportJobs writes jobs to a new file in dir, named after the app and the
// time, and reports its path.
func exportJobs(dir, app string, format model.ExportFormat, jobs []*model.Job, now time.Time) tea.Cmd {
	name := fmt.Sprintf("superdash-%s-%s.%s", safeFileName(app), now.UTC().Format("20060102-150405"), format)
	path := filepath.Join(dir, name)
	return func() tea.Msg {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return exportedMsg{err: fmt.Errorf("export: %w", err)}
		}
		werr := model.Export(f, format, jobs, nil)
		if err := errors.Join(werr, f.Close()); err != nil {
			return exportedMsg{path: path, err: fmt.Errorf("export to %s: %w", path, err)}
		}
		abs, err := filepath.Abs(path)
		if err != nil {
			abs = path
		}
		return exportedMsg{path: abs, count: len(jobs)}
	}
}

// safeFileName keeps letters, digits, dots, dashes and underscores of an
// id from the API, so it can never name a path outside the folder.
func safeFileName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
		if b.Len() >= 64 {
			break
		}
	}
	if b.Len() == 0 {
		return "job"
	}
	return b.String()
}
