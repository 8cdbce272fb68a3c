package config

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"superdash/keymap"
	"superdash/notify"
)

// layer is one source of settings, in precedence order.
type layer int

const (
	fromFlag layer = iota
	fromEnv
	fromProfile
	fromTop
	fromCLI
	fromDefault
)

var layerNames = []string{"flag", "env", "profile", "top level", "CLI secrets", "default"}

// setup puts a setting's value into one layer of a fixture.
type setup struct {
	flag    []string
	vars    map[string]string
	profile string // lines of [profiles.p]
	top     string // lines of the top level
	cli     string // .secrets.yaml
}

// TestPrecedence sets a setting in every layer from some layer down and
// checks that the highest one wins, for each layer in turn.
func TestPrecedence(t *testing.T) {
	type want struct {
		value  string
		source string // KeySource, for the key
	}
	settings := []struct {
		name   string
		layers map[layer]setup
		get    func(Config) string
		wants  map[layer]want
	}{
		{
			name: "base URL",
			layers: map[layer]setup{
				fromFlag:    {flag: []string{"--base-url", "https://flag.example/v1"}},
				fromEnv:     {vars: map[string]string{EnvBaseURL: "https://env.example/v1"}},
				fromProfile: {profile: `base_url = "https://profile.example/v1"`},
				fromTop:     {top: `base_url = "https://top.example/v1"`},
			},
			get: func(c Config) string { return c.BaseURL },
			wants: map[layer]want{
				fromFlag: {value: "https://flag.example/v1"}, fromEnv: {value: "https://env.example/v1"},
				fromProfile: {value: "https://profile.example/v1"}, fromTop: {value: "https://top.example/v1"},
				fromDefault: {value: DefaultBaseURL},
			},
		},
		{
			name: "API key",
			layers: map[layer]setup{
				fromEnv:     {vars: map[string]string{EnvAPIKey: "env-key"}},
				fromProfile: {profile: `api_key_env = "PROFILE_KEY"`, vars: map[string]string{"PROFILE_KEY": "profile-key"}},
				fromTop:     {top: `api_key = "top-key"`},
				fromCLI:     {cli: "prod:\n  user:\n    api_key: cli-key\n    username: someone\n"},
			},
			get: func(c Config) string { return c.APIKey },
			wants: map[layer]want{
				fromEnv:     {value: "env-key", source: "$SUPERAI_API_KEY"},
				fromProfile: {value: "profile-key", source: "api_key_env $PROFILE_KEY in profile p ($CONFIG:3)"},
				fromTop:     {value: "top-key", source: "api_key in $CONFIG:1"},
				fromCLI:     {value: "cli-key", source: "~/.superai/.secrets.yaml (env prod)"},
				// fromDefault: no key is an error, see TestErrors/missing_key
			},
		},
		{
			name: "organisation",
			layers: map[layer]setup{
				fromFlag:    {flag: []string{"--org", "flag-org"}},
				fromProfile: {profile: `org = "profile-org"`},
				fromTop:     {top: `org = "top-org"`},
			},
			get: func(c Config) string { return c.Org },
			wants: map[layer]want{
				fromFlag: {value: "flag-org"}, fromProfile: {value: "profile-org"}, fromTop: {value: "top-org"}, fromDefault: {value: ""},
			},
		},
		{
			name: "interval",
			layers: map[layer]setup{
				fromFlag:    {flag: []string{"--interval", "7s"}},
				fromProfile: {profile: `interval = "8s"`},
				fromTop:     {top: `interval = "9s"`},
			},
			get: func(c Config) string { return c.Interval.String() },
			wants: map[layer]want{
				fromFlag: {value: "7s"}, fromProfile: {value: "8s"}, fromTop: {value: "9s"}, fromDefault: {value: "5s"},
			},
		},
	}
	for _, s := range settings {
		for winner := fromFlag; winner <= fromDefault; winner++ {
			w, ok := s.wants[winner]
			if !ok {
				continue
			}
			t.Run(s.name+"/"+layerNames[winner], func(t *testing.T) {
				fx := newFixture(t)
				var args []string
				var top, profile []string
				for l := winner; l < fromDefault; l++ {
					set := s.layers[l]
					args = append(args, set.flag...)
					for k, v := range set.vars {
						fx.vars[k] = v
					}
					if set.top != "" {
						top = append(top, set.top)
					}
					if set.profile != "" {
						profile = append(profile, set.profile)
					}
					if set.cli != "" {
						fx.write("home/.superai/.secrets.yaml", set.cli)
					}
				}
				if s.name != "API key" {
					fx.vars[EnvAPIKey] = "some-key"
				}
				text := strings.Join(top, "\n") + "\n[profiles.p]\n" + strings.Join(profile, "\n") + "\n"
				path := fx.config(text)
				cfg := fx.mustParse(append(args, "--profile", "p")...)
				if got := s.get(cfg); got != w.value {
					t.Errorf("%s = %q, want %q (from the %s)", s.name, got, w.value, layerNames[winner])
				}
				if w.source != "" {
					if got := strings.ReplaceAll(cfg.KeySource, path, "$CONFIG"); got != w.source {
						t.Errorf("KeySource = %q, want %q", got, w.source)
					}
				}
			})
		}
	}
}

