package index

import (
	bleveanalysis "github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/crib-dev/crib/search/analysis"
)

// Names crib's analyzers are registered under in bleve: all terms; the
// terms of prose (identifier parts left out); identifier parts only.
const (
	analyzerName      = "crib_en"
	analyzerProseName = "crib_en_prose"
	analyzerPartsName = "crib_en_parts"
)

func init() {
	// bleve resolves analyzers by name through its global registry, also
	// when it reopens an index from disk, so the registrations must exist
	// before any mapping is used.
	for name, keep := range map[string]func(analysis.Token) bool{
		analyzerName:      func(analysis.Token) bool { return true },
		analyzerProseName: func(t analysis.Token) bool { return !t.Part },
		analyzerPartsName: func(t analysis.Token) bool { return t.Part },
	} {
		a := bleveAnalyzer{keep: keep}
		registry.RegisterAnalyzer(name, func(map[string]interface{}, *registry.Cache) (bleveanalysis.Analyzer, error) {
			return a, nil
		})
	}
}

// bleveAnalyzer adapts analysis.Analyze to bleve's Analyzer, keeping the
// tokens keep accepts.
type bleveAnalyzer struct{ keep func(analysis.Token) bool }

func (a bleveAnalyzer) Analyze(input []byte) bleveanalysis.TokenStream {
	toks := analysis.Analyze(string(input))
	out := make(bleveanalysis.TokenStream, 0, len(toks))
	for _, t := range toks {
		if a.keep(t) {
			out = append(out, &bleveanalysis.Token{Term: []byte(t.Term), Position: t.Pos, Start: t.Start, End: t.End, Type: bleveanalysis.AlphaNumeric})
		}
	}
	return out
}
