package search

import (
	"github.com/crib-dev/crib/synonyms"
)

// Thesaurus is the compiled synonym dictionary and service catalogue that
// questions are expanded with.
type Thesaurus struct {
	Dict    *synonyms.Dictionary
	Catalog *synonyms.Catalog
}

// NewThesaurus compiles crib's built-in dictionary and catalogue together
// with extra rules (from the user's synonyms files).
func NewThesaurus(extra ...synonyms.Rule) (*Thesaurus, error) {
	rules, cat, err := synonyms.Builtin()
	if err != nil {
		return nil, err
	}
	rules = append(rules, extra...)
	return &Thesaurus{Dict: synonyms.Compile(rules, PhraseTerms), Catalog: cat}, nil
}
