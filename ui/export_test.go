package ui

import (
	"strings"
	"testing"
)

// TestSafeFileName: what an id from the API may put in a file name.
func TestSafeFileName(t *testing.T) {
	tests := map[string]string{
		"ab-c_D9":                "ab-c_D9",
		"../../etc/passwd":       "______etc_passwd",
		"a.b":                    "a_b",
		"":                       "job",
		"é":                      "_",
		strings.Repeat("x", 100): strings.Repeat("x", 64),
	}
	for id, want := range tests {
		if got := safeFileName(id); got != want {
			t.Errorf("safeFileName(%q) = %q, want %q", id, got, want)
		}
	}
}
