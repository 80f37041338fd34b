package index

import (
	"encoding/binary"
	"strings"

	blevedocument "github.com/blevesearch/bleve/v2/document"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/crib-dev/crib/corpus"
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
	voc, err := indexRange(snippets, first, split(snippets, first), progress, analysed, func(w, start, _ int, docs []*blevedocument.Document) error {
		for i, d := range docs {
			acc.parts[w].add(uint32(start-first+i), d)
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
}

func newPostings() *postings {
	return &postings{fields: map[string]map[string]*postingsBuf{}, opts: map[string]bleveindex.FieldIndexingOptions{}}
}

// add adds doc as document num, after those added; its "_id" is its
// snippet's DocID.
func (a *postings) add(num uint32, doc *blevedocument.Document) {
	for _, f := range doc.Fields {
		if f.Name() == "_id" {
			continue
		}
		terms := a.fields[f.Name()]
		if terms == nil {
			terms = map[string]*postingsBuf{}
			a.fields[f.Name()] = terms
		}
		a.opts[f.Name()] |= f.Options()
		norm := uint64(f.AnalyzedLength())
		for term, tf := range f.AnalyzedTokenFrequencies() {
			p := terms[term]
			if p == nil {
				// A term of the analysis may share the memory of the
				// whole text it was cut from.
				p = &postingsBuf{}
				terms[strings.Clone(term)] = p
			}
			p.docs = append(p.docs, num)
			p.freq = binary.AppendUvarint(p.freq, uint64(tf.Frequency())<<1|1)
			p.freq = binary.AppendUvarint(p.freq, norm)
			size := 0
			for _, l := range tf.Locations {
				size += 2 + uvarintLen(uint64(l.Position)) + uvarintLen(uint64(l.Start)) + uvarintLen(uint64(l.End))
			}
			p.locs = binary.AppendUvarint(p.locs, uint64(size))
			for _, l := range tf.Locations {
				p.locs = append(p.locs, 0)
				p.locs = binary.AppendUvarint(p.locs, uint64(l.Position))
				p.locs = binary.AppendUvarint(p.locs, uint64(l.Start))
				p.locs = binary.AppendUvarint(p.locs, uint64(l.End))
				p.locs = append(p.locs, 0)
			}
		}
	}
}

func uvarintLen(x uint64) int {
	n := 1
	for x >= 0x80 {
		x >>= 7
		n++
	}
	return n
}
