package common

import (
	"slices"
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"

	"superdash/sanitize"
)

// The API gives a batch no name (API.md: a batch object has batch_id, its
// counts, created and errors, and the job list only batchId), so a batch
// is shown by its id. An id that fits wholeIDWidth is shown whole: a
// readable one such as ingest-0701 is its own best label. A longer one (a
// UUID) is shown as git shows a hash: by its shortest prefix that no other
// listed batch shares, of at least minPrefix characters, and never cut
// with an ellipsis. The batch: filter matches prefixes, without regard to
// case, so what is shown, typed after batch:, selects that batch alone.
const (
	// WholeIDWidth is the widest id shown whole.
	WholeIDWidth = 16
	minPrefix    = 7
)

// ShortIDs returns the label of each of ids (see above), sanitised for the
// screen. The ids are distinct.
func ShortIDs(ids []string) []string {
	// Prefixes are unique without regard to case, as the filter matches.
	folded := make([][]rune, len(ids))
	for i, id := range ids {
		folded[i] = []rune(strings.Map(unicode.ToLower, id))
	}
	order := make([]int, len(ids))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return slices.Compare(folded[a], folded[b]) })
	// The shortest unique prefix of an id is one longer than the longest
	// it shares with a neighbour in sorted order.
	need := make([]int, len(ids))
	for k, i := range order {
		if k > 0 {
			need[i] = max(need[i], commonPrefix(folded[i], folded[order[k-1]])+1)
		}
		if k+1 < len(order) {
			need[i] = max(need[i], commonPrefix(folded[i], folded[order[k+1]])+1)
		}
	}
	labels := make([]string, len(ids))
	for i, id := range ids {
		whole := sanitize.Line(id)
		if ansi.StringWidth(whole) <= WholeIDWidth {
			labels[i] = whole
			continue
		}
		runes := []rune(id)
		labels[i] = sanitize.Line(string(runes[:min(max(need[i], minPrefix), len(runes))]))
	}
	return labels
}

// commonPrefix is how many runes a and b share from their start.
func commonPrefix(a, b []rune) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}
