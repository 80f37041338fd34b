package search

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search/index"
)

// TestTopSortsLikeID checks that top picks and orders hits exactly as a
// search sorted by score and id would, on notes full of ties (the same
// text many times, in a shuffled order of internal numbers) and on the
// built-in notes.
func TestTopSortsLikeID(t *testing.T) {
	var tied []corpus.Snippet
	for i := range 300 {
		text := []string{"CodeDeploy lifecycle hooks run in order.", "Rollback a CodeDeploy deployment.", "S3 lifecycle rules expire objects."}[i%3]
		tied = append(tied, corpus.Snippet{Text: text, Source: "t.md", Line: i + 1})
	}
	for name, snippets := range map[string][]corpus.Snippet{"ties": tied, "built-in": corpus.Embedded()} {
		e := testEngine(t, snippets)
		for _, q := range []string{"codedeploy lifecycle hooks", "rollback", "s3 lifecycle", "lifecycle", "rotate access keys automatically"} {
			for _, n := range []int{1, 5, 40, 150, 400} {
				t.Run(fmt.Sprintf("%s/%s/%d", name, q, n), func(t *testing.T) {
					p, err := e.analyzeQuestion(q)
					if err != nil {
						t.Fatal(err)
					}
					want, err := e.idx.Search(index.Request{Query: p.bleveQuery(), Size: n, ByID: true})
					if err != nil {
						t.Fatal(err)
					}
					got, err := e.top(p.bleveQuery(), n, false)
					if err != nil {
						t.Fatal(err)
					}
					if a, b := ids(got), ids(want); !reflect.DeepEqual(a, b) {
						t.Errorf("top:\n%v\nsorted by id:\n%v", a, b)
					}
				})
			}
		}
	}
}

func ids(r *index.Result) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, fmt.Sprintf("%s %.12g", h.ID, h.Score))
	}
	return out
}
