package search

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/crib-dev/crib/corpus"
)

func testEngine(t testing.TB, snippets []corpus.Snippet) *Engine {
	t.Helper()
	th, err := NewThesaurus()
	if err != nil {
		t.Fatal(err)
	}
	e, err := Build(snippets, th)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

// TestRelevance checks that each question ranks the note holding want
// first: stems, acronyms, multi-word synonyms both ways, identifiers,
// parents as context and typos.
func TestRelevance(t *testing.T) {
	data, err := os.ReadFile("testdata/relevance.md")
	if err != nil {
		t.Fatal(err)
	}
	e := testEngine(t, corpus.ParseMarkdown("relevance.md", data))
	tests := []struct{ question, want string }{
		{"cloudwatch events rule", "EventBridge rules route events"},
		{"send an email notification", "SNS topic fans a message out"},
		{"ASG replaces unhealthy instance", "Auto Scaling group replaces"},
		{"auto scaling group unhealthy", "Auto Scaling group replaces"},
		{"terminating:wait hook", "Lifecycle hooks pause"},
		{"copy logs before scale in", "Lifecycle hooks pause"},
		{"slow booting instances scale out delay", "warm pool"},
		{"canary 10 percent", "LambdaCanary10Percent10Minutes"},
		{"lambdacanary10percent10minutes", "LambdaCanary10Percent10Minutes"},
		{"blue green rollback", "Blue/green deployments"},
		{"deployment fails at allowtraffic", "`AllowTraffic` step fails"},
		{"ssm parameter store securestring", "Parameter Store SecureString"},
		{"rotate db passwords", "Secrets Manager rotates"},
		{"leaked access key event", "AWS_RISK_CREDENTIALS_EXPOSED"},
		{"aws_risk_credentials_exposed", "AWS_RISK_CREDENTIALS_EXPOSED"},
		{"eventbrige rules", "EventBridge rules route events"},
		{"sqs notifies", "SQS queues"},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			ans, err := e.Search(tt.question, Options{Limit: 3})
			if err != nil {
				t.Fatal(err)
			}
			if len(ans.Results) == 0 {
				t.Fatalf("no results, want %q first", tt.want)
			}
			// A parent shown with its items answers with them.
			got := strings.Join(append([]string{ans.Results[0].Snippet.Text}, ans.Results[0].Children...), " / ")
			if !strings.Contains(got, tt.want) {
				var all []string
				for _, r := range ans.Results {
					all = append(all, r.Snippet.Text)
				}
				t.Errorf("first result %q, want one containing %q; all: %q", got, tt.want, all)
			}
		})
	}
}

// TestEmbeddedAnswers asks the built-in notes one question per exam
// domain and checks the first answer.
func TestEmbeddedAnswers(t *testing.T) {
	e := testEngine(t, corpus.Embedded())
	tests := []struct{ domain, question, want string }{
		{"SDLC automation", "when does codepipeline need a webhook from github", "webhook"},
		{"configuration management and IaC", "how does cfn-signal work with a creation policy", "cfn-signal"},
		{"resilient cloud solutions", "which route 53 routing policy fails over to a standby site", "failover routing"},
		{"monitoring and logging", "stream cloudwatch logs to lambda in near real time", "subscription filter"},
		{"incident and event response", "automatically deactivate an exposed iam access key", "AWS_RISK_CREDENTIALS_EXPOSED"},
		{"security and compliance", "rotate database passwords automatically", "Secrets Manager"},
		// A question that asks for a list is answered by the list.
		{"list question", "what are the codedeploy lifecycle hooks", "run in this order"},
		{"one-case name", "beforeinstall", "BeforeInstall"},
		// Words every question has ("happen") weigh less than the subject:
		// the answer is about throttling (HTTP 429, or requests beyond the
		// reserved concurrency).
		{"filler word", "what happens when a lambda function is throttled", "throttl"},
	}
	for _, tt := range tests {
		t.Run(tt.domain, func(t *testing.T) {
			ans, err := e.Search(tt.question, Options{Limit: 1})
			if err != nil {
				t.Fatal(err)
			}
			// A list intro answers through the items shown under it.
			if len(ans.Results) == 0 || !strings.Contains(ans.Results[0].Snippet.Text+" "+strings.Join(ans.Results[0].Children, " "), tt.want) {
				t.Errorf("%q: first answer %+v, want one containing %q", tt.question, ans.Results, tt.want)
			}
		})
	}
}

