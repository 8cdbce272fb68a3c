package ui

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"superdash/api"
	"superdash/jobaction"
	"superdash/journal"
	"superdash/keymap"
	"superdash/model"
	"superdash/ui/common"
	"superdash/ui/confirm"
	"superdash/ui/nav"
)

// resubmitState is what the jobs screen keeps for resubmitting.
type resubmitState struct {
	journalPath string   // where a resubmission is recorded
	exec        execFunc // runs $EDITOR: tea.ExecProcess
	// follow is the uuid of a job just submitted: the cursor goes to it
	// once a sync lists it.
	follow string
}

// resubmitDoc is what the editor shows of a job to resubmit: the parts a
// submission carries.
type resubmitDoc struct {
	Input       json.RawMessage `json:"input"`
	Metadata    json.RawMessage `json:"metadata"`
	CallbackURL string          `json:"callbackUrl"`
}

// resubmitText is the job's document, pretty-printed for the editor.
func resubmitText(j *model.Job) []byte {
	b, err := json.MarshalIndent(resubmitDoc{Input: j.Input(), Metadata: j.Metadata(), CallbackURL: j.CallbackURL}, "", "  ")
	if err != nil { // the job's own JSON, which the API sent, failed to re-encode
		return []byte("{}\n")
	}
	return append(b, '\n')
}

// resubmitEditedMsg is the editor's exit: the text before and after.
type resubmitEditedMsg struct {
	job           *model.Job
	before, after []byte
	err           error
}

// execFunc runs a program with the terminal, as tea.ExecProcess does.
type execFunc func(*exec.Cmd, tea.ExecCallback) tea.Cmd

// editResubmit writes text to a private temporary file, opens $EDITOR on
// it (through run) and reads it back when the editor exits.
func editResubmit(run execFunc, job *model.Job, before, text []byte) tea.Cmd {
	fields := strings.Fields(os.Getenv("EDITOR"))
	if len(fields) == 0 {
		fields = []string{"vi"}
	}
	fail := func(err error) tea.Cmd {
		return func() tea.Msg { return resubmitEditedMsg{job: job, before: before, err: err} }
	}
	f, err := os.CreateTemp("", "superdash-resubmit-"+safeFileName(job.Key())+"-*.json")
	if err != nil {
		return fail(fmt.Errorf("write the job to a temporary file: %w", err))
	}
	_, werr := f.Write(text)
	if err := errors.Join(werr, f.Close()); err != nil {
		os.Remove(f.Name())
		return fail(fmt.Errorf("write the job to a temporary file: %w", err))
	}
	cmd := exec.Command(fields[0], append(fields[1:], f.Name())...)
	return run(cmd, func(err error) tea.Msg {
		defer os.Remove(f.Name())
		if err != nil {
			return resubmitEditedMsg{job: job, before: before, after: text, err: fmt.Errorf("%s: %w", fields[0], err)}
		}
		after, err := os.ReadFile(f.Name())
		if err != nil {
			return resubmitEditedMsg{job: job, before: before, after: text, err: fmt.Errorf("read the edited job: %w", err)}
		}
		return resubmitEditedMsg{job: job, before: before, after: after}
	})
}

// jsonError says where text stops being JSON, as line and column.
func jsonError(text []byte, err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	offset := int64(-1)
	switch {
	case errors.As(err, &syn):
		offset = syn.Offset
	case errors.As(err, &typ):
		offset = typ.Offset
	}
	if offset < 0 {
		return err.Error()
	}
	before := text[:min(int(offset), len(text))]
	line := bytes.Count(before, []byte("\n")) + 1
	col := len(before) - bytes.LastIndexByte(before, '\n') - 1 // the offset is past the bad byte
	return fmt.Sprintf("line %d, column %d: %v", line, col, err)
}

