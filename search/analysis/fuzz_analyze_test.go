package analysis_test

import (
	"testing"

	"github.com/crib-dev/crib/search/analysis"
)

// analyzeSeeds are lines of the user's DOP-C02 notes, as written, and
// questions a student would type.
var analyzeSeeds = []string{
	"- On detection of an exposed IAM access key, AWS Health generates an `AWS_RISK_CREDENTIALS_EXPOSED` CloudWatch Event.",
	"    - `Pending` (hooks `Pending:Wait`, `Pending:Proceed`)",
	"-  `s3-bucket-ssl-requests-only`  checks whether S3 buckets have policies that require requests to use SSL",
	"- `iam:passrole` passes a role to a service. E.g. a developer role to CloudFormation",
	"\t\t\t- Lambda: `LambdaLinear10PercentEvery10Minutes` (10% of traffic shifted at a time), `LambdaCanary10Percent10Minutes` (one 10% and one 90% deploy)",
	"- `WriteThrottleEvents` are requests to DynamoDB that exceed the provisioned write capacity units",
	"- API Gateway does not have specific metrics for individual http error codes like 403, only a generic `4XXError` metric",
	"- By using a launch role via **launch constraint**, you can instead limit the end users\u2019 permissions",
	"\t- CloudFormation cross-stack references use exports + Fn::ImportValue",
	"\t\t- AZ outages => RDS multi-AZ deployment",
	"| Service | Use |\r\n|---|:---:|\r\n| SNS | push |",
	"```bash\naws deploy push --s3-location s3://bucket/key.zip\n```",
	"how do I roll back a failed CodeDeploy deployment?",
	"café über-große DDoS ACode a.b..c x--y `unclosed",
	"\x80\xff`\xc3",
}

// FuzzAnalyze checks that any text analyses without a panic into non-empty
// terms whose offsets lie inside the text and whose positions never go
// back.
func FuzzAnalyze(f *testing.F) {
	for _, s := range analyzeSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		toks := analysis.Analyze(text)
		prev := 0
		for i, tk := range toks {
			if tk.Term == "" {
				t.Errorf("token %d: empty term %+v", i, tk)
			}
			if tk.Start < 0 || tk.Start > tk.End || tk.End > len(text) {
				t.Fatalf("token %d: offsets %d..%d outside 0..%d: %+v", i, tk.Start, tk.End, len(text), tk)
			}
			if tk.Start == tk.End {
				t.Errorf("token %d: empty slice for %+v", i, tk)
			}
			if tk.Pos < 1 || tk.Pos < prev {
				t.Errorf("token %d: position %d after %d", i, tk.Pos, prev)
			}
			prev = tk.Pos
		}
		analysis.PhraseTerms(text)
	})
}
