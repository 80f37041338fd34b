package search

import (
	"fmt"
	"math"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search/score"
	"github.com/crib-dev/crib/synonyms"
)

// Field names in the index.
const (
	FieldText    = score.FieldText
	FieldParts   = score.FieldParts // parts of the identifiers in text
	FieldContext = score.FieldContext
	FieldHeading = score.FieldHeading
)

func init() {
	// See "Process-wide settings" in the package documentation.
	searcher.DisjunctionHeapTakeover = math.MaxInt
}

// Engine answers questions over one set of snippets.
type Engine struct {
	idx      bleve.Index
	snippets SnippetSource
	all      allSnippets // Snippets(), decoded once
	th       *Thesaurus
	vocab    map[string]int    // term -> number of snippets whose text holds it
	surface  map[string]string // lower-cased word as written -> its term

	avg float64 // mean words per snippet text

}

// newMapping returns the index mapping crib uses, scored with BM25: the
// snippet's prose, the parts of its identifiers, its parent items and its
// headings, each analysed by crib's analyzer.
func newMapping() mapping.IndexMapping {
	field := func(analyzer string) *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = true
		f.DocValues = false
		return f
	}
	doc := mapping.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(FieldText, field(analyzerProseName))
	doc.AddFieldMappingsAt(FieldParts, field(analyzerPartsName))
	doc.AddFieldMappingsAt(FieldContext, field(analyzerName))
	doc.AddFieldMappingsAt(FieldHeading, field(analyzerName))
	// No "_all" field: no query searches it, and bleve would index an
	// empty one for every snippet.
	doc.AddSubDocumentMapping("_all", mapping.NewDocumentDisabledMapping())
	m := mapping.NewIndexMapping()
	m.DefaultMapping = doc
	m.DefaultAnalyzer = analyzerName
	m.ScoringModel = index.BM25Scoring
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	return m
}

// docID names snippet i so that ids sort in source order.
func docID(i int) string { return fmt.Sprintf("%08d", i) }

// document is what the index holds for one snippet.
func document(s corpus.Snippet) map[string]interface{} {
	return map[string]interface{}{
		FieldText:    s.Text,
		FieldParts:   s.Text,
		FieldContext: strings.Join(s.Context, " / "),
		FieldHeading: strings.Join(s.Heading, " / "),
	}
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
	idx, err := bleve.NewUsing("", newMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("create index: %w", err)
	}
	st, err := fillIndex(idx, snippets, &Update{}, nil)
	if err != nil {
		idx.Close()
		return nil, err
	}
	return newEngine(idx, SnippetSlice(snippets), st, th), nil
}

// Open makes an engine of an index WriteIndex wrote, the snippets it
// indexed (SnippetSlice for a slice) and the stats it returned. The
// engine asks snippets only for those it shows or looks at around them,
// unless Snippets is called. A nil thesaurus means crib's built-in one.
// The engine owns x from then on, also when Open fails.
func Open(x *Index, snippets SnippetSource, st *IndexStats, th *Thesaurus) (*Engine, error) {
	th, err := orBuiltin(th)
	if err == nil && (st == nil || st.Vocab == nil || st.Docs != snippets.Len()) {
		err = fmt.Errorf("open index: stats do not describe the %d snippets", snippets.Len())
	}
	if err != nil {
		x.Close()
		return nil, err
	}
	e := newEngine(x.idx, snippets, st, th)
	e.idx.(*statsIndex).onDamage = x.OnDamage
	return e, nil
}

func orBuiltin(th *Thesaurus) (*Thesaurus, error) {
	if th != nil {
		return th, nil
	}
	return NewThesaurus()
}

func newEngine(idx bleve.Index, snippets SnippetSource, st *IndexStats, th *Thesaurus) *Engine {
	return &Engine{idx: withStats(idx, st), snippets: snippets, th: th, vocab: st.Vocab.df, surface: st.Vocab.surface, avg: st.AvgLen}
}

// Close releases the index.
func (e *Engine) Close() error { return e.idx.Close() }

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
