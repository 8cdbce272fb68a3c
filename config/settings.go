package config

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"superdash/model"
	"superdash/notify"
)

// setting is one plain setting: a key of the file's top level and of every
// profile, and maybe a flag and an environment variable too. Its value is
// read and checked the same way wherever it comes from.
type setting struct {
	name  string // key in the file
	flag  string // "" when there is none
	arg   string // the flag's value in --help; "" for a boolean flag
	env   string // "" when there is none
	usage string // the flag's help, without the default
	def   string // the default as --help shows it; "" to show none (define fills it in from Defaults)

	fromTOML func(v any) (func(*Config), error)
	fromText func(s string) (func(*Config), error) // from a flag or variable
}

// settingBaseURL is named apart: where it was set is recorded (HostSource).
const settingBaseURL = "base_url"

// settings are listed in the order of config.example.toml and --help.
var settings = []setting{
	define(setting{name: settingBaseURL, flag: "base-url", arg: "URL", env: EnvBaseURL,
		usage: "super.AI API base URL, ending in /v1",
		def:   DefaultBaseURL + ", or the host of super.AI's CLI environment: see below"},
		asString, textString, checkBaseURL, func(c *Config) *string { return &c.BaseURL }),
	define(setting{name: "app", flag: "app", arg: "ID",
		usage: "app to open (default: choose from the account's apps)"},
		asString, textString, nil, func(c *Config) *string { return &c.AppID }),
	define(setting{name: "org", flag: "org", arg: "ID",
		usage: "also list the apps of this organisation when choosing an app"},
		asString, textString, checkOrg, func(c *Config) *string { return &c.Org }),
	define(setting{name: "interval", flag: "interval", arg: "DURATION",
		usage: "time between polls"},
		asDuration, textDuration, checkAtLeastSecond, func(c *Config) *time.Duration { return &c.Interval }),
	define(setting{name: "page_size", flag: "page-size", arg: "N",
		usage: "jobs per list request, 1 to 5000"},
		asInt, textInt, checkRange(1, 5000), func(c *Config) *int { return &c.PageSize }),
	define(setting{name: "concurrency", flag: "concurrency", arg: "N",
		usage: "list requests in flight during a full load, 1 to 16"},
		asInt, textInt, checkRange(1, 16), func(c *Config) *int { return &c.Concurrency }),
	define(setting{name: "timeout", flag: "timeout", arg: "DURATION",
		usage: "timeout of one API request"},
		asDuration, textDuration, checkAtLeastSecond, func(c *Config) *time.Duration { return &c.Timeout }),
	define(setting{name: "since", flag: "since", arg: "DURATION",
		usage: "show only jobs created in the last DURATION, such as 7d (default: all)"},
		asDuration, textDuration, checkNotNegative, func(c *Config) *time.Duration { return &c.Since }),
	define(setting{name: "filter", flag: "filter", arg: "QUERY",
		usage: "open the job table with this filter, e.g. 'status:failed tag:x'"},
		asString, textString, checkQuery, func(c *Config) *string { return &c.Filter }),
	define(setting{name: "log_file", flag: "log-file", arg: "PATH",
		usage: "append a debug log (requests, timings, errors; never the key) to this file"},
		asString, textString, nil, func(c *Config) *string { return &c.LogFile }),
	define(setting{name: "read_only", flag: "read-only",
		usage: "never cancel or restart jobs: hide those actions"},
		asBool, strconv.ParseBool, nil, func(c *Config) *bool { return &c.ReadOnly }),
	define(setting{name: "watch_fail_threshold",
		usage: "failures among a watched item's jobs that are told once reached; 0 never tells"},
		asInt, textInt, checkRange(0, 1_000_000), func(c *Config) *int { return &c.WatchFailThreshold }),
	define(setting{name: "notify"},
		asChannels, textChannels, nil, func(c *Config) *notify.Channels { return &c.Notify }),
	define(setting{name: "theme"},
		asString, textString, checkMode, func(c *Config) *string { return &c.Theme.Mode }),
	define(setting{name: "accent"},
		asColour, textString, checkAccent, func(c *Config) *string { return &c.Theme.Accent }),
}

func settingNamed(name string) (setting, bool) {
	for _, s := range settings {
		if s.name == name {
			return s, true
		}
	}
	return setting{}, false
}

