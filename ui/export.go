package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"superdash/keymap"
	"superdash/model"
)

// exportedMsg reports where an export went.
type exportedMsg struct {
	path  string
	count int
	err   error
}

// exportPrompt is the overlay that asks which format to export the jobs
// shown in; the footer says the question (its notice). Any key but the
// formats' (j or c by default) exports nothing.
type exportPrompt struct {
	app  string
	jobs []*model.Job
}

func (p exportPrompt) update(m *Model, msg tea.KeyMsg) tea.Cmd {
	m.overlay = nil
	var format model.ExportFormat
	switch k := m.c.Keys.Export; {
	case key.Matches(msg, k.JSONL):
		format = model.FormatJSONL
	case key.Matches(msg, k.CSV):
		format = model.FormatCSV
	default:
		m.notice = "no export"
		return nil
	}
	dir, err := os.Getwd()
	if err != nil {
		m.notice = fmt.Sprintf("export: no working folder: %v", err)
		return nil
	}
	return exportJobs(dir, p.app, format, p.jobs, m.c.Now())
}

// view leaves the screen as it is: the question is in the footer.
func (exportPrompt) view(m Model, _, _ int) string { return m.current().View() }
func (exportPrompt) help(m Model) keymap.Help      { return m.current().Help() }
func (exportPrompt) typing(Model) bool             { return false }

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

// safeFileName keeps the letters, digits, dashes and underscores of an id
// from the API and writes anything else (dots and slashes included) as _,
// up to 64 bytes, so it can never name a path outside the folder nor one
// too long; an id with nothing to keep is "job".
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

// exportChoices names the format keys as the export prompt offers them:
// "j: JSON Lines, c: CSV".
func exportChoices(k keymap.Export) string {
	var parts []string
	for _, b := range []key.Binding{k.JSONL, k.CSV} {
		parts = append(parts, b.Help().Key+": "+b.Help().Desc)
	}
	return strings.Join(parts, ", ")
}
