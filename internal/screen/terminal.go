package screen

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"sync"
	"syscall"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
)

// Terminal is the terminal a program draws on while it runs.
type Terminal struct {
	in, out *os.File
	ownIn   bool        // in is /dev/tty, opened here
	saved   *term.State // the input's mode before raw mode; nil if it is no terminal
	p       *painter
	state   *flushState
}

// Open takes over the terminal: raw input, the alternate screen, mouse
// reporting (cell motion, SGR), bracketed paste, the cursor hidden, in
// the order Bubble Tea's renderer sets them, and focus reports (Bubble
// Tea reads them as tea.FocusMsg and tea.BlurMsg whatever its options;
// a terminal that has no such mode ignores it). When stdin is no terminal
// (data piped in), keys are read from /dev/tty, as Bubble Tea does: run
// the program with tea.WithInput(t.Input()). Close gives it all back.
func Open(stdin, stdout *os.File) (*Terminal, error) {
	t := &Terminal{in: stdin, out: stdout, p: &painter{out: stdout}, state: &flushState{now: time.Now}}
	if !term.IsTerminal(stdin.Fd()) {
		tty, err := os.Open("/dev/tty")
		if err != nil {
			return nil, fmt.Errorf("open the terminal for keys: %w", err)
		}
		t.in, t.ownIn = tty, true
	}
	if err := t.takeOver(); err != nil {
		t.closeInput()
		return nil, err
	}
	return t, nil
}

// Input is where keys are read: give it to tea.WithInput.
func (t *Terminal) Input() *os.File { return t.in }

// takeOver enters raw mode and sets the screen's modes.
func (t *Terminal) takeOver() error {
	if term.IsTerminal(t.in.Fd()) {
		saved, err := term.MakeRaw(t.in.Fd())
		if err != nil {
			return fmt.Errorf("put the terminal in raw mode: %w", err)
		}
		t.saved = saved
	}
	t.write(ansi.HideCursor +
		ansi.SetMode(ansi.ModeAltScreenSaveCursor) + ansi.EraseEntireScreen + ansi.CursorHomePosition + ansi.HideCursor +
		ansi.SetMode(ansi.ModeBracketedPaste) +
		ansi.SetMode(ansi.ModeMouseButtonEvent) + ansi.SetMode(ansi.ModeMouseExtSgr) +
		ansi.SetMode(ansi.ModeFocusEvent))
	t.p.forget()
	return nil
}

// giveBack undoes takeOver, in the order Bubble Tea restores a terminal.
func (t *Terminal) giveBack() error {
	t.write(ansi.EraseEntireLine + "\r" +
		ansi.ResetMode(ansi.ModeFocusEvent) +
		ansi.ResetMode(ansi.ModeBracketedPaste) + ansi.ShowCursor +
		ansi.ResetMode(ansi.ModeMouseButtonEvent) + ansi.ResetMode(ansi.ModeMouseAnyEvent) + ansi.ResetMode(ansi.ModeMouseExtSgr) +
		ansi.ResetMode(ansi.ModeAltScreenSaveCursor) + ansi.ShowCursor)
	time.Sleep(10 * time.Millisecond) // as Bubble Tea: let the terminal catch up before the shell writes
	if t.saved == nil {
		return nil
	}
	err := term.Restore(t.in.Fd(), t.saved)
	t.saved = nil
	if err != nil {
		return fmt.Errorf("restore the terminal's mode: %w", err)
	}
	return nil
}

// Close gives the terminal back as Open found it. Call it once the
// program has ended, whichever way it ended.
func (t *Terminal) Close() error {
	err := t.giveBack()
	t.closeInput()
	return err
}

func (t *Terminal) closeInput() {
	if t.ownIn {
		_ = t.in.Close()
	}
}

func (t *Terminal) write(seq string) { _, _ = io.WriteString(t.out, seq) }

// Wrap wraps the program's model so that its frames are drawn here.
func (t *Terminal) Wrap(m tea.Model) Model { return Model{inner: m, p: t.p, state: t.state} }

// WatchResize sends the terminal's size now and at every change
// (SIGWINCH), as Bubble Tea does only with its own renderer. The returned
// stop ends the watching; call it once the program is over.
func (t *Terminal) WatchResize(send func(tea.Msg)) (stop func()) {
	winch := make(chan os.Signal, 1)
	signal.Notify(winch, syscall.SIGWINCH)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			if w, h, err := term.GetSize(t.out.Fd()); err == nil {
				send(tea.WindowSizeMsg{Width: w, Height: h})
			}
			select {
			case <-winch:
			case <-done:
				return
			}
		}
	}()
	return func() {
		signal.Stop(winch)
		close(done)
		wg.Wait()
	}
}

// ExecProcess is tea.ExecProcess for a program drawn here: the child gets
// the terminal as the shell would give it (cooked mode, main screen,
// cursor shown, no mouse reporting), and the dashboard takes it back and
// paints every line once the child exits.
func (t *Terminal) ExecProcess(c *exec.Cmd, fn tea.ExecCallback) tea.Cmd {
	return tea.Exec(handOver{cmd: c, t: t}, fn)
}

// handOver is a child program run between giving the terminal back and
// taking it over again. Bubble Tea runs it on its event loop, so the
// painter is not drawing meanwhile.
type handOver struct {
	cmd *exec.Cmd
	t   *Terminal
}

func (h handOver) Run() error {
	if err := h.t.giveBack(); err != nil {
		return err
	}
	// Both errors count: the child's says what it did, the terminal's why
	// the dashboard cannot draw again.
	return errors.Join(h.cmd.Run(), h.t.takeOver())
}

// SetStdin, SetStdout and SetStderr give the child the program's streams
// unless it has its own, as Bubble Tea's own ExecProcess does.
func (h handOver) SetStdin(r io.Reader) {
	if h.cmd.Stdin == nil {
		h.cmd.Stdin = r
	}
}

func (h handOver) SetStdout(w io.Writer) {
	if h.cmd.Stdout == nil {
		h.cmd.Stdout = w
	}
}

func (h handOver) SetStderr(w io.Writer) {
	if h.cmd.Stderr == nil {
		h.cmd.Stderr = w
	}
}
