package main

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// colourSGR matches an SGR sequence that sets a foreground or background
// colour: 30-37, 38;…, 39 excepted (it resets), 40-47, 48;…, 90-97, 100-107.
var colourSGR = regexp.MustCompile(`\x1b\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:[;m])`)

// reverseSGR matches an SGR sequence that turns reverse video on.
var reverseSGR = regexp.MustCompile(`\x1b\[(?:[0-9;]*;)?7[;m]`)

// TestNoColorIsHonoured: with NO_COLOR set, the dashboard draws no colour
// at all, and without it it does, so the check can tell the two apart.
// Colour is not the only signal: without it the selected row is still in
// reverse video.
func TestNoColorIsHonoured(t *testing.T) {
	bin := endToEnd(t)
	for _, noColor := range []bool{true, false} {
		dir := t.TempDir()
		config := emptyConfig(t, dir)
		script := `"$0" --demo --config "$1"`
		if noColor {
			script = `NO_COLOR=1 ` + script
		}
		term := startTmux(t, dir, 100, 30, script, bin, config)
		// The jobs, not only "● live": frames are drawn as soon as they
		// change, and the first live one may hold no job yet.
		term.waitFor(t, "the jobs", 10*time.Second, func(s string) bool {
			return strings.Contains(s, "● live") && len(jobRows(s)) > 0
		})
		styled := term.run(t, "capture-pane", "-e", "-p", "-t", tmuxTarget)
		if got := colourSGR.MatchString(styled); got == noColor {
			t.Errorf("NO_COLOR set: %v, colour drawn: %v\n%q", noColor, got, styled[:min(len(styled), 600)])
		}
		if noColor && !reverseSGR.MatchString(styled) {
			t.Errorf("NO_COLOR set: the selected row is not in reverse video\n%q", styled[:min(len(styled), 600)])
		}
	}
}
