// Package index writes and opens crib's index, one zap segment of bleve's
// searched with bleve's queries: the mapping (the snippet's prose, the
// parts of its identifiers, its parent items and its headings, scored with
// BM25), crib's analyzer registered in bleve, the build (each snippet
// analysed once, in batches, on a few workers, its postings gathered and
// written as one segment),
// the vocabulary and statistics ranking needs, and an index opened from
// disk whose damage is caught rather than panicking. It does not use
// bleve's index manager, scorch. Package search ranks with it; package
// cache keeps it on disk.
package index

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/RoaringBitmap/roaring/v2"
	blevedocument "github.com/blevesearch/bleve/v2/document"
	blevesearch "github.com/blevesearch/bleve/v2/search"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search/analysis"
)

// A batch holds at least batchSize snippets; small snippets make larger batches, until they hold
// batchBytes of text, context and headings or maxBatch snippets. Memory
// while building follows the batch: Build's workers hold their batch
// made into documents (about 25 KB a snippet of the built-in notes, which
// hold 233 bytes a snippet) until they are handed over; Write's add each
// snippet's postings as it is analysed. (Measured when each batch
// was a zap segment of its own:) At 100k realistic snippets,
// batches of 1,000 peaked at 330 MiB where 5,000 peaked at 540 MiB, and
// took no more CPU (19.6 s against 21.9 s). A list of a million items of
// 22 bytes made a thousand segments of 1,000 that bleve merged and merged
// again: batches of 10,000 took 39 CPU seconds instead of 46, and 20 s
// instead of 25. Since segments are merged once, at the end (compact),
// batches of 500 peaked 7-13 MiB lower than 1,000 at 100k realistic
// snippets (238 against 245 MiB, medians of 4), for the same CPU.
const (
	batchSize  = 500
	batchBytes = 128 << 10
	maxBatch   = 10_000
)

// batchEnd returns the end of the batch that starts at snippet start.
func batchEnd(snippets []corpus.Snippet, start int) int {
	end, size := start, 0
	for end < len(snippets) && end-start < maxBatch && (end-start < batchSize || size < batchBytes) {
		s := snippets[end]
		size += len(s.Text) + joinedLen(s.Context) + joinedLen(s.Heading)
		end++
	}
	return end
}

// joinedLen is len(strings.Join(parts, " / ")).
func joinedLen(parts []string) int {
	n := 3 * max(len(parts)-1, 0)
	for _, p := range parts {
		n += len(p)
	}
	return n
}

// A batch is snippets[start:end] made into documents by worker worker.
type batchDocs = func(worker, start, end int, docs []*blevedocument.Document) error

// A batchFunc indexes snippets[start:end] on worker worker with its
// maker m.
type batchFunc = func(m *docMaker, worker, start, end int) error

// documents is the batchFunc that makes a batch's documents and hands
// them to add.
func documents(snippets []corpus.Snippet, add batchDocs) batchFunc {
	return func(m *docMaker, worker, from, to int) error {
		docs := make([]*blevedocument.Document, to-from)
		for i := from; i < to; i++ {
			docs[i-from] = m.document(i, snippets[i])
		}
		return add(worker, from, to, docs)
	}
}

// indexRange makes the documents of snippets[first:], piece by piece
// (see split) and within a piece batch by batch, under their positions as
// ids, hands each batch to add, and counts their vocabulary meanwhile.
// Pieces are made concurrently, each by one worker, its batches in order,
// and a worker takes its pieces in order: it can gather the postings of
// the documents it makes itself, in document order (see accumulate).
// progress, when set, is told how many snippets are done.
func indexRange(snippets []corpus.Snippet, first int, pieces [][2]int, progress func(int), analysed Analysed, add batchFunc) (*Vocabulary, error) {
	work := make(chan int)
	errs := make(chan error, 1)
	var done atomic.Int64
	var failed atomic.Bool // after a failure (a full disk) the rest is skipped
	var wg sync.WaitGroup
	makers := make([]*docMaker, indexWorkers())
	for w := range makers {
		makers[w] = newDocMaker()
		makers[w].analysed = analysed
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range work {
				in := snippets[:pieces[p][1]]
				for start := pieces[p][0]; start < len(in) && !failed.Load(); {
					end := batchEnd(in, start)
					if err := indexBatch(makers[w], w, start, end, add); err != nil {
						failed.Store(true)
						select {
						case errs <- err:
						default:
						}
					} else if progress != nil {
						progress(int(done.Add(int64(end - start))))
					}
					start = end
				}
			}
		}()
	}
	for p := range pieces {
		work <- p
	}
	close(work)
	wg.Wait()
	select {
	case err := <-errs:
		return nil, err
	default:
	}
	voc := makers[0].voc
	for _, m := range makers[1:] {
		voc.later([]*Vocabulary{m.voc})
	}
	return voc, nil
}

