package search

import (
	"slices"
	"strings"
	"testing"

	"github.com/crib-dev/crib/corpus"
)

func TestIntroduces(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"Replication needs:", true},
		{"DynamoDB Global Tables requires", true},
		{"Can set up trails for", true},
		{"Valid options are", true},
		{"Read replicas are always asynchronous", false},
		{"Aurora endpoints", false},
		{"for", false}, // a lone word is a label, not a cut sentence
		{"Config is per region, use an aggregator for accounts.", false},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := introduces(tt.text); got != tt.want {
				t.Errorf("introduces(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

// Items of a list intro whose sentence they finish ("Can set up trails
// for") are one place wherever they rank, as items of one ending in ":"
// are: the intro, with its items, takes the first item's rank.
func TestUnfinishedIntroShowsItems(t *testing.T) {
	notes := []byte(`# CloudTrail

- S3 object logging records object reads in access logs
- Object reads and writes on S3 are logged by access logs
- S3 access logs record reads and writes on objects
- Can set up trails for
	- data events: reads and writes on objects
	- management events: calls that change resources
`)
	e := testEngine(t, corpus.ParseMarkdown("trail.md", notes))
	ans, err := e.Search("logging reads and writes on objects or calls that change resources", Options{Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range ans.Results {
		got = append(got, r.Snippet.Text)
		if strings.HasPrefix(r.Snippet.Text, "data events") || strings.HasPrefix(r.Snippet.Text, "management events") {
			t.Errorf("item %q shown on its own, want it under its intro", r.Snippet.Text)
		}
		if r.Snippet.Text == "Can set up trails for" && len(r.Children) != 2 {
			t.Errorf("intro shown with items %q, want its 2 items", r.Children)
		}
	}
	t.Logf("results: %q", got)
}

// A note copied into a second section (a summary repeating a list) is one
// answer, whatever its markup and spacing: the better ranked copy is
// shown, with its items, and the other gives its place to the next note.
// Copies with other items stay apart.
func TestCopiedNoteShownOnce(t *testing.T) {
	e := testEngine(t, []corpus.Snippet{
		{Text: "Lifecycle states:", Heading: []string{"ASG"}, Source: "n.md", Line: 1},
		{Text: "Terminating:Wait hook", Heading: []string{"ASG"}, Context: []string{"Lifecycle states:"}, Source: "n.md", Line: 2},
		{Text: "Use the Terminating:Wait hook to copy logs before termination.", Heading: []string{"ASG"}, Source: "n.md", Line: 3},
		{Text: "Lifecycle states:", Heading: []string{"Summary"}, Source: "n.md", Line: 10},
		{Text: "`Terminating:Wait`  hook", Heading: []string{"Summary"}, Context: []string{"Lifecycle states:"}, Source: "n.md", Line: 11},
		{Text: "Lifecycle states:", Heading: []string{"Pods"}, Source: "k.md", Line: 1},
		{Text: "Terminating pods wait for the grace period", Heading: []string{"Pods"}, Context: []string{"Lifecycle states:"}, Source: "k.md", Line: 2},
		{Text: "Visibility timeout:", Source: "q.md", Line: 1},
		{Text: "Default is 30 seconds for the lifecycle wait", Context: []string{"Visibility timeout:"}, Source: "q.md", Line: 2},
		{Text: "Health check interval:", Source: "q.md", Line: 3},
		{Text: "Default is 30 seconds for the lifecycle wait", Context: []string{"Health check interval:"}, Source: "q.md", Line: 4},
	})
	got := lines(t, e, "Terminating:Wait lifecycle", Filter{})
	seen := map[string]bool{}
	for _, l := range got {
		if l == "n.md:1" || l == "n.md:10" {
			if seen["list"] {
				t.Errorf("the copied list is shown twice: %v", got)
			}
			seen["list"] = true
		}
	}
	if !seen["list"] || !slices.Contains(got, "n.md:3") {
		t.Errorf("got %v, want the list once and n.md:3", got)
	}
	// Copies that differ in a word are two notes, however small the
	// word ("can" and "can't").
	e2 := testEngine(t, []corpus.Snippet{
		{Text: "Lambda can retry failed events.", Source: "a.md", Line: 1},
		{Text: "Lambda can't retry failed events.", Source: "b.md", Line: 1},
	})
	if got := lines(t, e2, "lambda retry failed events", Filter{}); len(got) != 2 {
		t.Errorf("lambda retry: %v, want both notes", got)
	}
	// The same short line under two different parents says two things.
	got = lines(t, e, "default 30 seconds", Filter{})
	if !slices.Contains(got, "q.md:2") && !slices.Contains(got, "q.md:1") || !slices.Contains(got, "q.md:4") && !slices.Contains(got, "q.md:3") {
		t.Errorf("default 30 seconds: %v, want the line under both parents", got)
	}
	// Said at length, a copy is the same answer wherever it sits: a
	// summary repeating a list under another intro, or a sentence under
	// other parents.
	e3 := testEngine(t, []corpus.Snippet{
		{Text: "Failover:", Heading: []string{"Databases"}, Source: "d.md", Line: 1},
		{Text: "AZ outages => RDS multi-AZ deployment", Context: []string{"Failover:"}, Heading: []string{"Databases"}, Source: "d.md", Line: 2},
		{Text: "Regional outages => RDS read replica in another region", Context: []string{"Failover:"}, Heading: []string{"Databases"}, Source: "d.md", Line: 3},
		{Text: "Read replicas can be in the same AZ, the same region, or cross-region, and serve reads", Heading: []string{"Databases"}, Source: "d.md", Line: 4},
		{Text: "Outages:", Heading: []string{"Summary"}, Source: "d.md", Line: 10},
		{Text: "AZ outages => RDS multi-AZ deployment", Context: []string{"Outages:"}, Heading: []string{"Summary"}, Source: "d.md", Line: 11},
		{Text: "Regional outages => RDS read replica in another region", Context: []string{"Outages:"}, Heading: []string{"Summary"}, Source: "d.md", Line: 12},
		{Text: "RDS:", Heading: []string{"Summary"}, Source: "d.md", Line: 13},
		{Text: "Read replicas can be in the same AZ, the same region, or cross-region, and serve reads", Context: []string{"RDS:"}, Heading: []string{"Summary"}, Source: "d.md", Line: 14},
		{Text: "Read replicas have the best RTO and RPO but the highest cost", Context: []string{"RDS:"}, Heading: []string{"Summary"}, Source: "d.md", Line: 15},
		{Text: "RDS automated backups run in the backup window", Heading: []string{"Databases"}, Source: "d.md", Line: 20},
	})
	got = lines(t, e3, "RDS outages multi-AZ read replicas", Filter{})
	lists, replicas := 0, 0
	for _, l := range got {
		switch l {
		case "d.md:1", "d.md:10", "d.md:2", "d.md:11":
			lists++
		case "d.md:4", "d.md:13", "d.md:14", "d.md:15":
			replicas++
		}
	}
	if lists != 1 || replicas != 1 {
		t.Errorf("RDS outages: %v, want the outage list once and the replica sentence once", got)
	}
}
