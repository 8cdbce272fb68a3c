package model

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"
	"unsafe"
)

func TestSearchText(t *testing.T) {
	jobs := decodeJobs(t, matchDocs)
	// The fields (id, uuid, batch, tags) are matched where they are; the
	// text has a lower-case copy of those with capitals.
	want := strings.Join([]string{"", "b-100", "https://img.example.com/dogs/pink-1.jpg", "pink", "fluffy tail", ""}, "\x00")
	if got := searchText(&jobs[0]); got != want {
		t.Errorf("searchText = %q, want %q", got, want)
	}
	// A job with no strings to search, or no Raw at all, still has a
	// text: one that is not "", which means "not built".
	for _, j := range []Job{jobs[2], {ID: "7", Tags: []string{"a"}}} {
		j.Raw = []byte(`{"input": {"n": 1}, "metadata": null}`)
		if got := searchText(&j); got != "\x00" {
			t.Errorf("searchText of a job without strings = %q", got)
		}
	}
	if got := searchText(&Job{ID: "7"}); got != "\x00" {
		t.Errorf("searchText of a job without Raw = %q", got)
	}
}

func TestSearchTextLimit(t *testing.T) {
	// Two-byte runes, so that the cut falls inside one unless it is careful.
	long := strings.Repeat("é", 3000)
	doc, _ := json.Marshal(map[string]any{
		"id": "big", "input": map[string]any{"a": long, "b": "findme"},
	})
	j, err := DecodeJob(doc)
	if err != nil {
		t.Fatal(err)
	}
	text := searchText(&j)
	if len(text) > searchTextLimit || len(text) < searchTextLimit-utf8.UTFMax {
		t.Errorf("len(searchText) = %d, want just under %d", len(text), searchTextLimit)
	}
	if !utf8.ValidString(text) || strings.ContainsRune(text, utf8.RuneError) || !strings.HasPrefix(text, "\x00éé") {
		t.Errorf("searchText cut badly: %q…", text[:20])
	}
	if strings.Contains(text, "findme") {
		t.Error("searchText went on past its limit")
	}
	// The text is no bigger than the limit in memory either: a 1 MB value
	// is neither copied whole nor kept behind a cut.
	huge, _ := json.Marshal(map[string]any{"id": "huge", "input": strings.Repeat("x", 1<<20)})
	hj, err := DecodeJob(huge)
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	searchText(&hj)
	runtime.ReadMemStats(&after)
	// The scratch space grows to the limit and the text is made: some
	// 15 KB, with room for what the runtime allocates meanwhile.
	if allocated := after.TotalAlloc - before.TotalAlloc; allocated > 64<<10 {
		t.Errorf("a text of a 1 MB input allocates %d bytes", allocated)
	}
}

func TestStoreKeepsSearchTexts(t *testing.T) {
	s := NewStore()
	s.Merge(decodeJobs(t, matchDocs))
	text := func(key string) string {
		t.Helper()
		pos, ok := s.index[key]
		if !ok {
			t.Fatalf("no job %s", key)
		}
		return s.entries[pos].text
	}
	// None is built before a bare word needs them.
	if got := s.CountMatches(mustQuery(t, "status:failed")); got != 1 || text("1") != "" {
		t.Fatalf("count %d, text of 1 %q", got, text("1"))
	}
	if got := s.CountMatches(mustQuery(t, "pink")); got != 2 || !strings.Contains(text("1"), "pink") {
		t.Fatalf("count %d, text of 1 %q", got, text("1"))
	}
	built := text("4")
	// A new version of a job drops its text; the next bare word builds
	// it again, and the other jobs keep theirs.
	s.Merge(decodeJobs(t, []string{`{"id": "1", "metadata": {"color": "Green"}}`}))
	if text("1") != "" {
		t.Errorf("a replaced job kept its old text %q", text("1"))
	}
	if got := s.CountMatches(mustQuery(t, "green")); got != 1 || !strings.Contains(text("1"), "green") {
		t.Errorf("count %d, text of 1 %q", got, text("1"))
	}
	if unsafe.StringData(text("4")) != unsafe.StringData(built) {
		t.Error("an unchanged job's text was built again")
	}
	// A removal moves the last job into the hole, its text with it.
	s.Remove("1")
	if got := s.CountMatches(mustQuery(t, "pink")); got != 1 || !strings.Contains(text("3"), "pink") {
		t.Errorf("after a removal: count %d, text of 3 %q", got, text("3"))
	}
}

