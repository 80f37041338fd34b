// Package index writes and opens crib's index, one zap segment of bleve's
// searched with bleve's queries: the mapping (the snippet's prose, the
// parts of its identifiers, its parent items and its headings, scored with
// BM25), crib's analyzer registered in bleve, the build (each snippet
// analysed once, in batches, on a few workers, merged into one segment),
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

// A bleve batch, and so an in-memory segment, holds at least batchSize
// snippets; small snippets make larger batches, until they hold
// batchBytes of text, context and headings or maxBatch snippets. Memory
// while building follows the batch: each worker holds its batch analysed
// (about 25 KB a snippet of the built-in notes, which hold 233 bytes a
// snippet) until the segment is on disk. At 100k realistic snippets,
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

// A batch is snippets[start:end] made into documents.
type batchDocs = func(start, end int, docs []*blevedocument.Document) error

// indexRange makes the documents of snippets[first:], batch by batch,
// under their positions as ids, hands each batch to add, and counts
// their vocabulary meanwhile. Batches are made concurrently: analysing
// them and encoding their segments (add) is most of a build. progress,
// when set, is told how many snippets are done.
func indexRange(snippets []corpus.Snippet, first int, progress func(int), analysed Analysed, add batchDocs) (*Vocabulary, error) {
	batches := make(chan [2]int)
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
			for b := range batches {
				start, end := b[0], b[1]
				if failed.Load() {
					continue
				}
				if err := indexBatch(makers[w], snippets, start, end, add); err != nil {
					failed.Store(true)
					select {
					case errs <- err:
					default:
					}
					continue
				}
				if progress != nil {
					progress(int(done.Add(int64(end - start))))
				}
			}
		}()
	}
	for start := first; start < len(snippets); {
		end := batchEnd(snippets, start)
		batches <- [2]int{start, end}
		start = end
	}
	close(batches)
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

func indexWorkers() int { return max(1, min(runtime.GOMAXPROCS(0), 4)) }

func indexBatch(m *docMaker, snippets []corpus.Snippet, from, to int, add batchDocs) (err error) {
	// zap may panic on a write error, here on a worker goroutine no
	// caller could recover.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("index batch: %v", r)
		}
	}()
	docs := make([]*blevedocument.Document, to-from)
	for i := from; i < to; i++ {
		docs[i-from] = m.document(i, snippets[i])
	}
	if err := add(from, to, docs); err != nil {
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
	st, err := write(dir, snippets, up, progress, analysed, indexed)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return st, nil
}

// write is Write, less the removal of dir when it fails. Each batch is
// made into a segment file of its own, mapped from disk rather than held
// on the heap, and then all are merged into one, once, dropping the old
// index's replaced and deleted snippets, while indexed runs beside.
func write(dir string, snippets []corpus.Snippet, up *Update, progress func(int), analysed Analysed, indexed func(*Vocabulary) error) (*Stats, error) {
	p := &parts{}
	defer p.close()
	if up == nil {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("create index: %w", err)
		}
		up = &Update{}
	} else if err := p.addOld(dir, up.Keep); err != nil {
		return nil, fmt.Errorf("open index: %w", err)
	}
	voc, err := p.addBatches(dir, snippets, up.Keep, progress, analysed)
	if err != nil {
		return nil, err
	}
	if up.Keep > 0 {
		voc.merge(up.Vocab)
	}
	// The merge maps every group's file in full, on top of a heap sized
	// for indexing; most of that heap is garbage now, and given back.
	debug.FreeOSMemory()
	wait := beside(indexed, voc)
	tmp, err := mergeTemp(dir, p.segs, p.drops)
	p.close() // before the rename, which replaces the old index's file
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

// parts are the segments a write merges: the old index's, less the
// snippets it drops, and those of the batches, each in a file of its own
// until the merge.
type parts struct {
	segs  []segment.Segment
	drops []*roaring.Bitmap
	files []string
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

// addBatches adds the segments of snippets[first:], in snippet order,
// and returns their vocabulary. No snippets make an empty segment.
// Batches are merged into groups meanwhile (see groupSize).
func (p *parts) addBatches(dir string, snippets []corpus.Snippet, first int, progress func(int), analysed Analysed) (*Vocabulary, error) {
	m := startMerger(dir, first)
	voc, err := indexRange(snippets, first, progress, analysed, func(start, end int, docs []*blevedocument.Document) error {
		seg, err := newSegment(docs)
		if err == nil {
			seg, err = spill(seg, batchPath(dir, start))
		}
		if err != nil {
			return err
		}
		m.in <- batchSeg{start: start, end: end, seg: seg, file: batchPath(dir, start)}
		return nil
	})
	segs, merr := m.finish()
	for _, b := range segs {
		p.segs, p.drops = append(p.segs, b.seg), append(p.drops, nil)
		p.files = append(p.files, b.file)
	}
	if err == nil {
		err = merr
	}
	if err == nil && len(p.segs) == 0 {
		var seg segment.Segment
		if seg, err = newSegment(nil); err == nil {
			p.segs, p.drops = append(p.segs, seg), append(p.drops, nil)
		}
	}
	return voc, err
}

// close closes the segments, and then removes the batches' files: a
// file still mapped cannot be removed on every system.
func (p *parts) close() {
	for _, s := range p.segs {
		s.Close()
	}
	for _, f := range p.files {
		os.Remove(f)
	}
	p.segs, p.files = nil, nil
}

// batchPath names the segment file of the batch from snippet start, which
// lives until the batches are merged.
func batchPath(dir string, start int) string {
	return filepath.Join(dir, fmt.Sprintf("batch-%08d.zap", start))
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
	voc, err := indexRange(snippets, 0, nil, nil, func(start, _ int, batch []*blevedocument.Document) error {
		copy(docs[start:], batch)
		return nil
	})
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
