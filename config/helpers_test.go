package config

import (
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// fixture is a made-up world for Parse: a home folder and a config folder
// in a temporary directory, variables in a map, and no real commands.
type fixture struct {
	t    *testing.T
	dir  string
	vars map[string]string
	run  func(ctx context.Context, command string) (string, error)
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	fx := &fixture{t: t, dir: t.TempDir(), vars: map[string]string{}}
	fx.run = func(_ context.Context, command string) (string, error) {
		t.Errorf("unexpected command run: %q", command)
		return "", nil
	}
	return fx
}

func (fx *fixture) home() string      { return filepath.Join(fx.dir, "home") }
func (fx *fixture) configDir() string { return filepath.Join(fx.home(), ".config") }

// configPath is where Parse looks for the config file by default.
func (fx *fixture) configPath() string {
	return filepath.Join(fx.configDir(), "superdash", "config.toml")
}

func (fx *fixture) env() Env {
	return Env{
		Getenv:    func(name string) string { return fx.vars[name] },
		HomeDir:   fx.home(),
		ConfigDir: fx.configDir(),
		RunCmd:    fx.run,
	}
}

// write writes a file below the fixture's directory, readable by its owner
// alone, and returns its path.
func (fx *fixture) write(path, text string) string {
	fx.t.Helper()
	if !filepath.IsAbs(path) {
		path = filepath.Join(fx.dir, path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		fx.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		fx.t.Fatal(err)
	}
	return path
}

// config writes the default config file.
func (fx *fixture) config(text string) string { return fx.write(fx.configPath(), text) }

func (fx *fixture) parse(args ...string) (Config, error) {
	return Parse(args, fx.env(), io.Discard)
}

// mustParse parses and fails the test on an error.
func (fx *fixture) mustParse(args ...string) Config {
	fx.t.Helper()
	cfg, err := fx.parse(args...)
	if err != nil {
		fx.t.Fatalf("Parse(%q): %v", args, err)
	}
	return cfg
}

// golden compares got, with the fixture's directory written $DIR, to
// testdata/name, or rewrites that file with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./config -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (run go test ./config -update if the change is right)\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func (fx *fixture) relative(s string) string { return strings.ReplaceAll(s, fx.dir, "$DIR") }
