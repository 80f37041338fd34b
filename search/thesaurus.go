package search

//go:generate go run ../tools/gendict data/thesaurus.txt

import (
	_ "embed"

	"github.com/crib-dev/crib/search/analysis"
	"github.com/crib-dev/crib/synonyms"
)

// Thesaurus is the compiled synonym dictionary and service catalogue that
// questions are expanded with.
type Thesaurus struct {
	Dict    *synonyms.Dictionary
	Catalog *synonyms.Catalog
	// builtin says Dict is crib's built-in dictionary, without rules
	// added: the one a ServiceSource's services were found with.
	builtin bool
}

// compiledThesaurus is the built-in thesaurus compiled at build time by
// `go generate ./search` (tools/gendict): analysing its thousands of
// phrases takes longer than answering a question.
//
//go:embed data/thesaurus.txt
var compiledThesaurus []byte

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
	if synonyms.CompiledTag(compiledThesaurus) == synonyms.BuiltinTag(analysis.Version) {
		d, err = synonyms.Decode(compiledThesaurus)
	} else {
		d, err = synonyms.CompileBuiltin(analysis.PhraseTerms)
	}
	if err != nil {
		return nil, err
	}
	d.Add(extra, analysis.PhraseTerms)
	return &Thesaurus{Dict: d, Catalog: cat, builtin: len(extra) == 0}, nil
}
