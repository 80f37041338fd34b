package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search"
)

func TestSweep(t *testing.T) {
	snippets, _, _ := corpus.Load([]string{"../../shared/notes/dop-c02-notes.md"})
	th, _ := search.NewThesaurus()
	eng, _ := search.Build(snippets, th)
	qs, _ := readSet("../../shared/eval/practice.jsonl")
	ck := search.NewChecker(eng)
	for _, floor := range []float64{0.1, 0.25, 0.5, 1} {
		for _, echo := range []float64{0, 0.2, 0.5, 1} {
			for _, lp := range []float64{0, 0.5, 0.75, 1} {
				search.SetCheckKnobs(floor, echo, lp, 0.8, 0.5)
				top1 := 0
				for _, q := range qs {
					pq := &search.Question{Stem: q.Query}
					for i, o := range q.Options {
						pq.Options = append(pq.Options, search.Option{Letter: string(rune('A' + i)), Text: o})
					}
					res, _ := ck.Check(pq)
					if strings.Contains(q.Answer, res.Options[0].Text) {
						top1++
					}
				}
				fmt.Printf("floor %.2f echo %.1f lp %.2f  top1 %d/18\n", floor, echo, lp, top1)
			}
		}
	}
}
