package corpus

import "strings"

// Snippet is the smallest answer crib prints: one list item, one paragraph
// or one table row of a notes file.
type Snippet struct {
	// Text is the item's own words with the list marker removed and runs of
	// white space folded. Markdown inline markup is kept as written.
	//
	// The text of a fenced code block is the exception: it keeps its lines,
	// joined by "\n", and their indentation (less the fence's own), since
	// code folded onto one line cannot be read. It is the only text with a
	// line break, so a printer can show it as a block, and one that must
	// keep each result on one line (grep-style output) folds it with
	// strings.Fields. A block longer than MaxSnippetBytes is cut between
	// lines into several snippets, each at the line it starts on.
	Text string `json:"text"`
	// Heading is the path of headings above the snippet, outermost first.
	Heading []string `json:"heading"`
	// Context holds the texts of the list items the snippet is nested in,
	// outermost first, so the nearest parent is last: at most the
	// MaxContextItems nearest, within MaxContextBytes. A table row adds
	// its table's header row after them. Snippets share these slices:
	// treat them as read-only.
	Context []string `json:"context"`
	// Tags are the tags the YAML front matter of the snippet's markdown
	// file names (tags: [a, b], a "- a" list, or tags: a b), in order,
	// each once; nil when it names none. All snippets of a file share the
	// slice: treat it as read-only.
	Tags []string `json:"tags"`
	// Source is the file the snippet came from, as it was named to crib.
	Source string `json:"source"`
	// Line is the 1-based line of the file where the snippet starts.
	Line int `json:"line"`
}

// foldSpace trims s and collapses every run of white space to one space.
func foldSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
