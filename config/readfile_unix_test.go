//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package config

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSettingsFilesThatAreNotFiles names files no settings can come from:
// each is refused with the reason, at once. Without the checks, /dev/zero
// is read until memory runs out and a named pipe waits for a writer.
func TestSettingsFilesThatAreNotFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "config.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.toml")
	if err := os.WriteFile(big, []byte("# "+strings.Repeat("x", 2<<20)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ path, want string }{
		{"/dev/zero", "--config /dev/zero: is a device, not a regular file"},
		{fifo, "--config " + fifo + ": is a named pipe, not a regular file"},
		{big, "--config " + big + ": is larger than 1 MB, which no settings file needs"},
	} {
		fx := newFixture(t)
		err := parseWithin(t, fx, "--config", c.path)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("--config %s: err = %v, want %q", c.path, err, c.want)
		}
	}
}

// TestDevNullIsAnEmptyConfig: `--config /dev/null` is how one says "none
// of my settings", and reads as an empty file.
func TestDevNullIsAnEmptyConfig(t *testing.T) {
	fx := newFixture(t)
	cfg := fx.mustParse("--demo", "--config", os.DevNull)
	if cfg.ConfigFile != os.DevNull {
		t.Errorf("config file %q, want %s", cfg.ConfigFile, os.DevNull)
	}
}

// TestCLISecretsThatAreAPipe: the CLI's secrets file is someone else's, so
// one that cannot be read is mentioned only when no key turns up.
func TestCLISecretsThatAreAPipe(t *testing.T) {
	fx := newFixture(t)
	dir := filepath.Join(fx.home(), ".superai")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, ".secrets.yaml"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := parseWithin(t, fx)
	if err == nil || !strings.Contains(err.Error(), "is a named pipe, not a regular file") {
		t.Errorf("err = %v, want the pipe named", err)
	}
}

// parseWithin parses args, failing (rather than hanging the whole test
// run) if parsing never returns.
func parseWithin(t *testing.T, fx *fixture, args ...string) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		_, err := fx.parse(args...)
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(30 * time.Second):
		t.Fatalf("parsing %q did not return: it waits on the file", args)
		return nil
	}
}
