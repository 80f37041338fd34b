package search

import (
	"strings"
	"testing"

	"github.com/crib-dev/crib/corpus"
)

// TestBuildWithoutThesaurus: an engine built without a thesaurus uses
// the built-in one instead of failing later.
func TestBuildWithoutThesaurus(t *testing.T) {
	e, err := Build(corpus.Embedded(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	ans, err := e.Search("cloudwatch events", Options{Limit: 1})
	if err != nil || len(ans.Results) != 1 || !strings.Contains(ans.Results[0].Snippet.Text, "EventBridge") {
		t.Errorf("search without a thesaurus: %+v, %v", ans, err)
	}
}
