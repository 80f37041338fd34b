package analysis_test

import (
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/crib-dev/crib/search/analysis"
)

func TestAnalyzeStems(t *testing.T) {
	want := analysis.Terms("deploy")
	if len(want) != 1 {
		t.Fatalf("Terms(\"deploy\") = %q, want one term", want)
	}
	tests := []struct{ group, word string }{
		{"deploy", "deploying"},
		{"deploy", "deployed"},
		{"deploy", "deploys"},
		{"deploy", "Deploying"},
		// Snowball removes -ment here ("deployment" -> "deploy"), which
		// Porter would not; a question about a deployment finds deploy.
		{"deploy", "deployment"},
		{"deploy", "deployments"},
		{"throttle", "throttling"},
		{"throttle", "throttled"},
		{"credentials", "credential"},
		{"replica", "replicas"},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			base, got := analysis.Terms(tt.group), analysis.Terms(tt.word)
			if !reflect.DeepEqual(got, base) {
				t.Errorf("Terms(%q) = %q, want %q as for %q", tt.word, got, base, tt.group)
			}
		})
	}
}

func TestAnalyzeIdentifiers(t *testing.T) {
	tests := []struct {
		name  string
		in    string // a line of the notes
		ident string // the identifier in it, found whole
		parts string // words of a question that must each find it
	}{
		{"upper snake case", "AWS Health generates an `AWS_RISK_CREDENTIALS_EXPOSED` CloudWatch Event.",
			"AWS_RISK_CREDENTIALS_EXPOSED", "aws risk credentials exposed"},
		{"upper snake case outside code", "AWS_RISK_CREDENTIALS_EXPOSED event",
			"AWS_RISK_CREDENTIALS_EXPOSED", "credentials exposed"},
		{"colon", "`Pending:Wait` lifecycle hook can allow AMI upgrades", "Pending:Wait", "pending wait"},
		{"colon outside code", "hooks Pending:Wait, Pending:Proceed", "Pending:Wait", "wait"},
		{"kebab case", "`s3-bucket-ssl-requests-only` checks whether S3 buckets have policies",
			"s3-bucket-ssl-requests-only", "s3 bucket ssl requests only"},
		{"lower case with colon", "`iam:passrole` passes a role to a service", "iam:passrole", "iam passrole"},
		{"camel case with digits", "`LambdaCanary10Percent10Minutes` (one 10% and one 90% deploy)",
			"LambdaCanary10Percent10Minutes", "lambda canary 10 percent minutes"},
		{"camel case outside code", "use LambdaCanary10Percent10Minutes", "LambdaCanary10Percent10Minutes", "canary minutes"},
		{"camel case of three humps", "`WriteThrottleEvents` are requests to DynamoDB", "WriteThrottleEvents",
			"write throttle events"},
		{"camel case of three humps outside code", "WriteThrottleEvents metric", "WriteThrottleEvents", "throttle"},
		{"digits and capitals in code", "only a generic `4XXError` metric", "4XXError", "4xx error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := analysis.Analyze(tt.in)
			whole := strings.ToLower(tt.ident)
			if !slices.ContainsFunc(toks, func(tk analysis.Token) bool { return tk.Whole && tk.Term == whole }) {
				t.Errorf("no whole term %q in\n%s", whole, dump(toks))
			}
			if got := analysis.Terms(tt.ident); !slices.Contains(got, whole) {
				t.Errorf("a question naming %s gives %q, without %q", tt.ident, got, whole)
			}
			for _, q := range analysis.PhraseTerms(tt.parts) {
				if !slices.ContainsFunc(toks, func(tk analysis.Token) bool { return !tk.Whole && tk.Term == q }) {
					t.Errorf("question term %q (from %q) not among the parts:\n%s", q, tt.parts, dump(toks))
				}
			}
		})
	}
}

func TestAnalyzeAcronyms(t *testing.T) {
	want := []string{"aws", "ecs", "sns", "sqs", "eks"}
	for _, in := range []string{"AWS ECS SNS SQS EKS", "aws ecs sns sqs eks", "Aws Ecs Sns Sqs Eks", "aWS, eCS; SNS (SQS) EKS."} {
		t.Run(in, func(t *testing.T) {
			if got := analysis.Terms(in); !reflect.DeepEqual(got, want) {
				t.Errorf("Terms(%q) = %q, want %q", in, got, want)
			}
		})
	}
}

