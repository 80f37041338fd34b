package cache

import (
	"os"
	"path/filepath"
	"testing"
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
	some, rep := openCache(t, c, Notes{Paths: []string{dir}, Exclude: []string{"drafts/"}})
	if all.Len() != 2 || some.Len() != 1 {
		t.Fatalf("snippets: all %d, with drafts/ excluded %d; want 2 and 1", all.Len(), some.Len())
	}
	if rep.Action != ActionRebuilt {
		t.Errorf("excluding drafts/ reused an entry: %s", rep.Action)
	}
	again, rep := openCache(t, c, Notes{Paths: []string{dir}, Exclude: []string{"drafts/"}})
	if again.Len() != 1 || rep.Action != ActionFresh {
		t.Errorf("same excludes again: %d snippets, %s; want 1, fresh", again.Len(), rep.Action)
	}
	os.WriteFile(filepath.Join(dir, ".cribignore"), []byte("keep.md\n"), 0o644)
	ignored, rep := openCache(t, c, Notes{Paths: []string{dir}})
	if ignored.Len() != 1 || rep.Action != ActionRebuilt {
		t.Errorf("after a .cribignore: %d snippets, %s; want 1, rebuilt", ignored.Len(), rep.Action)
	}
}
