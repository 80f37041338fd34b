package search

import (
	"testing"

	"github.com/crib-dev/crib/corpus"
)

// A negation says how a question is put, not what it is about: as rare in
// the notes as a subject word, it must still weigh as little as padding,
// with or without the apostrophe, and not anchor a question.
func TestNegationIsNotTheSubject(t *testing.T) {
	e := testEngine(t, []corpus.Snippet{
		{Text: "The patch baseline doesn't do custom patches.", Source: "n.md", Line: 1},
		{Text: "A webhook starts the pipeline on every push.", Source: "n.md", Line: 2},
	})
	for neg, same := range map[string]string{"doesn": "patch", "doesnt": "zebra", "not": "zebra", "isn": "zebra"} {
		// same is a subject word the notes hold as often as neg.
		if got, subject := e.termWeight(neg), e.termWeight(same); got >= subject*BoilerplateWeight*1.01 {
			t.Errorf("termWeight(%q) = %.3f, want at most %.3f", neg, got, subject*BoilerplateWeight)
		}
	}
	p, err := e.analyzeQuestion("why doesn't the baseline patch")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range e.concepts(p) {
		if c.Label == "doesn" && c.Anchor {
			t.Errorf("%q is an anchor", c.Label)
		}
	}
}
