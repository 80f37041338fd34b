package search

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/crib-dev/crib/corpus"
)

// mappingEngine indexes the way crib did before the cache: bleve's
// mapping analyses each document, in one batch, with bleve's own BM25
// statistics.
func mappingEngine(t *testing.T, snippets []corpus.Snippet) *Engine {
	t.Helper()
	idx, err := bleve.NewUsing("", newMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		t.Fatal(err)
	}
	b := idx.NewBatch()
	voc := NewVocabulary()
	for i, s := range snippets {
		if err := b.Index(docID(i), document(s)); err != nil {
			t.Fatal(err)
		}
		voc.add(s, 1)
	}
	if err := idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	th, err := NewThesaurus()
	if err != nil {
		t.Fatal(err)
	}
	e := &Engine{idx: idx, snippets: snippets, th: th, vocab: voc.df, surface: voc.surface, avg: meanLength(snippets)}
	t.Cleanup(func() { e.Close() })
	return e
}

// answers renders what an engine answers to a few questions, scores
// included, so that two engines can be compared exactly.
func answers(t *testing.T, e *Engine) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{"codedeploy lifecycle hooks", "rotate access keys automatically", "cloudwatch events rule to trigger lambda", "stackset drift"} {
		ans, err := e.Search(q, Options{Limit: 8})
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		fmt.Fprintf(&b, "%s\n", q)
		for _, r := range ans.Results {
			fmt.Fprintf(&b, "  %.9f %s:%d\n", r.Score, r.Snippet.Source, r.Snippet.Line)
		}
	}
	return b.String()
}

// TestBuildAgreesWithMapping: the built-in notes answer the same, to the
// last digit of every score, whether indexed by Build or as before the
// cache (package cache compares Build with its indexes on disk).
func TestBuildAgreesWithMapping(t *testing.T) {
	want := answers(t, mappingEngine(t, corpus.Embedded()))
	if got := answers(t, testEngine(t, corpus.Embedded())); got != want {
		t.Errorf("Build:\n%s\nwant:\n%s", got, want)
	}
}

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

// TestVocabularyPaths: counting words in parallel while indexing equals
// counting them one snippet after another, and uncounting undoes it.
func TestVocabularyPaths(t *testing.T) {
	snippets := append(corpus.Embedded(),
		corpus.Snippet{Text: "odd `backquote carries", Heading: []string{"CamelCaseHeading", "a / b"}},
		corpus.Snippet{Text: "ends with a joiner.", Heading: []string{"/api", "`CodeBuild`"}},
		corpus.Snippet{Text: "no heading"},
	)
	want := NewVocabulary()
	for _, s := range snippets {
		want.add(s, 1)
	}
	idx, err := bleve.NewUsing("", newMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	got, err := indexRange(idx, snippets, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("vocabularies differ: %d/%d terms, %d/%d words", len(got.df), len(want.df), len(got.surface), len(want.surface))
	}
	got.Remove(snippets)
	if len(got.df)+len(got.surface)+len(got.more) != 0 {
		t.Errorf("uncounting every snippet leaves %d terms, %d words", len(got.df), len(got.surface))
	}
}
