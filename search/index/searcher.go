package index

import (
	"context"
	"errors"
	"fmt"

	blevesearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// Request is one search: the Size best hits of Query by score, ties in
// the collector's order or, with ByID, by id; with Explain, each hit
// says how it was scored.
type Request struct {
	Query   query.Query
	Size    int
	Explain bool
	ByID    bool
}

// Result is what a search found: its best hits and how many matched.
type Result struct {
	Hits  blevesearch.DocumentMatchCollection
	Total uint64
}

// Searcher searches an index with pinned BM25 statistics (see
// fieldStats), as bleve's index does for a request carrying them in its
// PreSearchData, turning a panic of zap's on a damaged file into an error
// wrapping ErrDamaged. It is safe for concurrent searches.
type Searcher struct {
	x        *Index
	stats    *blevesearch.BM25Stats
	onDamage func(error) error
}

// bm25 is the scoring model crib's mapping names (newMapping).
func bm25() string { return bleveindex.BM25Scoring }

// Search runs req.
func (s *Searcher) Search(req Request) (res *Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("%w (%v)", ErrDamaged, r)
		}
		if errors.Is(err, ErrDamaged) && s.onDamage != nil {
			err = s.onDamage(err)
		}
	}()
	ctx := context.WithValue(context.Background(), blevesearch.GetScoringModelCallbackKey, blevesearch.GetScoringModelCallbackFn(bm25))
	ctx = context.WithValue(ctx, blevesearch.BM25StatsKey, s.stats)
	r := s.x.reader()
	srch, err := req.Query.Searcher(ctx, r, theMapping(), blevesearch.SearcherOptions{Explain: req.Explain})
	if err != nil {
		return nil, err
	}
	defer func() {
		if cerr := srch.Close(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	order := blevesearch.SortOrder{&blevesearch.SortScore{Desc: true}}
	if req.ByID {
		order = append(order, &blevesearch.SortDocID{})
	}
	coll := collector.NewTopNCollector(req.Size, 0, order)
	if err := coll.Collect(ctx, srch, r); err != nil {
		return nil, err
	}
	return &Result{Hits: coll.Results(), Total: coll.Total()}, nil
}

// Close closes the index.
func (s *Searcher) Close() error { return s.x.Close() }

// Reader returns the index's reader, for searchers made by hand.
func (s *Searcher) Reader() bleveindex.IndexReader { return s.x.reader() }