// onResubmitEdited takes the editor's text: nothing changed sends nothing,
// text that is not JSON is kept for another edit, anything else is asked
// about.
func (s *jobsScreen) onResubmitEdited(msg resubmitEditedMsg) {
	switch {
	case msg.err != nil:
		s.say("resubmit: " + msg.err.Error() + "; nothing sent")
		return
	case bytes.Equal(bytes.TrimSpace(msg.after), bytes.TrimSpace(msg.before)):
		s.say(fmt.Sprintf("job %s unchanged: nothing sent", msg.job.Key()))
		return
	}
	var doc resubmitDoc
	dec := json.NewDecoder(bytes.NewReader(msg.after))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil || len(doc.Input) == 0 {
		why := "no \"input\""
		if err != nil {
			why = jsonError(msg.after, err)
		}
		s.out.Send(askReq{resubmitInvalid{msg: msg}})
		s.say(fmt.Sprintf("not valid: %s (%s: edit again, esc: nothing sent)", why, s.c.Keys.List.Choose.Help().Key))
		return
	}
	edited, err := withInput(msg.job, doc)
	if err != nil {
		s.say("resubmit: " + err.Error() + "; nothing sent")
		return
	}
	sub := jobaction.Submission{App: s.app.UUID, Metadata: doc.Metadata, CallbackURL: doc.CallbackURL, Jobs: []model.Job{edited}}
	opts := confirm.Options{Title: "Resubmit job " + msg.job.Key() + " as a new job?", YesLabel: "Yes, resubmit"}
	s.out.Send(askReq{newResubmitDialog(s, opts, nil,
		diffLines(string(msg.before), string(msg.after)), []string{"", jobaction.Resubmit.Consequence(1)},
		[]jobaction.Submission{sub})})
}

// withInput is the job with the document's input, metadata and callback,
// keeping its id so that the journal names the job it came from.
func withInput(j *model.Job, doc resubmitDoc) (model.Job, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(j.Raw, &fields); err != nil {
		return model.Job{}, fmt.Errorf("read job %s: %w", j.Key(), err)
	}
	cb, _ := json.Marshal(doc.CallbackURL)
	fields["input"], fields["metadata"], fields["callbackUrl"] = doc.Input, doc.Metadata, cb
	raw, err := json.Marshal(fields)
	if err != nil {
		return model.Job{}, fmt.Errorf("job %s with the edited input: %w", j.Key(), err)
	}
	return model.DecodeJob(raw)
}

// resubmitInvalid is the overlay after an edit that is not JSON: choose
// reopens the editor on the text as it was left, any other key drops it.
type resubmitInvalid struct{ msg resubmitEditedMsg }

func (p resubmitInvalid) update(m *Model, msg tea.KeyMsg) tea.Cmd {
	m.overlay = nil
	if key.Matches(msg, m.c.Keys.List.Choose) {
		return editResubmit(m.jobs().resub.exec, p.msg.job, p.msg.before, p.msg.after)
	}
	m.notice = "nothing sent"
	return nil
}

func (resubmitInvalid) view(m Model, _, _ int) string { return m.current().View() }
func (resubmitInvalid) help(m Model) keymap.Help      { return m.current().Help() }
func (resubmitInvalid) typing(Model) bool             { return false }

// resubmitDialog asks before a resubmission is sent. Its text is drawn
// for the room there is: a long diff is cut to its changed lines and then
// to the lines that fit, so that the buttons always show.
type resubmitDialog struct {
	dialog     confirm.Model
	head, tail []string // the lines over and under the diff
	diff       []string // diffLines of the edit; nil when nothing was edited
	subs       []jobaction.Submission
	env        jobaction.Env
}

// dialogChrome is the height of the dialog around its diff: the box's
// border, title, app and host, consequence and buttons, and the blank
// lines between.
const dialogChrome = 10

// newResubmitDialog opens the dialog (its title, buttons and number as
// opts says) over head, diff and tail, for subs.
func newResubmitDialog(s *jobsScreen, opts confirm.Options, head, diff, tail []string, subs []jobaction.Submission) resubmitDialog {
	st := s.c.Styles
	opts.LineStyle = func(line string) lipgloss.Style {
		switch {
		case strings.HasPrefix(line, "+ "):
			return st.Success
		case strings.HasPrefix(line, "- "):
			return st.Error
		}
		return lipgloss.NewStyle()
	}
	d := confirm.New(s.c, opts)
	head = append([]string{"app      " + appName(s.app), "host     " + s.client.Host()}, head...)
	return resubmitDialog{dialog: d, head: head, diff: diff, tail: tail, subs: subs, env: s.resubmitEnv()}
}

