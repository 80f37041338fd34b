package search

import (
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
// the last bit. A question's clause over its fields is one too, with
// min 0 as bleve's DisjunctionQuery has by default; the question's
// searcher then walks its clauses' fields in one heap (flatDisjunction).
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
	s := &heapDisjunction{searchers: ss, min: q.min, scorer: scorer.NewDisjunctionQueryScorer(options), currs: make([]*bsearch.DocumentMatch, len(ss))}
	sum := 0.0
	for _, c := range ss {
		sum += c.Weight()
	}
	s.SetQueryNorm(1 / math.Sqrt(sum))
	return flatten(s, options.Explain), nil
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
	heap        clauseHeap               // searchers with a current match
	matching    []*bsearch.DocumentMatch
	min         int
	scorer      *scorer.DisjunctionQueryScorer
	initialized bool
}

// clauseHeap orders searchers by their current document, then by their
// place in the sorted list. An entry is one number: its document's
// internal id read as a number, as bleve writes ids (eight big-endian
// bytes, which compare as their numbers do), above the searcher's place,
// so that a comparison is one comparison of numbers and neither calls
// bytes.Compare nor reads the match. Should an id of another length or
// a document number too large for the entry turn up, the heap compares
// the ids themselves from then on, then the places (the order is the
// same for the entries compared before). The heap is written out rather
// than left to container/heap, whose calls through an interface cost
// more than the comparisons.
type clauseHeap struct {
	e     []clauseEntry
	currs []*bsearch.DocumentMatch
	bytes bool // some id does not fit an entry
}

// A clauseEntry is doc<<placeBits | place: the searcher's current
// document and the searcher.
type clauseEntry uint64

const (
	placeBits = 20
	placeMask = 1<<placeBits - 1
	maxDoc    = 1<<(64-placeBits) - 1
)

func (x clauseEntry) place() int { return int(x & placeMask) }

func (h *clauseHeap) Len() int { return len(h.e) }

// first returns the searcher of the first entry.
func (h *clauseHeap) first() int { return h.e[0].place() }

// entry returns the entry for searcher i at its current match.
func (h *clauseHeap) entry(i int) clauseEntry {
	id := h.currs[i].IndexInternalID
	if len(id) != 8 || i > placeMask {
		h.bytes = true
		return clauseEntry(i & placeMask)
	}
	doc := binary.BigEndian.Uint64(id)
	if doc > maxDoc {
		h.bytes = true
	}
	return clauseEntry(doc<<placeBits | uint64(i))
}

func (h *clauseHeap) less(x, y clauseEntry) bool {
	if !h.bytes {
		return x < y
	}
	if c := h.currs[x.place()].IndexInternalID.Compare(h.currs[y.place()].IndexInternalID); c != 0 {
		return c < 0
	}
	return x.place() < y.place()
}

// sameDoc reports whether entries x and y stand at the same document.
func (h *clauseHeap) sameDoc(x, y clauseEntry, yID index.IndexInternalID) bool {
	if !h.bytes {
		return x>>placeBits == y>>placeBits
	}
	return h.currs[x.place()].IndexInternalID.Equals(yID)
}

// init orders the heap.
func (h *clauseHeap) init() {
	for i := len(h.e)/2 - 1; i >= 0; i-- {
		h.down(i)
	}
}

// down moves entry i down to its place.
func (h *clauseHeap) down(i int) {
	n := len(h.e)
	for {
		c := 2*i + 1
		if c >= n {
			return
		}
		if r := c + 1; r < n && h.less(h.e[r], h.e[c]) {
			c = r
		}
		if !h.less(h.e[c], h.e[i]) {
			return
		}
		h.e[i], h.e[c] = h.e[c], h.e[i]
		i = c
	}
}

// next replaces the first entry by its searcher's next match, or removes
// it when there is none.
func (h *clauseHeap) next(m *bsearch.DocumentMatch) {
	i := h.first()
	if h.currs[i] = m; m != nil {
		h.e[0] = h.entry(i)
	} else {
		n := len(h.e) - 1
		h.e[0] = h.e[n]
		h.e = h.e[:n]
	}
	h.down(0)
}

// reset puts every searcher with a current match in currs on the heap.
func (h *clauseHeap) reset(currs []*bsearch.DocumentMatch) {
	h.e, h.currs = h.e[:0], currs
	for i, c := range currs {
		if c != nil {
			h.e = append(h.e, h.entry(i))
		}
	}
	h.init()
}

// firstMatches sets each searcher's current match to its first, giving
// back any it held.
func firstMatches(ctx *bsearch.SearchContext, ss []bsearch.Searcher, currs []*bsearch.DocumentMatch) error {
	for i, c := range ss {
		if currs[i] != nil {
			ctx.DocumentMatchPool.Put(currs[i])
		}
		var err error
		if currs[i], err = c.Next(ctx); err != nil {
			return err
		}
	}
	return nil
}

// advanceTo moves searcher s, whose current match is cur, to id or past
// it: a match at id or after is kept, one before it is given back.
func advanceTo(ctx *bsearch.SearchContext, s bsearch.Searcher, cur *bsearch.DocumentMatch, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	if cur != nil {
		if cur.IndexInternalID.Compare(id) >= 0 {
			return cur, nil
		}
		ctx.DocumentMatchPool.Put(cur)
	}
	return s.Advance(ctx, id)
}

// scoreMatches scores a document's matches with sc when at least min of
// n searchers matched it, and gives back every match but the result.
func scoreMatches(ctx *bsearch.SearchContext, sc *scorer.DisjunctionQueryScorer, matches []*bsearch.DocumentMatch, min, n int) *bsearch.DocumentMatch {
	var rv *bsearch.DocumentMatch
	if len(matches) >= min {
		rv = sc.Score(ctx, matches, len(matches), n)
	}
	for _, m := range matches {
		if m != rv {
			ctx.DocumentMatchPool.Put(m)
		}
	}
	return rv
}

func (s *heapDisjunction) init(ctx *bsearch.SearchContext) error {
	if err := firstMatches(ctx, s.searchers, s.currs); err != nil {
		return err
	}
	s.heap.reset(s.currs)
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
	h := &s.heap
	for h.Len() > 0 {
		s.matching = s.matching[:0]
		first := h.e[0]
		firstID := s.currs[first.place()].IndexInternalID // held by s.matching below
		for h.Len() > 0 && h.sameDoc(h.e[0], first, firstID) {
			i := h.first()
			s.matching = append(s.matching, s.currs[i])
			m, err := s.searchers[i].Next(ctx)
			if err != nil {
				return nil, err
			}
			h.next(m)
		}
		if rv := scoreMatches(ctx, s.scorer, s.matching, s.min, len(s.searchers)); rv != nil {
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
		var err error
		if s.currs[i], err = advanceTo(ctx, c, s.currs[i], id); err != nil {
			return nil, err
		}
	}
	s.heap.reset(s.currs)
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
