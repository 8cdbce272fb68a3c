package config

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const cliSecrets = `prod:
  user:
    api_key: prod-key
    username: someone@example.com
dev:
  user:
    api_key: dev-key
Sandbox:
  user:
    api_key: sandbox-key
`

func TestCLISecrets(t *testing.T) {
	cases := []struct {
		name       string
		root       string // $SUPERAI_CONFIG_ROOT, relative to the fixture; "" for ~/.superai
		dotEnv     string // <root>/.env
		envVar     string // $ENV_FOR_SUPERAI
		secrets    string
		wantKey    string
		wantSource string
	}{
		{name: "prod by default", secrets: cliSecrets, wantKey: "prod-key", wantSource: "~/.superai/.secrets.yaml (env prod)"},
		{name: ".env chooses", dotEnv: "ENV_FOR_SUPERAI=dev", secrets: cliSecrets, wantKey: "dev-key", wantSource: "~/.superai/.secrets.yaml (env dev)"},
		{name: ".env with export and quotes", dotEnv: "# written by hand\nexport ENV_FOR_SUPERAI=\"dev\"\n", secrets: cliSecrets, wantKey: "dev-key", wantSource: "~/.superai/.secrets.yaml (env dev)"},
		{name: "variable beats .env", dotEnv: "ENV_FOR_SUPERAI=dev", envVar: "prod", secrets: cliSecrets, wantKey: "prod-key", wantSource: "~/.superai/.secrets.yaml (env prod)"},
		{name: "env names ignore case", envVar: "sandbox", secrets: cliSecrets, wantKey: "sandbox-key", wantSource: "~/.superai/.secrets.yaml (env sandbox)"},
		{name: "default section", envVar: "sandbox", secrets: "default:\n  user:\n    api_key: default-key\n", wantKey: "default-key", wantSource: "~/.superai/.secrets.yaml (env default)"},
		{name: "SUPERAI_CONFIG_ROOT moves it", root: "elsewhere", dotEnv: "ENV_FOR_SUPERAI=dev", secrets: cliSecrets, wantKey: "dev-key", wantSource: "$DIR/elsewhere/.secrets.yaml (env dev)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fx := newFixture(t)
			root := filepath.Join(fx.home(), ".superai")
			if c.root != "" {
				root = filepath.Join(fx.dir, c.root)
				fx.vars[EnvCLIRoot] = root
				// The usual folder holds another key, which must not be used.
				fx.write("home/.superai/.secrets.yaml", "prod:\n  user:\n    api_key: wrong-key\n")
			}
			if c.dotEnv != "" {
				fx.write(filepath.Join(root, ".env"), c.dotEnv)
			}
			if c.envVar != "" {
				fx.vars[EnvCLIEnv] = c.envVar
			}
			fx.write(filepath.Join(root, ".secrets.yaml"), c.secrets)
			cfg := fx.mustParse()
			if cfg.APIKey != c.wantKey {
				t.Errorf("key = %q, want %q", cfg.APIKey, c.wantKey)
			}
			if got := fx.relative(cfg.KeySource); got != c.wantSource {
				t.Errorf("KeySource = %q, want %q", got, c.wantSource)
			}
		})
	}
}

// TestCLISecretsTrouble: the CLI's file is someone else's, so what is wrong
// with it is a warning, and the key may still come from elsewhere.
func TestCLISecretsTrouble(t *testing.T) {
	fx := newFixture(t)
	fx.write("home/.superai/.secrets.yaml", "prod:\n  user: [\n    api_key: "+secretKey+"\n")
	_, err := fx.parse()
	if err == nil {
		t.Fatal("no key, yet no error")
	}
	golden(t, "errors/cli_secrets_malformed.txt", fx.relative(err.Error())+"\n")
	if strings.Contains(err.Error(), "PLANTED") {
		t.Errorf("the error shows the key: %v", err)
	}

	// With a key elsewhere, the CLI's file is not even read.
	fx.vars[EnvAPIKey] = "env-key"
	if cfg := fx.mustParse(); len(cfg.Warnings) != 0 {
		t.Errorf("warnings about a file not needed: %q", cfg.Warnings)
	}

	// A file without the env's key is no key, without complaint.
	fx = newFixture(t)
	fx.vars[EnvCLIEnv] = "dev"
	fx.write("home/.superai/.secrets.yaml", "prod:\n  user:\n    api_key: prod-key\n")
	if _, err := fx.parse(); err == nil || !strings.HasPrefix(err.Error(), "no API key") {
		t.Errorf("err = %v, want the missing-key error", err)
	}

	// Without a home folder, there is nothing to read.
	env := fx.env()
	env.HomeDir = ""
	if _, err := Parse(nil, env, nil); err == nil || !strings.HasPrefix(err.Error(), "no API key") {
		t.Errorf("err = %v, want the missing-key error", err)
	}
}

func TestAPIKeyCmd(t *testing.T) {
	fx := newFixture(t)
	fx.run = RunShell
	path := fx.config("\n# the first line is the key, as pass prints it\napi_key_cmd = \"printf '  cmd-key  \\\\nurl: https://super.ai\\\\n'\"\n")
	cfg := fx.mustParse()
	if cfg.APIKey != "cmd-key" {
		t.Errorf("key = %q, want cmd-key", cfg.APIKey)
	}
	if want := "api_key_cmd in " + path + ":3"; cfg.KeySource != want {
		t.Errorf("KeySource = %q, want %q", cfg.KeySource, want)
	}

	// Nothing runs when a source of higher precedence has the key.
	fx.run = func(_ context.Context, command string) (string, error) {
		t.Errorf("ran %q although $%s is set", command, EnvAPIKey)
		return "", nil
	}
	fx.vars[EnvAPIKey] = "env-key"
	if cfg := fx.mustParse(); cfg.APIKey != "env-key" {
		t.Errorf("key = %q, want env-key", cfg.APIKey)
	}
}

func TestPermissionWarning(t *testing.T) {
	cases := []struct {
		name   string
		config string
		mode   os.FileMode
		warn   bool
	}{
		{"key readable by others", "api_key = \"k\"\n", 0o644, true},
		{"key readable by the group", "api_key = \"k\"\n", 0o640, true},
		{"key readable by the owner alone", "api_key = \"k\"\n", 0o600, false},
		{"key in an unchosen profile", "[profiles.eu]\napi_key = \"k\"\n", 0o644, true},
		{"no key but readable by others", "api_key_env = \"K\"\n", 0o644, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fx := newFixture(t)
			fx.vars[EnvAPIKey] = "k"
			path := fx.config(c.config)
			if err := os.Chmod(path, c.mode); err != nil {
				t.Fatal(err)
			}
			cfg := fx.mustParse()
			want := []string(nil)
			if c.warn {
				want = []string{path + " is readable by other users and holds an API key: chmod 600 " + shellQuote(path)}
			}
			if strings.Join(cfg.Warnings, "\n") != strings.Join(want, "\n") {
				t.Errorf("warnings = %q, want %q", cfg.Warnings, want)
			}
		})
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"/home/u/.config/superdash/config.toml":                      "/home/u/.config/superdash/config.toml",
		"/Users/u/Library/Application Support/superdash/config.toml": "'/Users/u/Library/Application Support/superdash/config.toml'",
		"/tmp/it's.toml": `'/tmp/it'\''s.toml'`,
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}
