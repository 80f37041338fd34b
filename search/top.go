package search

import (
	"cmp"
	"slices"

	blevesearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/crib-dev/crib/search/index"
)

// top runs q and returns its n best hits, by score and then by id, as
// sorting by "-_score", "_id" would. Sorting by _id makes bleve look up
// the id of every hit that competes for a place; bleve breaks ties by
// its internal order instead, which follows no id. So top asks for twice
// as many hits by score alone and breaks the ties itself; only when the
// hits tied with the n-th fill all of them, so that some tied hit may
// be missing, does it search again sorted by id.
func (e *Engine) top(q query.Query, n int, explain bool) (*index.Result, error) {
	res, err := e.idx.Search(index.Request{Query: q, Size: 2 * n, Explain: explain})
	if err != nil {
		return nil, err
	}
	hits := res.Hits
	if len(hits) > n && hits[n-1].Score == hits[len(hits)-1].Score && uint64(len(hits)) < res.Total {
		return e.idx.Search(index.Request{Query: q, Size: n, Explain: explain, ByID: true})
	}
	slices.SortStableFunc(hits, func(a, b *blevesearch.DocumentMatch) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	res.Hits = hits[:min(n, len(hits))]
	return res, nil
}
