package score_test

import (
	"math"
	"testing"

	"github.com/crib-dev/crib/search/analysis"
	"github.com/crib-dev/crib/search/score"
)

func TestForeign(t *testing.T) {
	tests := []struct {
		form []string
		want float64
	}{
		{[]string{"sourdough"}, 1},        // AWS writing never says it
		{[]string{"zzzz"}, 1},             // nor this
		{[]string{"see"}, 0.1},            // says it everywhere: the floor
		{[]string{"guitar", "bucket"}, 1}, // the most foreign word counts
		{[]string{"tax"}, foreign("tax")}, // in between
	}
	for _, tt := range tests {
		if got := score.Foreign(tt.form); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("Foreign(%q) = %v, want %v", tt.form, got, tt.want)
		}
	}
	if f := score.Foreign([]string{"tax"}); f <= 0.1 || f >= 1 {
		t.Errorf("Foreign(tax) = %v, want between the floor and 1", f)
	}
}

// foreign is Foreign's formula for one word, from the table.
func foreign(t string) float64 {
	return max(0.1, 1-0.5*math.Log10(analysis.DomainFrequency(t)))
}

func TestHeld(t *testing.T) {
	df := map[string]int{"lambda": 3, "throttl": 1}
	concept := func(w float64, terms ...string) score.Concept {
		return score.Concept{Label: terms[0], Forms: [][]string{terms}, Weight: w}
	}
	never := func(score.Concept) bool { return false }
	tests := []struct {
		name    string
		subject []score.Concept
		known   func(score.Concept) bool
		want    float64
	}{
		{"all held", []score.Concept{concept(2, "lambda"), concept(1, "throttl")}, never, 1},
		{"none held", []score.Concept{concept(2, "sourdough")}, never, 0},
		{"a foreign word weighs in full", []score.Concept{concept(1, "lambda"), concept(1, "sourdough")}, never, 0.5},
		{"a word AWS writing uses weighs little", []score.Concept{concept(1, "lambda"), concept(1, "see")}, never, 1 / 1.1},
		{"a corrected typo counts as held", []score.Concept{concept(1, "lambda"), concept(1, "lamdba")}, func(c score.Concept) bool { return c.Label == "lamdba" }, 1},
		{"no subject", nil, never, 1},
		// "lightsail" is common in AWS writing, but notes that never name
		// the service cannot answer about it.
		// Notes saying only a general-English sense ("practice" for
		// "exercise") hold less of it than the domain thesaurus's.
		{"a weak synonym holds part", []score.Concept{{Label: "exerc", Forms: [][]string{{"exerc"}, {"lambda"}}, Scales: []float64{1, 0.51}, Weight: 1}}, never, 0.6},
		{"a thesaurus synonym holds all", []score.Concept{{Label: "exerc", Forms: [][]string{{"exerc"}, {"lambda"}}, Scales: []float64{1, 0.85}, Weight: 1}}, never, 1},
		{"a service the notes lack weighs in full", []score.Concept{concept(1, "lambda"), {Label: "lightsail", Forms: [][]string{{"lightsail"}}, Weight: 1, Service: true}}, never, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			weighed, share := score.Held(tt.subject, func(t string) int { return df[t] }, nil, tt.known, func(score.Concept) bool { return false })
			if math.Abs(share-tt.want) > 1e-9 {
				t.Errorf("share %v, want %v", share, tt.want)
			}
			if len(weighed) != len(tt.subject) {
				t.Fatalf("%d concepts back, want %d", len(weighed), len(tt.subject))
			}
			for i := range tt.subject {
				if weighed[i].Weight > tt.subject[i].Weight {
					t.Errorf("%s weighs %v, more than the %v it came with", weighed[i].Label, weighed[i].Weight, tt.subject[i].Weight)
				}
			}
		})
	}
}

// A synonym of several words counts only as a phrase some note holds;
// the question's own words count wherever they are.
func TestKnownPhrase(t *testing.T) {
	df := func(t string) int {
		return map[string]int{"servic": 3, "level": 2, "agreement": 1, "artifact": 1, "bucket": 4}[t]
	}
	none := func([]string) bool { return false }
	sla := score.Concept{Label: "sla", Forms: [][]string{{"sla"}, {"servic", "level", "agreement"}}, Own: 1}
	if sla.Known(df, none) {
		t.Error("SLA known from words no note holds in a row")
	}
	if !sla.Known(df, func([]string) bool { return true }) {
		t.Error("SLA unknown though a note says service level agreement")
	}
	if !sla.Known(df, nil) {
		t.Error("without a phrase check, every word held must count")
	}
	own := score.Concept{Label: "artifact bucket", Forms: [][]string{{"artifact", "bucket"}}, Own: 1}
	if !own.Known(df, none) {
		t.Error("the question's own words, held apart, must count")
	}
	// "useEffect": notes that say "use" and "effect" apart do not say it;
	// its pieces count only in a row, though they are the question's own.
	pieces := score.Concept{Label: "useeffect", Forms: [][]string{{"useeffect"}, {"use", "effect"}}, Own: 2}
	dfPieces := func(t string) int { return map[string]int{"use": 9, "effect": 2}[t] }
	if pieces.Known(dfPieces, none) {
		t.Error("an identifier known from its pieces said apart")
	}
	if !pieces.Known(dfPieces, func([]string) bool { return true }) {
		t.Error("an identifier unknown though a note says its pieces in a row")
	}
	// A service's name is said only in a row: notes saying "IAM",
	// "access" and "analyzer" apart do not name IAM Access Analyzer
	// (trial 15 got an IAM role note, confident, for it).
	dfSvc := func(t string) int { return map[string]int{"iam": 9, "access": 5, "analyz": 1}[t] }
	svc := score.Concept{Label: "iam access analyz", Forms: [][]string{{"iam", "access", "analyz"}}, Own: 1, Service: true}
	if svc.Known(dfSvc, none) {
		t.Error("a service known from its name's words said apart")
	}
	if !svc.Known(dfSvc, func([]string) bool { return true }) {
		t.Error("a service unknown though a note names it")
	}
}

// Termed weighs a term of AWS writing up by its excess over speech, an
// everyday word not at all, and leaves a service as it was.
func TestTermed(t *testing.T) {
	cs := []score.Concept{
		{Forms: [][]string{analysis.Terms("deployment")}, Weight: 1},
		{Forms: [][]string{analysis.Terms("team")}, Weight: 1},
		{Forms: [][]string{analysis.Terms("lambda")}, Weight: 1, Service: true},
	}
	got := score.Termed(cs, 0.5)
	if got[0].Weight <= 1.2 || got[1].Weight != 1 || got[2].Weight != 1 {
		t.Errorf("Termed weights %.2f %.2f %.2f, want deployment over 1.2, team and the service 1", got[0].Weight, got[1].Weight, got[2].Weight)
	}
	if cs[0].Weight != 1 {
		t.Error("Termed changed its input")
	}
}
