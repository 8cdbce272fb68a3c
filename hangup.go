package main

import (
	"os"
	"os/signal"
	"sync"
	"syscall"

	tea "github.com/charmbracelet/bubbletea"
)

// quitOnHangup quits p when the process gets SIGHUP (the terminal window
// was closed, the SSH connection dropped), the ordinary way, which
// restores the terminal as for SIGTERM. Bubble Tea v1 handles SIGINT and
// SIGTERM itself but not SIGHUP, whose default ends the process on the
// spot and leaves the alternate screen, mouse reporting and a hidden
// cursor behind in a terminal that lives on (a tmux pane, a terminal
// whose shell was sent the hangup). Under nohup, where the user asked for
// hangups to be ignored, they stay ignored.
//
// The returned stop ends the listening; call it once the program is over.
func quitOnHangup(p *tea.Program) (stop func()) {
	if signal.Ignored(syscall.SIGHUP) {
		return func() {}
	}
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		select {
		case <-hup:
			p.Quit() // returns at once if the program has already ended
		case <-done:
		}
	}()
	return func() {
		signal.Stop(hup)
		close(done)
		wg.Wait()
	}
}
