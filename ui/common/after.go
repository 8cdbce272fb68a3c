package common

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// After delivers msg once d has passed, or nothing once ctx ends. Unlike
// tea.Tick its goroutine does not outlive what ctx stands for (the
// dashboard, the app being polled): ending it ends the wait at once.
func After(ctx context.Context, d time.Duration, msg tea.Msg) tea.Cmd {
	return func() tea.Msg {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
			return msg
		case <-ctx.Done():
			return nil
		}
	}
}
