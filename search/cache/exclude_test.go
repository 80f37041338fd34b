package cache

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/crib-dev/crib/corpus"
)

// TestExcludesKeyTheEntry checks that what leaves files out (exclude
// patterns, ignore files) is part of an entry's key, so an index built
// without a file is never served for notes that include it, and the
// reverse.
func TestExcludesKeyTheEntry(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "keep.md"), []byte("- SNS fans out messages\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "drafts"), 0o755)
	os.WriteFile(filepath.Join(dir, "drafts", "wip.md"), []byte("- SQS queues messages\n"), 0o644)
	c := newTestCache(t)

	all, _ := openCache(t, c, Notes{Paths: []string{dir}})
	some, rep := openCache(t, c, Notes{Paths: []string{dir}, Options: corpus.LoadOptions{Exclude: []string{"drafts/"}}})
	if all.Len() != 2 || some.Len() != 1 {
		t.Fatalf("snippets: all %d, with drafts/ excluded %d; want 2 and 1", all.Len(), some.Len())
	}
	if rep.Action != ActionRebuilt {
		t.Errorf("excluding drafts/ reused an entry: %s", rep.Action)
	}
	again, rep := openCache(t, c, Notes{Paths: []string{dir}, Options: corpus.LoadOptions{Exclude: []string{"drafts/"}}})
	if again.Len() != 1 || rep.Action != ActionFresh {
		t.Errorf("same excludes again: %d snippets, %s; want 1, fresh", again.Len(), rep.Action)
	}
	os.WriteFile(filepath.Join(dir, ".cribignore"), []byte("keep.md\n"), 0o644)
	ignored, rep := openCache(t, c, Notes{Paths: []string{dir}})
	if ignored.Len() != 1 || rep.Action != ActionRebuilt {
		t.Errorf("after a .cribignore: %d snippets, %s; want 1, rebuilt", ignored.Len(), rep.Action)
	}
}

// TestTagsSurviveTheCache checks that front-matter tags, which --tag
// filters on, come back from a cached index as they were read.
func TestTagsSurviveTheCache(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.md"), []byte("---\ntags: [aws, cicd]\n---\n- SNS fans out messages\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "b.md"), []byte("- SQS queues messages\n"), 0o644)
	c := newTestCache(t)
	openCache(t, c, Notes{Paths: []string{dir}})
	e, rep := openCache(t, c, Notes{Paths: []string{dir}})
	if rep.Action != ActionFresh {
		t.Fatalf("second open: %s, want fresh", rep.Action)
	}
	got := [][]string{}
	for _, s := range e.Snippets() {
		got = append(got, s.Tags)
	}
	if want := [][]string{{"aws", "cicd"}, nil}; !reflect.DeepEqual(got, want) {
		t.Errorf("tags from the cache: %q, want %q", got, want)
	}
}
