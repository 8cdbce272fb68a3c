package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

// Every command's --help reads alike, as the dashboard's does: the
// command and what it does in a line, its usage, its own flags and those
// of the dashboard that apply to it (never one that does not), and an
// example; never the flag package's own style.
func TestEveryCommandsHelpHasOneStyle(t *testing.T) {
	goStyle := regexp.MustCompile(`(?m)^\s+-[a-z-]+( [a-z]+)?$|\t`)
	for _, c := range []struct {
		args    []string
		has     []string
		hasNone []string
	}{
		{[]string{"--help"}, []string{"--interval DURATION", "--org ID", "--read-only", "--filter QUERY"}, nil},
		{[]string{"export", "--help"}, []string{"--app ID", "--filter QUERY", "--format jsonl|csv|ids", "--since DURATION", "--base-url URL"}, []string{"--interval", "--org", "--read-only", "--yes", "--version"}},
		{[]string{"watch", "--help"}, []string{"--app ID", "--batch BATCH", "--job JOB", "--filter QUERY", "--interval DURATION"}, []string{"--org", "--read-only", "--format", "--version"}},
		{[]string{"cancel", "--help"}, []string{"--yes", "--dry-run", "--app ID", "--read-only"}, []string{"--interval", "--org", "--filter", "--format", "--since", "--version"}},
		{[]string{"restart", "--help"}, []string{"--yes", "--dry-run", "--app ID", "--read-only"}, []string{"--interval", "--org", "--filter", "--format", "--since", "--version"}},
		{[]string{"resubmit", "--help"}, []string{"--yes", "--dry-run", "--read-only"}, []string{"--interval", "--org", "--filter", "--format", "--since", "--version"}},
		{[]string{"sim", "--help"}, []string{"--addr ADDRESS", "--speed FACTOR", "--error-rate SHARE", "--endless"}, []string{"--base-url", "--app", "--config", "--interval"}},
	} {
		name := strings.Join(c.args, " ")
		var out, errOut bytes.Buffer
		if err := run(c.args, &out, &errOut); exitCode(err) != 0 || errOut.Len() > 0 {
			t.Errorf("%s: exit %d, stderr %q", name, exitCode(err), errOut.String())
		}
		help := out.String()
		command := "superdash"
		if c.args[0] != "--help" {
			command += " " + c.args[0]
		}
		for _, want := range append([]string{command + ": ", "\n\nUsage:\n  " + command, "\n\nFlags:\n  --", "\n  --help ", "\n\nExample"}, c.has...) {
			if !strings.Contains(help, want) {
				t.Errorf("%s lacks %q:\n%s", name, want, help)
			}
		}
		if !strings.HasPrefix(help, command+": ") {
			t.Errorf("%s does not start with %q:\n%s", name, command+": ", help)
		}
		listed := map[string]bool{} // the flags the Flags section lists
		if _, flags, ok := strings.Cut(help, "\n\nFlags:\n"); ok {
			flags, _, _ = strings.Cut(flags, "\n\n")
			for _, l := range strings.Split(flags, "\n") {
				listed[strings.Fields(l)[0]] = true
			}
		}
		for _, not := range c.hasNone {
			if listed[not] {
				t.Errorf("%s lists %s, which does not apply to it:\n%s", name, not, help)
			}
		}
		if goStyle.MatchString(help) {
			t.Errorf("%s is in the flag package's style:\n%s", name, help)
		}
	}
}
