package common

import "fmt"

// Thousands writes n with thousands separators: 100,000 reads at a glance.
func Thousands(n int) string {
	if n < 0 {
		return "-" + Thousands(-n)
	}
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Plural is word for n of them: "1 job", "2 jobs".
func Plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
