package check

import (
	"strings"
	"testing"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search"
)

func engineOf(t *testing.T, notes ...string) *Checker {
	t.Helper()
	var sn []corpus.Snippet
	for i, text := range notes {
		sn = append(sn, corpus.Snippet{Text: text, Heading: []string{"Notes"}, Source: "n.md", Line: i + 1})
	}
	e, err := search.Build(sn, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return New(e)
}

func checkText(t *testing.T, c *Checker, text string) *Result {
	t.Helper()
	q, err := ParseQuestion(text)
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Check(q)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestCheckAgainst(t *testing.T) {
	c := engineOf(t,
		"Secrets Manager rotates database credentials automatically on a schedule.",
		"Parameter Store SecureString is the cheaper store when credential rotation is not needed.",
	)
	res := checkText(t, c, "Database credentials need rotation every 30 days. Which service stores them?\nA. Parameter Store\nB. Secrets Manager")
	if res.Options[0].Letter != "B" {
		t.Errorf("a note denying rotation did not count against Parameter Store:\n%s", describe(res))
	}
	for _, o := range res.Options {
		if o.Letter == "A" && (len(o.Against) != 1 || o.Against[0].Snippet.Line != 2) {
			t.Errorf("Parameter Store's note against it not shown:\n%s", describe(res))
		}
	}
}

func TestCheckNegativeQuestion(t *testing.T) {
	c := engineOf(t,
		"CodeBuild images include Amazon Linux and Ubuntu.",
		"CodeBuild also offers Windows Server Core images.",
	)
	res := checkText(t, c, "Which of these is NOT a CodeBuild image?\nA. Ubuntu\nB. Amazon Linux\nC. Solaris")
	if !res.Ask.Negative || res.Options[0].Letter != "C" || !res.Options[0].Picked {
		t.Errorf("the unsupported option should come first in a NOT question:\n%s", describe(res))
	}
}

func TestCheckPicksChoose(t *testing.T) {
	c := engineOf(t, checkNotes...)
	res := checkText(t, c, "Where can CloudWatch Logs subscription filters send logs? (Choose two.)\nA. Lambda\nB. Glacier\nC. OpenSearch\nD. DynamoDB")
	picked := 0
	for i, o := range res.Options {
		if o.Picked {
			picked++
			if i >= 2 {
				t.Errorf("picked %s at rank %d", o.Letter, i+1)
			}
		}
	}
	if picked != 2 {
		t.Errorf("picked %d options, want 2:\n%s", picked, describe(res))
	}
}

func TestCheckNeedPrefersManaged(t *testing.T) {
	c := engineOf(t,
		"Run the nightly report job on an EC2 instance with cron.",
		"Run the nightly report job on Lambda, serverless and managed for you.",
	)
	res := checkText(t, c, "A report job runs nightly. Which option has the LEAST operational overhead?\nA. EC2 instance\nB. Lambda")
	if res.Options[0].Letter != "B" {
		t.Errorf("a note saying the service is managed should win under least overhead:\n%s", describe(res))
	}
}

func TestSettleMarksSharedNotes(t *testing.T) {
	opts := []OptionEvidence{
		{Option: Option{Letter: "A"}, Support: []Support{{Score: 1, doc: 7}}},
		{Option: Option{Letter: "B"}, Support: []Support{{Score: 0.6, doc: 7}, {Score: 0.2, doc: 3}}},
	}
	settle(opts, 1, nil)
	if got := opts[1].Support[0].SharedWith; len(got) != 1 || got[0] != "A" {
		t.Errorf("B's note 7 should be marked shared with A, got %v", got)
	}
	if opts[0].Score != 1 || opts[1].Score != 0.6*sharedWeight {
		t.Errorf("scores %v %v, want 1 and %v", opts[0].Score, opts[1].Score, 0.6*sharedWeight)
	}
}

// An option naming a hook as plain text finds the note that quotes it as
// code, and only that note: evidence names the option.
func TestCheckNamesAsWritten(t *testing.T) {
	c := engineOf(t,
		"CodeDeploy lifecycle hooks run in this order:",
		"`ApplicationStop`",
		"`BeforeInstall`",
		"`AfterInstall`",
		"`ValidateService`",
	)
	res := checkText(t, c, "Which CodeDeploy lifecycle hook runs before the new files are copied?\nA. ApplicationStop\nB. BeforeInstall\nC. AfterInstall\nD. ValidateService")
	for _, o := range res.Options {
		if len(o.Support) == 0 {
			t.Errorf("%s: no evidence, though a note quotes it:\n%s", o.Text, describe(res))
			continue
		}
		if got := o.Support[0].Snippet.Text; got != "`"+o.Text+"`" {
			t.Errorf("%s: evidence %q, want the note quoting it", o.Text, got)
		}
	}
}

// A note naming several options is about the one it names first: it
// speaks against that one only, and counts fully for it.
func TestCheckNoteIsAboutItsSubject(t *testing.T) {
	c := engineOf(t,
		"Secrets Manager stores secrets and rotates them automatically, which is why it is chosen over Parameter Store when rotation is required.",
		"Systems Manager Parameter Store has no built-in secret rotation; rotation requires Secrets Manager or custom automation.",
		"Systems Manager Parameter Store SecureString values are encrypted with KMS and are the cheap alternative to Secrets Manager when automatic rotation is not needed.",
		"KMS keys can be rotated every year.",
	)
	// The option may name more than the note says: trial 6 showed the
	// last note against A for "Systems Manager Parameter Store standard
	// tier", and under B as "supports A more".
	for _, b := range []string{"Parameter Store", "Systems Manager Parameter Store standard tier"} {
		res := checkText(t, c, "Which service stores secrets with automatic rotation?\nA. Secrets Manager\nB. "+b+"\nC. KMS")
		if got := res.Options[0].Letter; got != "A" {
			t.Errorf("B. %s: first option %s, want A", b, got)
		}
		for _, o := range res.Options {
			for _, s := range o.Against {
				if o.Letter != "B" {
					t.Errorf("B. %s: option %s has a note against it: %q", b, o.Letter, s.Snippet.Text)
				}
			}
			if o.Letter == "B" && len(o.Against) == 0 {
				t.Errorf("B. %s: no note against B", b)
			}
		}
	}
}

func TestDeniesNoScope(t *testing.T) {
	situation := map[string]bool{"secret": true, "rotat": true, "instanc": true, "share": true}
	for text, want := range map[string]bool{
		"Parameter Store has no built-in secret rotation.":                    true,
		"Secrets Manager rotates the secret with no Lambda function to keep.": false,
		"Rotation is not needed for static values.":                           true,
		"Secrets Manager rotates secrets on a schedule.":                      false,
		// A negation denies what follows it, not its subject.
		"Deployments fail on health checks that the new instances never pass.": false,
		"Snapshots encrypted with the default key cannot be shared.":           true,
	} {
		if got := denies(text, situation); got != want {
			t.Errorf("denies(%q) = %v, want %v", text, got, want)
		}
	}
}

// A stem the notes do not cover picks nothing, whatever its options match.
func TestCheckUncoveredStemPicksNothing(t *testing.T) {
	c := engineOf(t,
		"Lambda layers hold up to 50 MB of shared code.",
		"ECS services keep 100 percent of tasks healthy during a deployment.",
	)
	res := checkText(t, c, "What is the best hydration for a sourdough loaf?\nA. 50%\nB. 75%\nC. 100%")
	if res.Covered {
		t.Fatalf("a sourdough stem counted as covered")
	}
	for _, o := range res.Options {
		if o.Picked {
			t.Errorf("option %s picked for a stem the notes do not cover", o.Letter)
		}
	}
}

// A note against most options denies the situation, not an option: it
// is shown against none (trial 7: one "will not automatically remediate"
// line against four of five options).
func TestCheckNoteAgainstMostOptionsIsAgainstNone(t *testing.T) {
	c := engineOf(t,
		"Rules, scans and jobs do not remediate exposed keys automatically.",
		"EventBridge rules match AWS Health events for exposed keys.",
		"Inspector scans instances for vulnerabilities.",
		"Macie jobs find sensitive data in buckets.",
		"A Lambda function can deactivate an exposed key automatically.",
	)
	res := checkText(t, c, "How are exposed keys remediated automatically?\nA. An EventBridge rule\nB. An Inspector scan\nC. A Macie job\nD. A Lambda function that deactivates the key")
	for _, o := range res.Options {
		for _, s := range o.Against {
			if strings.HasPrefix(s.Snippet.Text, "Rules, scans and jobs") {
				t.Errorf("option %s: %q shown against it", o.Letter, s.Snippet.Text)
			}
		}
	}
}
