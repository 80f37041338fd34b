package search

import (
	"cmp"
	"container/heap"
	"context"
	"encoding/binary"
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
	sortByCount(ss)
	s := &heapDisjunction{searchers: ss, min: q.min, scorer: scorer.NewDisjunctionQueryScorer(options), currs: make([]*bsearch.DocumentMatch, len(ss)), keys: make([]docKey, len(ss))}
	sum := 0.0
	for _, c := range ss {
		sum += c.Weight()
	}
	s.SetQueryNorm(1 / math.Sqrt(sum))
	return s, nil
}

// sortByCount sorts ss as sort.Sort sorts a searcher.OrderedSearcherList,
// by Count, with the same comparisons and so the same order among equal
// counts; but it asks each searcher its count once, not at every
// comparison (a clause's count sums its fields' counts over every
// segment).
func sortByCount(ss searcher.OrderedSearcherList) {
	byCount := countedSearchers{ss: ss, counts: make([]uint64, len(ss))}
	for i, s := range ss {
		byCount.counts[i] = s.Count()
	}
	sort.Sort(byCount)
}

type countedSearchers struct {
	ss     searcher.OrderedSearcherList
	counts []uint64
}

func (c countedSearchers) Len() int           { return len(c.ss) }
func (c countedSearchers) Less(i, j int) bool { return c.counts[i] < c.counts[j] }
func (c countedSearchers) Swap(i, j int) {
	c.ss[i], c.ss[j] = c.ss[j], c.ss[i]
	c.counts[i], c.counts[j] = c.counts[j], c.counts[i]
}

// heapDisjunction is orderedDisjunction's searcher.
type heapDisjunction struct {
	searchers   searcher.OrderedSearcherList
	currs       []*bsearch.DocumentMatch // each searcher's current match, nil when done
	keys        []docKey                 // each searcher's current document
	heap        clauseHeap               // searchers with a current match
	matching    []*bsearch.DocumentMatch
	min         int
	scorer      *scorer.DisjunctionQueryScorer
	initialized bool
}

// docKey is a document's internal id read as a number, when it is
// scorch's eight big-endian bytes: such ids compare as their numbers
// do, without a call to bytes.Compare for each of the heap's
// comparisons.
type docKey struct {
	n  uint64
	ok bool
}

func keyOf(id index.IndexInternalID) docKey {
	if len(id) != 8 {
		return docKey{}
	}
	return docKey{n: binary.BigEndian.Uint64(id), ok: true}
}

// clauseHeap orders searchers by their current document, then by their
// place in the sorted list.
type clauseHeap struct {
	idx   []int
	currs []*bsearch.DocumentMatch
	keys  []docKey
}

// compare compares the current documents of searchers a and b.
func (h *clauseHeap) compare(a, b int) int {
	if ka, kb := h.keys[a], h.keys[b]; ka.ok && kb.ok {
		return cmp.Compare(ka.n, kb.n)
	}
	return h.currs[a].IndexInternalID.Compare(h.currs[b].IndexInternalID)
}

func (h *clauseHeap) Len() int { return len(h.idx) }
func (h *clauseHeap) Less(i, j int) bool {
	a, b := h.idx[i], h.idx[j]
	if c := h.compare(a, b); c != 0 {
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

// setCurr makes m searcher i's current match.
func (s *heapDisjunction) setCurr(i int, m *bsearch.DocumentMatch) {
	s.currs[i] = m
	if m != nil {
		s.keys[i] = keyOf(m.IndexInternalID)
	}
}

// rebuild puts every searcher with a current match on the heap.
func (s *heapDisjunction) rebuild() {
	s.heap = clauseHeap{idx: s.heap.idx[:0], currs: s.currs, keys: s.keys}
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
		m, err := c.Next(ctx)
		if err != nil {
			return err
		}
		s.setCurr(i, m)
	}
	s.rebuild()
	s.initialized = true
	return nil
}

// Next returns the next document at least min clauses match, scored by
// bleve's disjunction scorer over its clauses in their sorted order: the
// heap yields a document's searchers in that order, and each moves on
// as soon as its match is taken (one sift down the heap instead of a pop
// and a push), which leaves the matches taken unchanged.
func (s *heapDisjunction) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	if !s.initialized {
		if err := s.init(ctx); err != nil {
			return nil, err
		}
	}
	for s.heap.Len() > 0 {
		s.matching = s.matching[:0]
		top := s.heap.idx[0]
		first, firstKey := s.currs[top].IndexInternalID, s.keys[top]
		for s.heap.Len() > 0 {
			i := s.heap.idx[0]
			if k := s.keys[i]; k.ok && firstKey.ok {
				if k.n != firstKey.n {
					break
				}
			} else if !s.currs[i].IndexInternalID.Equals(first) {
				break
			}
			s.matching = append(s.matching, s.currs[i])
			m, err := s.searchers[i].Next(ctx)
			if err != nil {
				return nil, err
			}
			s.setCurr(i, m)
			if m == nil {
				heap.Pop(&s.heap)
			} else {
				heap.Fix(&s.heap, 0)
			}
		}
		var rv *bsearch.DocumentMatch
		if len(s.matching) >= s.min {
			rv = s.scorer.Score(ctx, s.matching, len(s.matching), len(s.searchers))
		}
		for _, m := range s.matching {
			if m != rv {
				ctx.DocumentMatchPool.Put(m)
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
		m, err := c.Advance(ctx, id)
		if err != nil {
			return nil, err
		}
		s.setCurr(i, m)
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
