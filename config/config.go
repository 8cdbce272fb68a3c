// Package config turns flags, the environment and the config file into one
// checked Config. Nothing else in superdash reads flags, environment
// variables or config files.
//
// Precedence, highest first: flags; the environment; the profile chosen
// with --profile; the file's top level; the key saved by super.AI's own CLI;
// the defaults.
package config

import (
	"context"
	"fmt"
	"io"
	"os"
	"regexp"
	"runtime"
	"strings"
	"time"

	"superdash/keymap"
	"superdash/notify"
)

// DefaultBaseURL is super.AI's production API.
const DefaultBaseURL = "https://api.super.ai/v1"

// Environment variables superdash reads.
const (
	EnvAPIKey  = "SUPERAI_API_KEY"
	EnvBaseURL = "SUPERAI_BASE_URL"
)

// Config is everything the dashboard needs to start.
type Config struct {
	Demo        bool          // run on the built-in simulator
	BaseURL     string        // ends in /v1
	HostSource  string        // where BaseURL came from, for --help's rule and connection errors
	APIKey      string        // never printed: String and GoString leave it out
	KeySource   string        // where APIKey came from, named in auth errors; never the key
	AppID       string        // empty: let the user pick
	Org         string        // an organisation whose apps the picker lists too; "" for none
	Interval    time.Duration // between polls
	PageSize    int           // jobs per list request
	Concurrency int           // list requests in flight during a full pass
	Timeout     time.Duration // per request attempt

	Profile  string        // the profile chosen with --profile; "" for none
	Filter   string        // the query the job table opens with
	LogFile  string        // where the debug log goes; "" for none
	ReadOnly bool          // never cancel or restart: the UI hides those actions
	Since    time.Duration // only jobs created within this long before start; 0 for all
	Theme    Theme         // colours
	// WatchFailThreshold is how many failures among a watched item's jobs
	// are told (once); 0 never tells of failures before the end.
	WatchFailThreshold int
	Notify             notify.Channels // how a watch tells what happened
	Keys               keymap.KeyMap   // the built-in bindings with the file's [keys] applied
	SavedFilters       []SavedFilter   // the file's [[filters]], as tabs
	ConfigFile         string          // the config file read; "" if none
	Warnings           []string        // to print before the screen opens
}

// Defaults returns the settings used when nothing else says otherwise.
func Defaults() Config {
	return Config{
		BaseURL:     DefaultBaseURL,
		HostSource:  hostFromDefault,
		Interval:    5 * time.Second,
		PageSize:    500,
		Concurrency: 4,
		Timeout:     15 * time.Second,
		Theme:       Theme{Mode: ThemeAuto},
		Notify:      notify.Defaults(),

		WatchFailThreshold: 1,
		Keys:               keymap.Default(),
	}
}

// String describes c without its API key, so that printing a Config, even
// by accident with %v or %+v, cannot show the key.
func (c Config) String() string {
	return fmt.Sprintf("config{base URL %s from %q, key from %q, app %q, profile %q, interval %s, file %q}",
		c.BaseURL, c.HostSource, c.KeySource, c.AppID, c.Profile, c.Interval, c.ConfigFile)
}

// GoString keeps the key out of %#v as String does for %v.
func (c Config) GoString() string { return c.String() }

// Env is what Parse reads from outside its arguments, so that tests can
// pass their own and never touch the real home folder.
type Env struct {
	Getenv    func(string) string // nil: an empty environment
	HomeDir   string              // holds .superai, the CLI's folder; "" to not look there
	ConfigDir string              // holds superdash/config.toml; "" for no default config file
	// RunCmd runs api_key_cmd and returns its standard output. Its error
	// must not hold that output, which may be the key. nil means RunShell.
	RunCmd func(ctx context.Context, command string) (string, error)
}

// OSEnv is the environment of this process.
func OSEnv() Env {
	home, _ := os.UserHomeDir()  // "": no CLI secrets to read
	dir, _ := os.UserConfigDir() // "": no default config file
	return Env{Getenv: os.Getenv, HomeDir: home, ConfigDir: dir, RunCmd: RunShell}
}

func (e Env) getenv(name string) string {
	if e.Getenv == nil {
		return ""
	}
	return e.Getenv(name)
}