// split cuts snippets[first:] into contiguous pieces, a few for each
// worker, so that a worker slowed down (the machine is shared) leaves
// the others a short tail.
func split(snippets []corpus.Snippet, first int) [][2]int {
	n := len(snippets) - first
	k := max(1, min(piecesPerWorker*indexWorkers(), n/batchSize))
	pieces := make([][2]int, k)
	for i := range pieces {
		pieces[i] = [2]int{first + i*n/k, first + (i+1)*n/k}
	}
	return pieces
}

// piecesPerWorker: see split.
const piecesPerWorker = 4

func indexWorkers() int { return max(1, min(runtime.GOMAXPROCS(0), 4)) }

func indexBatch(m *docMaker, worker, from, to int, add batchFunc) (err error) {
	// zap may panic on a write error, here on a worker goroutine no
	// caller could recover.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("index batch: %v", r)
		}
	}()
	if err := add(m, worker, from, to); err != nil {
		return fmt.Errorf("index batch: %w", err)
	}
	return nil
}

// collecting turns the garbage collector on, if it was off, until the
// returned function is called. A build allocates many times what it keeps;
// a one-shot command that turned the collector off (cmd/crib) would
// otherwise grow to its memory limit when it has to index the notes.
func collecting() (restore func()) {
	old := debug.SetGCPercent(100)
	if old >= 0 {
		debug.SetGCPercent(old)
		return func() {}
	}
	return func() { debug.SetGCPercent(old) }
}

// boundHeap lowers the memory limit, unless GOMEMLIMIT is set or it is
// lower already, to what a build of snippets keeps with some headroom,
// until the returned function is called. A build's heap is mostly what
// it keeps (the snippets, their vocabulary and postings: about 1.2 KB a
// realistic snippet, 124 MB at 100k) and garbage; the collector's default
// pace let the heap grow to twice what is kept, 214 MB at 100k and 290 MB
// of RSS, where a limit of 150 MiB gave 180 MB for the same CPU time. A
// heap over the limit makes the collector run more often, not fail.
func boundHeap(snippets []corpus.Snippet) (restore func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	text := 0
	for _, s := range snippets {
		text += len(s.Text)
	}
	// A build that spills keeps at most about spillBudget of postings
	// (its buffers' capacity, maps and terms: twice what it counts).
	limit := int64(64<<20+2*text) + min(int64(600*len(snippets)), 2*spillBudget)
	if old := debug.SetMemoryLimit(-1); old > limit {
		debug.SetMemoryLimit(limit)
		return func() { debug.SetMemoryLimit(old) }
	}
	return func() {}
}

// Stats are what indexing learns about the notes that answering
// needs: BM25's collection statistics, pinned (see fieldStats), the mean
// length of a snippet's text, and the vocabulary.
type Stats struct {
	Docs   int            `json:"docs"`
	Fields map[string]int `json:"fields"` // field -> distinct terms
	// AvgLen is the mean number of words of a snippet's text: counting
	// them costs a one-shot question more than opening an index.
	AvgLen float64 `json:"avg_len"`
	// Vocab is not in JSON: it is large, and stored apart (see cache).
	Vocab *Vocabulary `json:"-"`
}

// fieldStats counts the distinct terms of every field. bleve's own figure
// for BM25's average length sums the term counts of each segment, so it
// would change with how an index happened to be split into segments;
// crib pins the statistics to the distinct terms instead, which is what
// bleve uses for an index of one segment, as crib's always is.
func fieldStats(seg segment.Segment, docs int) (*Stats, error) {
	st := &Stats{Docs: docs, Fields: map[string]int{}}
	for _, f := range seg.Fields() {
		if f == "_id" {
			continue
		}
		d, err := seg.Dictionary(f)
		if err != nil {
			return nil, fmt.Errorf("index field %s: %w", f, err)
		}
		st.Fields[f] = d.Cardinality()
	}
	// A field no snippet has terms in is in no segment (see addField);
	// it counts 0 distinct terms, as when every snippet held it empty.
	for _, f := range []string{FieldText, FieldParts, FieldContext, FieldHeading} {
		if _, ok := st.Fields[f]; !ok {
			st.Fields[f] = 0
		}
	}
	return st, nil
}

// Analysed hears the tokens of snippet i's text; see Write.
type Analysed func(i int, toks []analysis.Token)

// Update says what an index on disk holds when Write adds to it.
type Update struct {
	// Keep is how many leading snippets the index holds already,
	// unchanged and under their ids; Vocab is their vocabulary.
	Keep  int
	Vocab *Vocabulary
	// Had is how many snippets the index held in all: the ids from
	// len(snippets) up to Had are deleted.
	Had int
}

