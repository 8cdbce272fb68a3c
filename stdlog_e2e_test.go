package main

import (
	"bytes"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"superdash/api/sim"
	"superdash/internal/rawhttp"
)

// unsolicited is what a server without chunked support sends after its
// answer when it took the end of a chunked body for a second request. Go's
// HTTP client finds it on a connection it holds idle, and says so through
// the standard logger: "Unsolicited response received on idle HTTP
// channel …", to stderr unless told otherwise.
var unsolicited = func() string {
	const body = `bad request: "0" is no request line`
	return fmt.Sprintf("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s", len(body), body)
}()

// TestNothingWritesBehindTheDashboard runs the real binary in tmux against
// a hand-written server that follows every answer with an unsolicited
// response, so Go's HTTP client logs through the standard logger on every
// poll. The screen must never show that line: with --log-file it goes to
// the file (which shows the test did set it off), without it nowhere.
func TestNothingWritesBehindTheDashboard(t *testing.T) {
	bin := endToEnd(t)
	const key = "sk-stdlog-e2e"
	srv := sim.New(sim.Options{Apps: 1, Jobs: 200, APIKey: key, Seed: 3})
	raw := serveRaw(t, srv, rawhttp.Options{Unsolicited: unsolicited})

	for _, withLogFile := range []bool{true, false} {
		name := map[bool]string{true: "with --log-file", false: "without --log-file"}[withLogFile]
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			logFile := filepath.Join(dir, "superdash.log")
			args := []string{bin, raw.URL + "/v1", srv.AppIDs()[0], key}
			if withLogFile {
				args = append(args, "--log-file="+logFile)
			}
			term := startTmux(t, dir, 120, 40,
				`SUPERAI_API_KEY="$3" "$0" --base-url "$1" --app "$2" --interval 1s ${4:+"$4"}; echo "exit=$?"; read _`,
				args...)
			term.waitFor(t, "the jobs", 20*time.Second, func(s string) bool {
				return countsLine.MatchString(s) && len(jobRows(s)) > 0
			})
			// Several polls, each answered with an unsolicited response,
			// and the screen looked at all along.
			polled := len(raw.Requests()) + 8
			term.waitFor(t, "more polls, on a clean screen", 30*time.Second, func(s string) bool {
				if strings.Contains(s, "Unsolicited") {
					t.Fatalf("the standard logger wrote on the dashboard's screen:\n%s", s)
				}
				return len(raw.Requests()) >= polled
			})
			term.keys(t, "q")
			screen := term.waitFor(t, "the exit", 10*time.Second, func(s string) bool { return strings.Contains(s, "exit=") })
			if !strings.Contains(screen, "exit=0") || strings.Contains(screen, "Unsolicited") {
				t.Errorf("after quit:\n%s", screen)
			}
			data, err := os.ReadFile(logFile)
			switch {
			case !withLogFile && err == nil:
				t.Errorf("a log file was written without --log-file")
			case withLogFile && err != nil:
				t.Fatal(err)
			case withLogFile && !bytes.Contains(data, []byte("Unsolicited response received on idle HTTP channel")):
				t.Errorf("the log file lacks net/http's line, so the test did not set it off:\n%s", data)
			}
		})
	}
}

// The standard logger writes where it is sent while the dashboard runs,
// and is put back as it was after.
func TestRedirectStdLog(t *testing.T) {
	var before, during bytes.Buffer
	log.SetOutput(&before)
	t.Cleanup(func() { log.SetOutput(os.Stderr) })
	flags, prefix := log.Flags(), log.Prefix()

	restore := redirectStdLog(&during)
	log.Print("while the dashboard runs")
	restore()
	log.Print("after")

	if !strings.Contains(during.String(), "while the dashboard runs") || strings.Contains(during.String(), "after") {
		t.Errorf("while redirected the standard logger wrote %q", during.String())
	}
	if strings.Contains(before.String(), "while the dashboard runs") || !strings.Contains(before.String(), "after") {
		t.Errorf("the standard logger's own writer got %q", before.String())
	}
	if log.Flags() != flags || log.Prefix() != prefix {
		t.Errorf("flags %d prefix %q not restored (were %d %q)", log.Flags(), log.Prefix(), flags, prefix)
	}
}
