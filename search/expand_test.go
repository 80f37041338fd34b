package search

import (
	"fmt"
	"slices"
	"testing"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search/score"
)

// The user's notes name things tersely; the richer notes (the expander)
// say what they do.
var (
	terseNotes = []corpus.Snippet{
		{Text: "CodeCommit can trigger Lambda functions.", Source: "mine.md", Line: 1},
		{Text: "Lambda functions run for at most 15 minutes.", Source: "mine.md", Line: 2},
		{Text: "S3 buckets hold objects.", Source: "mine.md", Line: 3},
		{Text: "CodeCommit repositories need IAM credentials for HTTPS.", Source: "mine.md", Line: 4},
		{Text: "Glue jobs run Spark.", Source: "mine.md", Line: 5},
		{Text: "ECS tasks run containers.", Source: "mine.md", Line: 6},
		{Text: "Batch jobs run on EC2 or Fargate.", Source: "mine.md", Line: 7},
	}
	richNotes = []corpus.Snippet{
		{Text: "Each git push to a CodeCommit repository can trigger a function.", Source: "rich.md", Line: 1},
		{Text: "EventBridge scheduled rules invoke targets on a cron schedule.", Source: "rich.md", Line: 2},
		{Text: "S3 stores objects in buckets.", Source: "rich.md", Line: 3},
	}
)

