package main

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"

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
