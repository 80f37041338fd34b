package search

import (
	"context"
	"fmt"
	"math"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// phraseQuery is bleve's PhraseQuery of distinct terms in one field,
// without fuzziness: it finds the same documents with the same scores
// and explanations, but checks a document's positions where its terms'
// searchers left them, without building bleve's map of locations for
// every document that has all the terms (about 5% of a long question's
// CPU). The hits carry no locations, which crib does not read.
type phraseQuery struct {
	terms []string
	field string
	boost float64
}

// newPhraseQuery returns the query for terms in field: a phraseQuery, or
// bleve's own when a term repeats or is empty (whose positions bleve
// matches in ways phraseQuery does not copy).
func newPhraseQuery(terms []string, field string, boost float64) query.Query {
	seen := map[string]bool{}
	for _, t := range terms {
		if t == "" || seen[t] {
			return blevePhrase(terms, field, boost)
		}
		seen[t] = true
	}
	return &phraseQuery{terms: terms, field: field, boost: boost}
}

func blevePhrase(terms []string, field string, boost float64) *query.PhraseQuery {
	pq := query.NewPhraseQuery(terms, field)
	pq.SetBoost(boost)
	return pq
}

// bleve returns bleve's query that q searches as.
func (q *phraseQuery) bleve() *query.PhraseQuery { return blevePhrase(q.terms, q.field, q.boost) }

// Searcher reads the terms' postings itself (scanPhrase) or, to
// explain or without BM25 statistics, builds the searchers bleve's
// phrase searcher builds (a term searcher with positions per term, under
// a conjunction) and checks positions itself. With synonyms for the
// field it is bleve's.
func (q *phraseQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	if ctx != nil && ctx.Value(bsearch.FieldTermSynonymMapKey) != nil {
		return q.bleve().Searcher(ctx, r, m, options)
	}
	if s, err := scanPhrase(ctx, r, q, options); s != nil || err != nil {
		if err != nil {
			return nil, fmt.Errorf("phrase searcher error building term searcher: %v", err)
		}
		return s, nil
	}
	options.IncludeTermVectors = true
	var ts []bsearch.Searcher
	for _, t := range q.terms {
		s, err := searcher.NewTermSearcher(ctx, r, t, q.field, q.boost, options)
		if err != nil {
			for _, s := range ts {
				_ = s.Close()
			}
			return nil, fmt.Errorf("phrase searcher error building term searcher: %v", err)
		}
		ts = append(ts, s)
	}
	must, err := searcher.NewConjunctionSearcher(ctx, r, ts, options)
	if err != nil {
		for _, s := range ts {
			_ = s.Close()
		}
		return nil, fmt.Errorf("phrase searcher error building conjunction searcher: %v", err)
	}
	must.SetQueryNorm(1 / math.Sqrt(must.Weight()))
	return &phraseSearcher{must: must, terms: q.terms, at: make([][]int, len(q.terms))}, nil
}

// phraseSearcher is phraseQuery's searcher.
type phraseSearcher struct {
	must        bsearch.Searcher
	terms       []string
	curr        *bsearch.DocumentMatch
	at          [][]int // per term, its locations in curr.FieldTermLocations
	initialized bool
}

func (s *phraseSearcher) advance(ctx *bsearch.SearchContext, id index.IndexInternalID) error {
	if s.curr != nil {
		ctx.DocumentMatchPool.Put(s.curr)
	}
	var err error
	if id == nil {
		s.curr, err = s.must.Next(ctx)
	} else {
		s.curr, err = s.must.Advance(ctx, id)
	}
	s.initialized = true
	return err
}

func (s *phraseSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	if !s.initialized {
		if err := s.advance(ctx, nil); err != nil {
			return nil, err
		}
	}
	for s.curr != nil {
		var rv *bsearch.DocumentMatch
		if s.matches() {
			rv, s.curr = s.curr, nil
		}
		if err := s.advance(ctx, nil); err != nil {
			return nil, err
		}
		if rv != nil {
			return rv, nil
		}
	}
	return nil, nil
}

// Advance is bleve's phrase searcher's: the next match at id or after.
func (s *phraseSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	if !s.initialized {
		if err := s.advance(ctx, nil); err != nil {
			return nil, err
		}
	}
	if s.curr == nil {
		return nil, nil
	}
	if s.curr.IndexInternalID.Compare(id) < 0 {
		if err := s.advance(ctx, id); err != nil {
			return nil, err
		}
	}
	return s.Next(ctx)
}

// matches reports whether curr holds the terms in a row, in one field,
// and clears its locations. As bleve's phrase searcher, a term follows
// the one before it at the next position within the same array
// positions, unless the one before stands at position 0.
func (s *phraseSearcher) matches() bool {
	ftls := s.curr.FieldTermLocations
	s.curr.FieldTermLocations = ftls[:0]
	for i := range ftls {
		f := ftls[i].Field
		if i > 0 && (f == ftls[0].Field || fieldIn(ftls[:i], f)) {
			continue // checked
		}
		for k := range s.at {
			s.at[k] = s.at[k][:0]
		}
		for j := i; j < len(ftls); j++ {
			if ftls[j].Field != f {
				continue
			}
			for k, t := range s.terms {
				if ftls[j].Term == t {
					s.at[k] = append(s.at[k], j)
				}
			}
		}
		if s.path(ftls, 0, 0, nil) {
			return true
		}
	}
	return false
}

func fieldIn(ftls []bsearch.FieldTermLocation, field string) bool {
	for _, l := range ftls {
		if l.Field == field {
			return true
		}
	}
	return false
}

// path reports whether terms k and on can follow a term at prevPos
// within array positions ap.
func (s *phraseSearcher) path(ftls []bsearch.FieldTermLocation, k int, prevPos uint64, ap bsearch.ArrayPositions) bool {
	if k == len(s.terms) {
		return true
	}
	for _, i := range s.at[k] {
		loc := &ftls[i].Location
		if prevPos != 0 && (loc.Pos != prevPos+1 || !loc.ArrayPositions.Equals(ap)) {
			continue
		}
		if s.path(ftls, k+1, loc.Pos, loc.ArrayPositions) {
			return true
		}
	}
	return false
}

func (s *phraseSearcher) Weight() float64        { return s.must.Weight() }
func (s *phraseSearcher) SetQueryNorm(n float64) { s.must.SetQueryNorm(n) }
func (s *phraseSearcher) Count() uint64          { return s.must.Count() }
func (s *phraseSearcher) Min() int               { return 0 }
func (s *phraseSearcher) Size() int              { return s.must.Size() }

// DocumentMatchPoolSize is the conjunction's: the match held is one it
// returned, which it counts.
func (s *phraseSearcher) DocumentMatchPoolSize() int { return s.must.DocumentMatchPoolSize() }

func (s *phraseSearcher) Close() error { return s.must.Close() }