// define completes s with the readers of a setting of type T, stored in
// field of Config and, when check is not nil, checked by it.
func define[T comparable](s setting, fromTOML func(any) (T, error), fromText func(string) (T, error),
	check func(T) error, field func(*Config) *T) setting {
	checked := func(v T, err error) (func(*Config), error) {
		if err == nil && check != nil {
			err = check(v)
		}
		if err != nil {
			return nil, err
		}
		return func(c *Config) { *field(c) = v }, nil
	}
	s.fromTOML = func(v any) (func(*Config), error) { return checked(fromTOML(v)) }
	s.fromText = func(v string) (func(*Config), error) { return checked(fromText(v)) }
	d := Defaults()
	var zero T
	if v := *field(&d); v != zero && s.def == "" {
		s.def = fmt.Sprint(v)
	}
	return s
}

func asString(v any) (string, error) {
	if s, ok := v.(string); ok {
		return s, nil
	}
	return "", fmt.Errorf("expected a string, got %s", describe(v, false))
}

func textString(s string) (string, error) { return s, nil }

// Durations are read like the filter's ages, so days and weeks can be
// written as such: "5s", "90m", "7d", "1w2d".
func asDuration(v any) (time.Duration, error) {
	if s, ok := v.(string); ok {
		if d, err := textDuration(s); err == nil {
			return d, nil
		}
	}
	return 0, fmt.Errorf(`expected a duration like "5s" or "7d", got %s`, describe(v, false))
}

func textDuration(s string) (time.Duration, error) {
	d, ok := model.ParseAge(strings.ToLower(strings.TrimSpace(s)))
	if !ok {
		return 0, errors.New(`expected a duration like "5s" or "7d"`)
	}
	return d, nil
}

func asInt(v any) (int, error) {
	if n, ok := v.(int64); ok && int64(int(n)) == n {
		return int(n), nil
	}
	return 0, fmt.Errorf("expected a whole number, got %s", describe(v, false))
}

func textInt(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, errors.New("expected a whole number")
	}
	return n, nil
}

// asChannels reads the list of ways to notify: notify = ["toast", "bell"].
func asChannels(v any) (notify.Channels, error) {
	list, ok := v.([]any)
	if !ok {
		return notify.Channels{}, fmt.Errorf(`expected a list such as ["toast", "bell", "osc9"], got %s`, describe(v, false))
	}
	names := make([]string, len(list))
	for i, e := range list {
		name, ok := e.(string)
		if !ok {
			return notify.Channels{}, fmt.Errorf("expected names of ways to notify (%s), got %s", strings.Join(notify.Names(), ", "), describe(e, false))
		}
		names[i] = name
	}
	return notify.Parse(names)
}

// textChannels reads the ways to notify written with commas: "toast,bell".
func textChannels(s string) (notify.Channels, error) {
	if strings.TrimSpace(s) == "" {
		return notify.Channels{}, nil
	}
	return notify.Parse(strings.Split(s, ","))
}

func asBool(v any) (bool, error) {
	if b, ok := v.(bool); ok {
		return b, nil
	}
	return false, fmt.Errorf("expected true or false, got %s", describe(v, false))
}

func checkAtLeastSecond(d time.Duration) error {
	if d < time.Second {
		return fmt.Errorf("%s is too short: use at least 1s", d)
	}
	return nil
}

func checkNotNegative(d time.Duration) error {
	if d < 0 {
		return fmt.Errorf(`%s is negative: use "0s" for no limit`, d)
	}
	return nil
}

func checkRange(lo, hi int) func(int) error {
	return func(n int) error {
		if n < lo || n > hi {
			return fmt.Errorf("%d is out of range %d..%d", n, lo, hi)
		}
		return nil
	}
}

// checkQuery parses a filter now, so a typo stops superdash with the reason
// instead of opening a table that silently ignores it.
func checkQuery(q string) error {
	_, err := model.ParseQuery(q, time.Now())
	var qe *model.QueryError
	if errors.As(err, &qe) && qe.Term != "" {
		return fmt.Errorf("%s: %s", qe.Term, qe.Reason)
	}
	return err
}

// checkOrg refuses what cannot be one path segment of
// organizations/{id}/apps.
func checkOrg(org string) error {
	if strings.TrimSpace(org) != org || strings.ContainsAny(org, "/?#") {
		return fmt.Errorf("%q is not an organisation id: no spaces around it, no / ? or #", org)
	}
	return nil
}

func checkBaseURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q is not an http(s) URL such as %s", raw, DefaultBaseURL)
	}
	if !strings.HasSuffix(strings.TrimRight(u.Path, "/"), "/v1") {
		return fmt.Errorf("%q should end in /v1, as in %s", raw, DefaultBaseURL)
	}
	return nil
}
