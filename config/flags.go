package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strings"
)

// ErrHelp is returned for --help, once the usage is printed.
var ErrHelp = flag.ErrHelp

// ErrVersion is returned for --version: the caller prints the version.
var ErrVersion = errors.New("version requested")

// cmdline is what the command line says. There is deliberately no flag for
// the API key: the command line of a process is visible to other users.
type cmdline struct {
	config  string
	profile string
	demo    bool
	baseURL bool            // --base-url was given
	sets    []func(*Config) // the settings given as flags, checked, in order
}

// parseArgs reads the flags. A setting's flag takes part only when given,
// so an unset flag never hides the file or the environment.
func parseArgs(args []string, env Env, out io.Writer) (cmdline, error) {
	var (
		cl      cmdline
		version bool
	)
	fs := flag.NewFlagSet("superdash", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are returned, and the usage printed only when asked for
	fs.Usage = func() {}

	fs.StringVar(&cl.config, "config", "", "")
	fs.StringVar(&cl.profile, "profile", "", "")
	fs.BoolVar(&cl.demo, "demo", false, "")
	for _, s := range settings {
		if s.flag == "" {
			continue
		}
		read := func(v string) error {
			set, err := s.fromText(v)
			if err == nil {
				cl.sets = append(cl.sets, set)
				cl.baseURL = cl.baseURL || s.name == settingBaseURL
			}
			return err
		}
		if s.arg == "" {
			fs.BoolFunc(s.flag, "", read)
		} else {
			fs.Func(s.flag, "", read)
		}
	}
	fs.BoolVar(&version, "version", false, "")

	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		dashboardHelp(env).Write(out, env)
		return cmdline{}, ErrHelp
	case err != nil && strings.HasSuffix(err.Error(), "-api-key"):
		// The flag package names the flag but not its value, so this
		// cannot show the key someone tried to pass.
		return cmdline{}, fmt.Errorf("%s: the API key is never a flag, since other users can read a command line: set $%s (see superdash --help)", dashed(err), EnvAPIKey)
	case err != nil:
		return cmdline{}, fmt.Errorf("%s (see superdash --help)", dashed(err))
	case version:
		return cmdline{}, ErrVersion
	case fs.NArg() > 0:
		return cmdline{}, fmt.Errorf("unexpected argument %q (see superdash --help)", fs.Arg(0))
	}
	return cl, nil
}

// flagNamed matches where the flag package names a flag in its errors,
// with one dash: "-interval". The values it quotes are Go-quoted, so a
// quote never ends one early.
var flagNamed = regexp.MustCompile(`^(flag provided but not defined: |flag needs an argument: |invalid value "(?:[^"\\]|\\.)*" for flag |invalid boolean value "(?:[^"\\]|\\.)*" for )-`)

// dashed is a flag error with the flag spelled as --help spells it:
// "-interval" next to "superdash --help" reads as a typo.
func dashed(err error) string { return flagNamed.ReplaceAllString(err.Error(), "${1}--") }

func defaultConfigText(env Env) string {
	if env.ConfigDir == "" {
		return "none"
	}
	return tildify(filepath.Join(env.ConfigDir, "superdash", "config.toml"), env.HomeDir)
}

// dashboardFlags are the dashboard's flags in the order --help lists
// them: where the settings come from, then every setting that has a flag.
var dashboardFlags = func() []string {
	names := []string{"config", "profile", "demo"}
	for _, s := range settings {
		if s.flag != "" {
			names = append(names, s.flag)
		}
	}
	return append(names, "version", "help")
}()

// flagDocs describes every flag of the dashboard, by name, for the help of
// the dashboard and of the commands that share them.
func flagDocs(env Env) map[string]Flag {
	docs := map[string]Flag{
		"config":  {"config", "PATH", fmt.Sprintf("config file (default $%s, else %s)", EnvConfig, defaultConfigText(env))},
		"profile": {"profile", "NAME", "use the settings of [profiles.NAME] in the config file"},
		"demo":    {"demo", "", "run on the built-in simulator (no account, no network)"},
		"version": {"version", "", "print the version"},
		"help":    {"help", "", "print this help"},
	}
	for _, s := range settings {
		if s.flag == "" {
			continue
		}
		usage := s.usage
		if s.def != "" {
			usage += " (default " + s.def + ")"
		}
		docs[s.flag] = Flag{s.flag, s.arg, usage}
	}
	return docs
}

// dashboardHelp is superdash --help: every subcommand, flag and variable.
func dashboardHelp(env Env) Help {
	cliRoot := "~/.superai"
	if env.HomeDir == "" {
		cliRoot = "$HOME/.superai"
	}
	return Help{
		Command: "superdash",
		Summary: "a live terminal dashboard for super.AI jobs",
		Usage: []string{
			"superdash [flags]        open the dashboard",
			"superdash --demo         open it on the built-in simulator",
			"superdash export [flags] write an app's jobs to stdout as JSON Lines, CSV or ids (superdash export --help)",
			"superdash watch [flags]  follow a batch, a job or a filter until every job has ended (superdash watch --help)",
			"superdash cancel|restart|resubmit [flags] JOB_ID... | -",
			"                         act on jobs from the shell (superdash restart --help)",
			"superdash sim [flags]    run the simulated super.AI API alone (superdash sim --help)",
			"superdash version        print the version",
		},
		Shared:   dashboardFlags,
		Examples: []string{"superdash --demo", "superdash --app APP --filter 'status:failed'"},
		Notes: fmt.Sprintf(`Environment:
  %-19s  the API key (never a flag: other users can read a command line)
  %-19s  the API base URL
  %-19s  the config file
  %-19s  folder of super.AI's own CLI (default %s)
  %-19s  environment of super.AI's own CLI (default: the one it last chose, else prod)

The API key comes from the first of: $%s; api_key, api_key_env or
api_key_cmd in the chosen profile, then at the top of the config file; the
key super.AI's CLI saved in %s/.secrets.yaml.

The host comes from the first of: --base-url; $%s; base_url in the
chosen profile, then at the top of the config file; for the key super.AI's
CLI saved, the host of the CLI's environment (prod %s,
sandbox %s, stg %s,
dev %s); else %s.

Flags come before the environment, which comes before the config file.
config.example.toml lists every setting.`, EnvAPIKey, EnvBaseURL, EnvConfig, EnvCLIRoot, cliRoot, EnvCLIEnv, EnvAPIKey, cliRoot,
			EnvBaseURL, cliHosts["prod"], cliHosts["sandbox"], cliHosts["stg"], cliHosts["dev"], DefaultBaseURL),
	}
}

// SplitArgs separates a subcommand's arguments into the flags Parse reads
// (with their values) and the positional arguments among them, wherever
// they stand: `superdash restart 12 13 --app X` has flags [--app X] and
// positional [12 13]. After "--" every argument is positional; a lone "-"
// is positional (it names stdin).
func SplitArgs(args []string) (flags, positional []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		name := strings.TrimLeft(a, "-")
		switch {
		case a == "--":
			return flags, append(positional, args[i+1:]...)
		case a == "-" || !strings.HasPrefix(a, "-"):
			positional = append(positional, a)
		case strings.Contains(name, "=") || !takesValue(name) || i+1 >= len(args):
			flags = append(flags, a)
		default:
			flags = append(flags, a, args[i+1])
			i++
		}
	}
	return flags, positional
}

// takesValue reports whether the flag named name is followed by a value.
func takesValue(name string) bool {
	if name == "config" || name == "profile" {
		return true
	}
	for _, s := range settings {
		if s.flag == name {
			return s.arg != ""
		}
	}
	return false
}
