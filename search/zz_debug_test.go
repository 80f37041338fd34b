package search

import (
	"fmt"
	"os"
	"strings"
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
	ans, _ := e.Search(q, Options{Limit: 40})
	tgt := os.Getenv("CRIB_T")
	var keep []Result
	for i, r := range ans.Results {
		if i < 5 || (tgt != "" && strings.Contains(r.Snippet.Text, tgt)) {
			keep = append(keep, r)
		}
	}
	ans.Results = keep
	for _, r := range ans.Results {
		d := analyzeDoc(r.Snippet)
		cv, _ := coverage(cs, d)
		fmt.Printf("#%d %.3f cov=%.3f %.90s\n", r.Rank, r.Score, cv, r.Snippet.Text)
		for _, c := range cs {
			if f := c.found(d); f.value > 0 {
				fmt.Printf("      %s=%.2f", c.label, f.value)
			}
		}
		fmt.Println()
	}
}
