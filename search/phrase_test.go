package search

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search/analysis"
)

// TestPhraseSearcherLikeBleve checks that phraseQuery's searcher and
// bleve's phrase searcher yield the same documents with the same scores
// under the same run of Next and Advance calls, for word pairs and
// triples of the notes, in every field, explained and with BM25
// statistics (where phraseQuery reads the postings itself).
func TestPhraseSearcherLikeBleve(t *testing.T) {
	for name, snippets := range map[string][]corpus.Snippet{"built-in": corpus.Embedded(), "ties": tiedSnippets()} {
		e := testEngine(t, snippets)
		r := e.idx.Reader()
		rnd := rand.New(rand.NewPCG(3, 4))
		for _, terms := range notePhrases(snippets, rnd, 40) {
			for _, field := range []string{FieldText, FieldParts, FieldContext, FieldHeading} {
				q, ok := newPhraseQuery(terms, field, 0.7).(*phraseQuery)
				if !ok {
					continue
				}
				ops := make([]uint64, 60)
				for i := range ops {
					ops[i] = uint64(rnd.IntN(len(snippets)*2 + 2)) // 0: Next
				}
				for _, c := range []struct {
					name    string
					ctx     context.Context
					explain bool
				}{{"explained", context.Background(), true}, {"bm25", bm25Context(len(snippets)), false}} {
					got := drive(t, c.ctx, q, r, ops, c.explain)
					want := drive(t, c.ctx, q.bleve(), r, ops, c.explain)
					if got != want {
						t.Errorf("%s %q in %s, %s:\n got %s\nwant %s", name, terms, field, c.name, got, want)
					}
				}
			}
		}
	}
}

// bm25Context carries BM25 statistics for docs documents, as a search
// does: with them, phraseQuery reads the postings itself (scanPhrase).
func bm25Context(docs int) context.Context {
	model := bsearch.GetScoringModelCallbackFn(func() string { return index.BM25Scoring })
	ctx := context.WithValue(context.Background(), bsearch.GetScoringModelCallbackKey, model)
	card := map[string]int{}
	for i, f := range []string{FieldText, FieldParts, FieldContext, FieldHeading} {
		card[f] = docs * (4 + 3*i)
	}
	return context.WithValue(ctx, bsearch.BM25StatsKey, &bsearch.BM25Stats{DocCount: float64(docs), FieldCardinality: card})
}

// notePhrases returns n runs of two or three neighbouring terms of the
// notes.
func notePhrases(snippets []corpus.Snippet, rnd *rand.Rand, n int) [][]string {
	var out [][]string
	for len(out) < n {
		terms := analysis.Terms(snippets[rnd.IntN(len(snippets))].Text)
		k := 2 + rnd.IntN(2)
		if len(terms) < k {
			continue
		}
		at := rnd.IntN(len(terms) - k + 1)
		out = append(out, terms[at:at+k])
	}
	return out
}

// drive runs q's searcher through ops (0: Next, else Advance to the
// internal id ops-1) and describes what it yields.
func drive(t *testing.T, c context.Context, q query.Query, r index.IndexReader, ops []uint64, explain bool) string {
	t.Helper()
	s, err := q.Searcher(c, r, nil, bsearch.SearcherOptions{Explain: explain})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.SetQueryNorm(0.37)
	ctx := &bsearch.SearchContext{DocumentMatchPool: bsearch.NewDocumentMatchPool(10, 0)}
	var b strings.Builder
	var last uint64
	for _, op := range ops {
		var m *bsearch.DocumentMatch
		if op == 0 {
			m, err = s.Next(ctx)
		} else if op-1 > last {
			m, err = s.Advance(ctx, binary.BigEndian.AppendUint64(nil, op-1))
		} else {
			continue // bleve's searchers advance forward only
		}
		if err != nil {
			t.Fatal(err)
		}
		if m == nil {
			b.WriteString(" end")
			break
		}
		last = binary.BigEndian.Uint64(m.IndexInternalID)
		fmt.Fprintf(&b, " %d@%x/%s", last, math.Float64bits(m.Score), m.Expl)
		ctx.DocumentMatchPool.Put(m)
	}
	return b.String()
}
