package search

import (
	"fmt"
	"os"
	"testing"

	"github.com/crib-dev/crib/corpus"
)

func TestZZDebug(t *testing.T) {
	q := os.Getenv("CRIB_Q")
	if q == "" {
		t.Skip()
	}
	sn, _, _ := corpus.Load([]string{"../../shared/notes/dop-c02-notes.md"})
	th, _ := NewThesaurus()
	e, _ := Build(sn, th)
	p, _ := e.analyzeQuestion(q)
	cs := e.concepts(p)
	for _, c := range cs {
		fmt.Printf("concept %-25s w=%.2f forms=%v\n", c.label, c.weight, c.forms)
	}
	ans, _ := e.Search(q, Options{Limit: 5})
	for _, r := range ans.Results {
		d := analyzeDoc(r.Snippet)
		fmt.Printf("%.3f cov=%.3f %.90s\n", r.Score, coverage(cs, d), r.Snippet.Text)
		for _, c := range cs {
			if f := c.found(d); f > 0 {
				fmt.Printf("      %s=%.2f", c.label, f)
			}
		}
		fmt.Println()
	}
}
