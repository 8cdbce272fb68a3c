// Package common holds what every part of the screen shares, read-only: the
// styles, the key bindings and the clock. Children get a pointer to one
// Common instead of reaching for package globals, so tests can build a
// screen with a frozen clock and plain styles.
package common

import (
	"time"

	"superdash/keymap"
)

// Common is shared, read-only state handed to every child model.
type Common struct {
	Styles Styles
	Keys   keymap.KeyMap
	// Now is the wall clock: how fresh the data is, when to retry. Tests
	// freeze it so golden screens are stable.
	Now func() time.Time
	// JobNow is the time job timestamps are measured against ("3m ago").
	// It is the wall clock, except on the built-in simulator, whose world
	// runs faster than real time.
	JobNow func() time.Time
}

// New builds a Common with the default styles and keys and the real clock.
func New() *Common {
	return &Common{Styles: DefaultStyles(), Keys: keymap.Default(), Now: time.Now, JobNow: time.Now}
}
