package search

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/crib-dev/crib/corpus"
	snippetindex "github.com/crib-dev/crib/search/index"
)

// TestOrderedDisjunctionScoresLikeBleve checks that the question's
// disjunction finds the same documents as bleve's DisjunctionQuery, with
// the same scores to the last bit, on the built-in notes and on notes
// full of ties, for short and long questions (hundreds of clauses),
// typed ones and ones drawn from the notes' own words, with explanations
// on and off.
func TestOrderedDisjunctionScoresLikeBleve(t *testing.T) {
	for _, window := range []int{windowDocs, 7} {
		t.Run(fmt.Sprintf("window %d", window), func(t *testing.T) {
			defer func(w int) { windowDocs = w }(windowDocs)
			windowDocs = window
			orderedDisjunctionLikeBleve(t)
		})
	}
}

func orderedDisjunctionLikeBleve(t *testing.T) {
	long := `A company deploys an application to a fleet of EC2 instances in an Auto Scaling group
with CodeDeploy. A recent deployment failed after the new revision passed its tests, and the
team wants failed deployments to roll back automatically, to alert the on-call engineer.`
	for name, snippets := range map[string][]corpus.Snippet{"built-in": corpus.Embedded(), "ties": tiedSnippets()} {
		e := testEngine(t, snippets)
		questions := append([]string{"codedeploy lifecycle hooks", "rotate access keys automatically", "s3", long}, drawnQuestions(snippets, 12)...)
		for i, q := range questions {
			explain := i%4 == 0
			for _, filtered := range []bool{false, true} {
				got, want, err := bothDisjunctions(e, q, explain, filtered)
				if err != nil {
					t.Fatalf("%s %.40q: %v", name, q, err)
				}
				if diff := compareHits(got, want); diff != "" {
					t.Errorf("%s %.40q (filtered %v): %s", name, q, filtered, diff)
				}
			}
		}
	}
}

// tiedSnippets are notes of three texts repeated, full of equal scores.
func tiedSnippets() []corpus.Snippet {
	var out []corpus.Snippet
	for i := range 300 {
		text := []string{"CodeDeploy lifecycle hooks run in order.", "Rollback a CodeDeploy deployment.", "S3 lifecycle rules expire objects."}[i%3]
		out = append(out, corpus.Snippet{Text: text, Source: "t.md", Line: i + 1})
	}
	return out
}

// drawnQuestions returns n questions of 1 to 80 words drawn from the
// notes' text, the same ones every run.
func drawnQuestions(snippets []corpus.Snippet, n int) []string {
	var words []string
	for _, s := range snippets {
		words = append(words, strings.Fields(s.Text)...)
	}
	rnd := rand.New(rand.NewPCG(16, uint64(len(words))))
	var out []string
	for range n {
		q := make([]string, 1+rnd.IntN(80))
		for i := range q {
			q[i] = words[rnd.IntN(len(words))]
		}
		out = append(out, strings.Join(q, " "))
	}
	return out
}

// bothDisjunctions returns every hit of the question's disjunction and
// of bleve's DisjunctionQuery of the same clauses, by id. Filtered, both
// are searched among every third note, in a conjunction, which moves
// them on with Advance (a filter, see Engine.withFilter, does not).
func bothDisjunctions(e *Engine, q string, explain, filtered bool) (got, want map[string]*bsearch.DocumentMatch, err error) {
	p, err := e.analyzeQuestion(q)
	if err != nil {
		var nothing *NothingError
		if errors.As(err, &nothing) {
			return nil, nil, nil
		}
		return nil, nil, err
	}
	ours := p.bleveQuery().(*orderedDisjunction)
	var a, b query.Query = ours, bleveDisjunction(ours)
	if filtered {
		a, b = everyThird(e, a), everyThird(e, b)
	}
	if got, err = allHits(e, a, explain); err != nil {
		return nil, nil, err
	}
	want, err = allHits(e, b, explain)
	return got, want, err
}

// everyThird returns q in a conjunction with every third note.
func everyThird(e *Engine, q query.Query) query.Query {
	var ids []string
	for i := 0; i < e.Len(); i += 3 {
		ids = append(ids, snippetindex.DocID(i))
	}
	return query.NewConjunctionQuery([]query.Query{q, query.NewDocIDQuery(ids)})
}

func allHits(e *Engine, q query.Query, explain bool) (map[string]*bsearch.DocumentMatch, error) {
	res, err := e.idx.Search(snippetindex.Request{Query: q, Size: 100000, Explain: explain})
	if err != nil {
		return nil, err
	}
	out := map[string]*bsearch.DocumentMatch{}
	for _, h := range res.Hits {
		out[h.ID] = h
	}
	return out, nil
}

// compareHits says how two searches' hits differ: in which documents, in
// any score's bits, or in an explanation; "" when they do not.
func compareHits(got, want map[string]*bsearch.DocumentMatch) string {
	if len(got) != len(want) {
		return fmt.Sprintf("%d hits, bleve %d", len(got), len(want))
	}
	for id, w := range want {
		g, ok := got[id]
		switch {
		case !ok:
			return fmt.Sprintf("%s missing", id)
		case math.Float64bits(g.Score) != math.Float64bits(w.Score):
			return fmt.Sprintf("%s scores %v, bleve %v", id, g.Score, w.Score)
		case (g.Expl == nil) != (w.Expl == nil) || (g.Expl != nil && g.Expl.String() != w.Expl.String()):
			return fmt.Sprintf("%s explained otherwise", id)
		}
	}
	return ""
}

