// Package config turns flags and the environment into one validated Config.
// Nothing else in superdash reads flags or environment variables.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"
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
	APIKey      string        // never printed: see Redacted
	KeySource   string        // where APIKey came from, named in auth errors
	AppID       string        // empty: let the user pick
	Interval    time.Duration // between polls
	PageSize    int           // jobs per list request
	Concurrency int           // list requests in flight during a full pass
	Timeout     time.Duration // per request attempt
}

// Defaults returns the settings used when nothing else says otherwise.
func Defaults() Config {
	return Config{
		BaseURL:     DefaultBaseURL,
		Interval:    5 * time.Second,
		PageSize:    500,
		Concurrency: 4,
		Timeout:     15 * time.Second,
	}
}

// ErrHelp is returned when the user asked for --help; usage was printed.
var ErrHelp = flag.ErrHelp

// Parse reads the dashboard's flags from args and the environment (looked
// up with getenv), validates the result, and writes usage to out on --help
// or a flag error.
func Parse(args []string, getenv func(string) string, out io.Writer) (Config, error) {
	cfg := Defaults()
	fs := flag.NewFlagSet("superdash", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.Usage = func() { Usage(out, fs) }

	baseURL := fs.String("base-url", "", "super.AI API base URL ending in /v1 (env "+EnvBaseURL+"; default "+DefaultBaseURL+")")
	fs.BoolVar(&cfg.Demo, "demo", false, "open the dashboard on the built-in simulator (no account, no network)")
	fs.StringVar(&cfg.AppID, "app", "", "app id to open (default: choose from the account's apps)")
	fs.DurationVar(&cfg.Interval, "interval", cfg.Interval, "time between polls")
	fs.IntVar(&cfg.PageSize, "page-size", cfg.PageSize, "jobs per list request")
	fs.IntVar(&cfg.Concurrency, "concurrency", cfg.Concurrency, "list requests in flight during a full load")
	fs.DurationVar(&cfg.Timeout, "timeout", cfg.Timeout, "timeout of one API request")
	if err := fs.Parse(args); err != nil {
		return Config{}, err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return Config{}, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}

	switch {
	case *baseURL != "":
		cfg.BaseURL = *baseURL
	case getenv(EnvBaseURL) != "":
		cfg.BaseURL = getenv(EnvBaseURL)
	}
	if key := getenv(EnvAPIKey); key != "" {
		cfg.APIKey, cfg.KeySource = key, "$"+EnvAPIKey
	}
	return cfg, cfg.Validate()
}

// Validate reports every problem with the settings at once.
func (c Config) Validate() error {
	var errs []error
	if c.Interval < time.Second {
		errs = append(errs, fmt.Errorf("interval %s is too short: use at least 1s", c.Interval))
	}
	if c.PageSize < 1 || c.PageSize > 5000 {
		errs = append(errs, fmt.Errorf("page size %d is out of range 1..5000", c.PageSize))
	}
	if c.Concurrency < 1 || c.Concurrency > 16 {
		errs = append(errs, fmt.Errorf("concurrency %d is out of range 1..16", c.Concurrency))
	}
	if c.Timeout < time.Second {
		errs = append(errs, fmt.Errorf("timeout %s is too short: use at least 1s", c.Timeout))
	}
	if c.Demo {
		return errors.Join(errs...)
	}
	if err := checkBaseURL(c.BaseURL); err != nil {
		errs = append(errs, err)
	}
	if c.APIKey == "" {
		errs = append(errs, fmt.Errorf("no API key: set %s (or run with --demo to try the built-in simulator)", EnvAPIKey))
	}
	return errors.Join(errs...)
}

func checkBaseURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("base URL %q is not an http(s) URL such as %s", raw, DefaultBaseURL)
	}
	if !strings.HasSuffix(strings.TrimRight(u.Path, "/"), "/v1") {
		return fmt.Errorf("base URL %q should end in /v1, as in %s", raw, DefaultBaseURL)
	}
	return nil
}

// Usage prints the command line help.
func Usage(out io.Writer, fs *flag.FlagSet) {
	fmt.Fprintf(out, `superdash: a live terminal dashboard for super.AI jobs

Usage:
  superdash [flags]            open the dashboard (key in $%s)
  superdash --demo             open it on the built-in simulator
  superdash sim [flags]        run the simulated super.AI API alone
  superdash version            print the version

Flags:
`, EnvAPIKey)
	fs.PrintDefaults()
}
