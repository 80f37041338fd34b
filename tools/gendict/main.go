// Command gendict compiles crib's built-in thesaurus (synonyms/data) with
// crib's analyzer into the file search embeds, so that questions need not
// wait for thousands of phrases to be analysed. Run by `go generate ./search`
// (or `make generate`) after changing the dictionaries or the analyzer.
package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/crib-dev/crib/search"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gendict <output file>")
		os.Exit(2)
	}
	var b bytes.Buffer
	if err := search.WriteCompiledThesaurus(&b); err != nil {
		fmt.Fprintln(os.Stderr, "gendict:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(os.Args[1], b.Bytes(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gendict:", err)
		os.Exit(1)
	}
}
