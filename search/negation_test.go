package search

import (
	"errors"
	"fmt"
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

// A contraction typed without its apostrophe ("arent", "doesnt", "im") is
// read as its words: never corrected into a word the notes hold ("arent"
// into "agent", "doesnt" into "doesn"), never offered as "did you mean",
// never named as what the notes lack (trial 11).
func TestContractionsWithoutApostrophe(t *testing.T) {
	e := testEngine(t, []corpus.Snippet{
		{Text: "EC2 custom logging needs the CloudWatch Logs agent.", Source: "n.md", Line: 1},
		{Text: "CodeCommit doesn't start a pipeline without an EventBridge rule.", Source: "n.md", Line: 2},
		{Text: "Memory metrics need the agent; ECS tasks send logs with awslogs.", Source: "n.md", Line: 3},
	})
	for _, q := range []string{
		"logs arent in cloudwatch",
		"why doesnt codecommit start my pipeline",
		"ec2 isnt sending memory metrics",
		"why cant codecommit start my pipeline",
		"logs wont show in cloudwatch",
		"memory metrics dont show",
		"why didnt the pipeline start",
		"the agent wasnt sending logs",
		"shouldnt the agent send logs",
		"couldnt send logs",
		"hasnt the agent sent logs",
		"havent seen memory metrics",
		"im not seeing logs in cloudwatch",
		"ive no memory metrics",
		"youre missing the logs agent",
		"theyre not sending logs",
		"whats the logs agent",
		"thats the logs agent",
		"theres no memory metrics",
	} {
		ans, err := e.Search(q, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(ans.Corrections) > 0 {
			t.Errorf("%q: corrected %v, want no correction", q, ans.Corrections)
		}
		if len(ans.Unknown) > 0 {
			t.Errorf("%q: unknown %q, want none", q, ans.Unknown)
		}
		if !ans.Covered {
			t.Errorf("%q: declined (%s), want covered", q, ans.Declined)
		}
	}
}

// Greetings and courtesies pad a question ("hey guys ... thanks") and
// leave its subject as it was; typed in capitals or held by the notes, a
// padding word is what is asked: the acronym IM (review 12).
func TestPaddingWords(t *testing.T) {
	e := testEngine(t, []corpus.Snippet{
		{Text: "Store secrets in Secrets Manager and rotate them automatically.", Source: "n.md", Line: 1},
		{Text: "Parameter Store holds configuration values.", Source: "n.md", Line: 2},
		{Text: "Chat alerts go to the team's IM channel through Chatbot.", Source: "n.md", Line: 3},
	})
	for q, want := range map[string]string{
		"hey guys what is the best way to store secrets thanks": "n.md:1",
		"store secrets please": "n.md:1",
		"IM":                   "n.md:3",
		"`im`":                 "n.md:3",
	} {
		ans, err := e.Search(q, Options{})
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		if !ans.Covered || len(ans.Results) == 0 {
			t.Errorf("%q: declined (%s), want %s", q, ans.Declined, want)
			continue
		}
		if got := fmt.Sprintf("%s:%d", ans.Results[0].Snippet.Source, ans.Results[0].Snippet.Line); got != want {
			t.Errorf("%q: first %s, want %s", q, got, want)
		}
		if len(ans.Unknown) > 0 {
			t.Errorf("%q: unknown %q, want none", q, ans.Unknown)
		}
	}
}

// A question of negations alone asks nothing (review 12: "crib cant"
// said no note covers it).
func TestOnlyNegations(t *testing.T) {
	e := testEngine(t, []corpus.Snippet{{Text: "CodeDeploy can't roll back without alarms.", Source: "n.md", Line: 1}})
	for _, q := range []string{"cant", "isnt not", "doesn't"} {
		var nothing *NothingError
		if _, err := e.Search(q, Options{}); !errors.As(err, &nothing) {
			t.Errorf("%q: error %v, want nothing to search for", q, err)
		}
	}
	for _, q := range []string{"cant roll back", "NOT", "`not`"} {
		if _, err := e.Search(q, Options{}); err != nil {
			t.Errorf("%q: %v, want it searched", q, err)
		}
	}
}
