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
		return 0, 0, false, errUnsupportedID
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

// scoredFlat is flatDisjunction without explanations, a window of
// documents at a time (as Lucene's BooleanScorer): for each window, the
// leaves' postings in it are read clause after clause in their sorted
// order, each adding its score to its document's sum of the clause's
// fields, and at the end of a clause each document's clause score (that
// sum times matched fields over all) is added to its sum of clauses. A
// document's sums are then ones from zero in the order flatDisjunction's
// heap yields its leaves, the leaves' order, so the scores are bleve's
// disjunction scorer's to the bit; hits come in document order, as from
// the heap, and only a hit takes a DocumentMatch. The heap cost a sift
// down through hundreds of leaves per posting, and a table of every
// document a page fault per 4 KiB; a window stays in the cache.
type scoredFlat struct {
	*flatDisjunction
	sl      []scoredLeaf
	docs    []uint64  // by leaf, its current document when live
	scores  []float64 // by leaf, its score there
	live    []bool
	start   uint64   // the window's first document
	win     []winDoc // by document in the window
	touched []uint16 // window places the current clause matched
	at      int      // the next window place to look at for a hit
	filled  bool     // whether a window was scored
}

// windowDocs is the documents of a window: its table is 48 KiB. Tests
// make it small to cross windows.
var windowDocs = 2048

// winDoc is a document's sums: of the current clause's fields, and of
// the clauses.
type winDoc struct {
	fields, sum float64
	nf, matched uint32
}

func newScoredFlat(f *flatDisjunction) *scoredFlat {
	n := len(f.leaves)
	s := &scoredFlat{flatDisjunction: f, sl: make([]scoredLeaf, n), docs: make([]uint64, n), scores: make([]float64, n), live: make([]bool, n), win: make([]winDoc, windowDocs), at: windowDocs}
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
	s.docs[i], s.scores[i], s.live[i] = doc, score, ok && err == nil
	return err
}

func (s *scoredFlat) begin(ctx *bsearch.SearchContext) error {
	s.init = true
	for i, l := range s.sl {
		d, sc, ok, err := l.nextScored(ctx)
		if err := s.set(i, d, sc, ok, err); err != nil {
			return err
		}
	}
	return nil
}

// fill scores the window from document start: every leaf then stands at
// a document after it, or has none left.
func (s *scoredFlat) fill(ctx *bsearch.SearchContext, start uint64) error {
	s.start, s.at, s.filled = start, 0, true
	clear(s.win)
	end := start + uint64(len(s.win))
	for lo := 0; lo < len(s.sl); {
		hi := lo
		for hi < len(s.sl) && s.clauseOf[hi] == s.clauseOf[lo] {
			hi++
		}
		for i := lo; i < hi; i++ {
			for s.live[i] && s.docs[i] < end {
				k := uint16(s.docs[i] - start)
				w := &s.win[k]
				if w.nf == 0 {
					s.touched = append(s.touched, k)
				}
				w.fields += s.scores[i]
				w.nf++
				d, sc, ok, err := s.sl[i].nextScored(ctx)
				if err := s.set(i, d, sc, ok, err); err != nil {
					return err
				}
			}
		}
		s.endClause(s.clauses[s.clauseOf[lo]])
		lo = hi
	}
	return nil
}

// endClause adds clause cl's score of each document it matched to the
// document's sum, when at least cl.min of its fields matched.
func (s *scoredFlat) endClause(cl *heapDisjunction) {
	n := float64(len(cl.searchers))
	for _, k := range s.touched {
		w := &s.win[k]
		if nf := int(w.nf); nf >= cl.min {
			w.sum += w.fields * (float64(nf) / n)
			w.matched++
		}
		w.fields, w.nf = 0, 0
	}
	s.touched = s.touched[:0]
}

// first returns the first document a live leaf stands at.
func (s *scoredFlat) first() (uint64, bool) {
	var doc uint64
	found := false
	for i, ok := range s.live {
		if ok && (!found || s.docs[i] < doc) {
			doc, found = s.docs[i], true
		}
	}
	return doc, found
}

// Next returns the next document at least top.min clauses match.
func (s *scoredFlat) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	if !s.init {
		if err := s.begin(ctx); err != nil {
			return nil, err
		}
	}
	for {
		for ; s.at < len(s.win); s.at++ {
			w := &s.win[s.at]
			if w.matched == 0 || int(w.matched) < s.top.min {
				continue
			}
			rv := ctx.DocumentMatchPool.Get()
			rv.IndexInternalID = index.NewIndexInternalID(rv.IndexInternalID, s.start+uint64(s.at))
			rv.Score = w.sum * (float64(w.matched) / float64(len(s.clauses)))
			s.at++
			return rv, nil
		}
		doc, ok := s.first()
		if !ok {
			return nil, nil
		}
		if err := s.fill(ctx, doc); err != nil {
			return nil, err
		}
	}
}

// Advance returns the first hit at id or after, as flatDisjunction does
// for a search that moves forward (a conjunction's): within the window
// it moves on in the window, past it each leaf before id advances.
func (s *scoredFlat) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	if !s.init {
		if err := s.begin(ctx); err != nil {
			return nil, err
		}
	}
	target := id.Value()
	if s.filled && target < s.start+uint64(len(s.win)) {
		if target > s.start+uint64(s.at) {
			s.at = int(target - s.start)
		}
		return s.Next(ctx)
	}
	for i, ok := range s.live {
		if ok && s.docs[i] < target {
			d, sc, ok, err := s.sl[i].advanceScored(ctx, target)
			if err := s.set(i, d, sc, ok, err); err != nil {
				return nil, err
			}
		}
	}
	s.at = len(s.win)
	return s.Next(ctx)
}
