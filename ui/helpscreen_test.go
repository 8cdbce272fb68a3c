package ui

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// TestHelpScrollsToItsEnd: on a terminal too short for the help (60x20,
// 80x24), pgdn and j scroll it to its end, where the filter language's
// last line shows, wrapped rather than cut; on 120x40 it all fits.
func TestHelpScrollsToItsEnd(t *testing.T) {
	for _, size := range append(screenSizes, [2]int{60, 20}) {
		w, h := size[0], size[1]
		t.Run(fmt.Sprintf("%dx%d", w, h), func(t *testing.T) {
			e := startScreen(t, w, h)
			loadNarrow(t, e)
			e.keys("?", "pgdn", "pgdn", "pgdn", "pgdn", "pgdn", "k", "j", "j")
			screen := e.quit(t)
			requireFits(t, screen, w, h)
			if !strings.Contains(screen, "metadata") {
				t.Errorf("the help's last line is not on screen after scrolling to its end:\n%s", screen)
			}
			lines := strings.Split(screen, "\n")
			if body := strings.Join(lines[headerLines:len(lines)-1], "\n"); strings.Contains(body, "…") {
				t.Errorf("the help was cut instead of wrapped:\n%s", screen)
			}
			requireGolden(t, screen)
		})
	}
}

// loadNarrow is screenEnv.load where the title has room for only the
// start of the app's name.
func loadNarrow(t *testing.T, e *screenEnv) {
	t.Helper()
	e.keys("r")
	app := e.srv.Apps()[0].Name[:3]
	e.waitFor(t, func(drawn []byte) bool {
		return countsLine.Match(drawn) && bytes.Contains(drawn, []byte("· "+app)) &&
			bytes.Contains(drawn, []byte("● live · updated 0s ago"))
	})
}
