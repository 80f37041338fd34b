package cache

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search"
)

// TestCacheKeySpellings: one folder named in different ways (relative,
// with ./ and a trailing slash, absolute, through a symbolic link) has
// one index, built once; each question shows the files under the path
// it named them by. Options that leave files out get their own index.
func TestCacheKeySpellings(t *testing.T) {
	root := t.TempDir()
	writeNotes(t, filepath.Join(root, "mynotes"), map[string]string{"a.md": "- zorblax lives here\n", "sub/b.md": "- quuxly too\n"})
	if err := os.Symlink("mynotes", filepath.Join(root, "link")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(root)
	c := newTestCache(t)
	var dir string
	for i, p := range []string{"mynotes", "./mynotes/", filepath.Join(root, "mynotes"), "link"} {
		e, rep := openCache(t, c, Notes{Paths: []string{p}})
		want := ActionFresh
		if i == 0 {
			want, dir = ActionRebuilt, rep.Dir
		}
		if rep.Action != want || rep.Dir != dir {
			t.Errorf("%s: %s in %s, want %s in %s", p, rep.Action, rep.Dir, want, dir)
		}
		ans, err := e.Search("zorblax", search.Options{Limit: 1})
		if err != nil || len(ans.Results) != 1 {
			t.Fatalf("%s: %v, %d results", p, err, len(ans.Results))
		}
		if got, wantSrc := ans.Results[0].Snippet.Source, filepath.Join(p, "a.md"); got != wantSrc {
			t.Errorf("%s: shown as %s, want %s", p, got, wantSrc)
		}
	}
	_, rep := openCache(t, c, Notes{Paths: []string{"mynotes"}, Options: corpus.LoadOptions{Exclude: []string{"sub/"}}})
	if rep.Action != ActionRebuilt || rep.Dir == dir || rep.Snippets != 1 {
		t.Errorf("with an exclusion: %s in %s, %d snippets; want its own index of 1", rep.Action, rep.Dir, rep.Snippets)
	}
	if entries, _ := os.ReadDir(c.Dir); len(entries) != 2 || !strings.HasPrefix(entries[0].Name(), "notes-") {
		t.Errorf("cache entries %v, want two", entries)
	}
}

// TestBuiltinNotesFollowTheExecutable: the built-in notes are trusted
// without reading them while the executable that indexed them runs;
// an index another build of crib wrote under the same Version is rebuilt.
func TestBuiltinNotesFollowTheExecutable(t *testing.T) {
	c := newTestCache(t)
	_, rep := openCache(t, c, Notes{})
	if rep.Action != ActionRebuilt {
		t.Fatalf("first question: %s, want %s", rep.Action, ActionRebuilt)
	}
	if _, rep = openCache(t, c, Notes{}); rep.Action != ActionFresh {
		t.Fatalf("same executable: %s, want %s", rep.Action, ActionFresh)
	}
	m, err := readManifest(rep.Dir)
	if err != nil {
		t.Fatal(err)
	}
	m.Files[0].Hash = "executable another-build"
	if err := saveManifest(rep.Dir, m); err != nil {
		t.Fatal(err)
	}
	if _, rep = openCache(t, c, Notes{}); rep.Action != ActionRebuilt {
		t.Errorf("another executable's index: %s, want %s", rep.Action, ActionRebuilt)
	}
}
