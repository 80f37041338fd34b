package search

import (
	"testing"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search/score"
)

// TestPhraseWeight checks that, in a long question, a phrase the
// thesaurus knows weighs more than its heaviest word in ranking, and a
// single word as much as it did:
// in a long question every word around the phrase is a concept as heavy
// as the whole phrase, and notes saying those outranked the note saying
// the phrase. Confidence keeps the concept's own weight.
func TestPhraseWeight(t *testing.T) {
	notes := "# Notes\n\n- Patching => SSM Patch Manager\n- EC2 instances on premises\n- S3 buckets hold objects\n"
	e := testEngine(t, corpus.ParseMarkdown("ops.md", []byte(notes)))
	p, err := e.analyzeQuestion("a fleet of virtual machines in two regions runs our shop, and we want to keep servers patched with little effort")
	if err != nil {
		t.Fatal(err)
	}
	cs := e.concepts(p)
	ranked := phraseWeighted(score.Subject(cs))
	subject := score.Subject(cs)
	var phrase, word bool
	for i, c := range cs {
		switch {
		case c.Label == "keep server patch":
			phrase = true
			if ranked[i].Weight <= subject[i].Weight {
				t.Errorf("phrase %q ranks at weight %.3f, want more than its heaviest word's %.3f", c.Label, ranked[i].Weight, subject[i].Weight)
			}
			if c.Spread <= 0 {
				t.Errorf("phrase %q has Spread %v, want > 0", c.Label, c.Spread)
			}
		case len(c.Forms[0]) == 1:
			word = true
			if ranked[i].Weight != subject[i].Weight {
				t.Errorf("word %q ranks at weight %.3f, want its own %.3f", c.Label, ranked[i].Weight, subject[i].Weight)
			}
		}
	}
	if !phrase || !word {
		var labels []string
		for _, c := range cs {
			labels = append(labels, c.Label)
		}
		t.Fatalf("concepts %q: want the phrase 'keep servers patched' and single words", labels)
	}
}
