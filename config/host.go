package config

import (
	"fmt"
	"sort"
	"strings"
)

// cliHosts maps each environment of super.AI's own CLI to the API host its
// keys belong to, as the official SDK (superai 0.2.x, settings.yaml) does.
// A key saved for one environment is refused by every other host.
var cliHosts = map[string]string{
	"prod":    "https://api.prod-eu.super.ai/v1",
	"sandbox": "https://api-sandbox.super.ai/v1",
	"stg":     "https://api-staging.super.ai/v1",
	"dev":     "https://api.dev-eu.super.ai/v1",
}

// Where the base URL came from when nothing names it: HostSource then says so.
const (
	hostFromDefault = "the default"
	hostFromFlag    = "--base-url"
)

// cliEnvironment is the CLI's current environment and what chose it.
type cliEnvironment struct {
	name  string // as written; hosts are matched without regard to case
	where string // "$ENV_FOR_SUPERAI", "~/.superai/.env" or "the CLI's default"
}

// cliHost sets the base URL to the host of the CLI's environment, for a key
// taken from the CLI's secrets when nothing named a base URL.
//
// An environment without a known host is an error, not a fallback to the
// default host: the key belongs to some other host, so the default one
// would only refuse it (a 401 that blames the key), and sending a key to a
// host it was not made for is worth avoiding. A warning would scroll away
// the moment the dashboard takes the screen.
func cliHost(cfg *Config, e cliEnvironment, ps *problems) {
	url, ok := cliHosts[strings.ToLower(e.name)]
	if !ok {
		ps.add("", 0, "super.AI's CLI environment %q (set by %s) has no API host superdash knows (%s): "+
			"set base_url in the config file, --base-url or $%s to that environment's API URL, "+
			"or choose a known environment with `superai env`",
			e.name, e.where, strings.Join(knownCLIEnvs(), ", "), EnvBaseURL)
		return
	}
	cfg.BaseURL = url
	cfg.HostSource = fmt.Sprintf("super.AI's CLI environment %s (set by %s)", strings.ToLower(e.name), e.where)
}

func knownCLIEnvs() []string {
	names := make([]string, 0, len(cliHosts))
	for name := range cliHosts {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}