// TestSearchTextsBuiltElsewhere: texts built away from the store are kept
// for the jobs it still holds in the same version, wherever they moved,
// and not for a job replaced meanwhile, whose new version's text matches.
func TestSearchTextsBuiltElsewhere(t *testing.T) {
	s := NewStore()
	var docs []string
	for i := range pendingTextsWorthBuilding + 2 {
		docs = append(docs, fmt.Sprintf(`{"id": "%d", "input": {"note": "Pink %d"}}`, i, i))
	}
	s.Merge(decodeJobs(t, docs))
	texts, worth := s.PendingSearchTexts()
	if !worth || texts.Len() != len(docs) {
		t.Fatalf("pending %d (worth building: %v), want all %d", texts.Len(), worth, len(docs))
	}
	if err := texts.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	// Meanwhile: job 1 replaced, job 0 removed (the last moves into its place).
	s.Merge(decodeJobs(t, []string{`{"id": "1", "input": {"note": "Green"}}`}))
	s.Remove("0")
	if kept := s.AdoptSearchTexts(texts); kept != len(docs)-2 {
		t.Errorf("kept %d texts, want %d: all but the removed and the replaced job's", kept, len(docs)-2)
	}
	last := fmt.Sprint(len(docs) - 1)
	if text := s.entries[s.index[last]].text; !strings.Contains(text, "pink "+last) {
		t.Errorf("the moved job %s has text %q", last, text)
	}
	if text := s.entries[s.index["1"]].text; text != "" {
		t.Errorf("the replaced job kept the old version's text %q", text)
	}
	if got := s.CountMatches(mustQuery(t, "green")); got != 1 {
		t.Errorf("green matches %d jobs, want the replaced job", got)
	}
	if got := s.CountMatches(mustQuery(t, "pink")); got != len(docs)-2 {
		t.Errorf("pink matches %d jobs, want %d", got, len(docs)-2)
	}
	if pending, worth := s.PendingSearchTexts(); pending.Len() != 0 || worth {
		t.Errorf("%d texts still pending", pending.Len())
	}
}

func TestSearchTextsBuildStopsWhenCancelled(t *testing.T) {
	s := NewStore()
	s.Merge(decodeJobs(t, []string{`{"id": "1"}`, `{"id": "2"}`}))
	texts, _ := s.PendingSearchTexts()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := texts.Build(ctx); err == nil {
		t.Fatal("a build whose context was cancelled returned no error")
	}
	if kept := s.AdoptSearchTexts(texts); kept != 0 {
		t.Errorf("kept %d texts of a cancelled build", kept)
	}
}

// TestFieldBytesNeverHideAMatch: the store skips a job's fields when the
// word has a byte they lack; every job whose id, uuid, batch id or a tag
// holds the word must still match, as it does when each field is read.
func TestFieldBytesNeverHideAMatch(t *testing.T) {
	s := NewStore()
	var docs []string
	for i := range 30 {
		docs = append(docs, fmt.Sprintf(`{"id": "%d", "uuid": "uu-%d-xyz", "batchId": "bq~%d", "tags": ["zebra%d", "Kiwi"], "input": {"note": "plain"}}`, 55500+i, i, i%4, i%3))
	}
	jobs := decodeJobs(t, docs)
	s.Merge(jobs)
	for _, w := range []string{"555", "5550", "uu-1", "xyz", "q~2", "~", "ebra1", "zebra", "kiwi", "plain", "pla", "nothing"} {
		q := mustQuery(t, `"`+w+`"`)
		want := 0
		for i := range jobs {
			if q.Match(&jobs[i]) {
				want++
			}
		}
		if got := s.CountMatches(q); got != want || (want == 0) != (w == "nothing") {
			t.Errorf("%q: the store counts %d jobs, reading every field %d", w, got, want)
		}
	}
}

