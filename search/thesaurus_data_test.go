package search

import (
	"strings"
	"testing"

	"github.com/crib-dev/crib/corpus"
)

// A pipeline, said plainly, is CodePipeline: notes name the service
// (one term, "codepipelin") and never say "pipeline" on its own.
func TestPipelineMeansCodePipeline(t *testing.T) {
	notes := "# CI/CD\n\n" +
		"- CodeBuild needs a buildspec file\n" +
		"- Lambda needs an execution role\n" +
		"- CodePipeline needs a CloudWatch Events rule to notice a new commit in the repository\n"
	e := testEngine(t, corpus.ParseMarkdown("cicd.md", []byte(notes)))
	ans, err := e.Search("what does a pipeline need", Options{Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Results) == 0 || !strings.Contains(ans.Results[0].Snippet.Text, "CodePipeline") {
		var got []string
		for _, r := range ans.Results {
			got = append(got, r.Snippet.Text)
		}
		t.Fatalf("first results %q, want the CodePipeline line first", got)
	}
}

// A data centre going down is an Availability Zone outage: notes say "AZ".
func TestDataCentreDownIsAZOutage(t *testing.T) {
	notes := "# Resilience\n\n" +
		"- AZ outages => RDS Multi-AZ deployment\n" +
		"- Regional outages => RDS cross-region read replica\n" +
		"- Caching goes in front of the database with ElastiCache\n"
	e := testEngine(t, corpus.ParseMarkdown("dr.md", []byte(notes)))
	ans, err := e.Search("keep the database up when a data center goes down", Options{Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Results) == 0 || !strings.Contains(ans.Results[0].Snippet.Text, "AZ outages") {
		var got []string
		for _, r := range ans.Results {
			got = append(got, r.Snippet.Text)
		}
		t.Fatalf("first results %q, want the AZ outage line first", got)
	}
}
