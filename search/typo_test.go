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

// A misspelt name the notes write as an identifier is corrected whatever
// the case it is typed in (trial 5: "beforinstall" was declined while
// "BeforInstall" was found).
func TestTypoInName(t *testing.T) {
	e := testEngine(t, []corpus.Snippet{
		{Text: "The `BeforeInstall` hook runs before the files are copied.", Source: "n.md", Line: 1},
		{Text: "ValidateService checks that the new version answers.", Source: "n.md", Line: 2},
		{Text: "Bread needs flour and water.", Source: "n.md", Line: 3},
	})
	for q, want := range map[string]int{
		"beforinstall":   1,
		"BeforInstall":   1,
		"validateservce": 2,
		"ValidateServce": 2,
	} {
		r, err := e.Rank(q, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Hits) == 0 || r.Hits[0].Snippet.Line != want {
			t.Errorf("%q: want line %d first, got %+v", q, want, r.Hits)
		}
	}
	// The correction is shown as the notes write the name.
	r, err := e.Rank("validateservce", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := e.Answer(r).Corrections; got["validateservce"] != "ValidateService" {
		t.Errorf("corrected %v, want validateservce -> ValidateService", got)
	}
}
