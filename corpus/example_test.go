package corpus_test

import (
	"fmt"

	"github.com/crib-dev/crib/corpus"
)

// ParseMarkdown turns notes into snippets: one per list item, paragraph
// or table row, each with its heading path and the items it sits under.
func ExampleParseMarkdown() {
	notes := []byte(`# Compute

## EC2 Auto Scaling

- Lifecycle hooks pause instances:
  - Pending:Wait on launch
  - Terminating:Wait before termination
`)
	for _, s := range corpus.ParseMarkdown("notes.md", notes) {
		fmt.Printf("%s:%d %q under %q in %q\n", s.Source, s.Line, s.Text, s.Context, s.Heading)
	}
	// Output:
	// notes.md:5 "Lifecycle hooks pause instances:" under [] in ["Compute" "EC2 Auto Scaling"]
	// notes.md:6 "Pending:Wait on launch" under ["Lifecycle hooks pause instances:"] in ["Compute" "EC2 Auto Scaling"]
	// notes.md:7 "Terminating:Wait before termination" under ["Lifecycle hooks pause instances:"] in ["Compute" "EC2 Auto Scaling"]
}

// Embedded returns crib's built-in notes, already parsed; their sources
// start with EmbeddedPrefix.
func ExampleEmbedded() {
	snippets := corpus.Embedded()
	fmt.Println(len(snippets) > 0, snippets[0].Source[:len(corpus.EmbeddedPrefix)])
	// Output: true crib:
}
