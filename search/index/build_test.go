package index

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	blevedocument "github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	blevesearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/crib-dev/crib/corpus"
)

// TestBuildAgreesWithMapping: the built-in notes score the same, to the
// last digit, whether Build indexes them (each snippet analysed once, one
// zap segment read by crib's reader) or bleve's own index (scorch) holds
// them as its mapping analyses each document, as crib did before.
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
	defer idx.Close()
	b := idx.NewBatch()
	for i, s := range snippets {
		if err := b.Index(DocID(i), document(s)); err != nil {
			t.Fatal(err)
		}
	}
	if err := idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	for _, q := range testQuestions {
		for _, explain := range []bool{false, true} {
			if got, want := hits(t, x.Searcher(st), q, explain), bleveHits(t, idx, st, q, explain); got != want {
				t.Errorf("%q: Build\n%s\nwant (mapping)\n%s", q, got, want)
			}
		}
	}
}

var testQuestions = []string{"codedeploy lifecycle hooks", "rotate access keys automatically", "cloudwatch events rule", "stackset drift"}

// matchAll asks q of every field.
func matchAll(q string) query.Query {
	var qs []query.Query
	for _, f := range []string{FieldText, FieldParts, FieldContext, FieldHeading} {
		m := query.NewMatchQuery(q)
		m.SetField(f)
		qs = append(qs, m)
	}
	return query.NewDisjunctionQuery(qs)
}

// hits renders the best hits of q over every field, scores included.
func hits(t *testing.T, s *Searcher, q string, explain bool) string {
	t.Helper()
	res, err := s.Search(Request{Query: matchAll(q), Size: 8, Explain: explain, ByID: true})
	if err != nil {
		t.Fatal(err)
	}
	return render(res.Hits, res.Total)
}

// bleveHits is hits, searched by bleve's index with crib's statistics.
func bleveHits(t *testing.T, idx bleve.Index, st *Stats, q string, explain bool) string {
	t.Helper()
	req := bleve.NewSearchRequestOptions(matchAll(q), 8, 0, explain)
	req.SortBy([]string{"-_score", "_id"})
	req.PreSearchData = map[string]interface{}{blevesearch.BM25PreSearchDataKey: &blevesearch.BM25Stats{DocCount: float64(st.Docs), FieldCardinality: st.Fields}}
	res, err := idx.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	return render(res.Hits, res.Total)
}

// withoutInternalIDs replaces the eight raw bytes of each internal id an
// explanation's messages name ("weight(text:rule^1.000000 in \x00…\x29),
// …") by "doc": the numbers follow no order, and their bytes may hold a
// ")". It changes e in place.
func withoutInternalIDs(e *blevesearch.Explanation) {
	if e == nil {
		return
	}
	e.Message = idless(e.Message)
	for _, c := range e.Children {
		withoutInternalIDs(c)
	}
}

// idless is a message with its internal id, if any, written as "doc".
func idless(m string) string {
	i := strings.Index(m, " in ")
	if i < 0 || len(m) < i+4+8+1 || m[i+4+8] != ')' {
		return m
	}
	return m[:i] + " in doc" + m[i+4+8:]
}

func render(hits blevesearch.DocumentMatchCollection, total uint64) string {
	var b strings.Builder
	fmt.Fprintf(&b, "  %d matches\n", total)
	for _, h := range hits {
		fmt.Fprintf(&b, "  %.9f %s\n", h.Score, h.ID)
		if h.Expl != nil {
			// less the internal numbers, which follow no order
			withoutInternalIDs(h.Expl)
			fmt.Fprintf(&b, "    %s\n", h.Expl)
		}
	}
	return b.String()
}

// TestWriteAgreesWithBuild: an index written to disk and opened, and one
// updated from an older one (snippets replaced, added and deleted), hold
// the same statistics and answer the same as one built in memory.
func TestWriteAgreesWithBuild(t *testing.T) {
	testWriteAgreesWithBuild(t)
}

