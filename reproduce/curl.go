// Package reproduce writes API requests as shell-ready curl command
// lines, for handing a reproduction to someone else. The key is never
// written: each line reads it from $SUPERAI_API_KEY when it runs. Every
// other word is single-quoted, so that an id, a tag or an input holding
// quotes, $(), backticks, newlines or escape sequences stays one word
// and runs nothing.
package reproduce

import (
	"strings"

	"superdash/api"
)

// KeyVar is the environment variable each line reads the key from; it is
// the one super.AI's own CLI reads.
const KeyVar = "SUPERAI_API_KEY"

// keyHeader is double-quoted so that the shell expands the variable, and
// holds nothing else a shell could act on.
const keyHeader = `"API-KEY: $` + KeyVar + `"`

// Curl is call as one curl command line. -g turns off curl's own URL
// globbing ([] and {}), so the URL is sent as written; -sS drops the
// progress meter but keeps errors.
func Curl(call api.Call) string {
	words := []string{"curl", "-g", "-sS"}
	if call.Method != "GET" {
		words = append(words, "-X", Quote(call.Method))
	}
	words = append(words, "-H", keyHeader, "-H", Quote("Accept: application/json"))
	if call.Body != nil {
		words = append(words, "-H", Quote("Content-Type: application/json"), "--data-binary", Quote(string(call.Body)))
	}
	words = append(words, Quote(call.URL))
	return strings.Join(words, " ")
}

// Script is the calls as curl lines, one a line, each ending with a
// newline.
func Script(calls []api.Call) string {
	var b strings.Builder
	for _, c := range calls {
		b.WriteString(Curl(c))
		b.WriteByte('\n')
	}
	return b.String()
}

// Quote makes s one shell word that means exactly s: inside single quotes
// nothing is special but the single quote itself, which is closed,
// escaped and reopened.
func Quote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
