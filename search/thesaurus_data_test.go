package search

import (
	"strings"
	"testing"

	"github.com/crib-dev/crib/corpus"
)

// TestThesaurusLines: each line of the built-in thesaurus below lets a
// question in everyday words find the note that uses the domain's word
// first, over notes sharing the question's other words.
func TestThesaurusLines(t *testing.T) {
	for _, tc := range []struct {
		name, notes, question, want string
	}{
		{
			// A pipeline, said plainly, is CodePipeline: notes name the
			// service (one term, "codepipelin") and never say "pipeline"
			// on its own.
			name: "pipeline means CodePipeline",
			notes: "- CodeBuild needs a buildspec file\n" +
				"- Lambda needs an execution role\n" +
				"- CodePipeline needs a CloudWatch Events rule to notice a new commit in the repository\n",
			question: "what does a pipeline need",
			want:     "CodePipeline",
		},
		{
			// "Dynamo" is what people call DynamoDB (trial 6: "dynamo ttl"
			// found API Gateway's cache TTL and said nothing of "dynamo").
			name: "dynamo is DynamoDB",
			notes: "- API Gateway caching is configured per stage with a TTL\n" +
				"- DynamoDB Time to Live (TTL) deletes expired items\n",
			question: "dynamo ttl",
			want:     "DynamoDB Time to Live",
		},
		{
			// A data centre going down is an Availability Zone outage:
			// notes say "AZ".
			name: "data centre down is an AZ outage",
			notes: "- AZ outages => RDS Multi-AZ deployment\n" +
				"- Regional outages => RDS cross-region read replica\n" +
				"- Caching goes in front of the database with ElastiCache\n",
			question: "keep the database up when a data center goes down",
			want:     "AZ outages",
		},
		{
			// A scheduled rule is a CloudWatch Events (EventBridge) rule:
			// notes name the service, not the word "scheduled".
			name: "scheduled rule is CloudWatch Events",
			notes: "- CloudWatch Events can invoke a Step Functions state machine as a target\n" +
				"- a Config rule can invoke a state machine through SSM Automation\n" +
				"- Systems Manager Maintenance Windows run tasks on instances\n",
			question: "can a scheduled rule invoke a state machine",
			want:     "CloudWatch Events",
		},
		{
			// A container task is an ECS task: notes say "ECS tasks".
			name: "container task is an ECS task",
			notes: "- ECS tasks get AWS credentials from the task role\n" +
				"- a container image gets its credentials for a private registry from Secrets Manager\n" +
				"- Lambda functions get credentials from the execution role\n",
			question: "where does a container task get credentials",
			want:     "ECS tasks",
		},
		{
			// The WordNet layer keeps a word's three most frequent
			// meanings that make a tenth of its uses (make wordnet): an
			// "assistant" is a "helper".
			name: "WordNet third sense",
			notes: "- a bootstrap script installs packages\n" +
				"- a cleanup script deletes old logs\n" +
				"- a helper script on the instance reports the result back to the stack\n",
			question: "what does the assistant script do",
			want:     "helper",
		},
		{
			// To wire or plug something into a tool is to integrate.
			name: "wire into is integrate",
			notes: "- Security Hub findings are kept for 90 days\n" +
				"- Security Hub standards include the CIS benchmarks\n" +
				"- Security Hub integrates with EventBridge for custom actions\n",
			question: "how do I plug into security hub",
			want:     "integrates",
		},
		{
			// "repo" is short for "repository".
			name: "repo is repository",
			notes: "- each team can have its own approval rule template\n" +
				"- each repo can have its own approval rule template\n",
			question: "approval rule template for each repository",
			want:     "repo",
		},
		{
			// One's own, in-house or homegrown is what notes call custom.
			name: "own is custom",
			notes: "- Config rules can be managed rules that AWS maintains\n" +
				"- Config rules can be custom rules backed by Lambda\n",
			question: "config rules of my own",
			want:     "custom",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := testEngine(t, corpus.ParseMarkdown("n.md", []byte("# Notes\n\n"+tc.notes)))
			ans, err := e.Search(tc.question, Options{Limit: 3})
			if err != nil {
				t.Fatal(err)
			}
			if len(ans.Results) == 0 || !strings.Contains(ans.Results[0].Snippet.Text, tc.want) {
				var got []string
				for _, r := range ans.Results {
					got = append(got, r.Snippet.Text)
				}
				t.Fatalf("first results %q, want the line saying %q first", got, tc.want)
			}
		})
	}
}
