package config

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// The settings that say where the API key is. A level sets at most one.
const (
	settingAPIKey    = "api_key"     // the key itself
	settingAPIKeyEnv = "api_key_env" // the name of a variable holding it
	settingAPIKeyCmd = "api_key_cmd" // a command printing it
)

// Variables of super.AI's own CLI, read to find the key it saved.
const (
	EnvCLIRoot = "SUPERAI_CONFIG_ROOT" // its folder, ~/.superai by default
	EnvCLIEnv  = "ENV_FOR_SUPERAI"     // its environment, prod by default
)

// keyCmdTimeout bounds api_key_cmd, which may wait on a password manager.
const keyCmdTimeout = 10 * time.Second

func isKeySetting(name string) bool {
	return name == settingAPIKey || name == settingAPIKeyEnv || name == settingAPIKeyCmd
}

// keyRef says where a level of the file puts the API key, without reading
// it: only the source that wins is read, so that a command runs only when
// nothing above it gives a key.
type keyRef struct {
	setting string // one of settingAPIKey*
	value   string // the key, the variable's name or the command
	file    string
	line    int
	profile string // "" at the top level
}

// source names the key's origin for KeySource, never the key itself.
func (r keyRef) source() string {
	what := r.setting
	if r.setting == settingAPIKeyEnv {
		what += " $" + r.value
	}
	return settingSource(what, r.file, r.line, r.profile)
}

// settingSource names where the file sets something: "base_url in
// FILE:LINE", or with the profile named when it is in one.
func settingSource(what, file string, line int, profile string) string {
	if profile != "" {
		return fmt.Sprintf("%s in profile %s (%s:%d)", what, profile, file, line)
	}
	return fmt.Sprintf("%s in %s:%d", what, file, line)
}

var varName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// readKeySetting reads api_key, api_key_env or api_key_cmd into l. Values
// are never quoted back: a misplaced key must not reach the screen.
func (d *doc) readKeySetting(l *level, n node, profile string) {
	s, ok := n.raw.(string)
	switch {
	case !ok:
		d.errorf(n, "%s: expected a string, got %s", n.key, describe(n.raw, true))
		return
	case s == "":
		d.errorf(n, "%s: is empty: remove the line to take the key from elsewhere", n.key)
		return
	case n.name() == settingAPIKeyEnv && !varName.MatchString(s):
		d.errorf(n, `%s: expected the name of a variable holding the key, like "SUPERAI_KEY" (no "$")`, n.key)
		return
	case l.key != nil:
		d.errorf(n, "%s: %s is already set on line %d: keep one of api_key, api_key_env and api_key_cmd", n.key, l.key.setting, l.key.line)
		return
	}
	l.key = &keyRef{setting: n.name(), value: s, file: d.path, line: n.line, profile: profile}
}

// resolve reads the key r points at.
func (r keyRef) resolve(env Env) (string, error) {
	switch r.setting {
	case settingAPIKeyEnv:
		key := strings.TrimSpace(env.getenv(r.value))
		if key == "" {
			return "", fmt.Errorf("api_key_env names $%s, which is not set", r.value)
		}
		return key, nil
	case settingAPIKeyCmd:
		return runKeyCmd(env, r.value)
	}
	return r.value, nil
}

// runKeyCmd runs api_key_cmd. Its output may hold the key whatever went
// wrong, so no error quotes it; nor the command, which may hold one too.
func runKeyCmd(env Env, command string) (string, error) {
	run := env.RunCmd
	if run == nil {
		run = RunShell
	}
	ctx, cancel := context.WithTimeout(context.Background(), keyCmdTimeout)
	defer cancel()
	out, err := run(ctx, command)
	switch {
	case errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil:
		return "", fmt.Errorf("api_key_cmd did not finish within %s and was stopped%s", keyCmdTimeout, stderrNote(err))
	case err != nil:
		// RunShell's errors (exit status, shell not found, what the command
		// wrote to stderr) hold none of its standard output.
		return "", fmt.Errorf("api_key_cmd failed: %v", err)
	}
	// A password manager may print more after the secret (pass prints
	// metadata lines): the key is the first line.
	key, _, _ := strings.Cut(strings.TrimSpace(out), "\n")
	if key = strings.TrimSpace(key); key == "" {
		return "", errors.New("api_key_cmd printed nothing")
	}
	return key, nil
}

// cliKey finds the key super.AI's CLI saved: <root>/.secrets.yaml, under
// the CLI's current environment, at <env>.user.api_key. It is someone
// else's file, so what is wrong with it is only trouble to mention if no
// key turns up. key is "" when there is none; cur is the CLI's current
// environment, whose host the key belongs to (even when the key came from
// the "default" section, as the SDK's settings would have it).
func cliKey(env Env) (key, source string, cur cliEnvironment, trouble string) {
	root := env.getenv(EnvCLIRoot)
	if root == "" {
		if env.HomeDir == "" {
			return "", "", cur, ""
		}
		root = filepath.Join(env.HomeDir, ".superai")
	}
	cur = cliEnv(env, root)
	path := filepath.Join(root, ".secrets.yaml")
	shown := tildify(path, env.HomeDir)
	data, err := readSmallFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", "", cur, ""
	}
	if err != nil {
		return "", "", cur, fmt.Sprintf("cannot read super.AI's CLI's key: %v", err)
	}
	// Decoded loosely: a typed decode's error would quote the values it
	// could not place, and those may be keys.
	var doc map[string]any
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return "", "", cur, fmt.Sprintf("ignoring %s: it is not valid YAML", shown)
	}
	// The CLI (dynaconf) matches environments without regard to case, and
	// falls back to the "default" one.
	for _, section := range []string{cur.name, "default"} {
		if key := lookupKey(doc, section); key != "" {
			return key, fmt.Sprintf("%s (env %s)", shown, section), cur, ""
		}
	}
	return "", "", cur, ""
}

func lookupKey(doc map[string]any, section string) string {
	for name, v := range doc {
		if !strings.EqualFold(name, section) {
			continue
		}
		env, _ := v.(map[string]any)
		user, _ := env["user"].(map[string]any)
		key, _ := user["api_key"].(string)
		return strings.TrimSpace(key)
	}
	return ""
}

// cliEnv is the CLI's current environment: $ENV_FOR_SUPERAI, else the line
// ENV_FOR_SUPERAI=<env> that `superai env` writes to <root>/.env, else prod.
func cliEnv(env Env, root string) cliEnvironment {
	if name := env.getenv(EnvCLIEnv); name != "" {
		return cliEnvironment{name: name, where: "$" + EnvCLIEnv}
	}
	fallback := cliEnvironment{name: "prod", where: "the CLI's default"}
	path := filepath.Join(root, ".env")
	data, err := readSmallFile(path)
	if err != nil {
		return fallback
	}
	lines := bufio.NewScanner(bytes.NewReader(data))
	for lines.Scan() {
		line := strings.TrimPrefix(strings.TrimSpace(lines.Text()), "export ")
		name, value, ok := strings.Cut(line, "=")
		if ok && strings.TrimSpace(name) == EnvCLIEnv {
			if value = strings.Trim(strings.TrimSpace(value), `"'`); value != "" {
				return cliEnvironment{name: value, where: tildify(path, env.HomeDir)}
			}
		}
	}
	return fallback
}

// tildify shortens a path under the home folder to ~/..., as users know it.
func tildify(path, home string) string {
	if home != "" {
		if rel, err := filepath.Rel(home, path); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.Join("~", rel)
		}
	}
	return path
}
