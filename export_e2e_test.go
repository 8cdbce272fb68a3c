package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"superdash/api/sim"
	"superdash/internal/offsetlist"
	"superdash/internal/rawhttp"
)

// TestExportKeepsJobsAShiftSkipped runs the built binary's export against
// a hand-written server paging by offset that retires its oldest job and
// takes a new one before every page, as a busy app under a retention
// policy does: every later job moves back one place each time, over the
// edge of a page already read, and the count never changes. Every job
// there all through the export must be in what it wrote.
func TestExportKeepsJobsAShiftSkipped(t *testing.T) {
	bin := endToEnd(t)
	list := offsetlist.New(offsetlist.Options{Jobs: 300, PerSecond: 3, Churn: offsetlist.RetireOldest})
	srv, err := rawhttp.Start(list, rawhttp.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })

	before := list.IDs()
	cmd := exec.Command(bin, "export", "--config", "", "--base-url", srv.URL+"/v1", "--app", "busy-app",
		"--page-size", "20", "--concurrency", "2", "--format", "ids")
	cmd.Env = append(os.Environ(), "SUPERAI_API_KEY=offset-key")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("export: %v\n%s", err, errOut.String())
	}
	throughout := offsetlist.Both(before, list.IDs())
	if len(throughout) >= len(before) {
		t.Fatal("no job was retired during the export: the test shifts nothing")
	}
	if lost := offsetlist.Missing(throughout, strings.Fields(out.String())); len(lost) > 0 {
		t.Fatalf("%d jobs there all through the export are not in it: %v", len(lost), lost)
	}
}

// TestExportShowsItsProgressOnATerminal runs the built binary's export in
// tmux, its output to a file and its standard error to the terminal, from
// a simulator slow enough to watch: while the pages are read one line says
// how far it is; once they are, that line is gone and the line saying what
// was exported is what stays. To a file, standard error holds that last
// line alone.
func TestExportShowsItsProgressOnATerminal(t *testing.T) {
	bin := endToEnd(t)
	dir := t.TempDir()
	srv, err := sim.Start(sim.Options{Jobs: 3000, Apps: 1, Seed: 3, APIKey: "meter-key"}, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	srv.SetFaults(sim.Faults{Latency: 60 * time.Millisecond})
	app := srv.AppIDs()[0]

	script := `SUPERAI_API_KEY=meter-key "$0" export --config '' --base-url "$1" --app "$2" --page-size 50 > "$3"; exec sleep 60`
	term := startTmux(t, dir, 100, 10, script, bin, srv.BaseURL, app, filepath.Join(dir, "out.jsonl"))
	term.waitFor(t, "the progress line", 10*time.Second, func(s string) bool {
		return regexp.MustCompile(`superdash: reading page [0-9]+ of 60 · [0-9,]+ jobs`).MatchString(s)
	})
	screen := term.waitFor(t, "the export's last line", 20*time.Second, func(s string) bool {
		return strings.Contains(s, "superdash: exported 3,000 jobs of app "+app)
	})
	if strings.Contains(screen, "reading page") {
		t.Errorf("the progress line stayed after the export:\n%s", screen)
	}

	cmd := exec.Command(bin, "export", "--config", "", "--base-url", srv.BaseURL, "--app", app, "--page-size", "50")
	cmd.Env = append(os.Environ(), "SUPERAI_API_KEY=meter-key")
	var errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("export: %v\n%s", err, errOut.String())
	}
	if got, want := errOut.String(), "superdash: exported 3,000 jobs of app "+app+"\n"; got != want {
		t.Errorf("standard error to a file: %q, want %q alone", got, want)
	}
}
