package cache

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search"
	"github.com/crib-dev/crib/search/index"
)

var cacheQuestions = []string{
	"codedeploy lifecycle hooks",
	"rotate access keys automatically",
	"cloudwatch events rule to trigger lambda",
	"s3 bucket replication",
	"blue green deployment rollback",
	"stackset drift",
}

// answers renders what an engine answers to cacheQuestions, scores
// included, so that two engines can be compared exactly.
func answers(t *testing.T, e *search.Engine) string {
	t.Helper()
	var b strings.Builder
	for _, q := range cacheQuestions {
		ans, err := e.Search(q, search.Options{Limit: 8})
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

// thesaurusFunc hands Open a thesaurus compiled once per test.
func thesaurusFunc(t testing.TB) ThesaurusFunc {
	th := testThesaurus(t)
	return func() (*search.Thesaurus, error) { return th, nil }
}

func testThesaurus(t testing.TB) *search.Thesaurus {
	t.Helper()
	th, err := search.NewThesaurus()
	if err != nil {
		t.Fatal(err)
	}
	return th
}

func newTestCache(t *testing.T) *Cache {
	return &Cache{Dir: filepath.Join(t.TempDir(), "crib"), Version: "test", LockWait: 200 * time.Millisecond}
}

func openCache(t *testing.T, c *Cache, src Notes) (*search.Engine, *Report) {
	t.Helper()
	e, rep, err := c.Open(src, thesaurusFunc(t))
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { e.Close() })
	return e, rep
}

func memoryEngine(t *testing.T, src Notes) *search.Engine {
	t.Helper()
	e, _, err := OpenMemory(src, thesaurusFunc(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

// TestIndexPathsAgree: the built-in notes answer the same, to the last
// digit of every score, whether indexed in memory or from the cache on
// disk (search's TestBuildAgreesWithMapping compares memory with how crib
// indexed before the cache).
func TestIndexPathsAgree(t *testing.T) {
	want := answers(t, memoryEngine(t, Notes{}))
	c := newTestCache(t)
	for _, action := range []Action{ActionRebuilt, ActionFresh} {
		e, rep := openCache(t, c, Notes{})
		if rep.Action != action || len(rep.Warnings) > 0 {
			t.Errorf("open: action %s, warnings %q; want %s and none", rep.Action, rep.Warnings, action)
		}
		if got := answers(t, e); got != want {
			t.Errorf("from the cache (%s):\n%s\nwant:\n%s", action, got, want)
		}
	}
}

// TestSnapshotKeepsExpansions: note expansions read back as written,
// nil and empty apart; a snapshot written without them says so.
func TestSnapshotKeepsExpansions(t *testing.T) {
	snippets := []corpus.Snippet{
		{Text: "patching => ssm", Source: "x.md", Line: 1},
		{Text: "b", Source: "x.md", Line: 2},
		{Text: "c", Source: "x.md", Line: 3},
	}
	expansions := [][]string{{"oper", "system", "schedul"}, nil, {}}
	stats, err := index.Write(filepath.Join(t.TempDir(), indexDir), snippets, nil, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range [][][]string{expansions, nil} {
		path := filepath.Join(t.TempDir(), snapshotName)
		if err := writeSnapshot(path, snippets, stats.Vocab, nil, want); err != nil {
			t.Fatal(err)
		}
		got, err := readSnapshot(path)
		if err != nil {
			t.Fatal(err)
		}
		if got.snippets.Expanded() != (want != nil) {
			t.Errorf("Expanded() = %v, want %v", got.snippets.Expanded(), want != nil)
		}
		for i := range snippets {
			var w []string
			if want != nil {
				w = want[i]
			}
			if e := got.snippets.Expansion(i); !reflect.DeepEqual(e, w) {
				t.Errorf("expansion %d = %#v, want %#v", i, e, w)
			}
		}
	}
}

// expandedSnapshot is the body and checksum of a snapshot holding note
// expansions, a seed for the fuzzer.
func expandedSnapshot(tb testing.TB) []byte {
	snippets := []corpus.Snippet{{Text: "a b", Source: "x.md", Line: 1}, {Text: "c", Source: "x.md", Line: 2}}
	stats, err := index.Write(filepath.Join(tb.TempDir(), indexDir), snippets, nil, nil, nil, nil)
	if err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(tb.TempDir(), snapshotName)
	if err := writeSnapshot(path, snippets, stats.Vocab, nil, [][]string{{"d", "e"}, nil}); err != nil {
		tb.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

func TestSnapshotRoundTrip(t *testing.T) {
	snippets := []corpus.Snippet{
		{Text: "a", Heading: []string{"H"}, Context: nil, Source: "x.md", Line: 1},
		{Text: "b", Heading: []string{}, Context: []string{"a"}, Source: "x.md", Line: 2},
		{Text: "", Heading: nil, Context: []string{""}, Source: "y.md", Line: 1 << 30},
	}
	stats, err := index.Write(filepath.Join(t.TempDir(), indexDir), snippets, nil, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	voc := stats.Vocab
	path := filepath.Join(t.TempDir(), snapshotName)
	if err := writeSnapshot(path, snippets, voc, nil, nil); err != nil {
		t.Fatal(err)
	}
	got, err := readSnapshot(path)
	if err != nil {
		t.Fatal(err)
	}
	if all := got.snippets.slice(0, got.snippets.Len()); !reflect.DeepEqual(all, snippets) || !sameVocabulary(got.voc, voc) {
		t.Errorf("round trip:\n%#v\nwant\n%#v", all, snippets)
	}
	data, _ := os.ReadFile(path)
	for _, bad := range [][]byte{nil, data[:len(data)/2], append([]byte("garbage!"), data[8:]...)} {
		os.WriteFile(path, bad, 0o644)
		if _, err := readSnapshot(path); !errors.Is(err, errCorrupt) {
			t.Errorf("damaged snapshot of %d bytes: err %v, want errCorrupt", len(bad), err)
		}
	}
}

// writeNotes writes files (name -> contents) below dir.
func writeNotes(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// noteFile is a notes file about one service with n bullets.
func noteFile(service string, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n## Deployments\n\n", service)
	for i := range n {
		fmt.Fprintf(&b, "- %s note %d: lifecycle hooks, blue/green deployments and rollback on alarms, access keys rotate every %d days.\n", service, i, 30+i)
	}
	return b.String()
}

func testNotes(t *testing.T) string {
	dir := t.TempDir()
	writeNotes(t, dir, map[string]string{
		"a-codedeploy.md":   noteFile("CodeDeploy", 20),
		"b-iam.md":          noteFile("IAM", 20),
		"c-s3.md":           noteFile("S3", 20),
		"d/e-cloudwatch.md": noteFile("CloudWatch", 20) + "\n- CloudWatch Events rule triggers a Lambda function.\n",
	})
	return dir
}

// TestCacheInvalidation edits, adds, touches and deletes notes between
// questions: each time the cache notices, re-indexes what it must, and
// answers exactly as an index built from scratch in memory does.
func TestCacheInvalidation(t *testing.T) {
	dir := testNotes(t)
	src := Notes{Paths: []string{dir}}
	c := newTestCache(t)
	later := time.Now().Add(time.Hour)
	steps := []struct {
		name   string
		change func()
		action Action
	}{
		{"first run builds", func() {}, ActionRebuilt},
		{"second run reads the cache", func() {}, ActionFresh},
		{"touched file is re-hashed, not re-indexed", func() {
			os.Chtimes(filepath.Join(dir, "b-iam.md"), later, later)
		}, ActionFresh},
		{"edited last file is updated in place", func() {
			writeNotes(t, dir, map[string]string{"d/e-cloudwatch.md": noteFile("CloudWatch", 25)})
		}, ActionUpdated},
		{"same-size edit is caught by its hash", func() {
			p := filepath.Join(dir, "d/e-cloudwatch.md")
			data, _ := os.ReadFile(p)
			os.WriteFile(p, []byte(strings.Replace(string(data), "CloudWatch note 3:", "CloudWatch note 9:", 1)), 0o644)
		}, ActionUpdated},
		{"edited middle file rebuilds", func() {
			writeNotes(t, dir, map[string]string{"c-s3.md": noteFile("S3", 21)})
		}, ActionRebuilt},
		{"added file", func() {
			writeNotes(t, dir, map[string]string{"f-kms.md": noteFile("KMS", 10)})
		}, ActionUpdated},
		{"deleted last file", func() { os.Remove(filepath.Join(dir, "f-kms.md")) }, ActionUpdated},
		{"edited first file rebuilds", func() {
			writeNotes(t, dir, map[string]string{"a-codedeploy.md": noteFile("CodeDeploy", 5)})
		}, ActionRebuilt},
		{"deleted first file", func() { os.Remove(filepath.Join(dir, "a-codedeploy.md")) }, ActionRebuilt},
	}
	for _, step := range steps {
		t.Run(step.name, func(t *testing.T) {
			step.change()
			e, rep := openCache(t, c, src)
			if rep.Action != step.action || len(rep.Warnings) > 0 {
				t.Errorf("action %s (%q), warnings %q; want %s", rep.Action, rep.Changes, rep.Warnings, step.action)
			}
			if got, want := answers(t, e), answers(t, memoryEngine(t, src)); got != want {
				t.Errorf("cache answers:\n%s\nin memory:\n%s", got, want)
			}
			gens, _ := filepath.Glob(filepath.Join(c.Dir, "*", genPrefix+"*"))
			if len(gens) != 1 {
				t.Errorf("cache holds %d generations, want 1: %q", len(gens), gens)
			}
		})
	}
}

// TestCacheNeverWritesNotes: building and updating the cache leaves the
// notes byte for byte and time for time as they were.
func TestCacheNeverWritesNotes(t *testing.T) {
	dir := testNotes(t)
	before := snapshotTree(t, dir)
	c := newTestCache(t)
	openCache(t, c, Notes{Paths: []string{dir}})
	if _, err := c.Refresh(Notes{Paths: []string{dir}}); err != nil {
		t.Fatal(err)
	}
	if after := snapshotTree(t, dir); after != before {
		t.Errorf("notes changed:\n%s\nwant\n%s", after, before)
	}
}

func snapshotTree(t *testing.T, dir string) string {
	var b strings.Builder
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			data, _ := os.ReadFile(p)
			fmt.Fprintf(&b, "%s %d %s %q\n", p, info.ModTime().UnixNano(), info.Mode(), hashBytes(data))
		}
		return nil
	})
	return b.String()
}

func TestCacheStatus(t *testing.T) {
	c := newTestCache(t)
	dir := testNotes(t)
	src := Notes{Paths: []string{dir}}
	st, err := c.Status(src)
	if err != nil || !st.Stale() || st.Dir != "" {
		t.Fatalf("status before any build: %+v, %v", st, err)
	}
	openCache(t, c, src)
	st, err = c.Status(src)
	if err != nil || st.Stale() || st.Snippets != 81 || st.Files != 4 || st.Size == 0 {
		t.Errorf("status after a build: %+v, %v", st, err)
	}
	writeNotes(t, dir, map[string]string{"new.md": "- a new note\n"})
	if st, _ = c.Status(src); !st.Stale() || fmt.Sprint(st.Changes) != "[added "+filepath.Join(dir, "new.md")+"]" {
		t.Errorf("status after adding a file: stale %v, changes %q", st.Stale(), st.Changes)
	}
}

// sameVocabulary compares two vocabularies by what they answer: one read
// from a snapshot is a table, one counted is maps.
func sameVocabulary(a, b *index.Vocabulary) bool {
	if !reflect.DeepEqual(a.Terms(), b.Terms()) || !reflect.DeepEqual(a.Words(), b.Words()) {
		return false
	}
	for _, t := range a.Terms() {
		if a.DF(t) != b.DF(t) {
			return false
		}
	}
	for _, w := range a.Words() {
		at, au := a.Word(w)
		bt, bu := b.Word(w)
		if at != bt || au != bu {
			return false
		}
	}
	return true
}

// TestOpenCached checks that OpenCached opens only what the cache holds up
// to date, and builds nothing.
func TestOpenCached(t *testing.T) {
	c := newTestCache(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("- CodeDeploy lifecycle hooks run in order\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	src := Notes{Paths: []string{dir}}
	if e, err := c.OpenCached(src, thesaurusFunc(t)); !errors.Is(err, ErrNotCached) {
		t.Fatalf("empty cache: OpenCached = %v, %v; want ErrNotCached", e, err)
	}
	if _, err := os.Stat(c.Dir); err == nil {
		t.Errorf("OpenCached wrote %s", c.Dir)
	}
	openCache(t, c, src)
	e, err := c.OpenCached(src, thesaurusFunc(t))
	if err != nil {
		t.Fatalf("fresh cache: OpenCached: %v", err)
	}
	defer e.Close()
	if err := os.WriteFile(filepath.Join(dir, "b.md"), []byte("- added\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := c.OpenCached(src, thesaurusFunc(t)); !errors.Is(err, ErrNotCached) {
		t.Errorf("changed notes: OpenCached error = %v, want ErrNotCached", err)
	}
}
