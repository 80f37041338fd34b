package search

import (
	bsearch "github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"
)

// scoredLeaf is a leaf searcher read as document numbers and scores,
// without a DocumentMatch per posting. ok is false when it has no more.
type scoredLeaf interface {
	nextScored(ctx *bsearch.SearchContext) (doc uint64, score float64, ok bool, err error)
	advanceScored(ctx *bsearch.SearchContext, doc uint64) (uint64, float64, bool, error)
}

// matchLeaf reads any other searcher as a scoredLeaf, giving each match
// back to the pool once its number and score are read.
type matchLeaf struct {
	s  bsearch.Searcher
	id index.IndexInternalID
}

func (l *matchLeaf) take(ctx *bsearch.SearchContext, m *bsearch.DocumentMatch, err error) (uint64, float64, bool, error) {
	if err != nil || m == nil {
		return 0, 0, false, err
	}
	if len(m.IndexInternalID) != 8 {
		return 0, 0, false, unsupportedID
	}
	doc, score := m.IndexInternalID.Value(), m.Score
	ctx.DocumentMatchPool.Put(m)
	return doc, score, true, nil
}

func (l *matchLeaf) nextScored(ctx *bsearch.SearchContext) (uint64, float64, bool, error) {
	m, err := l.s.Next(ctx)
	return l.take(ctx, m, err)
}

func (l *matchLeaf) advanceScored(ctx *bsearch.SearchContext, doc uint64) (uint64, float64, bool, error) {
	l.id = index.NewIndexInternalID(l.id, doc)
	m, err := l.s.Advance(ctx, l.id)
	return l.take(ctx, m, err)
}

// scoredFlat is flatDisjunction without explanations: its leaves give
// numbers and scores, a document's clause sums and coordination factors
// are computed here as bleve's disjunction scorer computes them (a sum
// from zero in the clauses' sorted order, times matched over total), and
// only a hit takes a DocumentMatch. The heap's entries are
// doc<<placeBits | leaf, as clauseHeap's.
type scoredFlat struct {
	*flatDisjunction
	sl     []scoredLeaf
	docs   []uint64
	scores []float64
	live   []bool
	h      []clauseEntry
}

func newScoredFlat(f *flatDisjunction) *scoredFlat {
	n := len(f.leaves)
	s := &scoredFlat{flatDisjunction: f, sl: make([]scoredLeaf, n), docs: make([]uint64, n), scores: make([]float64, n), live: make([]bool, n)}
	for i, l := range f.leaves {
		if x, ok := l.(scoredLeaf); ok {
			s.sl[i] = x
		} else {
			s.sl[i] = &matchLeaf{s: l}
		}
	}
	return s
}

// set records leaf i's next match.
func (s *scoredFlat) set(i int, doc uint64, score float64, ok bool, err error) error {
	if err == nil && ok && (doc > maxDoc || i > placeMask) {
		err = unsupportedID
	}
	s.docs[i], s.scores[i], s.live[i] = doc, score, ok && err == nil
	return err
}

func (s *scoredFlat) start(ctx *bsearch.SearchContext) error {
	for i, l := range s.sl {
		d, sc, ok, err := l.nextScored(ctx)
		if err := s.set(i, d, sc, ok, err); err != nil {
			return err
		}
	}
	s.reset()
	s.init = true
	return nil
}

// reset puts every live leaf on the heap.
func (s *scoredFlat) reset() {
	s.h = s.h[:0]
	for i, ok := range s.live {
		if ok {
			s.h = append(s.h, clauseEntry(s.docs[i]<<placeBits|uint64(i)))
		}
	}
	for i := len(s.h)/2 - 1; i >= 0; i-- {
		s.down(i)
	}
}

func (s *scoredFlat) down(i int) {
	h := s.h
	n := len(h)
	for {
		c := 2*i + 1
		if c >= n {
			return
		}
		if r := c + 1; r < n && h[r] < h[c] {
			c = r
		}
		if h[c] >= h[i] {
			return
		}
		h[i], h[c] = h[c], h[i]
		i = c
	}
}

// Next returns the next document at least top.min clauses match.
func (s *scoredFlat) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	if !s.init {
		if err := s.start(ctx); err != nil {
			return nil, err
		}
	}
	for len(s.h) > 0 {
		doc := uint64(s.h[0] >> placeBits)
		clause := s.clauseOf[s.h[0].place()]
		var sum, fields float64
		var matched, nf int
		for len(s.h) > 0 && uint64(s.h[0]>>placeBits) == doc {
			i := s.h[0].place()
			if c := s.clauseOf[i]; c != clause {
				sum, matched = s.addClause(clause, sum, matched, fields, nf)
				clause, fields, nf = c, 0, 0
			}
			fields += s.scores[i]
			nf++
			d, sc, ok, err := s.sl[i].nextScored(ctx)
			if err := s.set(i, d, sc, ok, err); err != nil {
				return nil, err
			}
			if s.live[i] {
				s.h[0] = clauseEntry(s.docs[i]<<placeBits | uint64(i))
			} else {
				n := len(s.h) - 1
				s.h[0] = s.h[n]
				s.h = s.h[:n]
			}
			s.down(0)
		}
		sum, matched = s.addClause(clause, sum, matched, fields, nf)
		if matched > 0 && matched >= s.top.min {
			rv := ctx.DocumentMatchPool.Get()
			rv.IndexInternalID = index.NewIndexInternalID(rv.IndexInternalID, doc)
			rv.Score = sum * (float64(matched) / float64(len(s.clauses)))
			return rv, nil
		}
	}
	return nil, nil
}

// addClause adds clause c's score, from the sum of its nf field scores,
// to the document's sum when at least the clause's min fields matched.
func (s *scoredFlat) addClause(c int, sum float64, matched int, fields float64, nf int) (float64, int) {
	cl := s.clauses[c]
	if nf < cl.min {
		return sum, matched
	}
	return sum + fields*(float64(nf)/float64(len(cl.searchers))), matched + 1
}

// Advance moves the leaves to doc id or past it as flatDisjunction does.
func (s *scoredFlat) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	if !s.init {
		if err := s.start(ctx); err != nil {
			return nil, err
		}
	}
	target := id.Value()
	for lo := 0; lo < len(s.sl); {
		hi := lo
		for hi < len(s.sl) && s.clauseOf[hi] == s.clauseOf[lo] {
			hi++
		}
		if s.before(lo, hi, target) {
			for i := lo; i < hi; i++ {
				if s.live[i] && s.docs[i] >= target {
					continue
				}
				d, sc, ok, err := s.sl[i].advanceScored(ctx, target)
				if err := s.set(i, d, sc, ok, err); err != nil {
					return nil, err
				}
			}
		}
		lo = hi
	}
	s.reset()
	return s.Next(ctx)
}

// before reports whether leaves lo to hi have no next document at doc
// or after.
func (s *scoredFlat) before(lo, hi int, doc uint64) bool {
	for i := lo; i < hi; i++ {
		if s.live[i] && s.docs[i] >= doc {
			return false
		}
	}
	return true
}
