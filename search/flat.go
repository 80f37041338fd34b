package search

import (
	"errors"

	bsearch "github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"
)

// flatDisjunction walks a question's disjunction of clauses, each a
// disjunction over the fields, as one heap of the fields' searchers: a
// document's matches then come off the heap clause by clause, each
// clause's in its own sorted order, and are scored by each clause's
// scorer and then by the question's, exactly as the two levels of
// heapDisjunction score them. Walking two levels of heaps cost a sift
// down each level and a call through each searcher per match found.
type flatDisjunction struct {
	top      *heapDisjunction   // the question's searcher: weights, counts, scorer
	clauses  []*heapDisjunction // top's searchers, in their sorted order
	leaves   []bsearch.Searcher
	clauseOf []int                    // by leaf, its clause
	currs    []*bsearch.DocumentMatch // each leaf's current match, nil when done
	heap     clauseHeap
	matching []*bsearch.DocumentMatch // the clauses' matches on a document
	fields   []*bsearch.DocumentMatch // one clause's field matches
	init     bool
}

// flatten returns a flatDisjunction walking s (a scoredFlat unless
// explaining), or s itself when one of its searchers is not a clause
// over fields.
func flatten(s *heapDisjunction, explain bool) bsearch.Searcher {
	f := &flatDisjunction{top: s}
	for c, cs := range s.searchers {
		cl, ok := cs.(*heapDisjunction)
		if !ok || cl.initialized {
			return s
		}
		f.clauses = append(f.clauses, cl)
		for _, l := range cl.searchers {
			f.leaves = append(f.leaves, l)
			f.clauseOf = append(f.clauseOf, c)
		}
	}
	if !explain {
		return newScoredFlat(f)
	}
	f.currs = make([]*bsearch.DocumentMatch, len(f.leaves))
	return f
}

// errUnsupportedID is the error of a scoredFlat meeting an id that is not
// a document number of eight bytes, which crib's index never gives.
var errUnsupportedID = errors.New("a document id of other than eight bytes is not supported by the question's searcher")

func (s *flatDisjunction) start(ctx *bsearch.SearchContext) error {
	if err := firstMatches(ctx, s.leaves, s.currs); err != nil {
		return err
	}
	s.heap.reset(s.currs)
	s.init = true
	return nil
}

// Next returns the next document at least top.min clauses match.
func (s *flatDisjunction) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	if !s.init {
		if err := s.start(ctx); err != nil {
			return nil, err
		}
	}
	h := &s.heap
	for h.Len() > 0 {
		s.matching = s.matching[:0]
		first := h.e[0]
		firstID := s.currs[first.place()].IndexInternalID // the first clause's match keeps it
		clause := s.clauseOf[first.place()]
		for h.Len() > 0 && h.sameDoc(h.e[0], first, firstID) {
			i := h.first()
			if c := s.clauseOf[i]; c != clause {
				s.scoreClause(ctx, clause)
				clause = c
			}
			s.fields = append(s.fields, s.currs[i])
			m, err := s.leaves[i].Next(ctx)
			if err != nil {
				return nil, err
			}
			h.next(m)
		}
		s.scoreClause(ctx, clause)
		if rv := scoreMatches(ctx, s.top.scorer, s.matching, s.top.min, len(s.clauses)); rv != nil {
			return rv, nil
		}
	}
	return nil, nil
}

// scoreClause scores clause c's field matches on a document, as its
// heapDisjunction would, into s.matching.
func (s *flatDisjunction) scoreClause(ctx *bsearch.SearchContext, c int) {
	cl := s.clauses[c]
	if rv := scoreMatches(ctx, cl.scorer, s.fields, cl.min, len(cl.searchers)); rv != nil {
		s.matching = append(s.matching, rv)
	}
	s.fields = s.fields[:0]
}

// Advance moves the searchers to id or past it as the two levels would:
// a clause whose next document is at id or after is left alone, and in
// the others each field's searcher before id advances.
func (s *flatDisjunction) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	if !s.init {
		if err := s.start(ctx); err != nil {
			return nil, err
		}
	}
	for lo := 0; lo < len(s.leaves); {
		hi := lo
		for hi < len(s.leaves) && s.clauseOf[hi] == s.clauseOf[lo] {
			hi++
		}
		if s.clauseBefore(lo, hi, id) {
			for i := lo; i < hi; i++ {
				var err error
				if s.currs[i], err = advanceTo(ctx, s.leaves[i], s.currs[i], id); err != nil {
					return nil, err
				}
			}
		}
		lo = hi
	}
	s.heap.reset(s.currs)
	return s.Next(ctx)
}

// clauseBefore reports whether the clause of leaves lo to hi has no next
// document at id or after: none at all, or one before id.
func (s *flatDisjunction) clauseBefore(lo, hi int, id index.IndexInternalID) bool {
	var next index.IndexInternalID
	for i := lo; i < hi; i++ {
		if c := s.currs[i]; c != nil && (next == nil || c.IndexInternalID.Compare(next) < 0) {
			next = c.IndexInternalID
		}
	}
	return next == nil || next.Compare(id) < 0
}

func (s *flatDisjunction) Weight() float64        { return s.top.Weight() }
func (s *flatDisjunction) SetQueryNorm(n float64) { s.top.SetQueryNorm(n) }
func (s *flatDisjunction) Count() uint64          { return s.top.Count() }
func (s *flatDisjunction) Close() error           { return s.top.Close() }
func (s *flatDisjunction) Min() int               { return s.top.Min() }
func (s *flatDisjunction) Size() int              { return s.top.Size() }

// DocumentMatchPoolSize is what the leaves need, and one: the matches
// held are the leaves' current ones, each counted by its leaf, and a
// clause's or the question's score is written into one of them. The two
// levels would count a current match per clause and per leaf besides,
// which bleve allocates up front and never uses here (a pool that runs
// short allocates).
func (s *flatDisjunction) DocumentMatchPoolSize() int {
	n := 1
	for _, l := range s.leaves {
		n += l.DocumentMatchPoolSize()
	}
	return n
}