// TestUnsetFlagsKeepTheFile checks that a flag counts only when given, even
// when given its default value.
func TestUnsetFlagsKeepTheFile(t *testing.T) {
	fx := newFixture(t)
	fx.vars[EnvAPIKey] = "k"
	fx.config("read_only = true\npage_size = 100\napp = \"app-1\"\n")
	cfg := fx.mustParse()
	if !cfg.ReadOnly || cfg.PageSize != 100 || cfg.AppID != "app-1" {
		t.Errorf("without flags: ReadOnly %v, PageSize %d, AppID %q; want the file's true, 100, app-1", cfg.ReadOnly, cfg.PageSize, cfg.AppID)
	}
	cfg = fx.mustParse("--read-only=false", "--page-size", "500", "--app", "")
	if cfg.ReadOnly || cfg.PageSize != 500 || cfg.AppID != "" {
		t.Errorf("with flags: ReadOnly %v, PageSize %d, AppID %q; want the flags' false, 500, \"\"", cfg.ReadOnly, cfg.PageSize, cfg.AppID)
	}
	if cfg := fx.mustParse("--read-only"); !cfg.ReadOnly {
		t.Error("--read-only alone did not set ReadOnly")
	}
}

func TestConfigFileLocation(t *testing.T) {
	fx := newFixture(t)
	fx.vars[EnvAPIKey] = "k"
	if cfg := fx.mustParse(); cfg.ConfigFile != "" {
		t.Errorf("no file: ConfigFile = %q", cfg.ConfigFile)
	}
	def := fx.config(`app = "default"`)
	fromEnv := fx.write("env.toml", `app = "env"`)
	fromFlag := fx.write("flag.toml", `app = "flag"`)

	cfg := fx.mustParse()
	if cfg.AppID != "default" || cfg.ConfigFile != def {
		t.Errorf("default: app %q from %q", cfg.AppID, cfg.ConfigFile)
	}
	fx.vars[EnvConfig] = fromEnv
	if cfg := fx.mustParse(); cfg.AppID != "env" || cfg.ConfigFile != fromEnv {
		t.Errorf("$%s: app %q from %q", EnvConfig, cfg.AppID, cfg.ConfigFile)
	}
	if cfg := fx.mustParse("--config", fromFlag); cfg.AppID != "flag" || cfg.ConfigFile != fromFlag {
		t.Errorf("--config: app %q from %q", cfg.AppID, cfg.ConfigFile)
	}
}

func TestProfiles(t *testing.T) {
	fx := newFixture(t)
	fx.vars["EU_KEY"] = "eu-key"
	fx.vars["US_KEY"] = "us-key"
	fx.config(`accent = "63"
api_key_env = "US_KEY"
read_only = true

[profiles.eu]
base_url = "https://api.prod-eu.super.ai/v1"
api_key_env = "EU_KEY"
accent = "#d70000"
read_only = false

[profiles.sandbox]
base_url = "https://api-sandbox.super.ai/v1"
`)
	cfg := fx.mustParse()
	if cfg.Profile != "" || cfg.BaseURL != DefaultBaseURL || cfg.APIKey != "us-key" || cfg.Theme.Accent != "63" || !cfg.ReadOnly {
		t.Errorf("no profile: %+v, accent %q, read-only %v", cfg, cfg.Theme.Accent, cfg.ReadOnly)
	}
	cfg = fx.mustParse("--profile", "eu")
	if cfg.Profile != "eu" || cfg.BaseURL != "https://api.prod-eu.super.ai/v1" || cfg.APIKey != "eu-key" || cfg.Theme.Accent != "#d70000" || cfg.ReadOnly {
		t.Errorf("profile eu: %+v, accent %q, read-only %v", cfg, cfg.Theme.Accent, cfg.ReadOnly)
	}
	// A profile that leaves a setting alone inherits the top level's.
	cfg = fx.mustParse("--profile", "sandbox")
	if cfg.BaseURL != "https://api-sandbox.super.ai/v1" || cfg.APIKey != "us-key" || cfg.Theme.Accent != "63" || !cfg.ReadOnly {
		t.Errorf("profile sandbox: %+v, accent %q, read-only %v", cfg, cfg.Theme.Accent, cfg.ReadOnly)
	}
}

