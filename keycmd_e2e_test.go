package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestKeyCmdCanAskForAPassphrase runs an api_key_cmd that asks on the
// terminal, as a password manager does, in the real binary in tmux. The
// command runs in a process group of its own (so that a timeout can stop
// all of it); that group must own the terminal while it asks, or its read
// is refused and the key it prints is wrong.
func TestKeyCmdCanAskForAPassphrase(t *testing.T) {
	bin := endToEnd(t)
	const key = "sk-typed-4c1d"
	dir := t.TempDir()
	port := freePort(t)
	sim := exec.Command(bin, "sim", "--addr", "127.0.0.1:"+port, "--api-key", key, "--jobs", "50")
	if err := sim.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sim.Process.Kill(); _ = sim.Wait() })

	config := filepath.Join(dir, "config.toml")
	cmd := `printf 'passphrase: ' >/dev/tty; read -r word </dev/tty; echo sk-$word`
	if err := os.WriteFile(config, []byte("base_url = \"http://127.0.0.1:"+port+"/v1\"\napi_key_cmd = \""+cmd+"\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	script := `XDG_STATE_HOME="$1" "$0" --config "$2"; echo "exit=$?"; read _`
	term := startTmux(t, dir, 100, 30, script, bin, dir, config)
	term.waitFor(t, "the passphrase prompt", 20*time.Second, func(s string) bool { return strings.Contains(s, "passphrase:") })
	term.keys(t, "typed-4c1d", "Enter")
	term.waitFor(t, "the app picker, reached with the typed key", 20*time.Second, func(s string) bool {
		return strings.Contains(s, "Choose an app")
	})
}
