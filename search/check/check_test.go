package check

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search"
)

func TestParseQuestion(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		stem   string
		opts   []string // "letter text"
		choose int
	}{
		{"capital dot", "Which service?\nA. SNS\nB. SQS\nC. SES", "Which service?", []string{"A SNS", "B SQS", "C SES"}, 1},
		{"capital paren", "Which service?\nA) SNS\nB) SQS", "Which service?", []string{"A SNS", "B SQS"}, 1},
		{"parenthesised", "Which service?\n(A) SNS\n(B) SQS", "Which service?", []string{"A SNS", "B SQS"}, 1},
		{"small letters", "Which service?\na. SNS\nb. SQS", "Which service?", []string{"a SNS", "b SQS"}, 1},
		{"small letters paren", "Which service?\n(a) SNS\n(b) SQS", "Which service?", []string{"a SNS", "b SQS"}, 1},
		{"bullets lettered in order", "Which service?\n- SNS\n- SQS\n- SES", "Which service?", []string{"A SNS", "B SQS", "C SES"}, 1},
		{"star bullets", "Which service?\n* SNS\n* SQS", "Which service?", []string{"A SNS", "B SQS"}, 1},
		{"numbered dot", "Which service?\n1. SNS\n2. SQS", "Which service?", []string{"1 SNS", "2 SQS"}, 1},
		{"numbered paren", "Which service?\n1) SNS\n2) SQS", "Which service?", []string{"1 SNS", "2 SQS"}, 1},
		{"indented options", "Which service?\n   A. SNS\n   B. SQS", "Which service?", []string{"A SNS", "B SQS"}, 1},
		{"blank lines between options", "Which service?\n\nA. SNS\n\nB. SQS\n\n", "Which service?", []string{"A SNS", "B SQS"}, 1},
		{"crlf", "Which service?\r\nA. SNS\r\nB. SQS\r\n", "Which service?", []string{"A SNS", "B SQS"}, 1},
		{"wrapped option continues", "Which?\nA. Use a lifecycle\nhook on the group\nB. Use a warm pool", "Which?", []string{"A Use a lifecycle hook on the group", "B Use a warm pool"}, 1},
		{"wrapped last option continues", "Which?\nA. SNS\nB. Use a lifecycle\nhook\n\nAnswer below", "Which?", []string{"A SNS", "B Use a lifecycle hook"}, 1},
		{"stem with bullet list", "Requirements:\n- low cost\n- no downtime\nWhich strategy meets them?\n- Rolling\n- Blue/green",
			"Requirements: - low cost - no downtime Which strategy meets them?", []string{"A Rolling", "B Blue/green"}, 1},
		{"stem with numbered list", "The team must:\n1. deploy fast\n2. roll back\nWhich strategy?\nA. All at once\nB. Immutable",
			"The team must: 1. deploy fast 2. roll back Which strategy?", []string{"A All at once", "B Immutable"}, 1},
		{"stem with its own lettered list", "Steps:\nA. build\nB. test\nWhich tool runs them?\nA. CodeBuild\nB. CodeDeploy",
			"Steps: A. build B. test Which tool runs them?", []string{"A CodeBuild", "B CodeDeploy"}, 1},
		{"choose two", "Which two services? (Choose two.)\nA. SNS\nB. SQS\nC. SES", "Which two services?", []string{"A SNS", "B SQS", "C SES"}, 2},
		{"choose 2", "Which services? Choose 2\nA. SNS\nB. SQS", "Which services?", []string{"A SNS", "B SQS"}, 2},
		{"select three", "Which services? (Select THREE)\nA. SNS\nB. SQS\nC. SES", "Which services?", []string{"A SNS", "B SQS", "C SES"}, 3},
		{"inline options", "Which service sends email? A. SNS B. SQS C. SES", "Which service sends email?", []string{"A SNS", "B SQS", "C SES"}, 1},
		{"inline parenthesised", "Which one? (A) SNS (B) SQS", "Which one?", []string{"A SNS", "B SQS"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := ParseQuestion(tt.text)
			if err != nil {
				t.Fatalf("ParseQuestion: %v", err)
			}
			var got []string
			for _, o := range q.Options {
				got = append(got, o.Letter+" "+o.Text)
			}
			if q.Stem != tt.stem || strings.Join(got, "|") != strings.Join(tt.opts, "|") || q.Choose != tt.choose {
				t.Errorf("got stem %q options %q choose %d\nwant stem %q options %q choose %d", q.Stem, got, q.Choose, tt.stem, tt.opts, tt.choose)
			}
		})
	}
}

func TestParseQuestionWithoutOptions(t *testing.T) {
	for _, text := range []string{"", "how do I roll back a deployment", "Which service?\nA. only one option", "e.g. something\ni.e. else"} {
		if _, err := ParseQuestion(text); !errors.Is(err, ErrNoOptions) {
			t.Errorf("ParseQuestion(%q) = %v, want ErrNoOptions", text, err)
		}
	}
}

