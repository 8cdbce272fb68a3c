package common

import (
	"slices"
	"testing"
)

func TestShortIDs(t *testing.T) {
	tests := []struct {
		ids, want []string
	}{
		// UUIDs: seven characters when those differ, more where two share
		// them, up to the first that tells them apart; case does not.
		{
			[]string{"3f2a9c1e-0b7d-4e8a-9c1f-2d3e4f5a6b7c", "3F2A9C1E-0b7d-4e8a-9c1f-000000000000", "77aa0000-1111-2222-3333-444455556666"},
			[]string{"3f2a9c1e-0b7d-4e8a-9c1f-2", "3F2A9C1E-0b7d-4e8a-9c1f-0", "77aa000"},
		},
		// A readable id that fits is shown whole, and still counts as a
		// neighbour for the long ones.
		{
			[]string{"ingest-0701", "ingest-0701-reprocess-all-of-it", "x"},
			[]string{"ingest-0701", "ingest-0701-", "x"},
		},
		// A long id that is a prefix of another is shown whole.
		{
			[]string{"abcdefghijklmnopq", "abcdefghijklmnopqr"},
			[]string{"abcdefghijklmnopq", "abcdefghijklmnopqr"},
		},
		// Wide characters: whole when they fit 16 cells, else by runes.
		{
			[]string{"バッチ", "バッチバッチバッチバッチ"},
			[]string{"バッチ", "バッチバッチバ"},
		},
		// Hostile text is sanitised after it is cut.
		{
			[]string{"\x1b]52;c;aGk=\x07-0123456789abcdef"},
			[]string{"␛]52;c;"},
		},
	}
	for _, tt := range tests {
		if got := ShortIDs(tt.ids); !slices.Equal(got, tt.want) {
			t.Errorf("ShortIDs(%q) = %q, want %q", tt.ids, got, tt.want)
		}
	}
}
