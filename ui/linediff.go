package ui

import (
	"fmt"
	"strings"

	"superdash/ui/common"
)

// diffLines is a line diff of before and after, each line marked "- "
// (gone), "+ " (new) or "  " (kept), so it reads without colour. It is
// the longest common subsequence of the lines: the documents are small.
func diffLines(before, after string) []string {
	a := strings.Split(strings.TrimRight(before, "\n"), "\n")
	b := strings.Split(strings.TrimRight(after, "\n"), "\n")
	// lcs[i][j] is the length of the common subsequence of a[i:] and b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []string
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			out = append(out, "  "+a[i])
			i, j = i+1, j+1
		case i < len(a) && (j == len(b) || lcs[i+1][j] >= lcs[i][j+1]):
			out = append(out, "- "+a[i])
			i++
		default:
			out = append(out, "+ "+b[j])
			j++
		}
	}
	return out
}

// changedOnly keeps the changed lines of a diff and context kept lines
// around each, with "…" where lines are left out, and at most limit lines
// in all (the last saying how many more changed), so that a dialog
// showing it keeps its buttons on the screen.
func changedOnly(diff []string, context, limit int) []string {
	keep := make([]bool, len(diff))
	for i, l := range diff {
		if strings.HasPrefix(l, "  ") {
			continue
		}
		for k := max(i-context, 0); k <= min(i+context, len(diff)-1); k++ {
			keep[k] = true
		}
	}
	var out []string
	for i, l := range diff {
		switch {
		case keep[i]:
			out = append(out, l)
		case len(out) == 0 || out[len(out)-1] != "  …":
			out = append(out, "  …")
		}
	}
	if len(out) > limit {
		more := 0
		for _, l := range out[limit-1:] {
			if !strings.HasPrefix(l, "  ") {
				more++
			}
		}
		out = append(out[:limit-1], fmt.Sprintf("  … and %d more changed %s", more, common.Plural(more, "line")))
	}
	return out
}