// FuzzOrderedDisjunction checks that for any question the question's
// disjunction finds what bleve's DisjunctionQuery of its clauses finds,
// with the same scores and explanations.
func FuzzOrderedDisjunction(f *testing.F) {
	e := testEngine(f, tiedSnippets())
	for _, q := range append([]string{"codedeploy lifecycle hooks", "rollback s3 rules", "the of and", ""}, drawnQuestions(tiedSnippets(), 5)...) {
		f.Add(q, false)
	}
	f.Fuzz(func(t *testing.T, q string, explain bool) {
		if len(q) > 256 { // longer ones add clauses, not cases
			return
		}
		if len(q)%3 == 0 { // windows of a few documents, crossed often
			defer func(w int) { windowDocs = w }(windowDocs)
			windowDocs = 5
		}
		got, want, err := bothDisjunctions(e, q, explain, len(q)%2 == 1)
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		if diff := compareHits(got, want); diff != "" {
			t.Errorf("%q: %s", q, diff)
		}
	})
}

// TestClauseHeapOrder checks that the clause heap yields searchers by
// document and then by place, both with scorch's eight-byte ids read as
// numbers and once an id of another length or a document number too
// large for an entry has turned it to comparing
// the ids themselves.
func TestClauseHeapOrder(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for _, odd := range []string{"", "longer", "huge"} {
		for round := range 50 {
			n := 1 + rnd.IntN(40)
			currs := make([]*bsearch.DocumentMatch, n)
			for i := range currs {
				id := index.IndexInternalID(binary.BigEndian.AppendUint64(nil, uint64(rnd.IntN(20))))
				switch {
				case odd == "longer" && i == n-1:
					id = append(id[:7:7], id[7], 0) // one byte longer: sorts after its eight-byte prefix
				case odd == "huge" && i%3 == 2:
					id[0] = 0x80 // a document number too large for an entry
				}
				currs[i] = &bsearch.DocumentMatch{IndexInternalID: id}
			}
			ids := make([]index.IndexInternalID, n)
			for i, c := range currs {
				ids[i] = c.IndexInternalID
			}
			h := &clauseHeap{currs: currs}
			for i := range currs {
				h.e = append(h.e, h.entry(i))
			}
			h.init()
			var got []int
			for h.Len() > 0 {
				got = append(got, h.first())
				h.next(nil) // the searcher is done
			}
			want := make([]int, n)
			for i := range want {
				want[i] = i
			}
			slices.SortFunc(want, func(a, b int) int {
				if c := ids[a].Compare(ids[b]); c != 0 {
					return c
				}
				return a - b
			})
			if !slices.Equal(got, want) {
				t.Fatalf("odd %q round %d: heap order %v, want %v", odd, round, got, want)
			}
		}
	}
}

// bleveDisjunction is bleve's query for d: a DisjunctionQuery (min 1) of
// each clause's DisjunctionQuery over the fields, with bleve's phrase
// queries.
func bleveDisjunction(d *orderedDisjunction) *query.DisjunctionQuery {
	var qs []query.Query
	for _, c := range d.disjuncts {
		var fields []query.Query
		for _, f := range c.(*orderedDisjunction).disjuncts {
			switch q := f.(type) {
			case *phraseQuery:
				f = q.bleve()
			case *termLeaf:
				f = q.bleve()
			}
			fields = append(fields, f)
		}
		qs = append(qs, query.NewDisjunctionQuery(fields))
	}
	q := query.NewDisjunctionQuery(qs)
	q.SetMin(1)
	return q
}

// BenchmarkClauseHeap walks a long question's heap: 600 searchers over
// 100,000 documents, each match moving its searcher on by a random step.
func BenchmarkClauseHeap(b *testing.B) {
	const n, docs = 600, 100_000
	rnd := rand.New(rand.NewPCG(3, 4))
	steps := make([]uint64, 1<<16)
	for i := range steps {
		steps[i] = 1 + uint64(rnd.IntN(2*docs/250))
	}
	matches := make([]bsearch.DocumentMatch, n)
	currs := make([]*bsearch.DocumentMatch, n)
	b.ResetTimer()
	for range b.N {
		h := &clauseHeap{currs: currs}
		for i := range currs {
			matches[i].IndexInternalID = binary.BigEndian.AppendUint64(matches[i].IndexInternalID[:0], steps[i])
			currs[i] = &matches[i]
		}
		h.reset(currs)
		s := 0
		for h.Len() > 0 {
			i := h.first()
			m := currs[i]
			doc := binary.BigEndian.Uint64(m.IndexInternalID) + steps[s&(len(steps)-1)]
			s++
			if doc >= docs {
				m = nil
			} else {
				binary.BigEndian.PutUint64(m.IndexInternalID, doc)
			}
			h.next(m)
		}
	}
}
