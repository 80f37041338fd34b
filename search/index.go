package search

import (
	"errors"
	"fmt"
	"math"
	"sync"

	"github.com/blevesearch/bleve/v2/search/searcher"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search/index"
	"github.com/crib-dev/crib/synonyms"
)

// Field names in the index.
const (
	FieldText    = index.FieldText
	FieldParts   = index.FieldParts // parts of the identifiers in text
	FieldContext = index.FieldContext
	FieldHeading = index.FieldHeading
)

func init() {
	// See "Process-wide settings" in the package documentation.
	searcher.DisjunctionHeapTakeover = math.MaxInt
}

// Engine answers questions over one set of snippets.
type Engine struct {
	idx      *index.Searcher
	snippets SnippetSource
	all      allSnippets // Snippets(), decoded once
	th       *Thesaurus
	voc      *index.Vocabulary // terms and the number of snippets holding each; words as written

	avg float64 // mean words per snippet text

	expander *Engine        // see ExpandFrom
	expanded noteExpansions // see noteExpansion
	closed   bool

	namesOnce sync.Once
	names     []string // see closestName
}

// Build indexes snippets in memory. A nil thesaurus means crib's
// built-in one. The snippets of one file must be contiguous and in
// order, as package corpus gives them: sections and list children are
// found among a file's neighbouring snippets.
func Build(snippets []corpus.Snippet, th *Thesaurus) (*Engine, error) {
	th, err := orBuiltin(th)
	if err != nil {
		return nil, err
	}
	x, st, err := index.Build(snippets)
	if err != nil {
		return nil, err
	}
	return newEngine(x, SnippetSlice(snippets), st, th), nil
}

// Open makes an engine of an index index.Write wrote, the snippets it
// indexed (SnippetSlice for a slice) and the stats it returned. The
// engine asks snippets only for those it shows or looks at around them,
// unless Snippets is called. A nil thesaurus means crib's built-in one.
// The engine owns x from then on, also when Open fails.
func Open(x *index.Index, snippets SnippetSource, st *index.Stats, th *Thesaurus) (*Engine, error) {
	th, err := orBuiltin(th)
	if err == nil && (st == nil || st.Vocab == nil || st.Docs != snippets.Len()) {
		err = fmt.Errorf("open index: stats do not describe the %d snippets", snippets.Len())
	}
	if err != nil {
		x.Close()
		return nil, err
	}
	return newEngine(x, snippets, st, th), nil
}

func orBuiltin(th *Thesaurus) (*Thesaurus, error) {
	if th != nil {
		return th, nil
	}
	return NewThesaurus()
}

func newEngine(x *index.Index, snippets SnippetSource, st *index.Stats, th *Thesaurus) *Engine {
	return &Engine{idx: x.Searcher(st), snippets: snippets, th: th, voc: st.Vocab, avg: st.AvgLen}
}

// Close releases the index, and the engine it expands from (ExpandFrom).
// Closing again does nothing.
func (e *Engine) Close() error {
	if e.closed {
		return nil
	}
	e.closed = true
	err := e.idx.Close()
	if e.expander != nil {
		err = errors.Join(err, e.expander.Close())
	}
	return err
}

// Len returns the number of snippets searched.
func (e *Engine) Len() int { return e.snippets.Len() }

// Snippet returns snippet i of those searched (Hit.Index), 0 <= i < Len().
func (e *Engine) Snippet(i int) corpus.Snippet { return e.snippets.Snippet(i) }

// Snippets returns the snippets searched, in source order. An engine
// Open made decodes them all the first time: Snippet reads one.
func (e *Engine) Snippets() []corpus.Snippet { return e.all.get(e.snippets) }

// Expand finds the words and phrases of the engine's thesaurus in terms
// (analysed, as analysis.PhraseTerms gives them), longest first, with
// what each stands for.
func (e *Engine) Expand(terms []string) []synonyms.Match { return e.th.Dict.Expand(terms) }
