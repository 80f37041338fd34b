package search

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"

	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/scorer"
	index "github.com/blevesearch/bleve_index_api"

	snippetindex "github.com/crib-dev/crib/search/index"
)

// maxScanTerms bounds the terms of a phrase that scanPhrase reads: a
// conjunction sorts at most 12 searchers by insertion, which keeps equal
// counts in their order, as sortScan does.
const maxScanTerms = 12

// scanPhrase reads a phrase's postings itself, the ones the term
// searchers under bleve's conjunction would read: a document that holds
// every term but not in a row is skipped before any term is scored (a
// DocumentMatch, a score and a copy of every location per term, which
// was most of a phrase's cost: phrases are a third of a long question's
// searchers). A match is scored by the terms' scorers as the
// conjunction scores it, in its order, so scores are the same to the
// bit. It needs BM25 statistics in ctx; with none, or to explain, the
// phrase is bleve's term searchers under a conjunction (nil, nil).
func scanPhrase(ctx context.Context, r index.IndexReader, q *phraseQuery, options bsearch.SearcherOptions) (*phraseScan, error) {
	stats, ok := ctx.Value(bsearch.BM25StatsKey).(*bsearch.BM25Stats)
	model, _ := ctx.Value(bsearch.GetScoringModelCallbackKey).(bsearch.GetScoringModelCallbackFn)
	if !ok || model == nil || model() != index.BM25Scoring || options.Explain || options.Score == "none" || len(q.terms) > maxScanTerms {
		return nil, nil
	}
	card, ok := stats.FieldCardinality[q.field]
	if !ok {
		return nil, nil // bleve's term searcher says why
	}
	docs := uint64(stats.DocCount)
	avg := 0.0
	if docs != 0 || card != 0 {
		avg = math.Ceil(float64(card) / float64(docs))
	}
	n := len(q.terms)
	s := &phraseScan{ctx: ctx, r: r, field: q.field, terms: q.terms, order: make([]int, n), tfds: make([]index.TermFieldDoc, n), at: make([]uint64, n), full: make([]index.TermFieldReader, n)}
	for i := range q.terms {
		if err := bsearch.RecordTermSearcher(ctx); err != nil {
			return nil, err
		}
		s.order[i] = i
	}
	var err error
	if s.readers, err = numberReaders(ctx, r, q); err != nil {
		s.Close()
		return nil, err
	}
	for i, t := range q.terms {
		s.scorers = append(s.scorers, scorer.NewTermQueryScorer([]byte(t), q.field, q.boost, docs, s.readers[i].Count(), avg, options))
	}
	s.sortScan()
	s.SetQueryNorm(1 / math.Sqrt(s.Weight()))
	return s, nil
}

// phraseScan walks the documents holding every term of a phrase, in
// order, on readers of document numbers only: zap skips to a document
// through the postings' bitmap, where a reader of frequencies and
// positions decodes every posting it passes. Only at a document holding
// every term does each term's full reader (made then, for the first)
// move there to read the positions.
type phraseScan struct {
	ctx     context.Context // the search's, for the full readers
	r       index.IndexReader
	field   string
	terms   []string
	readers []index.TermFieldReader // document numbers only
	full    []index.TermFieldReader // frequencies, norms and positions
	scorers []*scorer.TermQueryScorer
	order   []int // the terms as the conjunction sorts its searchers
	tfds    []index.TermFieldDoc
	at      []uint64 // each term's current document
	pos     index.TermFieldDoc
	started bool
	done    bool
	id      []byte
}

// sortScan orders the terms by count as NewConjunctionSearcher sorts its
// searchers (an insertion sort: equal counts keep their order).
func (s *phraseScan) sortScan() {
	sort.SliceStable(s.order, func(a, b int) bool {
		return s.readers[s.order[a]].Count() < s.readers[s.order[b]].Count()
	})
}

// step moves term i to its next document, or to the first at doc or
// after when seek; done when it has none.
func (s *phraseScan) step(i int, seek bool, doc uint64) error {
	var d *index.TermFieldDoc
	var err error
	if seek {
		s.id = index.NewIndexInternalID(s.id, doc)
		d, err = s.readers[i].Advance(s.id, &s.pos)
	} else {
		d, err = s.readers[i].Next(&s.pos)
	}
	if err != nil {
		return err
	}
	if d == nil {
		s.done = true
		return nil
	}
	s.at[i] = d.ID.Value()
	return nil
}

// start reads each term's first document.
func (s *phraseScan) start() error {
	s.started = true
	for i := range s.readers {
		if err := s.step(i, false, 0); err != nil || s.done {
			return err
		}
	}
	return nil
}

// align moves the terms to the next document they all hold, from where
// they stand; false when there is none.
func (s *phraseScan) align() (bool, error) {
	for !s.done {
		hi := s.at[0]
		for _, d := range s.at[1:] {
			hi = max(hi, d)
		}
		all := true
		for i, d := range s.at {
			if d < hi {
				all = false
				if err := s.step(i, true, hi); err != nil || s.done {
					return false, err
				}
			}
		}
		if all {
			return true, nil
		}
	}
	return false, nil
}