func TestExpandFrom(t *testing.T) {
	e := testEngine(t, terseNotes)
	rich := testEngine(t, richNotes)
	const q = "which function runs on every git push"
	plain := lines(t, e, q, Filter{})
	e.ExpandFrom(rich)
	expanded := lines(t, e, q, Filter{})
	if len(expanded) == 0 || expanded[0] != "mine.md:1" {
		t.Errorf("expanded: %v, want mine.md:1 (CodeCommit triggers Lambda) first", expanded)
	}
	if len(plain) > 0 && plain[0] == "mine.md:1" {
		t.Errorf("without expansion mine.md:1 is first already (%v): the test shows nothing", plain)
	}
	// Expansion reorders notes that say some of the question: one that
	// says only the added words is not an answer.
	if slices.Contains(expanded, "mine.md:4") {
		t.Errorf("expanded: %v, holds mine.md:4, which says none of the question", expanded)
	}
	ans, err := e.Search(q, Options{Limit: 5, NoExpand: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range ans.Results {
		got = append(got, r.Snippet.Source+":"+itoa(r.Snippet.Line))
	}
	if !slices.Equal(got, plain) {
		t.Errorf("NoExpand: %v, want the unexpanded %v", got, plain)
	}
}

func TestExpansionExplained(t *testing.T) {
	e := testEngine(t, terseNotes)
	e.ExpandFrom(testEngine(t, richNotes))
	ans, err := e.Search("which function runs on every git push", Options{Limit: 1, Explain: true})
	if err != nil || len(ans.Results) == 0 {
		t.Fatalf("%v, %v", ans, err)
	}
	kinds := map[string]bool{}
	for _, c := range ans.Results[0].Explain {
		kinds[c.Kind] = true
	}
	if !kinds[KindExpansion] {
		t.Errorf("explain of %q names no %s: %+v", ans.Results[0].Snippet.Text, KindExpansion, ans.Results[0].Explain)
	}
}

// An expander that cannot answer the question adds nothing to it, and
// an engine never expands from itself.
func TestExpansionNeedsAnAnswer(t *testing.T) {
	e := testEngine(t, terseNotes)
	e.ExpandFrom(e)
	if e.expander != nil {
		t.Fatal("an engine expands from itself")
	}
	e.ExpandFrom(testEngine(t, richNotes))
	p, err := e.analyzeQuestion("sourdough starter")
	if err != nil {
		t.Fatal(err)
	}
	if got := e.expansion("sourdough starter", p); len(got) != 0 {
		t.Errorf("expansion of an off-topic question: %+v", got)
	}
}

func itoa(n int) string { return fmt.Sprint(n) }

// TestNoteExpansion: a terse note is widened with the words of the richer
// notes' note closest to it, and so goes first among notes that say as
// much of the question in their own words; its confidence stays what it
// says itself.
func TestNoteExpansion(t *testing.T) {
	mine := []corpus.Snippet{
		{Text: "Instances in the low-cost tier stop at night.", Source: "mine.md", Line: 1},
		{Text: "Idle => Trusted Advisor", Source: "mine.md", Line: 2},
	}
	rich := []corpus.Snippet{
		{Text: "Trusted Advisor flags idle EC2 instances with low CPU utilization percentage in its report.", Source: "rich.md", Line: 1},
		{Text: "Low-cost tier instances stop at night on a schedule.", Source: "rich.md", Line: 2},
	}
	const q = "idle instances low cpu utilization percentage report"
	e := testEngine(t, mine)
	plain := lines(t, e, q, Filter{})
	e.ExpandFrom(testEngine(t, rich))
	got := lines(t, e, q, Filter{})
	if len(got) == 0 || got[0] != "mine.md:2" {
		t.Errorf("expanded: %v, want mine.md:2 (Trusted Advisor) first", got)
	}
	if len(plain) > 0 && plain[0] == "mine.md:2" {
		t.Errorf("without expansion mine.md:2 is first already (%v): the test shows nothing", plain)
	}
	ans, err := e.Search(q, Options{Limit: 3, NoExpand: true, Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	conf := map[int]float64{}
	for _, r := range ans.Results {
		conf[r.Snippet.Line] = r.Confidence
		for _, c := range r.Explain {
			if c.Field == score.FieldAlso {
				t.Errorf("NoExpand: %s:%d matched through its expansion", r.Snippet.Source, r.Snippet.Line)
			}
		}
	}
	expanded, err := e.Search(q, Options{Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range expanded.Results {
		if c, ok := conf[r.Snippet.Line]; ok && c != r.Confidence {
			t.Errorf("mine.md:%d: confidence %.3f expanded, %.3f not: the expansion counted", r.Snippet.Line, r.Confidence, c)
		}
	}
}

// A joined word widens a question once: "dead-letter" is one piece of
// evidence, not three with "dead" and "letter" (trial 13). When the
// user's notes lack the joined form, its pieces still widen.
func TestExpansionJoinedWordOnce(t *testing.T) {
	rich := []corpus.Snippet{
		{Text: "An SNS subscription with a dead-letter queue keeps the messages that SNS failed to deliver after its retries.", Source: "crib:messaging.md", Line: 1},
		{Text: "SNS retries delivery to HTTP endpoints with backoff.", Source: "crib:messaging.md", Line: 2},
	}
	for _, tt := range []struct {
		name, user string
		want, not  []string
	}{
		{"joined form in the notes", "Messages that SNS could not deliver go to a dead-letter queue.", []string{"dead-letter"}, []string{"letter", "dead"}},
		{"only the pieces in the notes", "A letter queue for lost SNS messages.", []string{"letter"}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := testEngine(t, []corpus.Snippet{{Text: tt.user, Source: "mine.md", Line: 1}, {Text: "Unrelated note about pods.", Source: "mine.md", Line: 2}})
			e.ExpandFrom(testEngine(t, rich))
			ans, err := e.Search("where do undelivered sns messages go after retries", Options{Limit: 1, Explain: true})
			if err != nil {
				t.Fatal(err)
			}
			if ans.Expansion == nil {
				t.Fatalf("no expansion: %+v", ans)
			}
			for _, w := range tt.want {
				if !slices.Contains(ans.Expansion.Words, w) {
					t.Errorf("expansion %v lacks %q", ans.Expansion.Words, w)
				}
			}
			for _, w := range tt.not {
				if slices.Contains(ans.Expansion.Words, w) {
					t.Errorf("expansion %v holds %q, a piece of a joined word it holds", ans.Expansion.Words, w)
				}
			}
		})
	}
}

// A note that names no service and says no term of AWS writing (a
// recipe, a Kubernetes note in everyday words) is not widened from the
// built-in AWS notes (see Engine.inDomain); one naming a service is.
func TestNoteExpansionNeedsATerm(t *testing.T) {
	rich := testEngine(t, []corpus.Snippet{
		{Text: "Keep Auto Scaling instances warm in a warm pool so they start fast.", Source: "crib:compute.md", Line: 1},
		{Text: "Trusted Advisor flags idle EC2 instances with low CPU utilization.", Source: "crib:cost.md", Line: 1},
	})
	if got := rich.NoteExpansion(corpus.Snippet{Text: "Keep the bread warm so it rises fast."}); len(got) != 0 {
		t.Errorf("a note in everyday words widened with %v", got)
	}
	if got := rich.NoteExpansion(corpus.Snippet{Text: "Idle => Trusted Advisor"}); len(got) == 0 {
		t.Error("a note naming a service got no expansion")
	}
}
