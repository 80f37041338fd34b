package search

import (
	"math"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

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
