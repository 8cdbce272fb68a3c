package config

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// problem is one thing wrong with the settings, told where the user can fix
// it: a line of the config file, or (file "") a flag or variable named in msg.
type problem struct {
	file string
	line int
	msg  string
}

func (p problem) Error() string {
	switch {
	case p.file == "":
		return p.msg
	case p.line == 0:
		return fmt.Sprintf("%s: %s", p.file, p.msg)
	}
	return fmt.Sprintf("%s:%d: %s", p.file, p.line, p.msg)
}

// problems collects every problem so that one run reports them all.
type problems []problem

func (ps *problems) add(file string, line int, format string, args ...any) {
	*ps = append(*ps, problem{file, line, fmt.Sprintf(format, args...)})
}

// err joins the problems: those of the command line and environment first,
// then the file's by line.
func (ps problems) err() error {
	sorted := append([]problem(nil), ps...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if (sorted[i].file == "") != (sorted[j].file == "") {
			return sorted[i].file == ""
		}
		return sorted[i].line < sorted[j].line
	})
	errs := make([]error, len(sorted))
	for i, p := range sorted {
		errs[i] = p
	}
	return errors.Join(errs...)
}

// suggest returns ` (did you mean "x"?)` for the candidate closest to name,
// or "" when none is close enough to be what the user meant.
func suggest(name string, candidates []string) string {
	best, bestDist := "", 4 // farther than 3 edits is a different word
	for _, c := range candidates {
		if d := distance(name, c); d < bestDist && d < len(name) {
			best, bestDist = c, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// distance is the Levenshtein distance between a and b, by runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// describe renders a decoded TOML value for "got ..." in an error, as the
// user wrote it where that is short. A secret is named by its kind only,
// so that no part of a key reaches the screen.
func describe(v any, secret bool) string {
	switch v := v.(type) {
	case string:
		if secret {
			return "a string"
		}
		return fmt.Sprintf("%q", v)
	case int64, float64, bool:
		if secret {
			return "a " + kind(v)
		}
		return fmt.Sprint(v)
	case []any:
		if secret || len(v) > 4 {
			return "a list"
		}
		parts := make([]string, len(v))
		for i, e := range v {
			parts[i] = describe(e, false)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	default:
		return "a " + kind(v)
	}
}

// kind names the TOML type of a decoded value.
func kind(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case int64, float64:
		return "number"
	case bool:
		return "boolean"
	case []any:
		return "list"
	case map[string]any:
		return "table"
	case []map[string]any:
		return "list of tables"
	default: // toml decodes every date and time into a time.Time
		return "date"
	}
}
