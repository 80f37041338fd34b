package search

import (
	"slices"
	"testing"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search/analysis"
)

// Two words the thesaurus knows as a phrase ("central account") say it
// with other words between them and in either order, in a question short
// enough that its words are about one thing; a scenario's are not paired.
func TestLoosePairs(t *testing.T) {
	e := testEngine(t, []corpus.Snippet{
		{Text: "AWS recommends a delegated GuardDuty administrator account.", Source: "n.md", Line: 1},
		{Text: "GuardDuty can auto-enable all future accounts.", Source: "n.md", Line: 2},
	})
	ms := e.th.Dict.Expand(analysis.PhraseTerms("central account"))
	if len(ms) != 1 || len(ms[0].Alts) == 0 {
		t.Fatalf("the thesaurus does not know %q: %+v", "central account", ms)
	}
	alt := ms[0].Alts[0]
	hasAlt := func(q string) bool {
		p, err := e.analyzeQuestion(q)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range e.concepts(p) {
			if slices.ContainsFunc(c.Forms, func(f []string) bool { return slices.Equal(f, alt) }) {
				return true
			}
		}
		return false
	}
	for q, want := range map[string]bool{
		"which account should run guardduty centrally":     true,
		"central guardduty account":                        true,
		"guardduty account central":                        true, // reversed, in a row
		"central account for guardduty":                    true, // a phrase in a row, as before
		"central one two three four account for guardduty": false,
		"A company runs GuardDuty in many regions and wants one account to watch every member centrally for the auditors": false,
	} {
		if got := hasAlt(q); got != want {
			t.Errorf("%q says %v: %v, want %v", q, alt, got, want)
		}
	}
}