func TestAnalyzeTokens(t *testing.T) {
	type tok = analysis.Token
	tests := []struct {
		name string
		in   string
		want []analysis.Token
	}{
		{
			name: "stop words dropped, positions kept",
			in:   "the role of the ASG",
			want: []tok{{Term: "role", Pos: 2, Start: 4, End: 8}, {Term: "asg", Pos: 5, Start: 16, End: 19}},
		},
		{
			name: "compound shares its first position with its first part",
			in:   "use Pending:Wait hooks",
			want: []tok{
				{Term: "use", Pos: 1, Start: 0, End: 3},
				{Term: "pending:wait", Pos: 2, Start: 4, End: 16, Whole: true},
				{Term: "pend", Pos: 2, Start: 4, End: 11, Part: true},
				{Term: "wait", Pos: 3, Start: 12, End: 16, Part: true},
				{Term: "hook", Pos: 4, Start: 17, End: 22},
			},
		},
		{
			name: "code span split at humps, offsets inside the backticks",
			in:   "the `AllowTraffic`",
			want: []tok{
				{Term: "allowtraffic", Pos: 2, Start: 5, End: 17, Whole: true},
				{Term: "allow", Pos: 2, Start: 5, End: 10, Part: true},
				{Term: "traffic", Pos: 3, Start: 10, End: 17, Part: true},
			},
		},
		{
			name: "trailing joiners and punctuation are not part of a word",
			in:   "ASG: S3. end-",
			want: []tok{
				{Term: "asg", Pos: 1, Start: 0, End: 3},
				{Term: "s3", Pos: 2, Start: 5, End: 7},
				{Term: "end", Pos: 3, Start: 9, End: 12},
			},
		},
		{
			name: "multi-byte letters keep byte offsets",
			in:   "café über-große",
			want: []tok{
				{Term: "café", Pos: 1, Start: 0, End: 5},
				{Term: "über-große", Pos: 2, Start: 6, End: 18, Whole: true},
				{Term: "über", Pos: 2, Start: 6, End: 11},
				{Term: "große", Pos: 3, Start: 12, End: 18},
			},
		},
		{
			name: "nothing to index",
			in:   " -- the, of `` ",
			want: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := analysis.Analyze(tt.in)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Analyze(%q) differ\n got:\n%s\nwant:\n%s", tt.in, dump(got), dump(tt.want))
			}
		})
	}
}

func TestAnalyzeOffsetsSliceTheWord(t *testing.T) {
	lines := []string{
		"- On detection of an exposed IAM access key, AWS Health generates an `AWS_RISK_CREDENTIALS_EXPOSED` CloudWatch Event.",
		"\t\t\t- Lambda: `LambdaLinear10PercentEvery10Minutes` (10% of traffic shifted at a time), `LambdaCanary10Percent10Minutes`",
		"- By using a launch role via **launch constraint**, you can instead limit the end users\u2019 permissions",
		"-  `s3-bucket-ssl-requests-only`  checks whether S3 buckets have policies that require requests to use SSL",
		"- CFN custom resources ->  pre-signed URLs; Fn::ImportValue, 4XXError, Route53",
	}
	for i, in := range lines {
		t.Run(fmt.Sprintf("line %d", i+1), func(t *testing.T) {
			for _, tk := range analysis.Analyze(in) {
				word := in[tk.Start:tk.End]
				if tk.Whole {
					if strings.ToLower(word) != strings.TrimPrefix(tk.Term, analysis.CodeMark) {
						t.Errorf("whole %q slices %q", tk.Term, word)
					}
					continue
				}
				var got []string
				for _, g := range analysis.Analyze(word) {
					if !g.Whole {
						got = append(got, g.Term)
					}
				}
				if len(got) != 1 || got[0] != tk.Term {
					t.Errorf("part %q slices %q, which analyses as %q", tk.Term, word, got)
				}
			}
		})
	}
}

func TestIsStopWord(t *testing.T) {
	for w, want := range map[string]bool{"the": true, "of": true, "a": true, "aws": false, "not": false, "all": false, "once": false, "whats": true, "what": true, "vs": true} {
		if got := analysis.IsStopWord(w); got != want {
			t.Errorf("IsStopWord(%q) = %v, want %v", w, got, want)
		}
	}
}

func dump(toks []analysis.Token) string {
	var b strings.Builder
	for _, t := range toks {
		fmt.Fprintf(&b, "\t%+v\n", t)
	}
	return b.String()
}

func TestSubjectWeight(t *testing.T) {
	for term, want := range map[string]float64{"lambda": 1, "happen": 0.68, "way": 0.72, "zzzz": 1, "": 1, "aaa": 1} {
		if got := analysis.SubjectWeight(term); got != want {
			t.Errorf("SubjectWeight(%q) = %v, want %v", term, got, want)
		}
	}
}

