package search

import (
	"testing"

	"github.com/crib-dev/crib/corpus"
)

// Notes about something other than AWS answer in their own words, though
// those are everyday English, and still decline what they do not hold.
func TestCoveredOtherSubjects(t *testing.T) {
	e := testEngine(t, []corpus.Snippet{
		{Text: "Rest steak for five minutes after searing so the juices settle.", Source: "cook.md", Line: 1},
		{Text: "A dutch oven keeps an even heat for braises.", Source: "cook.md", Line: 2},
		{Text: "Thicken a sauce with a roux or a cornstarch slurry.", Source: "cook.md", Line: 3},
	})
	for q, want := range map[string]bool{
		"steak":                         true,
		"dutch oven":                    true,
		"how to thicken a sauce":        true,
		"what is the capital of norway": false,
		"sourdough starter":             false,
	} {
		r, err := e.Rank(q, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Covered(); got != want {
			t.Errorf("%q covered %v, want %v", q, got, want)
		}
	}
}
