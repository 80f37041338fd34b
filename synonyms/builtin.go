package synonyms

import (
	_ "embed"
	"sync"
)

var (
	//go:embed data/synonyms.txt
	builtinSynonyms []byte
	//go:embed data/services.txt
	builtinServices []byte
)

var builtin = sync.OnceValues(func() (*builtinData, error) {
	cat, err := ParseCatalog("services.txt", builtinServices)
	if err != nil {
		return nil, err
	}
	rules, err := ParseSolr("synonyms.txt", builtinSynonyms)
	if err != nil {
		return nil, err
	}
	return &builtinData{rules: append(cat.Rules(), rules...), catalog: cat}, nil
})

type builtinData struct {
	rules   []Rule
	catalog *Catalog
}

// Builtin returns the rules of crib's own thesaurus (one equivalence rule
// per catalogued service, then the concept dictionary) and the catalogue.
// Callers must not modify what it returns.
func Builtin() ([]Rule, *Catalog, error) {
	b, err := builtin()
	if err != nil {
		return nil, nil, err
	}
	return append([]Rule(nil), b.rules...), b.catalog, nil
}

// BuiltinData returns the raw built-in dictionary files, for fingerprints.
func BuiltinData() (synonymsFile, servicesFile []byte) {
	return builtinSynonyms, builtinServices
}
