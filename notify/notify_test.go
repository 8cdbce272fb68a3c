package notify

import (
	"strings"
	"testing"
)

func TestSequence(t *testing.T) {
	all := Channels{Toast: true, Bell: true, OSC9: true, OSC777: true}
	cases := []struct {
		name  string
		c     Channels
		where Where
		want  string
	}{
		{"defaults", Defaults(), Direct, "\a\x1b]9;superdash: batch b ended\a"},
		{"every one", all, Direct, "\a\x1b]9;superdash: batch b ended\a\x1b]777;notify;superdash;batch b ended\a"},
		// tmux rings for a bell itself; the notifications need its
		// passthrough, every ESC inside doubled.
		{"behind tmux", all, Tmux, "\a\x1bPtmux;\x1b\x1b]9;superdash: batch b ended\a\x1b\\\x1bPtmux;\x1b\x1b]777;notify;superdash;batch b ended\a\x1b\\"},
		{"toast only", Channels{Toast: true}, Tmux, ""},
	}
	for _, tc := range cases {
		if got := string(tc.c.Sequence("superdash", "batch b ended", tc.where)); got != tc.want {
			t.Errorf("%s: Sequence = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestSequenceHostileText puts escapes, BELs, an 8-bit ST and a ';' in
// the title and the body: none of them may end a sequence early or start
// one of their own.
func TestSequenceHostileText(t *testing.T) {
	hostile := "b\a\x1b]52;c;ZXZpbA==\a\x1b\\\x9c\x1bPtmux;x\n"
	all := Channels{Bell: true, OSC9: true, OSC777: true}
	for _, where := range []Where{Direct, Tmux} {
		seq := string(all.Sequence("a;"+hostile, hostile, where))
		framing := string(all.Sequence("t", "x", where))
		for _, b := range []string{"\x1b", "\a", "\x9c", "\n", "\u009c"} {
			if got, want := strings.Count(seq, b), strings.Count(framing, b); got != want {
				t.Errorf("where %d: %d of %q in %q, want the %d of the framing", where, got, b, seq, want)
			}
		}
		if strings.Contains(seq, "notify;a;") {
			t.Errorf("a ';' in the title moved the rest into the body: %q", seq)
		}
	}
}

func TestParse(t *testing.T) {
	c, err := Parse([]string{"toast", " OSC777 "})
	if err != nil || c != (Channels{Toast: true, OSC777: true}) {
		t.Fatalf("Parse = %+v, %v", c, err)
	}
	if c, err := Parse(nil); err != nil || c != (Channels{}) {
		t.Fatalf("Parse(nil) = %+v, %v: want every channel off", c, err)
	}
	for _, tc := range []struct {
		list []string
		want string
	}{
		{[]string{"toast", "osc99"}, `"osc99" is not a way to notify: use toast, bell, osc9, osc777`},
		{[]string{"bell", "Bell"}, `"Bell" is listed twice`},
	} {
		_, err := Parse(tc.list)
		if err == nil || err.Error() != tc.want {
			t.Errorf("Parse(%q) = %v, want %q", tc.list, err, tc.want)
		}
	}
	if got := Defaults().String(); got != "toast, bell, osc9" {
		t.Errorf("Defaults().String() = %q", got)
	}
}

func TestWhereFrom(t *testing.T) {
	env := map[string]string{"TMUX": "/tmp/tmux-1000/default,123,0"}
	if WhereFrom(func(k string) string { return env[k] }) != Tmux {
		t.Error("$TMUX set: want Tmux")
	}
	if WhereFrom(func(string) string { return "" }) != Direct {
		t.Error("no $TMUX: want Direct")
	}
}
