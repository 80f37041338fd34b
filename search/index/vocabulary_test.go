package index

import (
	"reflect"
	"testing"

	"github.com/crib-dev/crib/corpus"
)

// TestEntriesOfPartsAgree checks that a vocabulary whose workers' parts
// are merged sorted (Entries) holds what adding them map by map does.
func TestEntriesOfPartsAgree(t *testing.T) {
	snippets := append(corpus.Embedded(), oddSnippets()...)
	count := func(from, to int) *Vocabulary {
		m := newDocMaker()
		for i := from; i < to; i++ {
			m.document(i, snippets[i])
		}
		return m.voc
	}
	half, third := len(snippets)/2, len(snippets)/3
	lazy := count(0, third)
	lazy.later([]*Vocabulary{count(third, half), count(half, len(snippets))})
	eager := count(0, third)
	eager.merge(count(third, half))
	eager.merge(count(half, len(snippets)))
	gotTerms, gotWords := lazy.Entries()
	wantTerms, wantWords := eager.Entries()
	if !reflect.DeepEqual(gotTerms, wantTerms) || !reflect.DeepEqual(gotWords, wantWords) {
		t.Errorf("entries of %d parts differ from the merged vocabulary's", 3)
	}
	if lazy.settle(); !reflect.DeepEqual(lazy.df, eager.df) || !reflect.DeepEqual(lazy.surface, eager.surface) || !reflect.DeepEqual(lazy.more, eager.more) {
		t.Error("settled parts differ from the merged vocabulary")
	}
}
