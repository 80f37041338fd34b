package index

import (
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2/mapping"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search/score"
)

// Field names in the index.
const (
	FieldText    = score.FieldText
	FieldParts   = score.FieldParts // parts of the identifiers in text
	FieldContext = score.FieldContext
	FieldHeading = score.FieldHeading
)

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
	m.ScoringModel = bleveindex.BM25Scoring
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	return m
}

// DocID names snippet i so that ids sort in source order.
func DocID(i int) string { return fmt.Sprintf("%08d", i) }

// document is what the index holds for one snippet.
func document(s corpus.Snippet) map[string]interface{} {
	return map[string]interface{}{
		FieldText:    s.Text,
		FieldParts:   s.Text,
		FieldContext: strings.Join(s.Context, " / "),
		FieldHeading: strings.Join(s.Heading, " / "),
	}
}
