package search

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/crib-dev/crib/corpus"
)

// TestOrderedDisjunctionScoresLikeBleve checks that the question's
// disjunction finds the same documents as bleve's DisjunctionQuery, with
// the same scores to the last bit, on the built-in notes, for short and
// long questions (hundreds of clauses) and with explanations on.
func TestOrderedDisjunctionScoresLikeBleve(t *testing.T) {
	e := testEngine(t, corpus.Embedded())
	long := `A company deploys an application to a fleet of EC2 instances in an Auto Scaling group
with CodeDeploy. A recent deployment failed after the new revision passed its tests, and the
team wants failed deployments to roll back automatically, to alert the on-call engineer.`
	for _, q := range []string{"codedeploy lifecycle hooks", "rotate access keys automatically", "s3", long} {
		for _, explain := range []bool{false, true} {
			p, err := e.analyzeQuestion(q)
			if err != nil {
				t.Fatal(err)
			}
			ours := p.bleveQuery().(*orderedDisjunction)
			theirs := query.NewDisjunctionQuery(ours.disjuncts)
			theirs.SetMin(1)
			got, want := searchAll(t, e, ours, explain), searchAll(t, e, theirs, explain)
			if len(got) != len(want) || len(got) == 0 {
				t.Fatalf("%.30q: %d hits, bleve %d", q, len(got), len(want))
			}
			for id, s := range want {
				if math.Float64bits(got[id]) != math.Float64bits(s) {
					t.Errorf("%.30q: %s scores %v, bleve %v", q, id, got[id], s)
				}
			}
		}
	}
}

func searchAll(t *testing.T, e *Engine, q query.Query, explain bool) map[string]float64 {
	t.Helper()
	res, err := e.idx.Search(bleve.NewSearchRequestOptions(q, 100000, 0, explain))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, h := range res.Hits {
		if explain && (h.Expl == nil || !strings.Contains(h.Expl.String(), "coord")) {
			t.Fatalf("hit %s without an explanation", h.ID)
		}
		out[h.ID] = h.Score
	}
	return out
}

// TestClauseHeapOrder checks that the clause heap yields searchers by
// document and then by place, both with scorch's eight-byte ids read as
// numbers and once an id of another length has turned it to comparing
// the ids themselves.
func TestClauseHeapOrder(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for _, odd := range []bool{false, true} {
		for round := range 50 {
			n := 1 + rnd.IntN(40)
			currs := make([]*bsearch.DocumentMatch, n)
			for i := range currs {
				id := index.IndexInternalID(binary.BigEndian.AppendUint64(nil, uint64(rnd.IntN(20))))
				if odd && i == n-1 {
					id = append(id[:7:7], id[7], 0) // one byte longer: sorts after its eight-byte prefix
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
				got = append(got, h.e[0].i)
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
				t.Fatalf("odd %v round %d: heap order %v, want %v", odd, round, got, want)
			}
		}
	}
}
