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

// firstIs fails t unless the first result of question over notes holds want.
func firstIs(t *testing.T, notes, question, want string) {
	t.Helper()
	e := testEngine(t, corpus.ParseMarkdown("n.md", []byte(notes)))
	ans, err := e.Search(question, Options{Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Results) == 0 || !strings.Contains(ans.Results[0].Snippet.Text, want) {
		var got []string
		for _, r := range ans.Results {
			got = append(got, r.Snippet.Text)
		}
		t.Fatalf("first results %q, want the line saying %q first", got, want)
	}
}

// A scheduled rule is a CloudWatch Events (EventBridge) rule: notes name
// the service, not the word "scheduled".
func TestScheduledRuleIsCloudWatchEvents(t *testing.T) {
	notes := "# Automation\n\n" +
		"- CloudWatch Events can invoke a Step Functions state machine as a target\n" +
		"- a Config rule can invoke a state machine through SSM Automation\n" +
		"- Systems Manager Maintenance Windows run tasks on instances\n"
	firstIs(t, notes, "can a scheduled rule invoke a state machine", "CloudWatch Events")
}

// A container task is an ECS task: notes say "ECS tasks", not "container".
func TestContainerTaskIsECSTask(t *testing.T) {
	notes := "# Containers\n\n" +
		"- ECS tasks get AWS credentials from the task role\n" +
		"- a container image gets its credentials for a private registry from Secrets Manager\n" +
		"- Lambda functions get credentials from the execution role\n"
	firstIs(t, notes, "where does a container task get credentials", "ECS tasks")
}

// The WordNet layer keeps a word's three most frequent meanings that make
// a tenth of its uses (make wordnet): an "assistant" is a "helper".
func TestWordNetThirdSense(t *testing.T) {
	notes := "# Scripts\n\n" +
		"- a bootstrap script installs packages\n" +
		"- a cleanup script deletes old logs\n" +
		"- a helper script on the instance reports the result back to the stack\n"
	firstIs(t, notes, "what does the assistant script do", "helper")
}

// To wire or plug something into a tool is to integrate with it.
func TestWireIntoIsIntegrate(t *testing.T) {
	notes := "# Security Hub\n\n" +
		"- Security Hub findings are kept for 90 days\n" +
		"- Security Hub standards include the CIS benchmarks\n" +
		"- Security Hub integrates with EventBridge for custom actions\n"
	firstIs(t, notes, "how do I plug into security hub", "integrates")
}

// "repo" is short for "repository".
func TestRepoIsRepository(t *testing.T) {
	notes := "# Source\n\n" +
		"- each team can have its own approval rule template\n" +
		"- each repo can have its own approval rule template\n"
	firstIs(t, notes, "approval rule template for each repository", "repo")
}

// One's own, in-house or homegrown is what the notes call custom.
func TestOwnIsCustom(t *testing.T) {
	notes := "# Config\n\n" +
		"- Config rules can be managed rules that AWS maintains\n" +
		"- Config rules can be custom rules backed by Lambda\n"
	firstIs(t, notes, "config rules of my own", "custom")
}
