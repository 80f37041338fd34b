package search

import (
	"strings"
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
		if got, _ := correctionOf(t, e, q); got != want {
			t.Errorf("%q corrected to %q, want %q", q, got, want)
		}
	}
}

// correctionOf answers q and returns the first of its corrections in
// sort order, "" when there is none, and the answer.
func correctionOf(t *testing.T, e *Engine, q string) (string, *Answer) {
	t.Helper()
	r, err := e.Rank(q, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ans := e.Answer(r)
	got := ""
	for _, fix := range ans.Corrections {
		if got == "" || fix < got {
			got = fix
		}
	}
	return got, ans
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

// Two words typed apart are the name the notes write as one word when
// the notes lack one of them (trial 7: "cron job" was declined in notes
// saying CronJob); words the notes say apart stay apart.
func TestJoinedNames(t *testing.T) {
	e := testEngine(t, []corpus.Snippet{
		{Text: "A StatefulSet gives each pod a stable identity.", Source: "n.md", Line: 1},
		{Text: "A CronJob runs Jobs on a schedule.", Source: "n.md", Line: 2},
		{Text: "Trusted Advisor checks service limits; the `TrustedAdvisor` event source sends them.", Source: "n.md", Line: 3},
		{Text: "Back up the database every night.", Source: "n.md", Line: 4},
	})
	for q, want := range map[string]string{
		"stateful set identity":   "StatefulSet",
		"cron job schedule":       "CronJob",
		"trusted advisor limits":  "",
		"data base backup":        "",
		"what is a stateful set?": "StatefulSet",
		"set stateful identity":   "",
	} {
		got, ans := correctionOf(t, e, q)
		if got != want {
			t.Errorf("%q corrected to %q (%v), want %q", q, got, ans.Corrections, want)
		}
		if want != "" && (len(ans.Results) == 0 || !strings.Contains(ans.Results[0].Snippet.Text, want)) {
			t.Errorf("%q: first result does not say %q", q, want)
		}
	}
}

// A word of everyday English is no typo, unless its correction completes
// a service's name with the word beside it: "secrets manger" is Secrets
// Manager (trial 13), while "manger" alone, or "a wooden manger", stays.
func TestEnglishTypoInServiceName(t *testing.T) {
	e := testEngine(t, []corpus.Snippet{
		{Text: "Secrets Manager rotates database credentials with a Lambda function.", Source: "n.md", Line: 1},
		{Text: "The task manager shows running processes.", Source: "n.md", Line: 2},
	})
	for q, want := range map[string]string{
		"secrets manger rotation": "manager",
		"manger secrets rotation": "",
		"a wooden manger":         "",
	} {
		if got, _ := correctionOf(t, e, q); got != want {
			t.Errorf("%q corrected to %q, want %q", q, got, want)
		}
	}
}
