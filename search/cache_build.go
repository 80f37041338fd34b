package search

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	blevesearch "github.com/blevesearch/bleve/v2/search"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search/analysis"
)

// batchSize is how many snippets go into one bleve batch, and so into one
// in-memory segment. Larger batches build disproportionately slower (a
// 100k-snippet batch takes several times as long as twenty of 5,000).
const batchSize = 5000

// indexRange indexes snippets[first:] under their positions as ids, and
// counts their vocabulary meanwhile. Batches are built concurrently: bleve
// analyses a batch on its own worker pool but encodes the segment on the
// calling goroutine, so one caller would leave a core idle. progress, when
// set, is told how many snippets are done.
func indexRange(idx bleve.Index, snippets []corpus.Snippet, first int, progress func(int)) (*vocabulary, error) {
	vc := make(chan *vocabulary, 1)
	go func() { vc <- countVocab(snippets[first:]) }()
	starts := make(chan int)
	errs := make(chan error, 1)
	var done atomic.Int64
	var wg sync.WaitGroup
	for range indexWorkers() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for start := range starts {
				end := min(start+batchSize, len(snippets))
				if err := indexBatch(idx, snippets, start, end); err != nil {
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
	for start := first; start < len(snippets); start += batchSize {
		starts <- start
	}
	close(starts)
	wg.Wait()
	voc := <-vc
	select {
	case err := <-errs:
		return nil, err
	default:
		return voc, nil
	}
}

func indexWorkers() int { return max(1, min(runtime.GOMAXPROCS(0), 4)) }

func indexBatch(idx bleve.Index, snippets []corpus.Snippet, from, to int) error {
	b := idx.NewBatch()
	for i := from; i < to; i++ {
		if err := b.Index(docID(i), document(snippets[i])); err != nil {
			return fmt.Errorf("index snippet %s:%d: %w", snippets[i].Source, snippets[i].Line, err)
		}
	}
	if err := idx.Batch(b); err != nil {
		return fmt.Errorf("index batch: %w", err)
	}
	return nil
}

// vocabulary is what typo correction and ranking know of the notes' words.
type vocabulary struct {
	df      map[string]int    // term -> number of snippets whose text or headings hold it
	surface map[string]string // lower-cased word as written -> its term
	// uses counts the occurrences of each surface form, so that an
	// incremental update can tell when the last one goes.
	uses map[string]int
}

func newVocabulary() *vocabulary {
	return &vocabulary{df: map[string]int{}, surface: map[string]string{}, uses: map[string]int{}}
}

// add counts (sign 1) or uncounts (sign -1) one snippet's words.
func (v *vocabulary) add(s corpus.Snippet, sign int) {
	text := s.Text + " " + strings.Join(s.Heading, " ")
	seen := map[string]bool{}
	for _, t := range analysis.Analyze(text) {
		if t.Whole {
			continue
		}
		if !seen[t.Term] {
			seen[t.Term] = true
			v.df[t.Term] += sign
			if v.df[t.Term] <= 0 {
				delete(v.df, t.Term)
			}
		}
		w := strings.ToLower(text[t.Start:t.End])
		v.uses[w] += sign
		if v.uses[w] <= 0 {
			delete(v.uses, w)
			delete(v.surface, w)
		} else {
			v.surface[w] = t.Term
		}
	}
}

// merge adds the counts of o to v. A surface form always maps to the same
// term (the term is a function of the lower-cased form), so the order of
// merging does not matter.
func (v *vocabulary) merge(o *vocabulary) {
	for t, n := range o.df {
		v.df[t] += n
	}
	for w, n := range o.uses {
		v.uses[w] += n
		v.surface[w] = o.surface[w]
	}
}

// countVocab counts the words of snippets, a share per CPU.
func countVocab(snippets []corpus.Snippet) *vocabulary {
	parts := max(1, min(runtime.GOMAXPROCS(0), len(snippets)/1000))
	out := make([]*vocabulary, parts)
	var wg sync.WaitGroup
	for p := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v := newVocabulary()
			for _, s := range snippets[p*len(snippets)/parts : (p+1)*len(snippets)/parts] {
				v.add(s, 1)
			}
			out[p] = v
		}()
	}
	wg.Wait()
	for _, o := range out[1:] {
		out[0].merge(o)
	}
	return out[0]
}

// bm25Stats are the collection statistics BM25 scores with.
type bm25Stats struct {
	Docs   int            `json:"docs"`
	Fields map[string]int `json:"fields"` // field -> distinct terms
}

// fieldStats counts the distinct terms of every field. bleve's own figure
// for BM25's average length sums the term counts of each segment, so it
// changes with how the index happens to be split into segments (by batch
// size, background merges, incremental updates); crib pins the statistics
// to the distinct terms instead, which is what bleve uses for an index of
// one segment, so the same notes score the same however they were indexed.
func fieldStats(idx bleve.Index, docs int) (*bm25Stats, error) {
	fields, err := idx.Fields()
	if err != nil {
		return nil, fmt.Errorf("index fields: %w", err)
	}
	st := &bm25Stats{Docs: docs, Fields: map[string]int{}}
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
	stats *blevesearch.BM25Stats
}

func withStats(idx bleve.Index, st *bm25Stats) bleve.Index {
	fields := make(map[string]int, len(st.Fields))
	for f, n := range st.Fields {
		fields[f] = n
	}
	return &statsIndex{bleveIndex: idx, stats: &blevesearch.BM25Stats{DocCount: float64(st.Docs), FieldCardinality: fields}}
}

func (s *statsIndex) Search(req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	return s.SearchInContext(context.Background(), req)
}

func (s *statsIndex) SearchInContext(ctx context.Context, req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	r := *req
	r.PreSearchData = map[string]interface{}{blevesearch.BM25PreSearchDataKey: s.stats}
	for k, v := range req.PreSearchData {
		if k != blevesearch.BM25PreSearchDataKey {
			r.PreSearchData[k] = v
		}
	}
	return s.bleveIndex.SearchInContext(ctx, &r)
}

// compact merges an on-disk index into one segment, dropping the terms of
// deleted snippets, and waits for it.
func compact(idx bleve.Index) error {
	in, err := idx.Advanced()
	if err != nil {
		return fmt.Errorf("compact index: %w", err)
	}
	s, ok := in.(*scorch.Scorch)
	if !ok {
		return nil
	}
	if err := s.ForceMerge(context.Background(), nil); err != nil {
		return fmt.Errorf("compact index: %w", err)
	}
	return nil
}
