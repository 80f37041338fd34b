// Command gendict compiles crib's built-in thesaurus (synonyms/data) with
// crib's analyzer (package search/analysis) into the file search embeds, so that questions need not
// wait for thousands of phrases to be analysed. Run by `go generate ./search`
// (or `make generate`) after changing the dictionaries or the analyzer.
package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/crib-dev/crib/search/analysis"
	"github.com/crib-dev/crib/synonyms"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gendict <output file>")
		os.Exit(2)
	}
	d, err := synonyms.CompileBuiltin(analysis.PhraseTerms)
	var b bytes.Buffer
	if err == nil {
		err = d.Encode(&b, synonyms.BuiltinTag(analysis.Version))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gendict:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(os.Args[1], b.Bytes(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gendict:", err)
		os.Exit(1)
	}
}