func TestDomainFrequency(t *testing.T) {
	for term, want := range map[string]bool{"lambda": true, "bucket": true, "sourdough": false, "zzzz": false, "": false} {
		if got := analysis.DomainFrequency(term) > 0; got != want {
			t.Errorf("DomainFrequency(%q) > 0 = %v, want %v", term, got, want)
		}
	}
	if f, g := analysis.DomainFrequency("lambda"), analysis.DomainFrequency("guitar"); f <= g {
		t.Errorf("AWS writing uses lambda %v and guitar %v times per million words, want lambda more", f, g)
	}
}

// Specificity tells the terms of AWS writing from everyday words, both
// spoken and written: a question in everyday words names none of them.
func TestSpecificity(t *testing.T) {
	for _, w := range []string{"bucket", "lambda", "deployments"} {
		if s := analysis.Specificity(analysis.Terms(w)[0]); s < 1.3 {
			t.Errorf("Specificity(%q) = %.2f, want at least 1.3: AWS writing uses it far more than speech", w, s)
		}
	}
	for _, w := range []string{"tea", "sky", "back", "change", "guitar"} {
		if s := analysis.Specificity(analysis.Terms(w)[0]); s >= 1.3 {
			t.Errorf("Specificity(%q) = %.2f, want under 1.3: an everyday word", w, s)
		}
	}
}

// The tables hold analysed terms: when the analyzer changes how it
// stems, they must be derived again (make common).
func TestTablesMatchAnalyzer(t *testing.T) {
	for _, name := range []string{"data/common.txt", "data/domain.txt", "data/specific.txt"} {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		want := fmt.Sprintf("# analyzer version %d\n", analysis.Version)
		if !strings.Contains(string(data), want) {
			t.Errorf("%s was derived for another analyzer version, want %q: run make common", name, strings.TrimSpace(want))
		}
	}
}

// TestBritishMeetsAmerican: British spellings and American ones analyse to
// the same term, whole words (behaviour, licence) and -ise endings alike,
// while words that merely look alike keep apart.
func TestBritishMeetsAmerican(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"behaviour", "behavior", true},
		{"licence", "license", true},
		{"data centre", "data center", true},
		{"Service Catalogue", "Service Catalog", true},
		{"analysed logs", "analyzed logs", true},
		{"utilisation", "utilization", true},
		{"optimising", "optimizing", true},
		{"centre", "centers", true},
		{"grey", "gray", true},
		{"licence", "lichen", false},
		{"enterprise", "enterprize", true}, // -ise changed on both sides: a word still meets itself
		{"colour", "column", false},
	} {
		if got := termsOf(tc.a) == termsOf(tc.b); got != tc.same {
			t.Errorf("%q and %q: same terms %v, want %v (%q, %q)", tc.a, tc.b, got, tc.same, termsOf(tc.a), termsOf(tc.b))
		}
	}
}

func termsOf(s string) string {
	var out []string
	for _, tok := range analysis.Analyze(s) {
		out = append(out, tok.Term)
	}
	return strings.Join(out, " ")
}

// A contraction typed without its apostrophe stands for its words; those
// of stop words only are padding, those with a negation are not.
func TestUncontract(t *testing.T) {
	for w, want := range map[string]string{"arent": "are not", "doesnt": "does not", "cant": "cannot", "im": "i am", "youre": "you are"} {
		if got, ok := analysis.Uncontract(w); !ok || got != want {
			t.Errorf("Uncontract(%q) = %q, %v, want %q", w, got, ok, want)
		}
	}
	for _, w := range []string{"agent", "id", "ill", "well", "were"} {
		if got, ok := analysis.Uncontract(w); ok {
			t.Errorf("Uncontract(%q) = %q, want no contraction", w, got)
		}
	}
	for w, want := range map[string]bool{"not": true, "doesnt": true, "doesn": true, "cant": true, "wont": true, "won": true, "aint": true, "mustnt": true, "im": false, "whats": false, "can": false, "knot": false} {
		if got := analysis.IsNegation(w); got != want {
			t.Errorf("IsNegation(%q) = %v, want %v", w, got, want)
		}
	}
	for w, want := range map[string]bool{"im": true, "youre": true, "whats": true, "hey": true, "guys": true, "thanks": true, "doesnt": false, "cant": false, "agent": false, "secrets": false} {
		if got := analysis.IsPadding(w); got != want {
			t.Errorf("IsPadding(%q) = %v, want %v", w, got, want)
		}
	}
}
