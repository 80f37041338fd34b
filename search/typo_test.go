package search

import (
	"testing"

	"github.com/crib-dev/crib/corpus"
)

// The word after "Amazon" or "AWS" names a product: corrected to a
// service's name, never to an everyday word the notes hold.
func TestTypoAfterBrand(t *testing.T) {
	e := testEngine(t, []corpus.Snippet{
		{Text: "A brake pad wears out after many stops.", Source: "n.md", Line: 1},
		{Text: "CloudFormation drift detection finds resources changed by hand.", Source: "n.md", Line: 2},
	})
	for q, want := range map[string]string{
		"amazon braket qubits":    "",
		"braket pad":              "brake",
		"aws cloudformaton drift": "cloudformation",
	} {
		r, err := e.Rank(q, Options{})
		if err != nil {
			t.Fatal(err)
		}
		ans := e.Answer(r)
		got := ""
		for _, fix := range ans.Corrections {
			got = fix
		}
		if got != want {
			t.Errorf("%q corrected to %q, want %q", q, got, want)
		}
	}
}