func TestKeyOverrides(t *testing.T) {
	fx := newFixture(t)
	fx.vars[EnvAPIKey] = "k"
	fx.config(`[keys]
quit = ["q", "ctrl+q"]
up = ["up", "i"]
down = ["down", "j"]
`)
	cfg := fx.mustParse()
	want := keymap.Default()
	want.Global.Quit.SetKeys("q", "ctrl+q")
	want.Global.Quit.SetHelp("q/ctrl+q", "quit")
	want.Nav.Up.SetKeys("up", "i")
	want.Nav.Up.SetHelp("↑/i", "up")
	if !reflect.DeepEqual(cfg.Keys, want) {
		t.Errorf("keys:\n got %+v\nwant %+v", cfg.Keys, want)
	}
}

func TestSavedFiltersAndColors(t *testing.T) {
	fx := newFixture(t)
	fx.vars[EnvAPIKey] = "k"
	fx.config(`[[filters]]
name = "failed"
query = "status:failed"
key = "1"

[[filters]]
name = "all"
query = "*"

[colors]
failed = "#ff5f5f"
done = 2
`)
	cfg := fx.mustParse()
	wantFilters := []SavedFilter{{Name: "failed", Query: "status:failed", Key: "1"}, {Name: "all", Query: "*"}}
	if !reflect.DeepEqual(cfg.SavedFilters, wantFilters) {
		t.Errorf("filters = %+v, want %+v", cfg.SavedFilters, wantFilters)
	}
	wantColors := map[string]string{"failed": "#ff5f5f", "done": "2"}
	if !reflect.DeepEqual(cfg.Theme.Colors, wantColors) {
		t.Errorf("colors = %v, want %v", cfg.Theme.Colors, wantColors)
	}
}

// TestExampleIsDefaults parses config.example.toml: it must hold exactly
// the defaults, and name every setting and action.
func TestExampleIsDefaults(t *testing.T) {
	path, err := filepath.Abs(filepath.Join("..", "config.example.toml"))
	if err != nil {
		t.Fatal(err)
	}
	fx := newFixture(t)
	cfg := fx.mustParse("--config", path, "--demo")
	cfg.ConfigFile, cfg.Demo = "", false
	if !reflect.DeepEqual(cfg, Defaults()) {
		t.Errorf("the example config differs from Defaults():\n got %#v\nwant %#v\n(got theme %+v, keys %+v)", cfg, Defaults(), cfg.Theme, cfg.Keys)
	}

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range append(levelKeys(), topTables...) {
		shown := regexp.MustCompile(`(?m)^(# )?(` + name + ` =|\[+` + name + `[.\]])`)
		if !shown.MatchString(string(data)) {
			t.Errorf("the example config does not show setting %q", name)
		}
	}
	var example struct{ Keys map[string][]string }
	if _, err := toml.Decode(string(data), &example); err != nil {
		t.Fatal(err)
	}
	for _, a := range keymap.Actions() {
		if _, ok := example.Keys[a.Name]; !ok {
			t.Errorf("the example config's [keys] lacks action %q", a.Name)
		}
	}
}

func TestConfigStringHidesKey(t *testing.T) {
	cfg := Defaults()
	cfg.APIKey = secretKey
	for _, s := range []string{cfg.String(), cfg.GoString()} {
		if strings.Contains(s, secretKey) {
			t.Errorf("printed config shows the key: %s", s)
		}
	}
}

