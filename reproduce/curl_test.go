package reproduce

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"superdash/api"
	"superdash/model"
)

const secret = "sk-live-0123456789abcdef"

// hostile are values that break out of careless quoting: quotes of both
// kinds, command substitution, backticks, a newline, an escape sequence,
// glob characters and curl's own globbing.
var hostile = []string{
	`it's`,
	`"$(touch pwned)"`,
	"`touch pwned`",
	"a\nb; touch pwned",
	"\x1b]52;c;cHduZWQ=\a\x1b[2J",
	`* ? [a-z] {1,2} $HOME \ ;|&<>`,
	`'\''`,
}

// fakeCurl is a curl that writes its arguments, NUL after each.
const fakeCurl = "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\0' \"$a\"; done\n"

// run runs line with sh -c in a fresh directory, with the fake curl first
// on PATH, and returns curl's argv.
func run(t *testing.T, line string) []string {
	t.Helper()
	bin, work := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(bin, "curl"), []byte(fakeCurl), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("sh", "-c", line)
	cmd.Dir = work
	cmd.Env = []string{"PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH"), KeyVar + "=" + secret, "HOME=" + work}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("sh -c %q: %v: %s", line, err, stderr.String())
	}
	if entries, _ := os.ReadDir(work); len(entries) > 0 {
		t.Errorf("the line ran something: %s appeared", entries[0].Name())
	}
	return strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
}

// syntaxOK runs sh -n on line.
func syntaxOK(t *testing.T, line string) {
	t.Helper()
	cmd := exec.Command("sh", "-n")
	cmd.Stdin = strings.NewReader(line + "\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("sh -n rejects %q: %v: %s", line, err, out)
	}
}

func TestCurlLinesSurviveHostileIDsAndTags(t *testing.T) {
	c, err := api.New(api.Options{BaseURL: "https://api.example.com/v1", APIKey: secret})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range hostile {
		calls := []api.Call{c.JobCall(v), c.JobOutputCall(v), c.CancelCall(v), c.RestartCall(v)}
		calls = append(calls, c.JobListCalls(v, api.JobQuery{Tags: v, StatusIn: []model.Status{"FAILED"}}, 2)...)
		calls = append(calls, api.Call{Method: "POST", URL: "https://api.example.com/v1/apps/x/jobs", Body: []byte(`{"inputs":["` + v + `"]}`)})
		for _, call := range calls {
			line := Curl(call)
			if strings.Contains(line, secret) {
				t.Fatalf("the key is in %q", line)
			}
			syntaxOK(t, line)
			want := []string{"-g", "-sS"}
			if call.Method != "GET" {
				want = append(want, "-X", call.Method)
			}
			want = append(want, "-H", "API-KEY: "+secret, "-H", "Accept: application/json")
			if call.Body != nil {
				want = append(want, "-H", "Content-Type: application/json", "--data-binary", string(call.Body))
			}
			want = append(want, call.URL)
			if got := run(t, line); !slices.Equal(got, want) {
				t.Errorf("%q\nran curl with %q\n         want %q", line, got, want)
			}
		}
	}
}

// A script of several lines is as safe as each line.
func TestScriptIsOneLinePerCall(t *testing.T) {
	calls := []api.Call{{Method: "GET", URL: "https://h/v1/jobs/1"}, {Method: "GET", URL: "https://h/v1/jobs/2"}}
	script := Script(calls)
	if strings.Count(script, "\n") != 2 || !strings.HasSuffix(script, "'https://h/v1/jobs/2'\n") {
		t.Errorf("script %q", script)
	}
	syntaxOK(t, script)
}

func TestQuote(t *testing.T) {
	for _, v := range hostile {
		if got := run(t, "printf '%s\\0' "+Quote(v)); len(got) != 1 || got[0] != v {
			t.Errorf("Quote(%q) read back as %q", v, got)
		}
	}
}
