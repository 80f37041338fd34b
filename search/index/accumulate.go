package index

import (
	"encoding/binary"
	"strings"

	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search/analysis"
)

// accumulate makes the documents of snippets[first:] on the indexing
// workers, each worker adding the documents it makes to postings of its
// own, in snippet order (it takes the pieces of split in order): no
// goroutine adds every document, and no batch waits for the ones before
// it. The workers' postings are merged, term by term, by document number
// as the segment is written. A part for each piece instead (joined by
// concatenation) held the terms eight times over at 100k snippets, and
// the collector took 40% more CPU under boundHeap's limit.
func accumulate(snippets []corpus.Snippet, first int, progress func(int), analysed Analysed) (*accumulator, *Vocabulary, error) {
	acc := &accumulator{first: first, n: len(snippets) - first, parts: make([]*postings, indexWorkers())}
	for i := range acc.parts {
		acc.parts[i] = newPostings()
	}
	voc, err := indexRange(snippets, first, split(snippets, first), progress, analysed, func(m *docMaker, w, from, to int) error {
		for i := from; i < to; i++ {
			m.post(acc.parts[w], uint32(i-first), i, snippets[i])
		}
		return nil
	})
	return acc, voc, err
}

// postings gathers the postings of documents added in number order:
// memory follows the postings, not the documents, and no segment is built
// per batch.
type postings struct {
	fields map[string]map[string]*postingsBuf
	opts   map[string]bleveindex.FieldIndexingOptions
	// the postings of a field's distinct terms and of each of its
	// tokens: addTokens's scratch
	distinct, tokens []*postingsBuf
	// slab is where the next terms' postingsBuf are taken from: one
	// object for many terms, for the collector to mark
	slab []postingsBuf
	// tally is the one whose records the postingsBuf's term give;
	// text and byToken are post's scratch
	tally         *tally
	text, byToken []*postingsBuf
}

// newBuf returns an empty postingsBuf of a's.
func (a *postings) newBuf() *postingsBuf {
	if len(a.slab) == 0 {
		a.slab = make([]postingsBuf, 512)
	}
	p := &a.slab[0]
	a.slab = a.slab[1:]
	return p
}

func newPostings() *postings {
	return &postings{fields: map[string]map[string]*postingsBuf{}, opts: map[string]bleveindex.FieldIndexingOptions{}}
}

func uvarintLen(x uint64) int {
	n := 1
	for x >= 0x80 {
		x >>= 7
		n++
	}
	return n
}

// addTokens adds the tokens of toks keep accepts, if any, as the terms of
// field name of document num, with the frequencies, norm and locations
// bleve's TokenFrequencies of them would give (see frequencies), without
// making them: a map of terms and their locations per field and document.
func (a *postings) addTokens(name string, num uint32, toks []analysis.Token, keep func(analysis.Token) bool) {
	terms := a.fields[name]
	stamp := num + 1
	distinct, tokens := a.distinct[:0], a.tokens[:0]
	for _, t := range toks {
		if !keep(t) {
			continue
		}
		if terms == nil {
			terms = map[string]*postingsBuf{}
			a.fields[name] = terms
			a.opts[name] |= fieldOptions
		}
		p := terms[t.Term]
		if p == nil {
			// A term of the analysis may share the memory of the
			// whole text it was cut from.
			p = a.newBuf()
			terms[strings.Clone(t.Term)] = p
		}
		if p.stamp != stamp {
			p.stamp, p.tf, p.size = stamp, 0, 0
			distinct = append(distinct, p)
		}
		p.tf++
		p.size += uint32(2 + uvarintLen(uint64(t.Pos)) + uvarintLen(uint64(t.Start)) + uvarintLen(uint64(t.End)))
		tokens = append(tokens, p)
	}
	a.distinct, a.tokens = distinct, tokens
	norm := uint64(len(tokens))
	for _, p := range distinct {
		p.docs = append(p.docs, num)
		p.freq = binary.AppendUvarint(p.freq, uint64(p.tf)<<1|1)
		p.freq = binary.AppendUvarint(p.freq, norm)
		p.locs = binary.AppendUvarint(p.locs, uint64(p.size))
	}
	i := 0
	for _, t := range toks {
		if !keep(t) {
			continue
		}
		p := tokens[i]
		i++
		p.locs = append(p.locs, 0)
		p.locs = binary.AppendUvarint(p.locs, uint64(t.Pos))
		p.locs = binary.AppendUvarint(p.locs, uint64(t.Start))
		p.locs = binary.AppendUvarint(p.locs, uint64(t.End))
		p.locs = append(p.locs, 0)
	}
}
