package search

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search/analysis"
	"github.com/crib-dev/crib/synonyms"
)

// TestCompiledThesaurusUpToDate fails when the dictionaries or the
// analyzer changed without regenerating the compiled thesaurus.
func TestCompiledThesaurusUpToDate(t *testing.T) {
	d, err := synonyms.CompileBuiltin(analysis.PhraseTerms)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := d.Encode(&b, synonyms.BuiltinTag(analysis.Version)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), compiledThesaurus) {
		t.Fatal("search/data/thesaurus.txt is stale: run `go generate ./search` (make generate) and commit it")
	}
}

// TestThesaurusCompiledMatchesSource checks that the fast path (the
// compiled file, looked up in place) expands every built-in note, and
// some questions, exactly like compiling the sources.
func TestThesaurusCompiledMatchesSource(t *testing.T) {
	fast, err := NewThesaurus()
	if err != nil {
		t.Fatal(err)
	}
	slow, err := synonyms.CompileBuiltin(analysis.PhraseTerms)
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{"cloudwatch events rule", "auto scaling group scale in", "rollback blue green", "ssm parameter store"}
	for _, s := range corpus.Embedded() {
		texts = append(texts, s.Text)
	}
	for _, q := range texts {
		terms := analysis.PhraseTerms(q)
		if a, b := fast.Dict.Expand(terms), slow.Expand(terms); !reflect.DeepEqual(a, b) {
			t.Fatalf("%q: compiled %+v, from source %+v", q, a, b)
		}
		for _, w := range terms {
			if fast.Dict.Known(w) != slow.Known(w) {
				t.Fatalf("Known(%q) differs", w)
			}
		}
	}
	if fast.Dict.Len() != slow.Len() {
		t.Errorf("Len: compiled %d, from source %d", fast.Dict.Len(), slow.Len())
	}
}