// containsAnchored agrees with strings.Contains wherever the anchor is:
// at the ends of the text, a match that starts before an earlier false
// start, a word as long as the text or longer.
func TestContainsAnchored(t *testing.T) {
	cases := []struct{ s, word string }{
		{"", "a"}, {"abc", "abc"}, {"abc", "abcd"}, {"xabc", "abc"}, {"abcx", "abc"},
		{"c7c7c78", "c78"}, {"aab", "ab"}, {"application/pdf\x00invoices", "invo"},
		{"invoices", "voi"}, {"zzzz", "zz"}, {"é-à", "à"}, {"ab", "b"},
	}
	for _, tc := range cases {
		for anchor := range len(tc.word) + 1 {
			if got, want := containsAnchored(tc.s, tc.word, anchor), strings.Contains(tc.s, tc.word); got != want {
				t.Errorf("containsAnchored(%q, %q, %d) = %v, want %v", tc.s, tc.word, anchor, got, want)
			}
		}
	}
}

// The word's rarest byte in the texts is its anchor.
func TestAnchorIn(t *testing.T) {
	var counts byteCounts
	for _, c := range []byte("application/pdf invoices documents c") {
		counts[c]++
	}
	for word, want := range map[string]int{"c78": 1, "invo": 2, "c": 0, "ii": 0, "cab": 2} {
		if got := anchorIn(word, &counts); got != want {
			t.Errorf("anchorIn(%q) = %d, want %d", word, got, want)
		}
	}
}

func FuzzContainsAnchored(f *testing.F) {
	f.Add("application/pdf\x00invoices-2026", "c78", 1)
	f.Add("c7c7c78", "c78", 2)
	f.Fuzz(func(t *testing.T, s, word string, anchor int) {
		if anchor < 0 {
			anchor = -anchor
		}
		if got, want := containsAnchored(s, word, anchor), strings.Contains(s, word); got != want {
			t.Errorf("containsAnchored(%q, %q, %d) = %v, want %v", s, word, anchor, got, want)
		}
	})
}

// The fields' mask never rules out a word that one of the fields holds:
// whatever the fields and the word, a substring of one passes.
func FuzzFieldMask(f *testing.F) {
	f.Add("4094471", "a9688400-7c61-4ad8-81f9-5d5f361b3dab", "a59c6cb2-9180-4527", "audit", 3, 4)
	f.Add("", "", "", "é", 0, 1)
	f.Fuzz(func(t *testing.T, id, uuid, batch, tag string, from, n int) {
		j := &Job{ID: id, UUID: uuid, BatchID: batch, Tags: []string{tag}}
		mask := fieldMask(j)
		for _, field := range []string{id, uuid, batch, tag} {
			if len(field) == 0 {
				continue
			}
			lo := min(max(from, 0), len(field)-1)
			hi := lo + min(max(n, 1), len(field)-lo)
			word := field[lo:hi]
			if mask.lacksSomeOf(maskOf(word)) {
				t.Fatalf("the mask of %+v rules out %q, which %q holds", j, word, field)
			}
		}
	})
}

// Words of hex digits are ruled out by the pairs a uuid lacks, though it
// has each of their bytes.
func TestFieldMaskRulesOutHexWords(t *testing.T) {
	j := &Job{ID: "4094471", UUID: "a9688400-7c61-4ad8-81f9-5d5f361b3dab", BatchID: "a59c6cb2-9180-4527-91cf-012e92bc713e"}
	mask := fieldMask(j)
	ruledOut := 0
	words := []string{"c78c", "ff00", "d1d1", "b7b7", "e0e0", "aaaa", "9e9e", "0f0f"}
	for _, w := range words {
		if mask.lacksSomeOf(maskOf(w)) {
			ruledOut++
		}
	}
	if ruledOut < len(words)/2 {
		t.Errorf("the mask ruled out %d of %d hex words none of the fields holds", ruledOut, len(words))
	}
}
