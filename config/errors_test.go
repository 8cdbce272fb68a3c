package config

import (
	"context"
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// secretKey is planted in every case: no error may show it.
const secretKey = "sk-PLANTED-SECRET-0123456789"

// TestErrors compares every error message to testdata/errors/<case>.txt.
func TestErrors(t *testing.T) {
	cases := []struct {
		name   string
		config string // the default config file; "" for none
		args   []string
		vars   map[string]string
		run    func(context.Context, string) (string, error)
	}{
		{name: "syntax", config: "interval = \"5s\"\npage_size = \n"},
		{name: "syntax_api_key", config: "app = \"x\"\napi_key = " + secretKey + "\n"},
		{name: "duplicate_key", config: "app = \"a\"\napi_key = \"" + secretKey + "\"\napi_key = \"" + secretKey + "\"\n"},
		{name: "syntax_api_key_escape", config: "api_key = \"sk-\\PLANTED\"\n"},
		{name: "unknown_setting", config: "# c\n\nintervall = \"5s\"\ncolour_scheme = 1\n[profile.eu]\nbase_url = \"https://x/v1\"\n"},
		{name: "unknown_in_profile", config: "[profiles.eu]\nbase_url = \"https://eu.example/v1\"\nacent = \"#fff\"\nkeys = 1\n"},
		{name: "unknown_action", config: "[keys]\nquitt = [\"x\"]\nrefrsh = [\"R\"]\nzzzzzz = [\"z\"]\n"},
		{name: "unknown_color_class", config: "[colors]\nfaild = \"#ff0000\"\n"},
		{name: "wrong_types", config: `base_url = 1
app = true
interval = 5
page_size = "500"
concurrency = 4.5
timeout = "15"
since = [1, 2]
read_only = "yes"
theme = ["dark"]
accent = "orange"
api_key = ["` + secretKey + `"]
[profiles.eu]
interval = 5
api_key_cmd = 3
`},
		{name: "wrong_table_types", config: "keys = 5\ncolors = \"red\"\nfilters = 1\nprofiles = []\n"},
		{name: "profile_not_table", config: "profiles.eu = 5\n"},
		{name: "out_of_range", config: `base_url = "ftp://example.com/v1"
interval = "500ms"
page_size = 0
concurrency = 17
timeout = "0s"
since = "-1h"
theme = "blue"
accent = 300
[profiles.eu]
base_url = "https://api.prod-eu.super.ai"
[colors]
failed = "#ff00"
`},
		{name: "notify", config: "notify = [\"toast\", \"osc99\", \"bell\", \"Bell\"]\nwatch_fail_threshold = -1\n[profiles.eu]\nnotify = \"bell\"\n[profiles.us]\nnotify = [1]\n"},
		{name: "key_conflicts", config: "[keys]\nsearch = [\"/\", \"r\"]\nquit = [\"j\"]\naccept_input = [\"enter\", \"ctrl+c\"]\n"},
		{name: "key_lists", config: "[keys]\nquit = []\nhelp = \"?\"\npause = [\"\"]\nrefresh = [1]\n"},
		{name: "filters", config: `[keys]
quit = ["q", "1"]

[[filters]]
name = "failed"
query = "status:failed"
key = "1"

[[filters]]
name = "stuck"
query = ""
key = "r"

[[filters]]
query = "status:running"

[[filters]]
name = "old"
query = "status:expired"
kee = "3"

[[filters]]
name = "failed"
query = "status:expired"

[[filters]]
name = "late"
query = "status:expired"
key = "2"

[[filters]]
name = "later"
query = "status:expired"
key = "2"
`},
		{name: "two_key_settings", config: "api_key = \"" + secretKey + "\"\napi_key_env = \"MY_KEY\"\n[profiles.eu]\napi_key_cmd = \"x\"\napi_key = \"" + secretKey + "\"\n"},
		{name: "key_settings_values", config: "api_key = \"\"\n[profiles.a]\napi_key_env = \"$" + secretKey + "\"\n[profiles.b]\napi_key_cmd = \"\"\n"},
		{name: "api_key_env_unset", config: "api_key_env = \"MY_SUPERAI_KEY\"\n"},
		{name: "api_key_cmd_fails", config: "app = \"x\"\napi_key_cmd = \"echo " + secretKey + "; exit 3\"\n", run: RunShell},
		{name: "api_key_cmd_empty", config: "api_key_cmd = \"true\"\n", run: RunShell},
		// What the command says on stderr is the reason it failed; what it
		// printed on stdout may be the key and is never shown.
		{name: "api_key_cmd_stderr", config: "api_key_cmd = \"echo " + secretKey + "; echo 'gpg: decryption failed: No secret key' >&2; exit 2\"\n", run: RunShell},
		{name: "api_key_cmd_timeout", config: "api_key_cmd = \"sleep 60\"\n", run: func(ctx context.Context, _ string) (string, error) {
			if _, ok := ctx.Deadline(); !ok {
				t.Error("api_key_cmd runs without a deadline")
			}
			return secretKey, context.DeadlineExceeded
		}},
		{name: "api_key_cmd_no_shell", config: "api_key_cmd = \"x\"\n", run: func(context.Context, string) (string, error) {
			return "", &exec.Error{Name: "sh", Err: exec.ErrNotFound}
		}},
		{name: "unknown_profile", config: "[profiles.eu]\napp = \"a\"\n[profiles.us]\napp = \"b\"\n", args: []string{"--profile", "prod"}},
		{name: "profile_without_profiles", config: "app = \"a\"\n", args: []string{"--profile", "eu"}},
		{name: "profile_without_file", args: []string{"--profile", "eu"}},
		{name: "missing_key"},
		{name: "missing_key_cli_root", vars: map[string]string{EnvCLIRoot: "/opt/superai"}},
		{name: "bad_flag_value", args: []string{"--interval", "500ms"}},
		{name: "bad_flag_type", args: []string{"--page-size", "many"}},
		{name: "unknown_flag", args: []string{"--api-key", secretKey}},
		// Every flag error names the flag as --help spells it.
		{name: "flag_needs_argument", args: []string{"--interval"}},
		{name: "bad_boolean_flag", args: []string{"--read-only=maybe"}},
		{name: "unknown_flag_plain", args: []string{"--colour"}},
		{name: "argument", args: []string{"--demo", "extra"}},
		{name: "bad_env", vars: map[string]string{EnvBaseURL: "api.super.ai"}, args: []string{"--demo"}},
		{name: "named_config_missing", args: []string{"--config", "does/not/exist.toml"}},
		{name: "env_config_missing", vars: map[string]string{EnvConfig: "/does/not/exist.toml"}},
		{name: "named_config_is_dir", args: []string{"--config", "."}},
		{name: "sorted_by_line", config: `page_size = 0
[keys]
quit = ["j"]
[profiles.eu]
intervall = "1s"
`, vars: map[string]string{EnvBaseURL: "http://x"}, args: []string{"--demo"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fx := newFixture(t)
			if c.config != "" {
				fx.config(c.config)
			}
			for k, v := range c.vars {
				fx.vars[k] = v
			}
			if c.run != nil {
				fx.run = c.run
			}
			_, err := fx.parse(c.args...)
			if err == nil {
				t.Fatal("no error")
			}
			if strings.Contains(err.Error(), "PLANTED") {
				t.Errorf("the error shows the key:\n%v", err)
			}
			golden(t, filepath.Join("errors", c.name+".txt"), fx.relative(err.Error())+"\n")
		})
	}
}

func TestHelpAndVersion(t *testing.T) {
	var out strings.Builder
	env := Env{HomeDir: "/home/user", ConfigDir: "/home/user/.config"}
	if _, err := Parse([]string{"--help"}, env, &out); !errors.Is(err, ErrHelp) {
		t.Fatalf("--help: err = %v, want ErrHelp", err)
	}
	golden(t, "help.txt", out.String())

	out.Reset()
	if _, err := Parse([]string{"--demo", "--version"}, env, &out); !errors.Is(err, ErrVersion) {
		t.Errorf("--version: err = %v, want ErrVersion", err)
	}
	if out.Len() != 0 {
		t.Errorf("--version printed %q: printing the version is main's", out.String())
	}
}

func TestSuggest(t *testing.T) {
	names := []string{"interval", "timeout", "app", "accent"}
	for in, want := range map[string]string{
		"intervall": ` (did you mean "interval"?)`,
		"Interval":  ` (did you mean "interval"?)`,
		"timout":    ` (did you mean "timeout"?)`,
		"ap":        ` (did you mean "app"?)`,
		"x":         "", // one letter is 1 edit from nothing in particular
		"colour":    "",
	} {
		if got := suggest(in, names); got != want {
			t.Errorf("suggest(%q) = %q, want %q", in, got, want)
		}
	}
}
