package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

func TestExportCommandOnTheDemo(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run([]string{"export", "--demo", "--config", "", "--filter", "status:failed", "--format", "csv"}, &out, &errOut); err != nil {
		t.Fatalf("export: %v (stderr %s)", err, errOut.String())
	}
	records, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v", err)
	}
	if len(records) < 2 {
		t.Fatalf("no failed job exported: %q", records)
	}
	for _, r := range records[1:] {
		if r[4] != "FAILED" {
			t.Errorf("exported a %s job through status:failed", r[4])
		}
	}
	if !strings.Contains(errOut.String(), "exported ") {
		t.Errorf("no summary on stderr: %q", errOut.String())
	}

	out.Reset()
	if err := run([]string{"export", "--demo", "--config", "", "--format=jsonl"}, &out, &errOut); err != nil {
		t.Fatalf("export jsonl: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	for i, line := range lines {
		if !json.Valid([]byte(line)) {
			t.Fatalf("line %d is not JSON: %s", i, line)
		}
	}
	if len(lines) <= len(records)-1 {
		t.Errorf("unfiltered export has %d jobs, the failed ones alone %d", len(lines), len(records)-1)
	}
}

func TestExportCommandErrors(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run([]string{"export", "--demo", "--config", "", "--format", "xml"}, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "jsonl, csv or ids") {
		t.Errorf("--format xml: %v", err)
	}
	// Every job of a one-off read has just arrived: in-status would
	// select all of them or none, so it is refused.
	err = run([]string{"export", "--demo", "--config", "", "--filter", "in-status:<5m"}, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "in-status: works in the dashboard only") || out.Len() > 0 {
		t.Errorf("--filter in-status:<5m: %v, %d bytes written", err, out.Len())
	}
	err = run([]string{"export", "--demo", "--config", "", "--format"}, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "needs a value") {
		t.Errorf("--format without value: %v", err)
	}
	// The API's error names its request: said once, not wrapped in the
	// same words again.
	err = run([]string{"export", "--demo", "--config", "", "--app", "no-such-app"}, &out, &errOut)
	if want := "list jobs of app no-such-app: app no-such-app not found (HTTP 404)"; err == nil || err.Error() != want {
		t.Errorf("an unknown app: %v, want %q", err, want)
	}
}

func TestTakeFlag(t *testing.T) {
	v, rest, err := takeFlag([]string{"--app", "X", "--format", "csv", "--demo"}, "format", "jsonl")
	if err != nil || v != "csv" || strings.Join(rest, " ") != "--app X --demo" {
		t.Errorf("got %q %q %v", v, rest, err)
	}
	v, rest, _ = takeFlag([]string{"-format=csv", "--", "--format", "x"}, "format", "jsonl")
	if v != "csv" || strings.Join(rest, " ") != "-- --format x" {
		t.Errorf("got %q %q", v, rest)
	}
}

// The debug log records the requests, and never the key.
func TestLogFileRecordsRequestsWithoutTheKey(t *testing.T) {
	path := t.TempDir() + "/logs/superdash.log"
	var out, errOut bytes.Buffer
	if err := run([]string{"export", "--demo", "--config", "", "--log-file", path}, &out, &errOut); err != nil {
		t.Fatalf("export: %v", err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "/jobs") {
		t.Errorf("the log names no request:\n%s", data)
	}
	if strings.Contains(string(data), "sim-key") {
		t.Error("the log holds the API key")
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("log file mode %v, want 0600", info.Mode().Perm())
	}
}
