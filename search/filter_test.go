package search

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/crib-dev/crib/corpus"
)

var filterNotes = []corpus.Snippet{
	{Text: "Beanstalk blue/green deployment swaps the environment URLs.", Heading: []string{"Deploy", "Elastic Beanstalk"}, Tags: []string{"aws", "cicd"}, Source: "notes/aws/deploy.md", Line: 3},
	{Text: "Beanstalk rolling deployment updates instances in batches.", Heading: []string{"Deploy", "Elastic Beanstalk"}, Tags: []string{"aws", "cicd"}, Source: "notes/aws/deploy.md", Line: 4},
	{Text: "CodeDeploy blue/green deployment shifts traffic to a new fleet.", Heading: []string{"Deploy", "CodeDeploy"}, Tags: []string{"aws", "cicd"}, Source: "notes/aws/deploy.md", Line: 7},
	{Text: "CodeDeploy rolls back a deployment when an alarm fires.", Heading: []string{"Deploy", "CodeDeploy"}, Tags: []string{"aws", "cicd"}, Source: "notes/aws/deploy.md", Line: 8},
	{Text: "A Kubernetes rolling deployment replaces pods a few at a time.", Heading: []string{"Kubernetes"}, Tags: []string{"K8s"}, Source: "notes/k8s/deploy.md", Line: 2},
	{Text: "Green tea and blue cheese go well with a deployment party.", Heading: []string{"Misc"}, Source: "notes/misc.txt", Line: 1},
	{Text: "Deployment pipelines run in CodePipeline.", Heading: []string{"Pipelines"}, Source: "crib:cicd.md", Line: 9},
	{Text: "Deployment notes of version two.", Source: "notes/v2/notes.v2.md", Line: 1},
}

// lines lists the file:line of each result.
func lines(t *testing.T, e *Engine, q string, f Filter) []string {
	t.Helper()
	ans, err := e.Search(q, Options{Limit: 20, Filter: f})
	if err != nil {
		t.Fatal(err)
	}
	out := []string{}
	for _, r := range ans.Results {
		out = append(out, fmt.Sprintf("%s:%d", r.Snippet.Source, r.Snippet.Line))
	}
	return out
}

