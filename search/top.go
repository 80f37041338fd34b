package search

import (
	"cmp"
	"slices"

	"github.com/blevesearch/bleve/v2"
	blevesearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// top runs q and returns its n best hits, by score and then by id, as
// sorting by "-_score", "_id" would. Sorting by _id makes bleve look up
// the id of every hit that competes for a place; scorch breaks ties by
// its internal order instead, which follows no id. So top asks for twice
// as many hits by score alone and breaks the ties itself; only when the
// hits tied with the n-th fill all of them, so that some tied hit may
// be missing, does it search again sorted by id.
func (e *Engine) top(q query.Query, n int, explain bool) (*bleve.SearchResult, error) {
	req := bleve.NewSearchRequestOptions(q, 2*n, 0, explain)
	res, err := e.idx.Search(req)
	if err != nil {
		return nil, err
	}
	hits := res.Hits
	if len(hits) > n && hits[n-1].Score == hits[len(hits)-1].Score && uint64(len(hits)) < res.Total {
		req = bleve.NewSearchRequestOptions(q, n, 0, explain)
		req.SortBy([]string{"-_score", "_id"})
		return e.idx.Search(req)
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