// Write writes the index of snippets in dir: a new index, or with up
// an index there already, whose snippets from up.Keep on are indexed
// again. progress, when set, is told how many snippets are done. The
// stats it returns are what Open needs, for all the snippets. A write
// that fails removes dir: no index is left.
//
// analysed, when set, is given the tokens of each snippet's text that is
// indexed, by its position, from several goroutines: what else the caller
// learns from the text need not analyse it again.
//
// indexed, when set, is given the vocabulary of all the snippets as soon
// as every snippet is analysed, and runs on its own goroutine while the
// segments are merged (about a second, on one core, at 100k snippets):
// what the caller writes from it need not wait for the merge. Its error
// fails the write. The vocabulary is the returned stats' Vocab, which
// Write does not touch again.
func Write(dir string, snippets []corpus.Snippet, up *Update, progress func(done int), analysed Analysed, indexed func(*Vocabulary) error) (*Stats, error) {
	defer collecting()()
	defer boundHeap(snippets)()
	st, err := write(dir, snippets, up, progress, analysed, indexed)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return st, nil
}

// write is Write, less the removal of dir when it fails. The workers
// analyse the snippets in batches, each gathering the postings of its own
// (see accumulate); the segment is then written in one pass, merging
// them (see accumulator), and for an update zap merges the old index, less
// its replaced and deleted snippets, with it, while indexed runs beside.
func write(dir string, snippets []corpus.Snippet, up *Update, progress func(int), analysed Analysed, indexed func(*Vocabulary) error) (*Stats, error) {
	if up == nil {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("create index: %w", err)
		}
		up = &Update{}
	}
	acc, sp, voc, err := accumulate(snippets, up.Keep, progress, analysed, dir, spillBudget)
	defer sp.remove()
	if err != nil {
		return nil, err
	}
	if up.Keep > 0 {
		voc.merge(up.Vocab)
	}
	wait := beside(indexed, voc)
	var tmp string
	if acc != nil {
		tmp, err = writeTemp(dir, acc, up.Keep)
		acc = nil
	} else {
		tmp, err = mergeSpills(dir, sp, up.Keep)
		sp.remove()
	}
	if err == nil {
		err = publish(tmp, filepath.Join(dir, segmentName))
	}
	if serr := wait(); err == nil {
		err = serr
	}
	if err != nil {
		return nil, err
	}
	seg, err := openSegment(filepath.Join(dir, segmentName))
	if err != nil {
		return nil, fmt.Errorf("open index: %w", err)
	}
	defer seg.Close()
	st, err := fieldStats(seg, len(snippets))
	if err != nil {
		return nil, err
	}
	st.Vocab, st.AvgLen = voc, meanLength(snippets)
	return st, nil
}

// beside runs f(voc), when f is set, on a goroutine of its own; the
// returned function waits for it and returns its error.
func beside(f func(*Vocabulary) error, voc *Vocabulary) (wait func() error) {
	if f == nil {
		return func() error { return nil }
	}
	done := make(chan error, 1)
	go func() { done <- f(voc) }()
	return func() error { return <-done }
}

// writeTemp writes the index of acc's documents to a temporary file of
// folder dir and returns its name: publish makes it the index, so that a
// crash never leaves half a file under that name. With keep > 0, the
// index in dir holds snippets before acc's: its first keep snippets and
// acc's segment are merged.
func writeTemp(dir string, acc *accumulator, keep int) (string, error) {
	tmp := filepath.Join(dir, segmentName+".tmp")
	if keep == 0 {
		if err := acc.writeSegmentFile(tmp); err != nil {
			return "", fmt.Errorf("write index: %w", err)
		}
		return tmp, nil
	}
	added := filepath.Join(dir, "added.zap")
	if err := acc.writeSegmentFile(added); err != nil {
		return "", fmt.Errorf("write index: %w", err)
	}
	defer os.Remove(added)
	return mergeFiles(dir, keep, []string{added})
}

// mergeSpills merges the segments a build spilled, in snippet order,
// after the first keep snippets of the index in dir when keep > 0, into a
// temporary file of dir, and returns its name (see writeTemp).
func mergeSpills(dir string, sp *spills, keep int) (string, error) {
	paths := make([]string, len(sp.files))
	for i, f := range sp.files {
		paths[i] = f.path
	}
	return mergeFiles(dir, keep, paths)
}

// mergeFiles merges, into a temporary file of dir whose name it returns,
// the first keep snippets of the index in dir when keep > 0 and then the
// segment files, in order.
func mergeFiles(dir string, keep int, files []string) (string, error) {
	p := &parts{}
	defer p.close()
	if keep > 0 {
		if err := p.addOld(dir, keep); err != nil {
			return "", fmt.Errorf("open index: %w", err)
		}
	}
	for _, f := range files {
		seg, err := openSegment(f)
		if err != nil {
			return "", fmt.Errorf("open index: %w", err)
		}
		p.segs, p.drops = append(p.segs, seg), append(p.drops, nil)
	}
	return mergeTemp(dir, p.segs, p.drops)
}

