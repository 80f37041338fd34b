package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search"
)

func TestOptDebug(t *testing.T) {
	snippets, _, _ := corpus.Load([]string{"../../shared/notes/dop-c02-notes.md"})
	th, _ := search.NewThesaurus()
	eng, _ := search.Build(snippets, th)
	qs, _ := readSet("../../shared/eval/practice.jsonl")
	ck := search.NewChecker(eng)
	for _, q := range qs {
		pq := &search.Question{Stem: q.Query}
		for i, o := range q.Options {
			pq.Options = append(pq.Options, search.Option{Letter: string(rune('A' + i)), Text: o})
		}
		res, _ := ck.Check(pq)
		fmt.Printf("== %s %.100s\n", q.ID, q.Query)
		for _, o := range res.Options {
			mark := " "
			if strings.Contains(q.Answer, o.Text) {
				mark = "*"
			}
			fmt.Printf(" %s %.3f %.70s\n", mark, o.Score, o.Text)
			for _, s := range o.Support {
				fmt.Printf("       %.3f %d %.100s\n", s.Score, s.Snippet.Line, s.Snippet.Text)
			}
		}
	}
}
