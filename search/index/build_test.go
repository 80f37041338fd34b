package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/crib-dev/crib/corpus"
)

// TestBuildAgreesWithMapping: the built-in notes score the same, to the
// last digit, whether Build indexes them (each snippet analysed once) or
// bleve's mapping analyses each document, as crib did before.
func TestBuildAgreesWithMapping(t *testing.T) {
	snippets := corpus.Embedded()
	x, st, err := Build(snippets)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	idx, err := bleve.NewUsing("", newMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		t.Fatal(err)
	}
	b := idx.NewBatch()
	for i, s := range snippets {
		if err := b.Index(DocID(i), document(s)); err != nil {
			t.Fatal(err)
		}
	}
	if err := idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	mapped := &Index{idx: idx}
	defer mapped.Close()
	for _, q := range []string{"codedeploy lifecycle hooks", "rotate access keys automatically", "cloudwatch events rule", "stackset drift"} {
		if got, want := hits(t, x.Searcher(st), q), hits(t, mapped.Searcher(st), q); got != want {
			t.Errorf("%q: Build\n%s\nwant (mapping)\n%s", q, got, want)
		}
	}
}

// hits renders the best hits of q over every field, scores included.
func hits(t *testing.T, idx bleve.Index, q string) string {
	t.Helper()
	var qs []query.Query
	for _, f := range []string{FieldText, FieldParts, FieldContext, FieldHeading} {
		m := query.NewMatchQuery(q)
		m.SetField(f)
		qs = append(qs, m)
	}
	req := bleve.NewSearchRequestOptions(query.NewDisjunctionQuery(qs), 8, 0, false)
	req.SortBy([]string{"-_score", "_id"})
	res, err := idx.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, h := range res.Hits {
		fmt.Fprintf(&b, "  %.9f %s\n", h.Score, h.ID)
	}
	return b.String()
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
	got, err := indexRange(idx, snippets, 0, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.settle(); !reflect.DeepEqual(got, want) {
		t.Errorf("vocabularies differ: %d/%d terms, %d/%d words", len(got.df), len(want.df), len(got.surface), len(want.surface))
	}
	got.Remove(snippets)
	if len(got.df)+len(got.surface)+len(got.more) != 0 {
		t.Errorf("uncounting every snippet leaves %d terms, %d words", len(got.df), len(got.surface))
	}
}

// TestCompactFailsInsteadOfHanging: a merge that fails on scorch's own
// goroutine (a full disk), where scorch's merger retries forever and
// ForceMerge never returns, ends compact with that error.
func TestCompactFailsInsteadOfHanging(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	idx, err := bleve.NewUsing(dir, newMapping(), scorch.Name, scorch.Name, mergeConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	full := errors.New("no space left on device")
	defer func(f func(context.Context, *scorch.Scorch) error) { forceMerge = f }(forceMerge)
	forceMerge = func(ctx context.Context, s *scorch.Scorch) error {
		// as scorch reports a failed merge, and retries it
		scorch.RegistryAsyncErrorCallbacks[asyncErrorsName](full, filepath.Join(dir, "store"))
		<-ctx.Done()
		return nil
	}
	done := make(chan error, 1)
	go func() { done <- compact(idx, dir+"/") }()
	select {
	case err := <-done:
		if !errors.Is(err, full) {
			t.Fatalf("compact: %v, want %v", err, full)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("compact still waiting after 30 s")
	}
}

// TestCompactReportsEarlierMergeFailure: a group's merge that failed
// while indexing went on (see mergeConfig) fails the compaction after it,
// even when the final merge works.
func TestCompactReportsEarlierMergeFailure(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	idx, err := bleve.NewUsing(dir, newMapping(), scorch.Name, scorch.Name, mergeConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	_, stop := hearAsyncErrors(dir)
	defer stop()
	full := errors.New("no space left on device")
	scorch.RegistryAsyncErrorCallbacks[asyncErrorsName](full, filepath.Join(dir, "store"))
	if err := compact(idx, dir); !errors.Is(err, full) {
		t.Fatalf("compact: %v, want %v", err, full)
	}
}

// planSegment is a segment of live snippets for bleve's merge planner.
type planSegment struct{ id, live uint64 }

func (s planSegment) Id() uint64          { return s.id }
func (s planSegment) FullSize() int64     { return int64(s.live) }
func (s planSegment) LiveSize() int64     { return int64(s.live) }
func (s planSegment) HasVector() bool     { return false }
func (s planSegment) FileSize() int64     { return int64(s.live) * 300 }
func (s planSegment) LiveFileSize() int64 { return s.FileSize() }

// TestMergeConfigMergesGroupsOnce: scorch's merger, with the options of
// mergeConfig, merges the batches' segments mergeGroup at a time and never
// a group's segment again.
func TestMergeConfigMergesGroupsOnce(t *testing.T) {
	o := mergeplan.DefaultMergePlanOptions
	b, err := json.Marshal(mergeConfig()["scorchMergePlanOptions"])
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &o); err != nil {
		t.Fatal(err)
	}
	segments := func(groups, batches int) []mergeplan.Segment {
		var out []mergeplan.Segment
		for i := range groups {
			out = append(out, planSegment{uint64(i), mergeGroup * batchSize})
		}
		for i := range batches {
			out = append(out, planSegment{uint64(groups + i), batchSize + uint64(i%3)})
		}
		return out
	}
	for _, tc := range []struct {
		name            string
		groups, batches int
		merged          int // segments in the one task, 0 for none
	}{
		{"a group's worth waits", 0, mergeGroup, 0},
		{"groups are not merged again", 9, mergeGroup, 0},
		{"past a group's worth", 3, mergeGroup + 2, mergeGroup},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := mergeplan.Plan(segments(tc.groups, tc.batches), &o)
			if err != nil {
				t.Fatal(err)
			}
			var tasks []*mergeplan.MergeTask
			if p != nil {
				tasks = p.Tasks
			}
			if tc.merged == 0 {
				if len(tasks) != 0 {
					t.Fatalf("%d tasks, want none", len(tasks))
				}
				return
			}
			if len(tasks) != 1 || len(tasks[0].Segments) != tc.merged {
				t.Fatalf("tasks %v, want one of %d segments", tasks, tc.merged)
			}
			for _, s := range tasks[0].Segments {
				if s.LiveSize() >= mergeGroup*batchSize {
					t.Errorf("a group's segment merged again")
				}
			}
		})
	}
}
