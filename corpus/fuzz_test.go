package corpus_test

import (
	"strings"
	"testing"

	"github.com/crib-dev/crib/corpus"
)

// markdownSeeds are fragments of the user's DOP-C02 notes, kept as written
// (tabs mixed with spaces, backticks, odd nesting), and the awkward cases
// the parser must survive.
var markdownSeeds = []string{
	"\n# DevOps Engineer Professional (C02)\n\n## Comments per Service\n\n### CodeStar\n\n#### CodeCommit\n\n" +
		"- CodeCommit requires CloudWatch Events rule to trigger CodePipeline\n" +
		"- AWS provides several managed policies:\n" +
		"\t- `AWSCodeCommitFullAccess` , `AWSCodeCommitPowerUser` , `AWSCodeCommitReadOnly`\n",
	"- Notifies via CloudWatch Events\n\t- Lambda[]()\n\t- SNS\n\t- Kinesis streams\n\t- SQS\n" +
		"\t- Built-in targets (CloudWatch Alarms actions)\n",
	"#### ASG\n\n  - ASG lifecycle states:\n    - `Pending` (hooks `Pending:Wait`, `Pending:Proceed`)\n" +
		"    - `InService`\n- `Pending:Wait` lifecycle hook can allow AMI upgrades before bringing them into service\n",
	"- Implement deployment strategies for instance, container, and serverless environments\n" +
		"\t- Lambda\n\t\t- canary deployments via alias weights\n\t\t- use CodeDeploy default deploy options:\n" +
		"\t\t\t- Lambda: `LambdaLinear10PercentEvery10Minutes` (10% of traffic shifted at a time), " +
		"`LambdaCanary10Percent10Minutes` (one 10% and one 90% deploy)\n" +
		"\t\t\t- EC2: `AllAtOnce`, `OneAtATime`, `HalfAtATime`\n" +
		"\t  - ALB + EC2 + Route53 alias record swaps\n\t  - OpsWorks Stack cloning + Route53 alias swaps\n" +
		"\t\t  - OpsWorks lifecycle stages\n",
	"  - EKS networking:\n\t- VPC CNI plugin\n\t- Load Balancer Controller\n- Hybrid environment patching\n",
	"- By using a launch role via **launch constraint**, you can instead limit the end users\u2019 permissions\n",
	"# Head\r\n\r\n- one\r\n\t- two\r\n\r\npara\r\n",
	"# Head\r\r- one\r- two\r\rpara",
	"\uFEFF# Title\n- a\u00A0b\n\u00A0\u00A0- child\n",
	"## Deploy\n- Run this:\n\n```bash\n# not a heading\n- not an item\naws deploy push\n```\nafter\n",
	"- item\n  ~~~\n  code\n  ~~~\n  more\n```\nunclosed",
	"| Service | Use |\n|---------|:---:|\n| SNS | push |\n| SQS | queue |\n\n- item\n|---|\n| a | b |\n",
	"Title\n=====\n\nSection\n---\n- a\n***\n> quote\n>   - nested\n>> deeper\n1. one\n2) two\n   10. ten\n-\n  lazy\n",
	"## Closing ##\n# C#\n#######\n#no-space\n- \n-\n",
	"- " + strings.Repeat("word ", 500) + "\n  " + strings.Repeat("more ", 100) + "\n  tail\n",
	strings.Repeat("\x80", 2100),
	strings.Repeat("日", 700) + "\n",
}

// FuzzParseMarkdown checks that any input parses without a panic into
// snippets that are non-empty, no longer than MaxSnippetBytes, on a line
// of the input, and on one line unless they come from a code fence. It
// holds ParseText to the same rules.
func FuzzParseMarkdown(f *testing.F) {
	for _, s := range markdownSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := countLines(data)
		hasFence := strings.Contains(string(data), "```") || strings.Contains(string(data), "~~~")
		for _, parse := range []func(string, []byte) []corpus.Snippet{corpus.ParseMarkdown, corpus.ParseText} {
			for _, s := range parse("f.md", data) {
				checkSnippet(t, s, lines, hasFence)
			}
		}
	})
}

func checkSnippet(t *testing.T, s corpus.Snippet, lines int, hasFence bool) {
	t.Helper()
	if strings.TrimSpace(s.Text) == "" {
		t.Errorf("line %d: empty snippet %q", s.Line, s.Text)
	}
	if s.Line < 1 || s.Line > lines {
		t.Errorf("snippet %q on line %d, want 1..%d", s.Text, s.Line, lines)
	}
	if len(s.Text) > corpus.MaxSnippetBytes {
		t.Errorf("line %d: snippet of %d bytes, want at most %d", s.Line, len(s.Text), corpus.MaxSnippetBytes)
	}
	if !hasFence && strings.ContainsAny(s.Text, "\r\n") {
		t.Errorf("line %d: snippet %q spans lines outside a code fence", s.Line, s.Text)
	}
	if s.Source != "f.md" {
		t.Errorf("line %d: Source = %q", s.Line, s.Source)
	}
	if len(s.Context) > corpus.MaxContextItems+1 { // a table header may follow the items
		t.Errorf("line %d: %d context entries, want at most %d", s.Line, len(s.Context), corpus.MaxContextItems+1)
	}
	for _, h := range append(append([]string(nil), s.Heading...), s.Context...) {
		if strings.TrimSpace(h) == "" {
			t.Errorf("line %d: empty heading or context in %q / %q", s.Line, s.Heading, s.Context)
		}
	}
}

// countLines counts lines the way editors do: \r\n, \r and \n each end one.
func countLines(data []byte) int {
	s := strings.ReplaceAll(string(data), "\r\n", "\n")
	return strings.Count(strings.ReplaceAll(s, "\r", "\n"), "\n") + 1
}
