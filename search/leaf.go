package search

import (
	"context"
	"math"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"
	index "github.com/blevesearch/bleve_index_api"
)

// termLeaf is bleve's TermQuery of one term in one field. Its searcher
// scores a posting with BM25 as bleve's term scorer does, to the bit,
// and flatDisjunction reads it as a document number and a score
// (scoredLeaf): bleve's term searcher took a DocumentMatch from the pool
// for every posting, filled a TermFieldDoc and asked its scorer, about a
// tenth of a long question's CPU. To explain, without BM25 statistics or
// with synonyms for the field it is bleve's.
type termLeaf struct {
	term, field string
	boost       float64
}

func newTermLeaf(term, field string, boost float64) *termLeaf {
	return &termLeaf{term: term, field: field, boost: boost}
}

func (q *termLeaf) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	if s, err := newLeafSearcher(ctx, r, q, options); s != nil || err != nil {
		return s, err
	}
	return q.bleve().Searcher(ctx, r, m, options)
}

// bleve returns bleve's query that q searches as.
func (q *termLeaf) bleve() *query.TermQuery {
	tq := query.NewTermQuery(q.term)
	tq.SetField(q.field)
	tq.SetBoost(q.boost)
	return tq
}

// newLeafSearcher returns q's searcher, or nil, nil where it is bleve's.
func newLeafSearcher(ctx context.Context, r index.IndexReader, q *termLeaf, options bsearch.SearcherOptions) (*leafSearcher, error) {
	if ctx == nil || options.Explain || options.Score == "none" || options.IncludeTermVectors || ctx.Value(bsearch.FieldTermSynonymMapKey) != nil {
		return nil, nil
	}
	stats, ok := ctx.Value(bsearch.BM25StatsKey).(*bsearch.BM25Stats)
	model, _ := ctx.Value(bsearch.GetScoringModelCallbackKey).(bsearch.GetScoringModelCallbackFn)
	if !ok || model == nil || model() != index.BM25Scoring {
		return nil, nil
	}
	card, ok := stats.FieldCardinality[q.field]
	docs := uint64(stats.DocCount)
	if !ok || docs == 0 {
		return nil, nil // bleve's says why, or scores with tf-idf
	}
	avg := math.Ceil(float64(card) / float64(docs))
	if avg <= 0 {
		return nil, nil
	}
	if err := bsearch.RecordTermSearcher(ctx); err != nil {
		return nil, err
	}
	tr, err := r.TermFieldReader(ctx, []byte(q.term), q.field, true, true, false)
	if err != nil {
		return nil, err
	}
	n := tr.Count()
	// computeIDF of bleve's term scorer, BM25 branch
	idf := math.Log(1 + (float64(docs)-float64(n)+0.5)/(float64(n)+0.5))
	raw, _ := tr.(postingReader)
	return &leafSearcher{r: tr, raw: raw, boost: q.boost, idf: idf, avg: avg, queryWeight: 1}, nil
}

// postingReader is a term reader of frequencies and norms that reads a
// posting without filling a TermFieldDoc (crib's index's).
type postingReader interface {
	NextPosting() (doc, freq uint64, norm float64, ok bool, err error)
}

// leafSearcher is termLeaf's searcher.
type leafSearcher struct {
	r           index.TermFieldReader
	raw         postingReader // r, when it reads postings without a TermFieldDoc
	tfd         index.TermFieldDoc
	id          index.IndexInternalID // Advance's, reused
	boost, idf  float64
	avg         float64
	queryWeight float64
}

// score is bleve's TermQueryScorer.Score of a posting, BM25 branch, in
// the same operations.
func (s *leafSearcher) score(freq uint64, norm float64) float64 {
	var tf float64
	if freq < scorer.MaxSqrtCache {
		tf = scorer.SqrtCache[int(freq)]
	} else {
		tf = math.Sqrt(float64(freq))
	}
	fieldLength := 1 / (norm * norm)
	score := s.idf * (tf * bsearch.BM25_k1) /
		(tf + bsearch.BM25_k1*(1-bsearch.BM25_b+(bsearch.BM25_b*fieldLength/s.avg)))
	if s.queryWeight != 1.0 {
		score = score * s.queryWeight
	}
	return score
}

func (s *leafSearcher) match(ctx *bsearch.SearchContext, tfd *index.TermFieldDoc) *bsearch.DocumentMatch {
	if tfd == nil {
		return nil
	}
	rv := ctx.DocumentMatchPool.Get()
	rv.Score = s.score(tfd.Freq, tfd.Norm)
	rv.IndexInternalID = index.NewIndexInternalIDFrom(rv.IndexInternalID, tfd.ID)
	return rv
}

func (s *leafSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	tfd, err := s.r.Next(s.tfd.Reset())
	if err != nil {
		return nil, err
	}
	return s.match(ctx, tfd), nil
}

func (s *leafSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	tfd, err := s.r.Advance(id, s.tfd.Reset())
	if err != nil {
		return nil, err
	}
	return s.match(ctx, tfd), nil
}

func (s *leafSearcher) scored(tfd *index.TermFieldDoc, err error) (uint64, float64, bool, error) {
	if err != nil || tfd == nil {
		return 0, 0, false, err
	}
	return tfd.ID.Value(), s.score(tfd.Freq, tfd.Norm), true, nil
}

func (s *leafSearcher) nextScored(*bsearch.SearchContext) (uint64, float64, bool, error) {
	if s.raw != nil {
		doc, freq, norm, ok, err := s.raw.NextPosting()
		if err != nil || !ok {
			return 0, 0, false, err
		}
		return doc, s.score(freq, norm), true, nil
	}
	return s.scored(s.r.Next(s.tfd.Reset()))
}

func (s *leafSearcher) advanceScored(_ *bsearch.SearchContext, doc uint64) (uint64, float64, bool, error) {
	s.id = index.NewIndexInternalID(s.id, doc)
	return s.scored(s.r.Advance(s.id, s.tfd.Reset()))
}

// Weight and SetQueryNorm are the term scorer's.
func (s *leafSearcher) Weight() float64 {
	sum := s.boost * s.idf
	return sum * sum
}

func (s *leafSearcher) SetQueryNorm(qnorm float64) { s.queryWeight = s.boost * s.idf * qnorm }

func (s *leafSearcher) Count() uint64              { return s.r.Count() }
func (s *leafSearcher) Min() int                   { return 0 }
func (s *leafSearcher) DocumentMatchPoolSize() int { return 1 }
func (s *leafSearcher) Close() error               { return s.r.Close() }
func (s *leafSearcher) Size() int                  { return 64 + s.r.Size() }
