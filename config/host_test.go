package config

import (
	"strings"
	"testing"
)

// TestCLIEnvironmentHost: a key saved by super.AI's CLI goes to the host of
// the CLI's environment, unless a flag, the variable, the file or the
// chosen profile names a base URL. Every environment against every override.
func TestCLIEnvironmentHost(t *testing.T) {
	const secrets = "prod:\n  user:\n    api_key: prod-key\nsandbox:\n  user:\n    api_key: sandbox-key\n" +
		"stg:\n  user:\n    api_key: stg-key\ndev:\n  user:\n    api_key: dev-key\n"
	environments := []struct {
		name       string
		dotEnv     string // <root>/.env
		envVar     string // $ENV_FOR_SUPERAI
		wantURL    string
		wantSource string
	}{
		{name: "prod by default", wantURL: "https://api.prod-eu.super.ai/v1",
			wantSource: "super.AI's CLI environment prod (set by the CLI's default)"},
		{name: "sandbox from .env", dotEnv: "ENV_FOR_SUPERAI=sandbox\n", wantURL: "https://api-sandbox.super.ai/v1",
			wantSource: "super.AI's CLI environment sandbox (set by ~/.superai/.env)"},
		{name: "stg from the variable", envVar: "stg", wantURL: "https://api-staging.super.ai/v1",
			wantSource: "super.AI's CLI environment stg (set by $ENV_FOR_SUPERAI)"},
		{name: "dev in capitals", envVar: "DEV", wantURL: "https://api.dev-eu.super.ai/v1",
			wantSource: "super.AI's CLI environment dev (set by $ENV_FOR_SUPERAI)"},
	}
	overrides := []struct {
		name       string
		args       []string
		vars       map[string]string
		config     string
		wantURL    string // "" keeps the environment's
		wantSource string
	}{
		{name: "no override"},
		{name: "flag", args: []string{"--base-url", "https://flag.example/v1"},
			wantURL: "https://flag.example/v1", wantSource: "--base-url"},
		{name: "variable", vars: map[string]string{EnvBaseURL: "https://env.example/v1"},
			wantURL: "https://env.example/v1", wantSource: "$SUPERAI_BASE_URL"},
		{name: "file", config: "interval = \"5s\"\nbase_url = \"https://file.example/v1\"\n",
			wantURL: "https://file.example/v1", wantSource: "base_url in $CONFIG:2"},
		{name: "profile", args: []string{"--profile", "p"}, config: "[profiles.p]\nbase_url = \"https://profile.example/v1\"\n",
			wantURL: "https://profile.example/v1", wantSource: "base_url in profile p ($CONFIG:2)"},
		{name: "a profile without base_url", args: []string{"--profile", "p"}, config: "[profiles.p]\ninterval = \"9s\"\n"},
	}
	for _, e := range environments {
		for _, o := range overrides {
			t.Run(e.name+"/"+o.name, func(t *testing.T) {
				fx := newFixture(t)
				fx.write("home/.superai/.secrets.yaml", secrets)
				if e.dotEnv != "" {
					fx.write("home/.superai/.env", e.dotEnv)
				}
				if e.envVar != "" {
					fx.vars[EnvCLIEnv] = e.envVar
				}
				for k, v := range o.vars {
					fx.vars[k] = v
				}
				path := ""
				if o.config != "" {
					path = fx.config(o.config)
				}
				cfg := fx.mustParse(o.args...)
				wantURL, wantSource := e.wantURL, e.wantSource
				if o.wantURL != "" {
					wantURL, wantSource = o.wantURL, o.wantSource
				}
				if cfg.BaseURL != wantURL {
					t.Errorf("BaseURL = %q, want %q", cfg.BaseURL, wantURL)
				}
				got := cfg.HostSource
				if path != "" {
					got = strings.ReplaceAll(got, path, "$CONFIG")
				}
				if got != wantSource {
					t.Errorf("HostSource = %q, want %q", got, wantSource)
				}
			})
		}
	}
}

// TestHostOfOtherKeys: only a key from the CLI's secrets brings the CLI's
// host; any other key keeps the default host, even with the CLI set to
// another environment.
func TestHostOfOtherKeys(t *testing.T) {
	fx := newFixture(t)
	fx.write("home/.superai/.secrets.yaml", "sandbox:\n  user:\n    api_key: sandbox-key\n")
	fx.vars[EnvCLIEnv] = "sandbox"
	fx.vars[EnvAPIKey] = "env-key"
	cfg := fx.mustParse()
	if cfg.BaseURL != DefaultBaseURL || cfg.HostSource != hostFromDefault {
		t.Errorf("key from $%s: BaseURL %q from %q, want %q from %q", EnvAPIKey, cfg.BaseURL, cfg.HostSource, DefaultBaseURL, hostFromDefault)
	}
}

// TestUnknownCLIEnvironment: an environment without a known host stops
// superdash with its name and what set it, unless a base URL is named.
func TestUnknownCLIEnvironment(t *testing.T) {
	fx := newFixture(t)
	fx.write("home/.superai/.secrets.yaml", "default:\n  user:\n    api_key: some-key\n")
	fx.write("home/.superai/.env", "ENV_FOR_SUPERAI=staging\n")
	_, err := fx.parse()
	if err == nil {
		t.Fatal("an environment without a known host was accepted")
	}
	golden(t, "errors/cli_env_unknown.txt", fx.relative(err.Error())+"\n")

	cfg := fx.mustParse("--base-url", "https://api-staging.example/v1")
	if cfg.BaseURL != "https://api-staging.example/v1" || cfg.APIKey != "some-key" {
		t.Errorf("with --base-url: BaseURL %q, key set %v", cfg.BaseURL, cfg.APIKey != "")
	}
}

// TestOrgMustBeOneSegment: an organisation id goes into a URL path, so one
// that would change the path is refused with the line to fix.
func TestOrgMustBeOneSegment(t *testing.T) {
	fx := newFixture(t)
	fx.vars[EnvAPIKey] = "k"
	path := fx.config("org = \"acme/../apps\"\n")
	_, err := fx.parse()
	if want := path + `:1: org: "acme/../apps" is not an organisation id`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("err = %v, want %q", err, want)
	}
	if _, err := fx.parse("--config", fx.write("ok.toml", ""), "--org", " acme"); err == nil || !strings.Contains(err.Error(), "flag --org") {
		t.Errorf("--org with a space: err = %v", err)
	}
}