// parts are the segments an update merges: the old index's, less the
// snippets it drops, and the new snippets'.
type parts struct {
	segs  []segment.Segment
	drops []*roaring.Bitmap
}

// addOld adds the index in dir, less its snippets from keep on.
func (p *parts) addOld(dir string, keep int) error {
	old, err := openSegment(filepath.Join(dir, segmentName))
	if err != nil {
		return err
	}
	p.segs = append(p.segs, old)
	drop, err := replaced(old, keep)
	p.drops = append(p.drops, drop)
	return err
}

// close closes the segments.
func (p *parts) close() {
	for _, s := range p.segs {
		s.Close()
	}
	p.segs = nil
}

// meanLength is the mean number of words of a snippet's text.
func meanLength(snippets []corpus.Snippet) float64 {
	total := 0
	for _, s := range snippets {
		total += countFields(s.Text)
	}
	return float64(max(total, 1)) / float64(max(len(snippets), 1))
}

// countFields is len(strings.Fields(s)), without making the slice.
func countFields(s string) int {
	n, inField := 0, false
	for _, r := range s {
		space := unicode.IsSpace(r)
		if !space && !inField {
			n++
		}
		inField = !space
	}
	return n
}

// ErrDamaged is returned (wrapped) when searching an index fails
// on its files instead of answering.
var ErrDamaged = errors.New("the index is damaged")

// Index is an index open for searching: one Write wrote, opened by
// Open, or one Build made in memory.
type Index struct {
	seg segment.Segment
	// OnDamage, when set, hears of an error wrapping ErrDamaged from
	// a search of the engine over this index, and returns the error the
	// search reports, so that the index's owner can have it rebuilt.
	OnDamage func(error) error
}

// theMapping is crib's mapping, made once: queries ask it which analyzer
// a field has.
var theMapping = sync.OnceValue(newMapping)

// Open opens the index in dir read-only and checks that it holds docs
// snippets. It first checks every byte against the CRC-32 zap writes in
// the segment's footer: zap checks only sizes when it opens a segment,
// and a damaged one can make it allocate without bound, which no recover
// catches. OpenChecked skips that for a caller that has checked the
// bytes itself, as the cache does.
func Open(dir string, docs int) (*Index, error) {
	if err := checkCRC(filepath.Join(dir, segmentName)); err != nil {
		return nil, err
	}
	return OpenChecked(dir, docs)
}

// OpenChecked is Open for an index whose bytes the caller has checked.
func OpenChecked(dir string, docs int) (*Index, error) {
	seg, err := openSegment(filepath.Join(dir, segmentName))
	if err != nil {
		return nil, err
	}
	if n := seg.Count(); n != uint64(docs) {
		seg.Close()
		return nil, fmt.Errorf("index holds %d snippets, want %d", n, docs)
	}
	return &Index{seg: seg}, nil
}

// Close closes an index that was not made into an engine.
func (x *Index) Close() error { return x.seg.Close() }

func (x *Index) reader() *reader { return &reader{seg: x.seg} }

// Searcher returns the index to search, scoring with the statistics st
// of its build and turning a panic of zap's on damaged files into an
// error wrapping ErrDamaged, which OnDamage hears of. Closing it closes
// the index.
func (x *Index) Searcher(st *Stats) *Searcher {
	fields := make(map[string]int, len(st.Fields))
	for f, n := range st.Fields {
		fields[f] = n
	}
	return &Searcher{x: x, onDamage: x.OnDamage, stats: &blevesearch.BM25Stats{DocCount: float64(st.Docs), FieldCardinality: fields}}
}

// Build indexes snippets in memory, as one segment.
func Build(snippets []corpus.Snippet) (*Index, *Stats, error) {
	defer collecting()()
	docs := make([]*blevedocument.Document, len(snippets))
	voc, err := indexRange(snippets, 0, split(snippets, 0), nil, nil, documents(snippets, func(_, start, _ int, batch []*blevedocument.Document) error {
		copy(docs[start:], batch)
		return nil
	}))
	if err != nil {
		return nil, nil, err
	}
	seg, err := newSegment(docs)
	if err != nil {
		return nil, nil, fmt.Errorf("create index: %w", err)
	}
	st, err := fieldStats(seg, len(snippets))
	if err != nil {
		seg.Close()
		return nil, nil, err
	}
	st.Vocab, st.AvgLen = voc, meanLength(snippets)
	st.Vocab.settle() // read by concurrent questions from now on
	return &Index{seg: seg}, st, nil
}
