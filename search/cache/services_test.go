package cache

import (
	"slices"
	"strings"
	"testing"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search"
	"github.com/crib-dev/crib/search/analysis"
)

// expandedServices is how services were found before serviceFinder
// remembered runs: the thesaurus expands all of a text's terms at once.
func expandedServices(th *search.Thesaurus, text string) []string {
	var terms []string
	for _, t := range analysis.Analyze(text) {
		if !t.Whole {
			terms = append(terms, t.Term)
		}
	}
	var out []string
	for _, m := range th.Dict.Expand(terms) {
		if m.Service != "" && !slices.Contains(out, m.Service) {
			out = append(out, m.Service)
		}
	}
	return out
}

// TestServicesAgreeWithExpansion checks that finding services run by run,
// remembered, gives what expanding each snippet's terms whole gave, over
// the built-in notes and texts made to split or repeat phrases.
func TestServicesAgreeWithExpansion(t *testing.T) {
	snippets := corpus.Embedded()
	for _, text := range []string{
		"", "nothing known here", "S3 bucket policy and `s3:GetObject` on an Amazon S3 bucket",
		"auto scaling group auto-scaling groups AutoScalingGroup Auto Scaling",
		"Amazon Elastic Compute Cloud x Amazon EC2 Elastic Load Balancing, application load balancer",
		"lambda function lambda function lambda; DynamoDB streams trigger a Lambda function",
		strings.Repeat("amazon simple storage service ", 50),
	} {
		snippets = append(snippets, corpus.Snippet{Text: text})
	}
	// Twice over, so that the second finds every run remembered.
	snippets = append(snippets, snippets...)
	th := testThesaurus(t)
	got, err := servicesOf(snippets, nil)
	if err != nil {
		t.Fatal(err)
	}
	named := 0
	for i, s := range snippets {
		want := expandedServices(th, s.Text)
		if !slices.Equal(got[i], want) || (got[i] == nil) != (want == nil) {
			t.Errorf("snippet %d %q: services %q, expansion gives %q", i, s.Text, got[i], want)
		}
		if len(want) > 0 {
			named++
		}
	}
	if named < len(snippets)/10 {
		t.Errorf("only %d of %d snippets name a service: the test checks too little", named, len(snippets))
	}
}
