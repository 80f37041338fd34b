package index

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

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
//
// A worker whose postings pass its share of budget (bytes; see
// spillBudget), when all of theirs pass budget, writes them as segment files in dir, one a run of
// consecutive snippets it holds, and starts afresh; once one has, every
// worker writes what it holds at the end, and the returned spills, in
// snippet order, are the index (the accumulator is then nil). The caller
// removes the spills' files, also when accumulate fails.
func accumulate(snippets []corpus.Snippet, first int, progress func(int), analysed Analysed, dir string, budget int64) (*accumulator, *spills, *Vocabulary, error) {
	acc := &accumulator{first: first, n: len(snippets) - first, parts: make([]*postings, indexWorkers())}
	for i := range acc.parts {
		acc.parts[i] = newPostings()
	}
	sp := &spills{dir: dir, first: first, runs: make([][][2]int, len(acc.parts))}
	// A worker spills when the workers hold more than budget and it
	// holds more than its share: a worker that took more pieces than
	// the others may hold more than its share.
	share := budget / int64(len(acc.parts))
	var held atomic.Int64
	voc, err := indexRange(snippets, first, split(snippets, first), progress, analysed, func(m *docMaker, w, from, to int) error {
		p := acc.parts[w]
		before := p.bytes
		for i := from; i < to; i++ {
			m.post(p, uint32(i-first), i, snippets[i])
		}
		sp.held(w, from-first, to-first)
		if held.Add(p.bytes-before) > budget && p.bytes > share {
			held.Add(-p.bytes)
			return sp.spill(acc.parts, w)
		}
		return nil
	})
	if err != nil {
		return nil, sp, nil, err
	}
	if len(sp.files) == 0 {
		return acc, sp, voc, nil
	}
	for w := range acc.parts {
		if err := sp.spill(acc.parts, w); err != nil {
			return nil, sp, nil, err
		}
	}
	slices.SortFunc(sp.files, func(a, b spillFile) int { return a.start - b.start })
	return nil, sp, voc, nil
}

// spillBudget bounds the postings a build gathers in memory (see
// postings.bytes), shared by the workers. A 100k realistic build gathers
// 46 MiB (23 MiB a worker of two) and never spills; a larger one writes segments of what
// it holds as it passes its share, and zap merges them at the end.
// Tests lower it.
var spillBudget int64 = 64 << 20

// termOverhead is about what a term new to a part costs besides its
// text: its postingsBuf and its map entry.
const termOverhead = 88 + 48

// spills are the segment files a build's workers wrote of the postings
// they held, and the runs of documents each worker holds now.
type spills struct {
	dir   string
	first int
	runs  [][][2]int // per worker: runs of documents held, [from, to)
	mu    sync.Mutex
	files []spillFile
}

// A spillFile is a segment of the documents from start on.
type spillFile struct {
	start, worker int
	path          string
}

// held notes that worker w holds documents [from, to) now.
func (sp *spills) held(w, from, to int) {
	r := sp.runs[w]
	if n := len(r); n > 0 && r[n-1][1] == from {
		r[n-1][1] = to
		return
	}
	sp.runs[w] = append(r, [2]int{from, to})
}

// spill writes the postings of worker w, run by run, each as a segment
// file of its own, and gives w empty postings.
func (sp *spills) spill(parts []*postings, w int) error {
	p := parts[w]
	for _, r := range sp.runs[w] {
		a := &accumulator{first: sp.first + r[0], n: r[1] - r[0], parts: []*postings{p}, window: true, lo: uint32(r[0])}
		path := filepath.Join(sp.dir, fmt.Sprintf("spill-%d.zap", sp.first+r[0]))
		if err := a.writeSegmentFile(path); err != nil {
			return fmt.Errorf("write index: %w", err)
		}
		sp.mu.Lock()
		sp.files = append(sp.files, spillFile{r[0], w, path})
		sp.mu.Unlock()
	}
	sp.runs[w] = sp.runs[w][:0]
	parts[w] = newPostings()
	return nil
}

// remove removes the spills' files.
func (sp *spills) remove() {
	if sp == nil {
		return
	}
	sp.mu.Lock()
	defer sp.mu.Unlock()
	for _, f := range sp.files {
		os.Remove(f.path)
	}
	sp.files = nil
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
	// bytes is about what the postings hold: their terms and the bytes
	// of their buffers (see spillBudget)
	bytes int64
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
			a.bytes += int64(len(t.Term)) + termOverhead
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
		before := len(p.freq) + len(p.locs)
		p.docs = append(p.docs, num)
		p.freq = binary.AppendUvarint(p.freq, uint64(p.tf)<<1|1)
		p.freq = binary.AppendUvarint(p.freq, norm)
		p.locs = binary.AppendUvarint(p.locs, uint64(p.size))
		a.bytes += int64(4+len(p.freq)+len(p.locs)-before) + int64(p.size)
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
