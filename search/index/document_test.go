package index

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	blevedocument "github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search/analysis"
)

// oddSnippets are snippets whose analysis has traps: an open backquote
// before the headings, joiners at the edges of headings, shared and
// empty headings and contexts.
func oddSnippets() []corpus.Snippet {
	h := []string{"CamelCaseHeading", "a / b"}
	c := []string{"parent `item", "child"}
	return []corpus.Snippet{
		{Text: "odd `backquote carries", Heading: h, Context: c},
		{Text: "even `backquotes` here", Heading: h, Context: c},
		{Text: "ends with a joiner.", Heading: []string{"/api", "`CodeBuild`"}},
		{Text: "no heading"},
		{Text: "", Heading: h},
		{Text: "ApplicationStart Pending:Wait iam:passrole `DELETED`", Context: []string{"x"}},
	}
}

// fieldView is what the index takes from one field.
type fieldView struct {
	Options   index.FieldIndexingOptions
	Positions []uint64
	Value     string
	Length    int
	Freqs     index.TokenFrequencies
}

func fieldsOf(d *blevedocument.Document) map[string]fieldView {
	out := map[string]fieldView{}
	for _, f := range d.Fields {
		f.Analyze()
		if f.AnalyzedLength() == 0 {
			continue // docMaker leaves out a field without terms
		}
		out[f.Name()] = fieldView{f.Options(), f.ArrayPositions(), string(f.Value()), f.AnalyzedLength(), f.AnalyzedTokenFrequencies()}
	}
	return out
}

// TestDocMakerAgreesWithMapping: the documents indexing makes, analysed
// once, hold what bleve's mapping makes of document(s), field by field,
// and the vocabulary counted meanwhile is Vocabulary.add's.
func TestDocMakerAgreesWithMapping(t *testing.T) {
	snippets := append(corpus.Embedded(), oddSnippets()...)
	m := newDocMaker()
	want := NewVocabulary()
	mapping := newMapping()
	for i, s := range snippets {
		id := DocID(i)
		mapped := blevedocument.NewDocument(id)
		if err := mapping.MapDocument(mapped, document(s)); err != nil {
			t.Fatal(err)
		}
		made := m.document(i, s)
		got, exp := fieldsOf(made), fieldsOf(mapped)
		if !reflect.DeepEqual(got, exp) {
			t.Fatalf("snippet %d (%q):\n%s", i, s.Text, diffFields(got, exp))
		}
		if made.Indexed() != mapped.Indexed() || len(made.CompositeFields) != len(mapped.CompositeFields) {
			t.Fatalf("snippet %d: indexed %v, %d composite fields; want %v, %d", i, made.Indexed(), len(made.CompositeFields), mapped.Indexed(), len(mapped.CompositeFields))
		}
		want.add(s, 1)
	}
	m.voc.settle() // its tally becomes the maps Vocabulary.add counts into
	if !reflect.DeepEqual(m.voc, want) {
		t.Errorf("vocabularies differ: %d/%d terms, %d/%d words", len(m.voc.df), len(want.df), len(m.voc.surface), len(want.surface))
	}
}

func diffFields(got, want map[string]fieldView) string {
	var names []string
	for n := range want {
		names = append(names, n)
	}
	for n := range got {
		if _, ok := want[n]; !ok {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	out := ""
	for _, n := range names {
		if !reflect.DeepEqual(got[n], want[n]) {
			out += fmt.Sprintf("field %s:\n  got  %+v\n  want %+v\n", n, got[n], want[n])
		}
	}
	return out
}

// TestCountFields: counting words without splitting agrees with
// strings.Fields, on odd spaces and broken UTF-8 too.
func TestCountFields(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a  b ", "a\tb\nc\r\nd", "x\u00a0y\u0085z", "\xff \xfe\xfd", "日本 語", "a\u2003b", "\v\f"} {
		if got, want := countFields(s), len(strings.Fields(s)); got != want {
			t.Errorf("countFields(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestVocabularyUses: a word's uses are counted, however they are kept,
// survive a round trip through Words, Word and SetWord (as the cache
// stores them), and a vocabulary read without counts reports none.
func TestVocabularyUses(t *testing.T) {
	snippets := append(corpus.Embedded(), oddSnippets()...)
	want := map[string]int{}
	v := NewVocabulary()
	for _, s := range snippets {
		text := s.Text + " " + strings.Join(s.Heading, " ")
		for _, tok := range analysis.Analyze(text) {
			if !tok.Whole {
				want[strings.ToLower(text[tok.Start:tok.End])]++
			}
		}
		v.add(s, 1)
	}
	stored, bare := NewVocabulary(), NewVocabulary()
	for _, term := range v.Terms() {
		stored.SetTerm(term, v.DF(term))
		bare.SetTerm(term, v.DF(term))
	}
	for _, w := range v.Words() {
		term, uses := v.Word(w)
		if uses != want[w] {
			t.Errorf("Word(%q) uses = %d, want %d", w, uses, want[w])
		}
		stored.SetWord(w, term, uses)
		bare.SetWord(w, term, 0)
		if _, n := bare.Word(w); n != 0 {
			t.Errorf("a vocabulary without counts says %q is used %d times", w, n)
		}
	}
	if len(v.Words()) != len(want) {
		t.Errorf("%d words, want %d", len(v.Words()), len(want))
	}
	if !reflect.DeepEqual(stored, v) {
		t.Errorf("the vocabulary changed on its round trip")
	}
}