func TestOptionLineAndChoose(t *testing.T) {
	for line, want := range map[string]bool{"A. SNS": true, "(b) SQS": true, "3) SES": true, "- SNS": true, "SNS": false, "A.SNS": false, "e.g. SNS": false} {
		if got := IsOptionLine(line); got != want {
			t.Errorf("IsOptionLine(%q) = %v, want %v", line, got, want)
		}
	}
	for text, want := range map[string]bool{"(Choose two.)": true, "Select THREE": true, "choose 2": true, "choose wisely": false} {
		if got := AsksToChoose(text); got != want {
			t.Errorf("AsksToChoose(%q) = %v, want %v", text, got, want)
		}
	}
}

func FuzzParseQuestion(f *testing.F) {
	f.Add("Which?\nA. x\nB. y")
	f.Add("Which? (Choose two.) A. x B. y C. z")
	f.Add("- a\n- b\nq?\n1) x\n2) y\n  more")
	f.Fuzz(func(t *testing.T, text string) {
		q, err := ParseQuestion(text)
		if err != nil {
			return
		}
		if len(q.Options) < 2 || q.Choose < 1 {
			t.Errorf("ParseQuestion(%q) = %+v", text, q)
		}
	})
}

// checkNotes is a tiny corpus where each option of the questions below
// has one note that speaks for it.
var checkNotes = []string{
	"Elastic Beanstalk all at once deployment is the fastest but causes downtime.",
	"Elastic Beanstalk immutable deployments launch a new Auto Scaling group for fast rollback.",
	"Rolling with additional batch keeps full capacity during the deployment.",
	"Swap environment URLs for blue/green deployments in Elastic Beanstalk.",
	"An ASG lifecycle hook holds new instances in Pending:Wait until bootstrapping ends.",
	"A warm pool keeps pre-initialised instances ready to cut scale-out time.",
	"CloudWatch Logs subscription filters stream log events to Kinesis, Lambda or OpenSearch.",
	"S3 lifecycle rules move objects to Glacier.",
}

func checkEngine(t testing.TB) *search.Engine {
	t.Helper()
	var sn []corpus.Snippet
	for i, text := range checkNotes {
		sn = append(sn, corpus.Snippet{Text: text, Heading: []string{"Notes"}, Source: "notes.md", Line: i + 1})
	}
	th, err := search.NewThesaurus()
	if err != nil {
		t.Fatal(err)
	}
	e, err := search.Build(sn, th)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

func TestCheckRanksOptions(t *testing.T) {
	ck := New(checkEngine(t))
	tests := []struct {
		name     string
		question string
		first    string // the option that must rank first
		line     int    // the note that must support it
	}{
		{"fastest deployment", "Which Elastic Beanstalk deployment is the fastest?\nA. Rolling with additional batch\nB. Immutable\nC. All at once", "C", 1},
		{"swap urls", "Swap environment URLs helps which deployments?\nA. Rolling deployments\nB. Blue/green deployments\nC. Immutable deployments", "B", 4},
		{"bootstrapping", "How do you keep new ASG instances out of service until bootstrapping ends?\nA. Use a warm pool\nB. Use a lifecycle hook\nC. Use S3 lifecycle rules", "B", 5},
		{"log destinations", "Where can CloudWatch Logs subscription filters send logs? (Choose two.)\nA. Lambda\nB. Glacier\nC. OpenSearch\nD. DynamoDB", "A", 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := ParseQuestion(tt.question)
			if err != nil {
				t.Fatal(err)
			}
			res, err := ck.Check(q)
			if err != nil {
				t.Fatal(err)
			}
			top := res.Options[0]
			if top.Letter != tt.first || len(top.Support) == 0 || top.Support[0].Snippet.Line != tt.line {
				t.Errorf("ranked:\n%s", describe(res))
			}
		})
	}
}

func TestCheckSaysNothingWithoutEvidence(t *testing.T) {
	ck := New(checkEngine(t))
	q := &Question{Stem: "Which database?", Options: []Option{{"A", "Aurora"}, {"B", "Neptune"}}, Choose: 1}
	res, err := ck.Check(q)
	if err != nil {
		t.Fatal(err)
	}
	if res.Found() {
		t.Errorf("found evidence for options the notes never name:\n%s", describe(res))
	}
}

func TestCheckIgnoresWordsAllOptionsShare(t *testing.T) {
	ck := New(checkEngine(t))
	q := &Question{Stem: "Which is fastest?", Options: []Option{{"A", "Beanstalk deployment Neptune"}, {"B", "Beanstalk deployment Aurora"}}, Choose: 1}
	res, err := ck.Check(q)
	if err != nil {
		t.Fatal(err)
	}
	if res.Found() {
		t.Errorf("words every option shares counted as evidence:\n%s", describe(res))
	}
}

