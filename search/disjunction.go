package search

import (
	"container/heap"
	"context"
	"math"
	"sort"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// orderedDisjunction is a question's query: the disjunction of its
// clauses, scored exactly as bleve's DisjunctionQuery scores it with
// DisjunctionHeapTakeover off (see "Process-wide settings"), where a
// document's clauses are summed in the order of the clauses sorted by
// count. bleve's slice searcher finds each next document by looking at
// every clause, hundreds for a long question; this one keeps the clauses
// in a heap, like bleve's heap searcher, and then sums the ones on the
// document in the slice searcher's order, so the scores are the same to
// the last bit.
type orderedDisjunction struct {
	disjuncts []query.Query
	min       int
}

func (q *orderedDisjunction) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	ss := make(searcher.OrderedSearcherList, 0, len(q.disjuncts))
	for _, d := range q.disjuncts {
		s, err := d.Searcher(ctx, r, m, options)
		if err != nil {
			for _, s := range ss {
				s.Close()
			}
			return nil, err
		}
		if s != nil {
			ss = append(ss, s)
		}
	}
	if len(ss) == 0 {
		return searcher.NewMatchNoneSearcher(r)
	}
	sort.Sort(ss)
	s := &heapDisjunction{searchers: ss, min: q.min, scorer: scorer.NewDisjunctionQueryScorer(options), currs: make([]*bsearch.DocumentMatch, len(ss))}
	sum := 0.0
	for _, c := range ss {
		sum += c.Weight()
	}
	s.SetQueryNorm(1 / math.Sqrt(sum))
	return s, nil
}

// heapDisjunction is orderedDisjunction's searcher.
type heapDisjunction struct {
	searchers   searcher.OrderedSearcherList
	currs       []*bsearch.DocumentMatch // each searcher's current match, nil when done
	heap        clauseHeap               // searchers with a current match
	matching    []*bsearch.DocumentMatch
	matchIdx    []int
	min         int
	scorer      *scorer.DisjunctionQueryScorer
	initialized bool
}

// clauseHeap orders searchers by their current document, then by their
// place in the sorted list.
type clauseHeap struct {
	idx   []int
	currs []*bsearch.DocumentMatch
}

func (h *clauseHeap) Len() int { return len(h.idx) }
func (h *clauseHeap) Less(i, j int) bool {
	a, b := h.idx[i], h.idx[j]
	if c := h.currs[a].IndexInternalID.Compare(h.currs[b].IndexInternalID); c != 0 {
		return c < 0
	}
	return a < b
}
func (h *clauseHeap) Swap(i, j int) { h.idx[i], h.idx[j] = h.idx[j], h.idx[i] }
func (h *clauseHeap) Push(x any)    { h.idx = append(h.idx, x.(int)) }
func (h *clauseHeap) Pop() any {
	x := h.idx[len(h.idx)-1]
	h.idx = h.idx[:len(h.idx)-1]
	return x
}

// rebuild puts every searcher with a current match on the heap.
func (s *heapDisjunction) rebuild() {
	s.heap = clauseHeap{idx: s.heap.idx[:0], currs: s.currs}
	for i, c := range s.currs {
		if c != nil {
			s.heap.idx = append(s.heap.idx, i)
		}
	}
	heap.Init(&s.heap)
}

func (s *heapDisjunction) init(ctx *bsearch.SearchContext) error {
	for i, c := range s.searchers {
		if s.currs[i] != nil {
			ctx.DocumentMatchPool.Put(s.currs[i])
		}
		var err error
		if s.currs[i], err = c.Next(ctx); err != nil {
			return err
		}
	}
	s.rebuild()
	s.initialized = true
	return nil
}

// Next returns the next document at least min clauses match, scored by
// bleve's disjunction scorer over its clauses in their sorted order (the
// heap pops a document's searchers in that order).
func (s *heapDisjunction) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	if !s.initialized {
		if err := s.init(ctx); err != nil {
			return nil, err
		}
	}
	for s.heap.Len() > 0 {
		s.matching, s.matchIdx = s.matching[:0], s.matchIdx[:0]
		first := s.currs[s.heap.idx[0]].IndexInternalID
		for s.heap.Len() > 0 && s.currs[s.heap.idx[0]].IndexInternalID.Equals(first) {
			i := heap.Pop(&s.heap).(int)
			s.matching, s.matchIdx = append(s.matching, s.currs[i]), append(s.matchIdx, i)
		}
		var rv *bsearch.DocumentMatch
		if len(s.matching) >= s.min {
			rv = s.scorer.Score(ctx, s.matching, len(s.matching), len(s.searchers))
		}
		for _, i := range s.matchIdx {
			if s.currs[i] != rv {
				ctx.DocumentMatchPool.Put(s.currs[i])
			}
			var err error
			if s.currs[i], err = s.searchers[i].Next(ctx); err != nil {
				return nil, err
			}
			if s.currs[i] != nil {
				heap.Push(&s.heap, i)
			}
		}
		if rv != nil {
			return rv, nil
		}
	}
	return nil, nil
}

// Advance moves every searcher to ID or past it, as bleve's slice
// searcher does, and returns the next match from there.
func (s *heapDisjunction) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	if !s.initialized {
		if err := s.init(ctx); err != nil {
			return nil, err
		}
	}
	for i, c := range s.searchers {
		if s.currs[i] != nil {
			if s.currs[i].IndexInternalID.Compare(id) >= 0 {
				continue
			}
			ctx.DocumentMatchPool.Put(s.currs[i])
		}
		var err error
		if s.currs[i], err = c.Advance(ctx, id); err != nil {
			return nil, err
		}
	}
	s.rebuild()
	return s.Next(ctx)
}

func (s *heapDisjunction) Weight() float64 {
	w := 0.0
	for _, c := range s.searchers {
		w += c.Weight()
	}
	return w
}

func (s *heapDisjunction) SetQueryNorm(n float64) {
	for _, c := range s.searchers {
		c.SetQueryNorm(n)
	}
}

func (s *heapDisjunction) Count() uint64 {
	var n uint64
	for _, c := range s.searchers {
		n += c.Count()
	}
	return n
}

func (s *heapDisjunction) Close() (err error) {
	for _, c := range s.searchers {
		if e := c.Close(); e != nil && err == nil {
			err = e
		}
	}
	return err
}

func (s *heapDisjunction) Min() int { return s.min }

func (s *heapDisjunction) Size() int {
	n := 0
	for _, c := range s.searchers {
		n += c.Size()
	}
	return n
}

func (s *heapDisjunction) DocumentMatchPoolSize() int {
	n := len(s.currs)
	for _, c := range s.searchers {
		n += c.DocumentMatchPoolSize()
	}
	return n
}
