package common

import "strconv"

// Thousands writes n with thousands separators: 100,000 reads at a glance.
func Thousands(n int) string {
	if n < 0 {
		return "-" + Thousands(-n)
	}
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Plural is word as it goes with n: "1 job", "0 jobs", "2 jobs". The
// words it is given all take an s.
func Plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// Count is n with thousands separators and word agreeing with it:
// "1 job", "12,000 jobs".
func Count(n int, word string) string {
	return Thousands(n) + " " + Plural(n, word)
}
