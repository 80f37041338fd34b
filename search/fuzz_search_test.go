package search_test

import (
	"errors"
	"math"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search"
)

// searchSeeds are questions a student would type, and ones that stress
// the thesaurus, typo fixes and identifiers.
var searchSeeds = []string{
	"cloudwatch events rule", "send an email notification", "ASG replaces unhealthy instance",
	"terminating:wait hook", "copy logs before scale in", "canary deployment lambda",
	"how do I roll back a blue/green deployment?", "eventbrige partner buses", "AllowTraffic fails",
	"aws_risk_credentials_exposed", "SSM parameter store vs secrets manager", "the of and", "",
	"warm warm pool pool warm", "\"auto scaling\" -group +lambda", "sns => sqs, kinesis", "a*b?c[d",
	"LambdaCanary10Percent10Minutes", "10%", "café über DDoS", "\x80\xff`\xc3", "\x00\x1b[31m",
}

// maxFuzzQuestion keeps inputs short enough that each search is quick:
// crib's time per question grows with its words.
const maxFuzzQuestion = 4 << 10

// FuzzSearch checks that any question, over a small index, answers
// without a panic or an error other than *NothingError, with at most the
// results asked for, ranked 1..n by falling finite scores, each a snippet
// of the index with highlights inside its text, and the same answer when
// asked again.
func FuzzSearch(f *testing.F) {
	data, err := os.ReadFile("testdata/relevance.md")
	if err != nil {
		f.Fatal(err)
	}
	th, err := search.NewThesaurus()
	if err != nil {
		f.Fatal(err)
	}
	e, err := search.Build(corpus.ParseMarkdown("relevance.md", data), th)
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { e.Close() })
	known := map[string]bool{}
	for _, s := range e.Snippets() {
		known[snippetKey(s)] = true
	}
	// The notes' own lines are seeds too: identifiers, lists and markup.
	for i, s := range append(searchSeeds, strings.Split(string(data), "\n")...) {
		f.Add(s, uint8(i%7), i%3 == 0)
	}
	f.Fuzz(func(t *testing.T, question string, limit uint8, explain bool) {
		if len(question) > maxFuzzQuestion {
			return
		}
		opts := search.Options{Limit: int(limit % 12), Explain: explain}
		ans, err := e.Search(question, opts)
		var nothing *search.NothingError
		if errors.As(err, &nothing) {
			return
		}
		if err != nil {
			t.Fatalf("Search(%q): %v", question, err)
		}
		checkAnswer(t, ans, opts, known)
		again, err := e.Search(question, opts)
		if err != nil || !reflect.DeepEqual(ans, again) {
			t.Errorf("Search(%q) answered differently the second time (err %v)", question, err)
		}
	})
}

func snippetKey(s corpus.Snippet) string {
	return s.Source + "\x00" + strconv.Itoa(s.Line) + "\x00" + s.Text
}

func checkAnswer(t *testing.T, ans *search.Answer, opts search.Options, known map[string]bool) {
	t.Helper()
	limit := opts.Limit
	if limit <= 0 {
		limit = search.DefaultLimit
	}
	if len(ans.Results) > limit {
		t.Errorf("%d results, want at most %d", len(ans.Results), limit)
	}
	for i, r := range ans.Results {
		if r.Rank != i+1 {
			t.Errorf("result %d has rank %d", i, r.Rank)
		}
		if math.IsNaN(r.Score) || math.IsInf(r.Score, 0) || (i > 0 && r.Score > ans.Results[i-1].Score) {
			t.Errorf("result %d: score %v after %v", i, r.Score, ans.Results[max(i-1, 0)].Score)
		}
		if !known[snippetKey(r.Snippet)] {
			t.Errorf("result %d is not a snippet of the index: %+v", i, r.Snippet)
		}
		end := 0
		for _, m := range r.Matches {
			if m.Start < end || m.Start >= m.End || m.End > len(r.Snippet.Text) {
				t.Errorf("result %d: highlight %d..%d after %d in %d bytes", i, m.Start, m.End, end, len(r.Snippet.Text))
			}
			end = m.End
		}
		for _, s := range r.Services {
			if s == "" {
				t.Errorf("result %d names an empty service", i)
			}
		}
	}
	for from, to := range ans.Corrections {
		if from == "" || to == "" {
			t.Errorf("correction %q -> %q", from, to)
		}
	}
}
