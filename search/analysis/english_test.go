package analysis

import (
	"bytes"
	"slices"
	"testing"
)

// TestEnglishListSorted guards the binary search: the list must stay
// sorted bytewise, one word a line.
func TestEnglishListSorted(t *testing.T) {
	words := bytes.Split(bytes.TrimSuffix(englishWords, []byte("\n")), []byte("\n"))
	if !slices.IsSortedFunc(words, bytes.Compare) {
		t.Fatal("data/english.txt is not sorted: LC_ALL=C sort -u it")
	}
	for _, w := range words {
		if !IsEnglish(string(w)) {
			t.Fatalf("IsEnglish(%q) = false for a listed word", w)
		}
	}
}

func TestIsEnglish(t *testing.T) {
	for w, want := range map[string]bool{
		"slack": true, "market": true, "aardvark": true, "zygotes": true,
		"": false, "eventbridg": false, "aaa": false, "zzzz": false, "Slack": false, "slack ": false,
	} {
		if got := IsEnglish(w); got != want {
			t.Errorf("IsEnglish(%q) = %v, want %v", w, got, want)
		}
	}
}