func testWriteAgreesWithBuild(t *testing.T) {
	snippets := corpus.Embedded()
	mem, want, err := Build(snippets)
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	dir := filepath.Join(t.TempDir(), "index")
	// An older index: the notes' first 2000 snippets, then others.
	old := append(snippets[:2000:2000], corpus.Snippet{Text: "an old note about stackset drift"}, corpus.Snippet{Text: "deleted since"})
	old = append(old, snippets[2500:2600]...)
	if _, err := Write(dir, old, nil, nil, nil, nil); err != nil {
		t.Fatal(err)
	}
	oldStats, err := Write(filepath.Join(t.TempDir(), "scratch"), old[:2000], nil, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	voc := oldStats.Vocab
	got, err := Write(dir, snippets, &Update{Keep: 2000, Vocab: voc, Had: len(old)}, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Fields, want.Fields) || got.Docs != want.Docs || got.AvgLen != want.AvgLen {
		t.Errorf("stats after update %+v, want %+v", got, want)
	}
	if names, _ := filepath.Glob(filepath.Join(dir, "*")); len(names) != 1 || filepath.Base(names[0]) != segmentName {
		t.Errorf("index folder holds %q, want only %s", names, segmentName)
	}
	x, err := Open(dir, len(snippets))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	for _, q := range testQuestions {
		if a, b := hits(t, x.Searcher(got), q, true), hits(t, mem.Searcher(want), q, true); a != b {
			t.Errorf("%q: written\n%s\nwant (built)\n%s", q, a, b)
		}
	}
	if _, err := Open(dir, len(snippets)+1); err == nil {
		t.Error("Open with the wrong count of snippets did not fail")
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
	got, err := indexRange(snippets, 0, split(snippets, 0), nil, nil, documents(snippets, func(int, int, int, []*blevedocument.Document) error { return nil }))
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

// TestFailedWriteLeavesNoIndex: a write that fails part way (here a
// segment file cannot be written, as on a full disk) reports
// the error and leaves no index behind, not half of one.
func TestFailedWriteLeavesNoIndex(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	if err := os.MkdirAll(filepath.Join(dir, segmentName+".tmp"), 0o755); err != nil { // a folder where the file goes
		t.Fatal(err)
	}
	if _, err := Write(dir, corpus.Embedded(), nil, nil, nil, nil); err == nil || !strings.Contains(err.Error(), "write index") {
		t.Fatalf("write: %v, want a failed write", err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("a failed write left %s (%v)", dir, err)
	}
}

// TestWriteIndexed: the hook that runs beside the merge is given the
// vocabulary Write returns, and its error fails the write, leaving no
// index.
func TestWriteIndexed(t *testing.T) {
	snippets := corpus.Embedded()[:300]
	var heard *Vocabulary
	st, err := Write(filepath.Join(t.TempDir(), "index"), snippets, nil, nil, nil, func(v *Vocabulary) error { heard = v; return nil })
	if err != nil {
		t.Fatal(err)
	}
	if heard == nil || heard != st.Vocab {
		t.Errorf("indexed heard vocabulary %p, Write returned %p", heard, st.Vocab)
	}
	dir := filepath.Join(t.TempDir(), "index")
	failed := errors.New("snapshot failed")
	if _, err := Write(dir, snippets, nil, nil, nil, func(*Vocabulary) error { return failed }); !errors.Is(err, failed) {
		t.Fatalf("write: %v, want %v", err, failed)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("a failed write left %s (%v)", dir, err)
	}
}

func TestIdless(t *testing.T) {
	for in, want := range map[string]string{
		"weight(text:rule^1.000000 in \x00\x00\x00\x00\x00\x00\x00\x29), product of:": "weight(text:rule^1.000000 in doc), product of:",
		"fieldWeight(text:rule in \x00\x00\x00\x00\x00\x00\x01\x02), as per":          "fieldWeight(text:rule in doc), as per",
		"coord(2/4)": "coord(2/4)",
		"a in b":     "a in b",
	} {
		if got := idless(in); got != want {
			t.Errorf("idless(%q) = %q, want %q", in, got, want)
		}
	}
}

// Open refuses a segment whose bytes do not match zap's checksum, before
// zap reads any of its tables.
func TestOpenChecksSegment(t *testing.T) {
	snippets := corpus.Embedded()[:50]
	dir := filepath.Join(t.TempDir(), "index")
	if _, err := Write(dir, snippets, nil, nil, nil, nil); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, segmentName)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	x, err := Open(dir, len(snippets))
	if err != nil {
		t.Fatalf("a sound index: %v", err)
	}
	x.Close()
	data[len(data)/2] ^= 0xff
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir, len(snippets)); !errors.Is(err, ErrDamaged) {
		t.Errorf("a flipped byte: %v, want ErrDamaged", err)
	}
}
