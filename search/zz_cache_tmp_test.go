package search

import (
	"testing"

	"github.com/blevesearch/bleve/v2/search/searcher"
)

func TestZZDeterminism(t *testing.T) {
	searcher.DisjunctionHeapTakeover = 1 << 30
	src := Source{Paths: []string{testNotes(t)}}
	th := testThesaurus(t)
	mk := func() string {
		e, _, _ := OpenMemory(src, th)
		defer e.Close()
		return answers(t, e)
	}
	first := mk()
	for i := 0; i < 20; i++ {
		if got := mk(); got != first {
			t.Fatalf("run %d differs", i)
		}
	}
}
