package search

import (
	"bytes"
	"testing"

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

// TestThesaurusCompiledMatchesSource checks that the fast path (decoding
// the compiled file) expands questions exactly like compiling the sources.
func TestThesaurusCompiledMatchesSource(t *testing.T) {
	fast, err := NewThesaurus()
	if err != nil {
		t.Fatal(err)
	}
	slow, err := synonyms.CompileBuiltin(analysis.PhraseTerms)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"cloudwatch events rule", "auto scaling group scale in", "rollback blue green", "ssm parameter store"} {
		terms := analysis.PhraseTerms(q)
		a, b := fast.Dict.Expand(terms), slow.Expand(terms)
		if len(a) != len(b) {
			t.Fatalf("%q: %d matches compiled, %d from source", q, len(a), len(b))
		}
		for i := range a {
			if a[i].Service != b[i].Service || len(a[i].Alts) != len(b[i].Alts) {
				t.Errorf("%q: match %d differs: %+v vs %+v", q, i, a[i], b[i])
			}
		}
	}
}
