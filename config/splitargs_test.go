package config

import (
	"slices"
	"testing"
)

func TestSplitArgsFindsPositionalArgumentsAnywhere(t *testing.T) {
	for _, tc := range []struct {
		args, flags, positional []string
	}{
		{[]string{"12", "--app", "A", "13", "--demo", "-"}, []string{"--app", "A", "--demo"}, []string{"12", "13", "-"}},
		{[]string{"--filter=x y", "--read-only", "7"}, []string{"--filter=x y", "--read-only"}, []string{"7"}},
		{[]string{"-profile", "p", "--", "--app", "-x"}, []string{"-profile", "p"}, []string{"--app", "-x"}},
		{[]string{"--app"}, []string{"--app"}, nil},
	} {
		flags, positional := SplitArgs(tc.args)
		if !slices.Equal(flags, tc.flags) || !slices.Equal(positional, tc.positional) {
			t.Errorf("SplitArgs(%q) = %q, %q; want %q, %q", tc.args, flags, positional, tc.flags, tc.positional)
		}
	}
}
