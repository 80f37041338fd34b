package search

//go:generate go run ../tools/gendict data/thesaurus.txt

import (
	_ "embed"
	"fmt"
	"hash/crc32"
	"io"

	"github.com/crib-dev/crib/synonyms"
)

// Thesaurus is the compiled synonym dictionary and service catalogue that
// questions are expanded with.
type Thesaurus struct {
	Dict    *synonyms.Dictionary
	Catalog *synonyms.Catalog
}

// analyzerVersion names the terms Analyze produces; change it whenever
// they change, so compiled data made by an older analyzer is not used.
const analyzerVersion = 3

// compiledThesaurus is the built-in thesaurus compiled at build time by
// `go generate ./search` (analysing its thousands of phrases takes longer
// than answering a question).
//
//go:embed data/thesaurus.txt
var compiledThesaurus []byte

// thesaurusTag fingerprints what the built-in thesaurus is compiled from.
func thesaurusTag() string {
	return fmt.Sprintf("a%d-%08x", analyzerVersion, crc32.ChecksumIEEE(synonyms.BuiltinData()))
}

// NewThesaurus loads crib's built-in dictionary and catalogue and adds
// extra rules (from the user's synonyms files). The built-in dictionary
// comes precompiled; when its sources have changed since (during
// development), it is compiled from them instead.
func NewThesaurus(extra ...synonyms.Rule) (*Thesaurus, error) {
	cat, err := synonyms.BuiltinCatalog()
	if err != nil {
		return nil, err
	}
	var d *synonyms.Dictionary
	if synonyms.CompiledTag(compiledThesaurus) == thesaurusTag() {
		d, err = synonyms.Decode(compiledThesaurus)
	} else {
		d, err = compileBuiltin()
	}
	if err != nil {
		return nil, err
	}
	d.Add(extra, PhraseTerms)
	return &Thesaurus{Dict: d, Catalog: cat}, nil
}

func compileBuiltin() (*synonyms.Dictionary, error) {
	rules, _, err := synonyms.Builtin()
	if err != nil {
		return nil, err
	}
	return synonyms.Compile(rules, PhraseTerms), nil
}

// WriteCompiledThesaurus compiles the built-in thesaurus from its sources
// and writes it in the form NewThesaurus loads, for go generate.
func WriteCompiledThesaurus(w io.Writer) error {
	d, err := compileBuiltin()
	if err != nil {
		return err
	}
	return d.Encode(w, thesaurusTag())
}
