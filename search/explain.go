package search

import (
	"regexp"
	"sort"

	bsearch "github.com/blevesearch/bleve/v2/search"
)

// Contribution is one reason a result scored: a term of the question, a
// synonym or a typo correction found in one field, and what it added.
type Contribution struct {
	Field  string  `json:"field"`
	Term   string  `json:"term"`
	Kind   string  `json:"kind"`             // word, synonym, fuzzy, phrase, rank
	Origin string  `json:"origin,omitempty"` // the question's word it stands for
	Score  float64 `json:"score"`
}

var weightMsg = regexp.MustCompile(`^weight\(([^:]+):(.*)\^[0-9.e+-]+ in [^)]*\), product of:$`)

// explain collects what each term added to a hit's BM25 score, largest
// first, from bleve's explanation tree.
func explain(expl *bsearch.Explanation, p *plan) []Contribution {
	sums := map[[2]string]float64{}
	var walk func(x *bsearch.Explanation)
	walk = func(x *bsearch.Explanation) {
		if x == nil {
			return
		}
		if m := weightMsg.FindStringSubmatch(x.Message); m != nil {
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
		c := Contribution{Field: k[0], Term: k[1], Kind: KindWord, Score: v}
		if w, ok := p.correctedTo(k[1]); ok {
			c.Kind, c.Origin = KindFuzzy, w
		} else if !p.userTerms[k[1]] {
			c.Kind = KindSynonym
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Field+out[i].Term < out[j].Field+out[j].Term
	})
	return out
}
