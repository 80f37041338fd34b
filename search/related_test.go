package search

import (
	"slices"
	"testing"

	"github.com/crib-dev/crib/corpus"
)

func TestRankRelated(t *testing.T) {
	scores := map[string]*relatedScore{
		"SNS":         {score: 2, reasons: []reason{{1, "named in 2 of the top results", false}, {1, "CodeDeploy: sends notifications", true}}},
		"EventBridge": {score: 3, reasons: []reason{{3, "named in 3 of the top results", false}}},
		"CodeDeploy":  {score: 9, reasons: []reason{{9, "asked", false}}},
		"Lambda":      {score: 2, reasons: []reason{{2, "named in 2 of the top results", false}}},
		"S3":          {score: 0.5, reasons: []reason{{0.5, "x", false}}},
		"EC2":         {score: 0.4, reasons: []reason{{0.4, "y", false}}},
		"IAM":         {score: 0.3, reasons: []reason{{0.3, "z", false}}},
	}
	got := rankRelated(scores, map[string]bool{"CodeDeploy": true})
	want := []struct{ service, why string }{
		{"EventBridge", "named in 3 of the top results"},
		{"Lambda", "named in 2 of the top results"},
		{"SNS", "CodeDeploy: sends notifications · named in 2 of the top results"},
		{"S3", "x"},
		{"EC2", "y"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d related, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		if got[i].Service != w.service || got[i].Why != w.why {
			t.Errorf("related[%d] = %s (%q), want %s (%q)", i, got[i].Service, got[i].Why, w.service, w.why)
		}
	}
}

func TestRelatedForQuestion(t *testing.T) {
	e := testEngine(t, corpus.Embedded())
	tests := []struct {
		question string
		want     []string // services that must be suggested
		notWant  string   // a service the question names itself
	}{
		{"how do I get alerted when a codedeploy deployment fails", []string{"EventBridge", "SNS"}, "CodeDeploy"},
		{"automatically deactivate an exposed iam access key", []string{"EventBridge", "Lambda"}, "IAM"},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			ans, err := e.Search(tt.question, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(ans.Related) == 0 || len(ans.Related) > maxRelated {
				t.Fatalf("%d related services, want 1 to %d", len(ans.Related), maxRelated)
			}
			got := map[string]bool{}
			for i, r := range ans.Related {
				got[r.Service] = true
				if r.Why == "" {
					t.Errorf("%s has no reason", r.Service)
				}
				if i > 0 && r.Score > ans.Related[i-1].Score {
					t.Errorf("related not sorted by score: %+v", ans.Related)
				}
			}
			for _, w := range tt.want {
				if !got[w] {
					t.Errorf("related %+v lacks %s", ans.Related, w)
				}
			}
			if got[tt.notWant] {
				t.Errorf("related lists %s, which the question names", tt.notWant)
			}
		})
	}
}

// TestSectionFromFile: a section found among its file's snippets is the
// one a map over all snippets by file and heading path gives.
func TestSectionFromFile(t *testing.T) {
	snippets := corpus.Embedded()
	e := &Engine{snippets: SnippetSlice(snippets)}
	all := map[string][]int{}
	for i, s := range snippets {
		k := sectionKey(s.Source, s.Heading)
		all[k] = append(all[k], i)
	}
	for i, s := range snippets {
		want := all[sectionKey(s.Source, s.Heading)]
		if len(want) > maxSection {
			want = want[:maxSection]
		}
		if got := e.section(i); !slices.Equal(got, want) {
			t.Fatalf("section of %s:%d = %v, want %v", s.Source, s.Line, got, want)
		}
	}
}