// Next returns the next document with the terms in a row.
func (s *phraseScan) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	if !s.started {
		if err := s.start(); err != nil {
			return nil, err
		}
	}
	for {
		ok, err := s.align()
		if err != nil || !ok {
			return nil, err
		}
		var rv *bsearch.DocumentMatch
		if err := s.load(); err != nil {
			return nil, err
		}
		if s.inRow() {
			rv = s.score(ctx)
		}
		for i := range s.readers {
			if err := s.step(i, false, 0); err != nil {
				return nil, err
			}
		}
		if rv != nil {
			return rv, nil
		}
		if s.done {
			return nil, nil
		}
	}
}

// Advance returns the next document at id or after with the terms in a
// row.
func (s *phraseScan) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	if !s.started {
		if err := s.start(); err != nil {
			return nil, err
		}
	}
	doc := id.Value()
	for i, d := range s.at {
		if s.done {
			return nil, nil
		}
		if d < doc {
			if err := s.step(i, true, doc); err != nil {
				return nil, err
			}
		}
	}
	if s.done {
		return nil, nil
	}
	return s.Next(ctx)
}

// load reads each term's frequency, norm and positions at the current
// document, which every term holds.
func (s *phraseScan) load() error {
	s.id = index.NewIndexInternalID(s.id, s.at[0])
	for i, t := range s.terms {
		if s.full[i] == nil {
			rd, err := s.r.TermFieldReader(s.ctx, []byte(t), s.field, true, true, true)
			if err != nil {
				return err
			}
			s.full[i] = rd
		}
		d, err := s.full[i].Advance(s.id, &s.tfds[i])
		if err != nil {
			return err
		}
		if d == nil || d.ID.Value() != s.at[0] {
			return fmt.Errorf("%w: term %q at document %d in one reader of its postings and not in another", snippetindex.ErrDamaged, t, s.at[0])
		}
	}
	return nil
}

// score scores the current document as the conjunction does: each term
// by its scorer, summed in the conjunction's order into the first's
// match. The locations are not copied: phraseSearcher clears them.
func (s *phraseScan) score(ctx *bsearch.SearchContext) *bsearch.DocumentMatch {
	var rv *bsearch.DocumentMatch
	sum := 0.0
	for _, i := range s.order {
		tfd := s.tfds[i]
		tfd.Vectors = nil
		m := s.scorers[i].Score(ctx, &tfd)
		sum += m.Score
		if rv == nil {
			rv = m
		} else {
			ctx.DocumentMatchPool.Put(m)
		}
	}
	rv.Score = sum
	rv.FieldTermLocations = rv.FieldTermLocations[:0]
	return rv
}

// inRow reports whether the terms stand in a row at the current
// document, as phraseSearcher.matches checks: within one field, a term
// follows the one before it at the next position within the same array
// positions, unless the one before stands at position 0.
func (s *phraseScan) inRow() bool {
	for _, v := range s.tfds[0].Vectors {
		if s.follows(1, v.Field, v.Pos, v.ArrayPositions) {
			return true
		}
	}
	return false
}

// follows reports whether terms k and on can follow a term of field at
// prevPos within array positions ap.
func (s *phraseScan) follows(k int, field string, prevPos uint64, ap []uint64) bool {
	if k == len(s.terms) {
		return true
	}
	for _, v := range s.tfds[k].Vectors {
		if v.Field != field || (prevPos != 0 && (v.Pos != prevPos+1 || !slices.Equal(v.ArrayPositions, ap))) {
			continue
		}
		if s.follows(k+1, field, v.Pos, v.ArrayPositions) {
			return true
		}
	}
	return false
}

// Weight sums the terms' weights in the conjunction's order.
func (s *phraseScan) Weight() float64 {
	w := 0.0
	for _, i := range s.order {
		w += s.scorers[i].Weight()
	}
	return w
}

func (s *phraseScan) SetQueryNorm(n float64) {
	for _, i := range s.order {
		s.scorers[i].SetQueryNorm(n)
	}
}

// Count is the conjunction's: the sum of its terms' counts.
func (s *phraseScan) Count() uint64 {
	var n uint64
	for _, i := range s.order {
		n += s.readers[i].Count()
	}
	return n
}

func (s *phraseScan) Close() (err error) {
	for _, rd := range append(s.readers, s.full...) {
		if rd == nil {
			continue
		}
		if e := rd.Close(); e != nil && err == nil {
			err = e
		}
	}
	return err
}

func (s *phraseScan) Min() int { return 0 }

func (s *phraseScan) Size() int {
	n := 0
	for _, rd := range s.readers {
		n += rd.Size()
	}
	return n
}

// DocumentMatchPoolSize is a match per term: a document is scored with
// one from each, and all but the first go back.
func (s *phraseScan) DocumentMatchPoolSize() int { return len(s.readers) }
