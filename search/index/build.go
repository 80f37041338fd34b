// Package index writes and opens crib's bleve index: the mapping (the
// snippet's prose, the parts of its identifiers, its parent items and its
// headings, scored with BM25), crib's analyzer registered in bleve, the
// build (each snippet analysed once, in batches, on a few workers), the
// vocabulary and statistics ranking needs, and an index opened from disk
// whose damage is caught rather than panicking. Package search ranks with
// it; package cache keeps it on disk.
package index

import (
	"context"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	blevesearch "github.com/blevesearch/bleve/v2/search"

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
// instead of 25. Since segments are merged in groups and at the end
// (mergeConfig), batches of 500 peaked 7-13 MiB lower than 1,000 at 100k
// realistic snippets (238 against 245 MiB, medians of 4), for the same CPU.
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

// indexRange indexes snippets[first:] under their positions as ids, and
// counts their vocabulary meanwhile. Batches are built concurrently: bleve
// analyses a batch on its own worker pool but encodes the segment on the
// calling goroutine, so one caller would leave a core idle. progress, when
// set, is told how many snippets are done.
func indexRange(idx bleve.Index, snippets []corpus.Snippet, first int, progress func(int), analysed Analysed) (*Vocabulary, error) {
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
				if err := indexBatch(idx, makers[w], snippets, start, end); err != nil {
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

func indexBatch(idx bleve.Index, m *docMaker, snippets []corpus.Snippet, from, to int) (err error) {
	// bleve panics on some write errors (a full disk: "assignment to entry
	// in nil map"), here on a worker goroutine no caller could recover.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("index batch: %v", r)
		}
	}()
	b := idx.NewBatch()
	for i := from; i < to; i++ {
		if err := b.IndexAdvanced(m.document(i, snippets[i])); err != nil {
			return fmt.Errorf("index snippet %s:%d: %w", snippets[i].Source, snippets[i].Line, err)
		}
	}
	if err := idx.Batch(b); err != nil {
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
// changes with how the index happens to be split into segments (by batch
// size, background merges, incremental updates); crib pins the statistics
// to the distinct terms instead, which is what bleve uses for an index of
// one segment, so the same notes score the same however they were indexed.
func fieldStats(idx bleve.Index, docs int) (*Stats, error) {
	fields, err := idx.Fields()
	if err != nil {
		return nil, fmt.Errorf("index fields: %w", err)
	}
	st := &Stats{Docs: docs, Fields: map[string]int{}}
	for _, f := range fields {
		if f == "_id" {
			continue
		}
		n, err := distinctTerms(idx, f)
		if err != nil {
			return nil, err
		}
		st.Fields[f] = n
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

func distinctTerms(idx bleve.Index, field string) (int, error) {
	d, err := idx.FieldDict(field)
	if err != nil {
		return 0, fmt.Errorf("index field %s: %w", field, err)
	}
	defer d.Close()
	n := 0
	for {
		e, err := d.Next()
		if err != nil {
			return 0, fmt.Errorf("index field %s: %w", field, err)
		}
		if e == nil {
			return n, nil
		}
		n++
	}
}

// bleveIndex lets statsIndex embed bleve.Index, whose method Index would
// clash with the embedded field's default name.
type bleveIndex = bleve.Index

// statsIndex searches with pinned BM25 statistics; see fieldStats.
type statsIndex struct {
	bleveIndex
	stats    *blevesearch.BM25Stats
	onDamage func(error) error
}

func withStats(idx bleve.Index, st *Stats) *statsIndex {
	fields := make(map[string]int, len(st.Fields))
	for f, n := range st.Fields {
		fields[f] = n
	}
	return &statsIndex{bleveIndex: idx, stats: &blevesearch.BM25Stats{DocCount: float64(st.Docs), FieldCardinality: fields}}
}

func (s *statsIndex) Search(req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	return s.SearchInContext(context.Background(), req)
}

// SearchInContext turns a panic of bleve's, which damaged index files
// cause, into ErrDamaged.
func (s *statsIndex) SearchInContext(ctx context.Context, req *bleve.SearchRequest) (res *bleve.SearchResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("%w (%v)", ErrDamaged, r)
			if s.onDamage != nil {
				err = s.onDamage(err)
			}
		}
	}()
	r := *req
	r.PreSearchData = map[string]interface{}{blevesearch.BM25PreSearchDataKey: s.stats}
	for k, v := range req.PreSearchData {
		if k != blevesearch.BM25PreSearchDataKey {
			r.PreSearchData[k] = v
		}
	}
	return s.bleveIndex.SearchInContext(ctx, &r)
}

// A new index on disk is built with merges of its batches' segments in
// groups of mergeGroup as they come, on scorch's merger beside the
// indexing workers, and compact merges the groups' segments, all into
// one, when they are written. Each group's segment is never merged in the
// background again: it holds at least mergeGroup*batchSize snippets, half
// of MaxSegmentSize (see mergeplan). The first tier takes mergeGroup
// segments of a batch and the next ones a hundred times that, so no
// segment is merged twice before compact. Merging 200 segments of a batch
// at the end (100k realistic snippets) spent half its time opening each
// term's postings in every segment, on one core after indexing; merging
// them in groups, and then about ten, took 0.93x the CPU and 0.90x the
// peak memory (the batches' files, mapped once written, go as they are
// merged). bleve's default tiers merged most snippets twice and left 19
// segments, which a keyword question searched with 25% more CPU (a
// 60-word one 15% more) than the one segment.
func mergeConfig() map[string]interface{} {
	return map[string]interface{}{
		"scorchMergePlanOptions": map[string]interface{}{
			"MaxSegmentSize":       2 * mergeGroup * batchSize,
			"FloorSegmentSize":     batchSize,
			"MaxSegmentsPerTier":   mergeGroup,
			"SegmentsPerMergeTask": mergeGroup,
			"TierGrowth":           100.0,
		},
		"asyncErrorCallbackName": asyncErrorsName,
	}
}

// mergeGroup is how many segments of a batch are merged together while
// indexing (see mergeConfig).
const mergeGroup = 20

// oneMerge merges every segment into one in a single pass; bleve's
// SingleSegmentMergePlanOptions merge ten at a time, and again.
var oneMerge = func() mergeplan.MergePlanOptions {
	o := mergeplan.SingleSegmentMergePlanOptions
	o.SegmentsPerMergeTask = math.MaxInt32
	return o
}()

// asyncErrors hands the errors scorch hears on its own goroutines (a
// merge failing on a full disk, or panicking) to the compaction waiting on
// that index: scorch's merger would retry a failed merge forever, or stop
// after a panic, and ForceMerge would never return. Keyed by index folder.
var asyncErrors sync.Map // string -> chan error

const asyncErrorsName = "crib-compact"

func init() {
	scorch.RegistryAsyncErrorCallbacks[asyncErrorsName] = func(err error, path string) {
		if ch, ok := asyncErrors.Load(filepath.Dir(path)); ok {
			select {
			case ch.(chan error) <- err:
			default:
			}
		}
	}
}

// forceMerge is scorch's, but for a test that makes it fail.
var forceMerge = func(ctx context.Context, s *scorch.Scorch) error { return s.ForceMerge(ctx, &oneMerge) }

// hearAsyncErrors returns the channel that hears scorch's errors about
// the index in dir, made unless Write made it already, and the function
// that stops the hearing it started.
func hearAsyncErrors(dir string) (chan error, func()) {
	dir = filepath.Clean(dir)
	ch, had := asyncErrors.LoadOrStore(dir, make(chan error, 1))
	if had {
		return ch.(chan error), func() {}
	}
	return ch.(chan error), func() { asyncErrors.Delete(dir) }
}

// compact merges the index in dir into one segment, dropping the terms of
// deleted snippets, and waits for it; an error scorch reports meanwhile
// ends the wait.
func compact(idx bleve.Index, dir string) error {
	in, err := idx.Advanced()
	if err != nil {
		return fmt.Errorf("compact index: %w", err)
	}
	s, ok := in.(*scorch.Scorch)
	if !ok {
		return nil
	}
	failed, stop := hearAsyncErrors(dir)
	defer stop()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel() // a failed merge stops; ForceMerge returns when idx closes
	done := make(chan error, 1)
	go func() { done <- forceMerge(ctx, s) }()
	select {
	case err = <-done:
		select {
		case err = <-failed:
		default:
		}
	case err = <-failed:
	}
	if err != nil {
		return fmt.Errorf("compact index: %w", err)
	}
	return nil
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
// stats it returns are what Open needs, for all the snippets.
//
// analysed, when set, is given the tokens of each snippet's text that is
// indexed, by its position, from several goroutines: what else the caller
// learns from the text need not analyse it again.
func Write(dir string, snippets []corpus.Snippet, up *Update, progress func(done int), analysed Analysed) (*Stats, error) {
	var idx bleve.Index
	var err error
	if up == nil {
		idx, err = bleve.NewUsing(dir, newMapping(), scorch.Name, scorch.Name, mergeConfig())
		up = &Update{}
	} else {
		// An index built before mergeConfig has none in its meta.
		cfg := mergeConfig()
		cfg["bolt_timeout"] = "1s"
		idx, err = bleve.OpenUsing(dir, cfg)
	}
	if err != nil {
		return nil, fmt.Errorf("create index: %w", err)
	}
	st, err := fillIndex(idx, snippets, up, progress, analysed, dir)
	if cerr := idx.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("close index: %w", cerr)
	}
	return st, err
}

// fillIndex indexes snippets[up.Keep:], deletes the ids past the end,
// merges an index on disk in dir into one segment, and counts the stats
// of all snippets.
func fillIndex(idx bleve.Index, snippets []corpus.Snippet, up *Update, progress func(int), analysed Analysed, dir string) (*Stats, error) {
	defer collecting()()
	if dir != "" {
		// A merge of the groups failing while indexing goes on (see
		// mergeConfig) is retried by scorch on and on; compact reports it.
		_, stop := hearAsyncErrors(dir)
		defer stop()
	}
	if up.Had > len(snippets) {
		b := idx.NewBatch()
		for i := len(snippets); i < up.Had; i++ {
			b.Delete(DocID(i))
		}
		if err := idx.Batch(b); err != nil {
			return nil, fmt.Errorf("index batch: %w", err)
		}
	}
	voc, err := indexRange(idx, snippets, up.Keep, progress, analysed)
	if err != nil {
		return nil, err
	}
	if dir != "" {
		// See mergeConfig. It also merges away replaced snippets, whose
		// terms would otherwise still count in fieldStats.
		if err := compact(idx, dir); err != nil {
			return nil, err
		}
	}
	st, err := fieldStats(idx, len(snippets))
	if err != nil {
		return nil, err
	}
	if up.Keep > 0 {
		voc.merge(up.Vocab)
	}
	st.Vocab, st.AvgLen = voc, meanLength(snippets)
	return st, nil
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
	idx bleve.Index
	// OnDamage, when set, hears of an error wrapping ErrDamaged from
	// a search of the engine over this index, and returns the error the
	// search reports, so that the index's owner can have it rebuilt.
	OnDamage func(error) error
}

// Open opens the index in dir read-only and checks that it holds
// docs snippets.
func Open(dir string, docs int) (*Index, error) {
	idx, err := bleve.OpenUsing(dir, map[string]interface{}{
		"read_only":    true,
		"bolt_timeout": "1s", // bolt waits forever for a file lock by default
	})
	if err != nil {
		return nil, err
	}
	if n, err := idx.DocCount(); err != nil || n != uint64(docs) {
		idx.Close()
		return nil, fmt.Errorf("index holds %d snippets, want %d", n, docs)
	}
	return &Index{idx: idx}, nil
}

// Close closes an index that was not made into an engine.
func (x *Index) Close() error { return x.idx.Close() }

// Searcher returns the index to search, scoring with the statistics st
// of its build and turning a panic of bleve's on damaged files into an
// error wrapping ErrDamaged, which OnDamage hears of.
func (x *Index) Searcher(st *Stats) bleve.Index {
	s := withStats(x.idx, st)
	s.onDamage = x.OnDamage
	return s
}

// Build indexes snippets in memory.
func Build(snippets []corpus.Snippet) (*Index, *Stats, error) {
	idx, err := bleve.NewUsing("", newMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("create index: %w", err)
	}
	st, err := fillIndex(idx, snippets, &Update{}, nil, nil, "")
	if err != nil {
		idx.Close()
		return nil, nil, err
	}
	st.Vocab.settle() // read by concurrent questions from now on
	return &Index{idx: idx}, st, nil
}