func describe(res *Result) string {
	var b strings.Builder
	for _, o := range res.Options {
		fmt.Fprintf(&b, "%s %.3f %s\n", o.Letter, o.Score, o.Text)
		for _, s := range o.Support {
			fmt.Fprintf(&b, "    %.3f %d %s\n", s.Score, s.Snippet.Line, s.Snippet.Text)
		}
	}
	return b.String()
}

func BenchmarkCheck(b *testing.B) {
	e := checkEngine(b)
	ck := New(e)
	q, _ := ParseQuestion("Which Elastic Beanstalk deployment is the fastest?\nA. Rolling with additional batch\nB. Immutable\nC. All at once")
	for b.Loop() {
		if _, err := ck.Check(q); err != nil {
			b.Fatal(err)
		}
	}
}

func TestTooManyOptions(t *testing.T) {
	var b strings.Builder
	b.WriteString("Which?\n")
	for range MaxOptions + 1 {
		b.WriteString("- an option\n")
	}
	if _, err := ParseQuestion(b.String()); !errors.Is(err, ErrTooManyOptions) {
		t.Errorf("ParseQuestion with %d options = %v, want ErrTooManyOptions", MaxOptions+1, err)
	}
	q := &Question{Stem: "Which?", Choose: 1}
	for range MaxOptions + 1 {
		q.Options = append(q.Options, Option{"A", "x"})
	}
	if _, err := New(checkEngine(t)).Check(q); !errors.Is(err, ErrTooManyOptions) {
		t.Errorf("Check with %d options = %v, want ErrTooManyOptions", MaxOptions+1, err)
	}
}

// parseShapes are inputs whose parse was once quadratic in their lines
// (16,000 option lines took 37 s); BenchmarkParseQuestion measures them
// at two sizes, and TestParseQuestionLargeInputs checks what they parse to.
var parseShapes = map[string]func(n int) string{
	"bullets":       func(n int) string { return "Which?\n" + strings.Repeat("- an option\n", n) },
	"wrapped lines": func(n int) string { return "Which?\nA. x\n" + strings.Repeat("more of it\n", n) + "B. y\n" },
	"inline":        func(n int) string { return "Which? " + strings.Repeat("A. x ", n) + "B. y" },
}

func TestParseQuestionLargeInputs(t *testing.T) {
	for name, shape := range parseShapes {
		q, err := ParseQuestion(shape(16000))
		if err != nil {
			if !strings.Contains(err.Error(), fmt.Sprintf("at most %d", MaxOptions)) {
				t.Errorf("%s: %v", name, err)
			}
			continue
		}
		if len(q.Options) < 2 {
			t.Errorf("%s: %d options", name, len(q.Options))
		}
		if _, err := New(checkEngine(t)).Check(q); len(q.Options) > MaxOptions && err == nil {
			t.Errorf("%s: %d options checked without an error", name, len(q.Options))
		}
	}
}

// BenchmarkParseQuestion: time per parse should grow four times from
// 4,000 to 16,000 lines, not sixteen.
func BenchmarkParseQuestion(b *testing.B) {
	for name, shape := range parseShapes {
		for _, n := range []int{4000, 16000} {
			text := shape(n)
			b.Run(fmt.Sprintf("%s/%d", name, n), func(b *testing.B) {
				for b.Loop() {
					ParseQuestion(text)
				}
			})
		}
	}
}

// An option of 320 KB is checked (its words are bounded before the
// search); BenchmarkCheckLongOption measures how long it takes.
func TestCheckLongOptionIsBounded(t *testing.T) {
	ck := New(checkEngine(t))
	if _, err := ck.Check(longOptionQuestion()); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkCheckLongOption(b *testing.B) {
	ck := New(checkEngine(b))
	q := longOptionQuestion()
	for b.Loop() {
		if _, err := ck.Check(q); err != nil {
			b.Fatal(err)
		}
	}
}

func longOptionQuestion() *Question {
	long := strings.Repeat("Elastic Beanstalk immutable deployment rollback lifecycle hook ", 5000)
	return &Question{Stem: "Which?", Options: []Option{{"A", long}, {"B", "warm pool"}}, Choose: 1}
}

// A note that shares only exam boilerplate with an option ("Amazon") is
// no evidence for it.
func TestCheckBoilerplateIsNoEvidence(t *testing.T) {
	th, err := search.NewThesaurus()
	if err != nil {
		t.Fatal(err)
	}
	e, err := search.Build([]corpus.Snippet{
		{Text: "Amazon ECR private repositories hold container images.", Source: "notes.md", Line: 1},
		{Text: "Use AWS CodeArtifact for packages.", Source: "notes.md", Line: 2},
	}, th)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	q := &Question{Stem: "Which service turns text into speech?", Options: []Option{{"A", "Amazon Polly"}, {"B", "Use AWS Transcribe"}}, Choose: 1}
	res, err := New(e).Check(q)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range res.Options {
		if len(o.Support) > 0 {
			t.Errorf("%s %q supported by %q", o.Letter, o.Text, o.Support[0].Snippet.Text)
		}
	}
}
