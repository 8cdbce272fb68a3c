package config

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

// Flag is one line of a command's flags in its --help.
type Flag struct {
	Name  string // without dashes: "filter"
	Arg   string // what follows it, "" for a switch: "QUERY"
	Usage string // what it does, with its default
}

// Help is a command's --help. Every command of superdash writes its help
// through it, so they all read alike: the command and what it does in a
// line, how to call it, more about it, its flags (only those that apply
// to it), an example, then any notes.
type Help struct {
	Command string   // "superdash export"
	Summary string   // what it does, in one line
	Usage   []string // the ways to call it, one a line, each in full: "superdash export --app APP [flags]"
	About   string   // paragraphs after the usage; "" for none
	Flags   []Flag   // its own flags
	// Shared names the dashboard's flags (--app, --base-url, ...) that
	// apply to the command too, listed after its own, as --help describes
	// them for the dashboard.
	Shared   []string
	Examples []string
	Notes    string // after the examples: the environment, precedence
}

// Write prints the help; env fills in the defaults the shared flags
// describe (the config file's path).
func (h Help) Write(out io.Writer, env Env) {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n\nUsage:\n", h.Command, h.Summary)
	for _, u := range h.Usage {
		fmt.Fprintf(&b, "  %s\n", u)
	}
	if h.About != "" {
		fmt.Fprintf(&b, "\n%s\n", strings.TrimRight(h.About, "\n"))
	}
	flags := append([]Flag(nil), h.Flags...)
	if len(h.Shared) > 0 {
		docs := flagDocs(env)
		for _, name := range h.Shared {
			if f, ok := docs[name]; ok {
				flags = append(flags, f)
			}
		}
	}
	if len(flags) > 0 {
		b.WriteString("\nFlags:\n")
		writeFlags(&b, flags)
	}
	if len(h.Examples) > 0 {
		b.WriteString("\n" + plural(len(h.Examples), "Example") + ":\n")
		for _, e := range h.Examples {
			fmt.Fprintf(&b, "  %s\n", e)
		}
	}
	if h.Notes != "" {
		fmt.Fprintf(&b, "\n%s\n", strings.TrimRight(h.Notes, "\n"))
	}
	io.WriteString(out, b.String())
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// writeFlags lists flags, their descriptions in one column.
func writeFlags(b *strings.Builder, flags []Flag) {
	width := 0
	heads := make([]string, len(flags))
	for i, f := range flags {
		heads[i] = "--" + f.Name
		if f.Arg != "" {
			heads[i] += " " + f.Arg
		}
		width = max(width, len(heads[i]))
	}
	for i, f := range flags {
		fmt.Fprintf(b, "  %-*s  %s\n", width, heads[i], f.Usage)
	}
}

// FlagsOf describes the flags of fs for a Help, in fs's order (by name).
// A flag's argument is the `quoted` word of its usage, upper-cased, as
// flag.UnquoteUsage finds it; a default that is not the zero value is
// named after the usage.
func FlagsOf(fs *flag.FlagSet) []Flag {
	var flags []Flag
	fs.VisitAll(func(f *flag.Flag) {
		arg, usage := flag.UnquoteUsage(f)
		if isSwitch(f) {
			arg = ""
		}
		switch f.DefValue {
		case "", "0", "false", "0s":
		default:
			usage += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		flags = append(flags, Flag{Name: f.Name, Arg: strings.ToUpper(arg), Usage: usage})
	})
	return flags
}

// isSwitch reports whether f takes no value, as a bool flag.
func isSwitch(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// FlagError is an error of the flag package with the flag spelled as
// --help spells it, and where to read about the command's flags.
func FlagError(err error, command string) error {
	return fmt.Errorf("%s (see %s --help)", dashed(err), command)
}
