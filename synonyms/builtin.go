package synonyms

import (
	"embed"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"sort"
	"strings"
	"sync"
)

// data holds services.txt, the service catalogue, and any number of
// dictionaries in the Solr format (*.txt), read in name order.
//
//go:embed data/*.txt
var data embed.FS

//go:generate go run ../tools/gencatalog

const servicesFile = "services.txt"

var builtin = sync.OnceValues(func() (*builtinData, error) {
	cat, err := BuiltinCatalog()
	if err != nil {
		return nil, err
	}
	rules := cat.Rules()
	for _, name := range dictionaryFiles() {
		b, err := fs.ReadFile(data, "data/"+name)
		if err != nil {
			return nil, err
		}
		more, err := ParseSolr(name, b)
		if err != nil {
			return nil, err
		}
		rules = append(rules, more...)
	}
	return &builtinData{rules: rules, catalog: cat}, nil
})

func dictionaryFiles() []string {
	entries, _ := fs.ReadDir(data, "data")
	var names []string
	for _, e := range entries {
		if e.Name() != servicesFile {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names
}

type builtinData struct {
	rules   []Rule
	catalog *Catalog
}

// BuiltinCatalog returns the built-in service catalogue, made once:
// compiled into crib by tools/gencatalog (go generate), or parsed when its
// text has changed since (during development). Callers must not modify
// it.
var BuiltinCatalog = sync.OnceValues(func() (*Catalog, error) {
	if size, sum := embeddedCRC(servicesFile); size == compiledCatalogSize && sum == compiledCatalogCRC {
		return indexCatalog(compiledCatalog), nil
	}
	services, err := fs.ReadFile(data, "data/"+servicesFile)
	if err != nil {
		return nil, err
	}
	return ParseCatalog(servicesFile, services)
})

// embeddedCRC returns the size and IEEE checksum of an embedded data file
// (-1 when it is missing), read through a small buffer: reading the
// catalogue whole only to check it copied 88 KiB onto a one-shot
// question's fresh heap.
func embeddedCRC(name string) (int, uint32) {
	f, err := data.Open("data/" + name)
	if err != nil {
		return -1, 0
	}
	defer f.Close()
	h := crc32.NewIEEE()
	n, err := io.CopyBuffer(h, f, make([]byte, 8<<10))
	if err != nil {
		return -1, 0
	}
	return int(n), h.Sum32()
}

// indexCatalog makes a catalogue of services a parse found valid, indexing
// their names as ParseCatalog does.
func indexCatalog(services []Service) *Catalog {
	c := &Catalog{Services: services, index: make(map[string]int, 4*len(services))}
	for i, s := range services {
		for _, names := range [][]string{{s.Name}, s.Aliases, s.Kinds} {
			for _, n := range names {
				c.index[strings.ToLower(n)] = i
			}
		}
	}
	return c
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

// BuiltinData returns the raw built-in dictionary files, concatenated:
// the bytes BuiltinTag's checksum stands for (it sums them file by file
// instead of joining them).
func BuiltinData() []byte {
	b, _ := fs.ReadFile(data, "data/"+servicesFile)
	for _, name := range dictionaryFiles() {
		more, _ := fs.ReadFile(data, "data/"+name)
		b = append(b, more...)
	}
	return b
}

// CompileBuiltin compiles the built-in thesaurus, its phrases analysed
// with analyze.
func CompileBuiltin(analyze Analyzer) (*Dictionary, error) {
	rules, _, err := Builtin()
	if err != nil {
		return nil, err
	}
	return Compile(rules, analyze), nil
}

// BuiltinTag fingerprints the built-in thesaurus as compiled by the
// analyzer of version analyzerVersion: compiled data whose tag differs
// was made from other sources or by another analyzer.
func BuiltinTag(analyzerVersion int) string {
	// The checksum of BuiltinData, file by file: every question checks the
	// tag, and copying the files together cost more than the rest of
	// loading the thesaurus.
	// One small buffer for all of them: io.Copy's own, 32 KiB a file, was
	// 3% of a one-shot question's page faults.
	h, buf := crc32.NewIEEE(), make([]byte, 8<<10)
	for _, name := range append([]string{servicesFile}, dictionaryFiles()...) {
		if f, err := data.Open("data/" + name); err == nil {
			io.CopyBuffer(h, f, buf)
			f.Close()
		}
	}
	return fmt.Sprintf("a%d-%08x", analyzerVersion, h.Sum32())
}
