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

// TestTallyAgreesWithAdd checks that vocabularies counted by indexing
// workers into tallies give the entries (the tables a cache stores) and
// the counts that Vocabulary.add gives, read as tallies or as maps.
func TestTallyAgreesWithAdd(t *testing.T) {
	snippets := append(corpus.Embedded(), oddSnippets()...)
	count := func() *Vocabulary {
		a, b := newDocMaker(), newDocMaker()
		for i, s := range snippets {
			if i%3 == 0 {
				b.document(i, s)
			} else {
				a.document(i, s)
			}
		}
		a.voc.later([]*Vocabulary{b.voc})
		return a.voc
	}
	want := NewVocabulary()
	for _, s := range snippets {
		want.add(s, 1)
	}
	wantTerms, wantWords := want.Entries()
	tallied := count()
	if tallied.tally == nil {
		t.Fatal("indexing counted no tally")
	}
	terms, words := tallied.Entries()
	if !reflect.DeepEqual(terms, wantTerms) || !reflect.DeepEqual(words, wantWords) {
		t.Errorf("entries of tallies differ: %d/%d terms, %d/%d words", len(terms), len(wantTerms), len(words), len(wantWords))
	}
	settled := count()
	settled.settle()
	if terms, words := settled.Entries(); !reflect.DeepEqual(terms, wantTerms) || !reflect.DeepEqual(words, wantWords) {
		t.Errorf("entries of settled tallies differ: %d/%d terms, %d/%d words", len(terms), len(wantTerms), len(words), len(wantWords))
	}
	for _, w := range []string{"s3", "lambda", "the", "bucket"} {
		term, uses := settled.Word(w)
		wt, wu := want.Word(w)
		if term != wt || uses != wu || settled.DF(term) != want.DF(wt) {
			t.Errorf("word %q: %q used %d, df %d; want %q used %d, df %d", w, term, uses, settled.DF(term), wt, wu, want.DF(wt))
		}
	}
}
