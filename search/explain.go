package search

import (
	"regexp"
	"sort"
	"strings"
	"sync"

	bsearch "github.com/blevesearch/bleve/v2/search"

	"github.com/crib-dev/crib/search/analysis"
)

// Contribution is one reason a result scored: a term of the question, a
// synonym or a typo correction found in one field, and what it added.
type Contribution struct {
	// Share is the share of the score it belongs to: bm25 (bleve's score
	// of the words in the index) or coverage (how much of the question
	// the note says). Its JSON name stays "part".
	Share  string  `json:"part"`
	Field  string  `json:"field"`
	Term   string  `json:"term"`
	Kind   string  `json:"kind"`             // word, synonym, fuzzy or expansion
	Origin string  `json:"origin,omitempty"` // the question's word it stands for
	Score  float64 `json:"score"`
}

// ShownTerm is the term as --explain prints it: a word quoted as code,
// indexed as "`retain", shows as `retain`.
func (c Contribution) ShownTerm() string {
	if strings.HasPrefix(c.Term, analysis.CodeMark) && len(c.Term) > len(analysis.CodeMark) {
		return c.Term + analysis.CodeMark
	}
	return c.Term
}

// Shares of a score.
const (
	ShareBM25     = "bm25"
	ShareCoverage = "coverage"
)

// weightMsg is compiled when first used: only --explain reads it.
var weightMsg = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^weight\(([^:]+):(.*)\^[0-9.e+-]+ in [^)]*\), product of:$`)
})

// explain collects what each term added to a hit's BM25 score, largest
// first, from bleve's explanation tree.
func explain(expl *bsearch.Explanation, p *plan) []Contribution {
	sums := map[[2]string]float64{}
	var walk func(x *bsearch.Explanation)
	walk = func(x *bsearch.Explanation) {
		if x == nil {
			return
		}
		if m := weightMsg().FindStringSubmatch(x.Message); m != nil {
			sums[[2]string{m[1], m[2]}] += x.Value
			return
		}
		for _, c := range x.Children {
			walk(c)
		}
	}
	walk(expl)
	out := make([]Contribution, 0, len(sums))
	for k, v := range sums {
		c := Contribution{Share: ShareBM25, Field: k[0], Term: k[1], Kind: KindWord, Score: v}
		if w, ok := p.correctedTo(k[1]); ok {
			c.Kind, c.Origin = KindFuzzy, w
		} else if p.expanded[k[1]] && !p.userTerms[k[1]] && !p.synonymSet[k[1]] {
			c.Kind = KindExpansion
		} else if !p.userTerms[k[1]] {
			c.Kind = KindSynonym
		}
		out = append(out, c)
	}
	sortContributions(out)
	return out
}

func sortContributions(cs []Contribution) {
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].Score != cs[j].Score {
			return cs[i].Score > cs[j].Score
		}
		return cs[i].Share+cs[i].Field+cs[i].Term < cs[j].Share+cs[j].Field+cs[j].Term
	})
}
