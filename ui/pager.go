package ui

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"superdash/model"
)

// tempFileMsg carries the file a job's JSON was written to, ready for
// the pager or the editor to open.
type tempFileMsg struct {
	path    string
	program string
	err     error
}

// viewerClosedMsg says the pager or editor exited.
type viewerClosedMsg struct{ err error }

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
func openViewer(run execFunc, msg tempFileMsg) tea.Cmd {
	fields := strings.Fields(msg.program)
	if len(fields) == 0 {
		os.Remove(msg.path)
		return func() tea.Msg { return viewerClosedMsg{err: fmt.Errorf("no program to open the job with")} }
	}
	cmd := exec.Command(fields[0], append(fields[1:], msg.path)...)
	return run(cmd, func(err error) tea.Msg {
		os.Remove(msg.path)
		if err != nil {
			err = fmt.Errorf("%s: %w", fields[0], err)
		}
		return viewerClosedMsg{err: err}
	})
}