func TestDemoNeedsNoKey(t *testing.T) {
	fx := newFixture(t)
	fx.config(`api_key_cmd = "never run"`)
	cfg := fx.mustParse("--demo")
	if !cfg.Demo || cfg.APIKey != "" {
		t.Errorf("demo: Demo %v, key set %v", cfg.Demo, cfg.APIKey != "")
	}
	if len(cfg.Warnings) != 0 {
		t.Errorf("warnings: %q", cfg.Warnings)
	}
}

func TestFilterFlagIsCheckedAtStart(t *testing.T) {
	env := Env{Getenv: func(string) string { return "" }}
	cfg, err := Parse([]string{"--demo", "--filter", "status:failed tag:x"}, env, new(strings.Builder))
	if err != nil || cfg.Filter != "status:failed tag:x" {
		t.Fatalf("valid filter: cfg.Filter=%q err=%v", cfg.Filter, err)
	}
	_, err = Parse([]string{"--demo", "--filter", "colour:red"}, env, new(strings.Builder))
	if err == nil || !strings.Contains(err.Error(), `unknown field "colour"`) {
		t.Errorf("bad filter: err=%v, want the unknown field named", err)
	}
}

func TestHugeFilterFlagIsRefused(t *testing.T) {
	env := Env{Getenv: func(string) string { return "" }}
	_, err := Parse([]string{"--demo", "--filter", strings.Repeat("x", 10<<20)}, env, new(strings.Builder))
	if err == nil || !strings.Contains(err.Error(), "the filter is longer than 4 KB") {
		t.Errorf("a 10 MB --filter: err = %.200v, want it refused as too long", err)
	}
}

// TestAcceptInputStillChooses: choose (enter in the lists and the app
// picker) was part of accept_input; a file written before the split that
// rebinds accept_input keeps choosing with those keys, and one that names
// choose gets its own.
func TestAcceptInputStillChooses(t *testing.T) {
	fx := newFixture(t)
	fx.vars[EnvAPIKey] = "k"
	fx.config("[keys]\naccept_input = [\"ctrl+j\"]\n")
	cfg := fx.mustParse()
	if got := cfg.Keys.List.Choose.Keys(); !slices.Equal(got, []string{"ctrl+j"}) {
		t.Errorf("choose = %q, want accept_input's ctrl+j", got)
	}
	fx.config("[keys]\naccept_input = [\"ctrl+j\"]\nchoose = [\"o\"]\n")
	cfg = fx.mustParse()
	if got := cfg.Keys.List.Choose.Keys(); !slices.Equal(got, []string{"o"}) {
		t.Errorf("choose = %q, want its own o", got)
	}
	if got := cfg.Keys.Input.Accept.Keys(); !slices.Equal(got, []string{"ctrl+j"}) {
		t.Errorf("accept_input = %q, want ctrl+j", got)
	}
}

// TestListAndExportKeysAreChecked: the keys that were fixed before (the
// lists' sort, the export formats) are checked like every other.
func TestListAndExportKeysAreChecked(t *testing.T) {
	fx := newFixture(t)
	fx.vars[EnvAPIKey] = "k"
	fx.config("[keys]\nsort_list = [\"j\"]\nexport_csv = [\"j\"]\n")
	_, err := fx.parse()
	for _, want := range []string{
		`"j" is bound to both down and sort_list in the list scope`,
		`"j" is bound to both export_jsonl and export_csv in the export scope`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("err = %v, want it to say %s", err, want)
		}
	}
}

func TestNotifySettings(t *testing.T) {
	for _, tc := range []struct {
		file      string
		notify    notify.Channels
		threshold int
	}{
		{"", notify.Defaults(), 1},
		{"notify = [\"bell\", \"OSC777\"]\nwatch_fail_threshold = 3\n", notify.Channels{Bell: true, OSC777: true}, 3},
		{"notify = []\nwatch_fail_threshold = 0\n", notify.Channels{}, 0},
	} {
		fx := newFixture(t)
		fx.config(tc.file)
		cfg := fx.mustParse("--demo")
		if cfg.Notify != tc.notify || cfg.WatchFailThreshold != tc.threshold {
			t.Errorf("%q: notify %+v, threshold %d; want %+v, %d", tc.file, cfg.Notify, cfg.WatchFailThreshold, tc.notify, tc.threshold)
		}
	}
}