// sized is the dialog as drawn in a body of w×h cells.
func (p resubmitDialog) sized(w, h int) confirm.Model {
	d := p.dialog
	d.SetWidth(min(w-4, 76))
	body := slices.Clone(p.head)
	if p.diff != nil {
		body = append(body, "")
		for _, l := range changedOnly(p.diff, 1, max(h-dialogChrome-len(p.head)-len(p.tail), 3)) {
			body = append(body, common.Cut(l, d.Width()-4)) // one row each: the count above holds
		}
	}
	return d.WithBody(append(body, p.tail...))
}

// resubmitEnv is what sending a resubmission needs, copied out.
func (s *jobsScreen) resubmitEnv() jobaction.Env {
	return jobaction.Env{Client: s.client, Journal: journal.Open(s.resub.journalPath), Now: s.c.JobNow, App: s.app.UUID}
}

func (p resubmitDialog) update(m *Model, msg tea.KeyMsg) tea.Cmd {
	var choice confirm.Choice
	var cmd tea.Cmd
	p.dialog, choice, cmd = p.dialog.Update(msg)
	switch choice {
	case confirm.No:
		m.overlay, m.notice = nil, "nothing sent"
		return nil
	case confirm.Yes:
		m.overlay = nil
		return sendResubmit(m.life, p.env, p.subs)
	}
	m.overlay = p
	return cmd
}

func (p resubmitDialog) view(_ Model, w, h int) string {
	return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, p.sized(w, h).View())
}
func (resubmitDialog) help(m Model) keymap.Help { return m.c.Keys.DialogHelp() }
func (p resubmitDialog) typing(Model) bool      { return p.dialog.Typing() }

// resubmittedMsg is how a resubmission ended: one answer per submission.
type resubmittedMsg struct {
	results []jobaction.Result
	answers []api.Submission
}

// sendResubmit sends each submission in turn, journal first.
func sendResubmit(ctx context.Context, e jobaction.Env, subs []jobaction.Submission) tea.Cmd {
	return func() tea.Msg {
		var msg resubmittedMsg
		for _, sub := range subs {
			results, answer := jobaction.ResubmitJobs(ctx, e, sub)
			msg.results = append(msg.results, results...)
			msg.answers = append(msg.answers, answer)
		}
		return msg
	}
}

// onResubmitted reports the answer and syncs now, so the new job shows;
// the cursor follows it when the API named it.
func (s *jobsScreen) onResubmitted(msg resubmittedMsg) {
	s.out.Send(nav.JournalNew{})
	if len(msg.results) == 0 {
		return
	}
	s.say(resubmittedNotice(msg))
	s.resub.follow = msg.answers[0].JobUUID // only one input's answer names its job
	s.out.Send(nav.SyncNow{})
}

// followNew puts the cursor on the job just submitted once a sync has
// brought it.
func (s *jobsScreen) followNew() {
	if s.resub.follow == "" {
		return
	}
	for i, j := range s.rows {
		if j.UUID == s.resub.follow {
			s.table.SetCursor(i)
			s.resub.follow = ""
			return
		}
	}
}

// askResubmit opens the editor on the selected job, or, with jobs marked,
// the dialog to resubmit them unchanged.
func (s *jobsScreen) askResubmit() tea.Cmd {
	if s.acts.Marked() > 0 {
		s.askResubmitMarked(s.acts.MarkedKeys())
		return nil
	}
	job, ok := s.table.Selected()
	if !ok {
		s.say("no job selected")
		return nil
	}
	return s.editForResubmit(job)
}

// editForResubmit opens the editor on job's input, metadata and callback.
func (s *jobsScreen) editForResubmit(job *model.Job) tea.Cmd {
	text := resubmitText(job)
	return editResubmit(s.resub.exec, job, text, text)
}

// appName names the app for a dialog: its name and id.
func appName(app model.App) string {
	if app.Name != "" && app.Name != app.UUID {
		return app.Name + "  (" + app.UUID + ")"
	}
	return app.UUID
}
