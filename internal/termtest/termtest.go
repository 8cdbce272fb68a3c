// Package termtest is a terminal for tests that run a Bubble Tea program
// on a buffer: what the program writes, read by the test while the
// program goes on writing, as a terminal's *os.File is.
package termtest

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"
)

// Output is what a program wrote to its terminal. Its methods are safe to
// call while the program writes.
type Output struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (o *Output) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.Write(p)
}

// Read drains what the program wrote so far.
func (o *Output) Read(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.Read(p)
}

// String is what the program wrote and Read has not drained.
func (o *Output) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.String()
}

// WaitFor waits, up to 20 seconds, until the program has written want.
func (o *Output) WaitFor(t testing.TB, want string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(o.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("the program never wrote %q; it wrote:\n%q", want, o.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}