// A word of a service's name is not the service: notes saying
// "application" do not answer a question about App Mesh.
func TestServiceNameNotSaidByItsWords(t *testing.T) {
	e := testEngine(t, []corpus.Snippet{
		{Text: "Troubleshoot system and application failures.", Source: "n.md", Line: 1},
		{Text: "Application Discovery Agent runs on each VM.", Source: "n.md", Line: 2},
	})
	r, err := e.Rank("what is aws app mesh", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Covered() {
		t.Errorf("covered by %q", r.Hits[0].Snippet.Text)
	}
}

// A word known only through a synonym whose words no note says together
// is not in the notes: "SLA" from "service", "level", "agreement" apart.
func TestSynonymPhraseMustBeSaid(t *testing.T) {
	e := testEngine(t, []corpus.Snippet{
		{Text: "DynamoDB global tables replicate across Regions.", Source: "n.md", Line: 1},
		{Text: "The service writes a log at debug level.", Source: "n.md", Line: 2},
		{Text: "A license agreement is signed once.", Source: "n.md", Line: 3},
	})
	ans, err := e.Search("what is the SLA of DynamoDB", Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Named as the question wrote it (trial 7: "useEffect" was named
	// "useeffect").
	if !slices.Contains(ans.Unknown, "SLA") {
		t.Errorf("unknown %q, want SLA among them", ans.Unknown)
	}
}

// TestFamilyShownOnce checks that a parent line and its item that both
// rank in the first three show once: the parent, with its items under it.
func TestFamilyShownOnce(t *testing.T) {
	notes := []byte(`# EC2

- An instance is retired when AWS detects a failure of its hardware
	- A retired instance is stopped or terminated
	- AWS Health sends an event first
- Spot instances can be interrupted
`)
	e := testEngine(t, corpus.ParseMarkdown("family.md", notes))
	ans, err := e.Search("why is my instance retired", Options{Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Results) == 0 {
		t.Fatal("no results")
	}
	first := ans.Results[0]
	if !strings.HasPrefix(first.Snippet.Text, "An instance is retired") || len(first.Children) != 2 {
		t.Errorf("first result %q with items %q, want the parent with its 2 items", first.Snippet.Text, first.Children)
	}
	for _, r := range ans.Results[1:] {
		if strings.HasPrefix(r.Snippet.Text, "A retired instance") {
			t.Errorf("item %q shown again after its parent", r.Snippet.Text)
		}
	}
}

// Two items of one parent line that both rank first are one place: the
// parent, which they each repeat, with its items; and no item shown under
// it comes again on its own.
func TestSiblingsShowTheirParent(t *testing.T) {
	notes := []byte(`# S3

- Replication copies objects to a bucket in another Region
	- Replication needs versioning on both buckets
	- Replication needs an IAM role that S3 assumes
	- Lifecycle rules may expire old versions
- Glacier stores archives cheaply
`)
	e := testEngine(t, corpus.ParseMarkdown("s3.md", notes))
	ans, err := e.Search("what does s3 replication need", Options{Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Results) == 0 {
		t.Fatal("no results")
	}
	if first := ans.Results[0]; !strings.HasPrefix(first.Snippet.Text, "Replication copies") || len(first.Children) != 3 {
		t.Errorf("first result %q with items %q, want the parent with its 3 items", first.Snippet.Text, first.Children)
	}
	for _, r := range ans.Results[1:] {
		if strings.HasPrefix(r.Snippet.Text, "Replication needs") || strings.HasPrefix(r.Snippet.Text, "Lifecycle") {
			t.Errorf("item %q shown again after its parent", r.Snippet.Text)
		}
	}
}

// TestExplainOriginAsAsked: --explain names the question's words a term
// stands for as the question wrote them, not as stems ("deployment
// package", not "deploy packag").
func TestExplainOriginAsAsked(t *testing.T) {
	e := testEngine(t, []corpus.Snippet{
		{Text: "A Lambda deployment package is at most 50 MB zipped.", Source: "n.md", Line: 1},
	})
	ans, err := e.Search("lambda deployment packages size", Options{Limit: 1, Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Results) == 0 {
		t.Fatal("no result")
	}
	var origins []string
	for _, c := range ans.Results[0].Explain {
		origins = append(origins, c.Origin)
	}
	all := " " + strings.Join(origins, " ") + " "
	if !strings.Contains(all, " packages ") || strings.Contains(all, " packag ") || strings.Contains(all, " deploy ") {
		t.Errorf("origins %q: want the question's word \"packages\", not its stem", origins)
	}
}

// TestUnknownTermsNamed: a near miss names the question's terms no note
// holds even when AWS writing uses them often ("websockets", "TTL";
// trial 7), but not everyday words ("happens", "one").
func TestUnknownTermsNamed(t *testing.T) {
	e := testEngine(t, []corpus.Snippet{
		{Text: "Route 53 latency routing answers with the Region nearest the user.", Source: "n.md", Line: 1},
		{Text: "DynamoDB Streams capture item changes.", Source: "n.md", Line: 2},
	})
	for q, want := range map[string][]string{
		"route 53 latency routing for websockets": {"websockets"},
		"dynamodb TTL":                        {"TTL"},
		"what happens to one dynamodb stream": nil,
	} {
		ans, err := e.Search(q, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(ans.Unknown, want) {
			t.Errorf("%q: unknown %q, want %q", q, ans.Unknown, want)
		}
	}
}

// TestUnknownSubjectNamed: a subject word no note holds is named even
// when AWS writing uses it often enough that the ranking weighs it little
// (trial 11: "vpn" beside "configure", "router" beside "reset ...
// password" were answered with no word named as missing), and not the
// question's padding ("how", "do", "my").
func TestUnknownSubjectNamed(t *testing.T) {
	e := testEngine(t, []corpus.Snippet{
		{Text: "A Config rule checks the configuration of a CloudFormation stack for drift.", Source: "n.md", Line: 1},
		{Text: "AWSSupport-ResetAccess resets the password of an EC2 instance.", Source: "n.md", Line: 2},
	})
	for q, want := range map[string]string{
		"how do i configure a vpn to my office": "vpn",
		"setup vpn":                             "vpn",
		"how do i reset my router password":     "router",
	} {
		ans, err := e.Search(q, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(ans.Unknown, want) {
			t.Errorf("%q: unknown %q, want %q among them", q, ans.Unknown, want)
		}
	}
}

// TestUnknownWordsOfAPhrase: of a thesaurus phrase the notes lack, only
// the words no note says are named (trial 10: "install packages" in notes
// saying "pip install" was "no note mentions install, packages").
func TestUnknownWordsOfAPhrase(t *testing.T) {
	e := testEngine(t, []corpus.Snippet{
		{Text: "pip install -r requirements.txt installs pinned dependencies.", Source: "p.md", Line: 1},
		{Text: "Use one virtual environment per project.", Source: "p.md", Line: 2},
	})
	ans, err := e.Search("install packages", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"packages"}; !slices.Equal(ans.Unknown, want) {
		t.Errorf("unknown %q, want %q", ans.Unknown, want)
	}
}

// A feature whose name holds its service's ("Aurora Global Database") is
// said by a note naming the feature, and only in part by one naming the
// service alone: trial 13 saw "Aurora endpoints" above the note that
// says "Aurora Global Database" word for word.
func TestFeatureOverItsService(t *testing.T) {
	e := testEngine(t, corpus.ParseMarkdown("n.md", []byte(`# Aurora

- Read replicas are always asynchronous
- AWS Aurora Global Database uses storage-based replication with typical latency of less than 1 second, using dedicated infrastructure that leaves your database fully available to serve application workloads.
	- 1 primary region (read/write), up to 5 secondary regions (read)
- Aurora endpoints
	- single built-in cluster endpoint, connects to the primary instance of the cluster
	- reader endpoint for read-only connections for your Aurora cluster
- Aurora replicas scale reads
`+fillerNotes(30))))
	for _, q := range []string{"aurora global database", "Aurora Global Database"} {
		if got := lines(t, e, q, Filter{}); len(got) == 0 || got[0] != "n.md:4" {
			t.Errorf("%q: got %v, want n.md:4 (the Global Database note) first", q, got)
		}
	}
}

// fillerNotes is n short notes on other subjects, so that the notes of a
// test have the usual length of one line of study notes.
func fillerNotes(n int) string {
	var b strings.Builder
	b.WriteString("\n# Other\n\n")
	for i := range n {
		fmt.Fprintf(&b, "- Topic %d needs a short note\n", i)
	}
	return b.String()
}