func TestFilters(t *testing.T) {
	e := testEngine(t, filterNotes)
	tests := []struct {
		name string
		q    string
		f    Filter
		want []string
	}{
		{"folder", "deployment", Filter{In: []string{"notes/aws"}}, []string{"notes/aws/deploy.md:3", "notes/aws/deploy.md:4", "notes/aws/deploy.md:7", "notes/aws/deploy.md:8"}},
		{"trailing segments", "deployment", Filter{In: []string{"k8s"}}, []string{"notes/k8s/deploy.md:2"}},
		{"not part of a name", "deployment", Filter{In: []string{"aw"}}, []string{}},
		{"built-in file", "deployment", Filter{In: []string{"cicd.md"}}, []string{"crib:cicd.md:9"}},
		{"a file named without its ending", "deployment", Filter{In: []string{"misc"}}, []string{"notes/misc.txt:1"}},
		{"a file without its ending, with its folder", "deployment", Filter{In: []string{"k8s/deploy"}}, []string{"notes/k8s/deploy.md:2"}},
		{"a built-in file without its ending", "deployment", Filter{In: []string{"cicd"}}, []string{"crib:cicd.md:9"}},
		{"a file's name is not a folder", "deployment", Filter{In: []string{"deploy/"}}, []string{}},
		{"a file without its ending, a dot in its name", "deployment", Filter{In: []string{"v2/notes.v2"}}, []string{"notes/v2/notes.v2.md:1"}},
		{"part of a file's name is not the file", "deployment", Filter{In: []string{"dep"}}, []string{}},
		{"section ignores case", "deployment", Filter{Section: []string{"codedeploy"}}, []string{"notes/aws/deploy.md:7", "notes/aws/deploy.md:8"}},
		{"section ignores spaces and hyphens", "deployment", Filter{Section: []string{"code-deploy"}}, []string{"notes/aws/deploy.md:7", "notes/aws/deploy.md:8"}},
		{"section across words", "deployment", Filter{Section: []string{"elasticbeanstalk"}}, []string{"notes/aws/deploy.md:3", "notes/aws/deploy.md:4"}},
		{"section ignores slashes", "deployment", Filter{Section: []string{"Code/Deploy"}}, []string{"notes/aws/deploy.md:7", "notes/aws/deploy.md:8"}},
		{"section of separators only", "deployment", Filter{Section: []string{" - "}}, []string{}},
		{"tag ignores case, any of", "rolling deployment", Filter{Tags: []string{"k8s", "nope"}}, []string{"notes/k8s/deploy.md:2"}},
		{"phrase", "blue green deployment", Filter{Require: [][]string{{"blue green"}}}, []string{"notes/aws/deploy.md:3", "notes/aws/deploy.md:7"}},
		{"phrase after analysis", "deployment", Filter{Require: [][]string{{"ROLLING deployments"}}}, []string{"notes/aws/deploy.md:4", "notes/k8s/deploy.md:2"}},
		{"phrase over a stop word", "deployment", Filter{Require: [][]string{{"swaps the environment"}}}, []string{"notes/aws/deploy.md:3"}},
		{"exclude a word in a heading", "blue green deployment", Filter{Exclude: []string{"beanstalk"}}, []string{"notes/aws/deploy.md:7", "notes/aws/deploy.md:8", "notes/k8s/deploy.md:2", "notes/misc.txt:1", "crib:cicd.md:9", "notes/v2/notes.v2.md:1"}},
		{"OR group", "deployment", Filter{Require: [][]string{{"kubernetes", "pipelines"}}}, []string{"notes/k8s/deploy.md:2", "crib:cicd.md:9"}},
		{"stop words ask nothing", "rolling", Filter{Require: [][]string{{"the"}}, Exclude: []string{"of"}}, []string{"notes/aws/deploy.md:4", "notes/aws/deploy.md:8", "notes/k8s/deploy.md:2"}},
		{"filters combine", "deployment", Filter{Tags: []string{"aws"}, Exclude: []string{"codedeploy"}, Require: [][]string{{"rolling"}}}, []string{"notes/aws/deploy.md:4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := lines(t, e, tt.q, tt.f)
			// Order is the ranking's; the filter decides only which.
			if !sameSet(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func sameSet(a, b []string) bool {
	m := map[string]int{}
	for _, s := range a {
		m[s]++
	}
	for _, s := range b {
		m[s]--
	}
	for _, n := range m {
		if n != 0 {
			return false
		}
	}
	return len(a) == len(b)
}

// TestFilterKeepsOrder checks that a filter only removes notes: the notes
// that pass rank as they do unfiltered (scores are scaled to the best note
// that passes), and the limit counts only notes that pass, so none is lost
// to notes filtered out.
func TestFilterKeepsOrder(t *testing.T) {
	e := testEngine(t, filterNotes)
	all, err := e.Search("blue green deployment", Options{Limit: 20})
	if err != nil {
		t.Fatal(err)
	}
	var want []Result
	for _, r := range all.Results {
		if r.Snippet.Source != "notes/aws/deploy.md" {
			want = append(want, r)
		}
	}
	got, err := e.Search("blue green deployment", Options{Limit: len(want), Filter: Filter{Exclude: []string{"codedeploy", "beanstalk"}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Results) != len(want) {
		t.Fatalf("%d results, want %d", len(got.Results), len(want))
	}
	for i := range want {
		g, w := got.Results[i], want[i]
		if g.Index != w.Index || !reflect.DeepEqual(g.Matches, w.Matches) {
			t.Errorf("result %d: got %s:%d, want %s:%d", i+1, g.Snippet.Source, g.Snippet.Line, w.Snippet.Source, w.Snippet.Line)
		}
	}
}

func TestFilterString(t *testing.T) {
	f := Filter{In: []string{"aws"}, Section: []string{"Hooks"}, Tags: []string{"k8s"}, Require: [][]string{{"liveness probes"}, {"pod", "node"}}, Exclude: []string{"readiness", "init containers"}}
	want := `--in aws, --section Hooks, --tag k8s, "liveness probes", pod OR node, -readiness, -"init containers"`
	if got := f.String(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// A filter that leaves no note says so, apart from a question no note
// matches at all and from a filter no note passes whatever the question.
func TestFilteredOutWhy(t *testing.T) {
	e := testEngine(t, []corpus.Snippet{
		{Text: "CodeDeploy lifecycle hooks run in order.", Source: "aws/cicd.md", Line: 1},
		{Text: "Pods restart when a liveness probe fails.", Source: "k8s/pods.md", Line: 1},
	})
	for _, c := range []struct {
		q, in, want string
		idle        []string
	}{
		{"hooks", "k8s", "notes match the question, but none passes --in k8s", nil},
		{"zebracorn", "k8s", "no note matched any word of the question", nil},
		{"hooks", "k9s", "no note passes --in k9s, whatever the question", []string{"--in k9s"}},
	} {
		r, err := e.Rank(c.q, Options{Filter: Filter{In: []string{c.in}}})
		if err != nil {
			t.Fatal(err)
		}
		if got := r.notCovered(); got != c.want {
			t.Errorf("%q in %s: why %q, want %q", c.q, c.in, got, c.want)
		}
		if got := e.Answer(r).Idle; !slices.Equal(got, c.idle) {
			t.Errorf("%q in %s: idle %q, want %q", c.q, c.in, got, c.idle)
		}
	}
}

// Each kind of filter value is idle only when no note passes it alone.
func TestIdleFilters(t *testing.T) {
	e := testEngine(t, []corpus.Snippet{
		{Text: "Hooks run in order.", Source: "aws/cicd.md", Line: 1, Heading: []string{"CodeDeploy"}, Tags: []string{"aws"}},
	})
	f := Filter{In: []string{"aws", "gcp"}, Section: []string{"codedeploy", "Jenkins"}, Tags: []string{"AWS", "k8s"}}
	want := []string{"--in gcp", "--section Jenkins", "--tag k8s"}
	if got := e.idle(f); !slices.Equal(got, want) {
		t.Errorf("idle %q, want %q", got, want)
	}
}

// A list intro shown in place of its items carries the best item's
// explanation and says whose it is.
func TestIntroExplainedByItem(t *testing.T) {
	intro := "S3 replication needs these pieces:"
	e := testEngine(t, []corpus.Snippet{
		{Text: intro, Source: "s3.md", Line: 1},
		{Text: "A replication rule in the source bucket.", Context: []string{intro}, Source: "s3.md", Line: 2},
		{Text: "Versioning on both the source and destination bucket.", Context: []string{intro}, Source: "s3.md", Line: 3},
		{Text: "Lambda functions scale by concurrency.", Source: "lambda.md", Line: 1},
	})
	ans, err := e.Search("source bucket replication", Options{Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Results) == 0 || ans.Results[0].Snippet.Text != intro {
		t.Fatalf("first result %+v, want the list intro", ans.Results)
	}
	r := ans.Results[0]
	if len(r.Explain) == 0 || (r.ExplainedBy != 2 && r.ExplainedBy != 3) {
		t.Errorf("intro explained by line %d with %d terms, want an item's line and its terms", r.ExplainedBy, len(r.Explain))
	}
	plain, err := e.Search("source bucket replication", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if by := plain.Results[0].ExplainedBy; by != 0 {
		t.Errorf("without explain, the intro names line %d as its explanation", by)
	}
}

// A word said only inside an identifier (`lambda.amazonaws.com`,
// `aws:invokeLambdaFunction`) is said: the plain search finds such notes
// through the word, so -word leaves them out and an OR group keeps them.
func TestFilterSeesIdentifierParts(t *testing.T) {
	e := testEngine(t, []corpus.Snippet{
		{Text: "Automation step `aws:invokeLambdaFunction` calls functions.", Source: "x.md", Line: 1},
		{Text: "The principal `lambda.amazonaws.com` trusts functions.", Source: "x.md", Line: 2},
		{Text: "Plain lambda trusts functions.", Source: "x.md", Line: 3},
		{Text: "Other functions trust the principal.", Source: "x.md", Line: 4},
	})
	tests := []struct {
		name string
		f    Filter
		want []string
	}{
		{"excluded by a part", Filter{Exclude: []string{"lambda"}}, []string{"x.md:4"}},
		{"excluded by parts in a row", Filter{Exclude: []string{"lambda function"}}, []string{"x.md:2", "x.md:3", "x.md:4"}},
		{"kept by a part OR a word", Filter{Require: [][]string{{"lambda", "zebra"}}}, []string{"x.md:1", "x.md:2", "x.md:3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lines(t, e, "functions trust", tt.f); !sameSet(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// "--in ." and "--in ../x" name folders from where crib runs, as a shell
// reads them: "." let every note through and ".." none, wherever crib
// ran (trial 15).
func TestUnderRelative(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	here := filepath.Join(wd, "notes", "a.md")
	elsewhere := filepath.Join(filepath.Dir(wd), "other", "b.md")
	for _, tt := range []struct {
		source, in string
		want       bool
	}{
		{here, ".", true},
		{elsewhere, ".", false},
		{elsewhere, "..", true},
		{elsewhere, "../other", true},
		{here, "../other", false},
		{here, "./notes", true},
		{"notes/a.md", ".", true},
		{"/far/away/c.md", ".", false},
	} {
		if got := under(tt.source, tt.in); got != tt.want {
			t.Errorf("under(%q, %q) = %v, want %v", tt.source, tt.in, got, tt.want)
		}
	}
}
