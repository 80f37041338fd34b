package cmd

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search"
)

// TestRanksPrintInOrder: results of one section are grouped only when
// they are neighbours, so ranks always print 1, 2, 3, …
func TestRanksPrintInOrder(t *testing.T) {
	res := func(rank int, heading string) search.Result {
		return search.Result{Rank: rank, Hit: search.Hit{Score: 1, Snippet: corpus.Snippet{Text: "note", Source: "n.md", Line: rank, Heading: []string{heading}}}}
	}
	ans := &search.Answer{Results: []search.Result{res(1, "A"), res(2, "B"), res(3, "A"), res(4, "A"), res(5, "C")}}
	var b bytes.Buffer
	renderTerminal(&b, ans, plainStyler{}, 80, answerExtras{}, true)
	var ranks []string
	for _, m := range regexp.MustCompile(`(?m)^\s+(\d) note$`).FindAllStringSubmatch(b.String(), -1) {
		ranks = append(ranks, m[1])
	}
	if got := strings.Join(ranks, " "); got != "1 2 3 4 5" {
		t.Errorf("ranks print as %s, want 1 2 3 4 5:\n%s", got, b.String())
	}
	headings := 0
	for _, line := range strings.Split(b.String(), "\n") {
		if line == "A" {
			headings++
		}
	}
	if headings != 2 {
		t.Errorf("heading A printed %d times, want 2 (before 1 and before 3-4):\n%s", headings, b.String())
	}
}