// Parse reads the flags in args, the environment and the config file, and
// returns the checked result. It writes the usage to out on --help, and
// returns ErrHelp then, or ErrVersion for --version. Every problem found
// is in the one error, each as "file:line: reason" where it has a line.
// No error holds the API key.
func Parse(args []string, env Env, out io.Writer) (Config, error) {
	cl, err := parseArgs(args, env, out)
	if err != nil {
		return Config{}, err
	}
	var ps problems
	cfg := Defaults()
	cfg.Demo, cfg.Profile = cl.demo, cl.profile
	path, namedBy := configPath(cl.config, env)
	f := loadFile(path, namedBy, &ps)

	// Lowest precedence first, each layer overwriting the one before.
	var key *keyRef
	if f != nil {
		cfg.ConfigFile = f.path
		f.top.apply(&cfg)
		key = f.top.key
	}
	if cl.profile != "" {
		if p, ok := chooseProfile(f, path, cl.profile, &ps); ok {
			p.apply(&cfg)
			if p.key != nil {
				key = p.key
			}
		}
	}
	applyEnv(&cfg, env, &ps)
	if env.getenv(EnvBaseURL) != "" {
		cfg.HostSource = "$" + EnvBaseURL
	}
	for _, set := range cl.sets {
		set(&cfg)
	}
	if cl.baseURL {
		cfg.HostSource = hostFromFlag
	}
	// The tables only the file sets.
	if f != nil {
		applyKeys(&cfg.Keys, f.path, f.keys, &ps)
		checkFilters(f.filters, cfg.Keys, f.path, &ps)
		for _, sf := range f.filters {
			cfg.SavedFilters = append(cfg.SavedFilters, sf.SavedFilter)
		}
		cfg.Theme.Colors = f.colors
		if w := permissionWarning(f); w != "" {
			cfg.Warnings = append(cfg.Warnings, w)
		}
	}
	if !cfg.Demo && len(ps) == 0 {
		// Only once everything else is right: reading the key may run a
		// command, and there is no use asking a password manager for a
		// key that will not be used.
		resolveKey(&cfg, key, env, path, &ps)
	}
	if err := ps.err(); err != nil {
		return Config{}, err
	}
	return cfg, nil
}

// applyEnv applies the settings that have a variable, when it is set.
func applyEnv(cfg *Config, env Env, ps *problems) {
	for _, s := range settings {
		if s.env == "" || env.getenv(s.env) == "" {
			continue
		}
		set, err := s.fromText(env.getenv(s.env))
		if err != nil {
			ps.add("", 0, "$%s: %v", s.env, err)
			continue
		}
		set(cfg)
	}
}

// chooseProfile finds the profile --profile names.
func chooseProfile(f *file, path, name string, ps *problems) (level, bool) {
	switch {
	case f == nil && path == "":
		ps.add("", 0, "--profile %s: there is no config file to define it (use --config PATH)", name)
	case f == nil:
		ps.add("", 0, "--profile %s: there is no config file at %s to define it", name, path)
	case len(f.names) == 0:
		ps.add("", 0, "--profile %s: %s defines no profiles: add a [profiles.%s] table", name, f.path, name)
	default:
		if p, ok := f.profiles[name]; ok {
			return p, true
		}
		ps.add("", 0, "--profile %s: no [profiles.%s] in %s; it defines: %s", name, name, f.path, strings.Join(f.names, ", "))
	}
	return level{}, false
}

// resolveKey sets the API key from the first source that has one:
// $SUPERAI_API_KEY, then the file (where the profile's setting has already
// replaced the top level's), then the CLI's saved key.
func resolveKey(cfg *Config, fileKey *keyRef, env Env, path string, ps *problems) {
	if key := strings.TrimSpace(env.getenv(EnvAPIKey)); key != "" {
		cfg.APIKey, cfg.KeySource = key, "$"+EnvAPIKey
		return
	}
	if fileKey != nil {
		key, err := fileKey.resolve(env)
		if err != nil {
			ps.add(fileKey.file, fileKey.line, "%v", err)
			return
		}
		cfg.APIKey, cfg.KeySource = key, fileKey.source()
		return
	}
	key, source, cur, trouble := cliKey(env)
	if key != "" {
		cfg.APIKey, cfg.KeySource = key, source
		if cfg.HostSource == hostFromDefault { // no flag, variable or file named a host
			cliHost(cfg, cur, ps)
		}
		return
	}
	ps.add("", 0, "%s", missingKey(env, path))
	if trouble != "" {
		ps.add("", 0, "%s", trouble) // perhaps the reason there is no key
	}
}

// missingKey is the error when no source gives a key: it names them all.
func missingKey(env Env, path string) string {
	file := "a config file (--config PATH)"
	if path != "" {
		file = tildify(path, env.HomeDir)
	}
	root := "~/.superai"
	if r := env.getenv(EnvCLIRoot); r != "" {
		root = tildify(r, env.HomeDir)
	}
	return fmt.Sprintf(`no API key. Give one in any of these ways:
  - set $%s
  - in %s, set api_key = "...", api_key_env = "VAR" (a variable holding it)
    or api_key_cmd = "pass show superai" (a command printing it)
  - the same in a [profiles.NAME] table of that file, chosen with --profile NAME
  - log in with super.AI's own CLI, which saves it in %s/.secrets.yaml
or run superdash --demo to try the dashboard on the built-in simulator`, EnvAPIKey, file, root)
}

// permissionWarning warns when the file holds an API key that other users
// of the machine can read.
func permissionWarning(f *file) string {
	if !f.holdsKey || runtime.GOOS == "windows" { // no Unix permission bits there
		return ""
	}
	info, err := os.Stat(f.path)
	if err != nil || info.Mode().Perm()&0o044 == 0 {
		return ""
	}
	return fmt.Sprintf("%s is readable by other users and holds an API key: chmod 600 %s", f.path, shellQuote(f.path))
}

var shellSafe = regexp.MustCompile(`^[A-Za-z0-9/._+~-]+$`)

// shellQuote quotes path for the chmod command the warning suggests: on
// macOS the config folder is "Application Support".
func shellQuote(path string) string {
	if shellSafe.MatchString(path) {
		return path
	}
	return "'" + strings.ReplaceAll(path, "'", `'\''`) + "'"
}
