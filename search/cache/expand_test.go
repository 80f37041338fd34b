package cache

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/crib-dev/crib/corpus"
)

// TestBuildStoresNoteExpansions: a build with a NoteExpander stores each
// note's expansion in the snapshot; a later build asks only for the notes
// whose text or parents changed, keeping the others', wherever the edit
// was; a build without one says it holds none.
func TestBuildStoresNoteExpansions(t *testing.T) {
	dir := testNotes(t)
	src := Notes{Paths: []string{dir}}
	c := newTestCache(t)
	var calls atomic.Int64
	expand := func(s corpus.Snippet) []string {
		calls.Add(1)
		return []string{"x" + strings.ToLower(strings.Fields(s.Text + " empty")[0])}
	}
	c.NoteExpander = func() func(corpus.Snippet) []string { return expand }
	check := func(rep *Report) *snapshot {
		t.Helper()
		snap, err := readSnapshot(filepath.Join(rep.Dir, snapshotName))
		if err != nil {
			t.Fatal(err)
		}
		if !snap.snippets.Expanded() {
			t.Fatal("snapshot holds no expansions")
		}
		for i := range snap.snippets.Len() {
			if got, want := snap.snippets.Expansion(i), expand(snap.snippets.Snippet(i)); !reflect.DeepEqual(got, want) {
				t.Errorf("expansion of %d = %q, want %q", i, got, want)
			}
		}
		return snap
	}
	_, rep := openCache(t, c, src)
	snap := check(rep)
	n := snap.snippets.Len()
	if got := calls.Load() - int64(n); got != int64(n) { // check called expand n times too
		t.Errorf("the build expanded %d notes, want %d", got, n)
	}
	// Edit the last file: the notes before it keep their expansions.
	last := filepath.Join(dir, "d", "e-cloudwatch.md")
	if err := os.WriteFile(last, []byte("- CloudWatch alarms page on call.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Hour)
	os.Chtimes(last, later, later)
	calls.Store(0)
	_, rep = openCache(t, c, src)
	if rep.Action != ActionUpdated {
		t.Fatalf("action %s, want %s", rep.Action, ActionUpdated)
	}
	snap = check(rep)
	if got := calls.Load() - int64(snap.snippets.Len()); got != 1 {
		t.Errorf("the update expanded %d notes, want 1 (the edited file's)", got)
	}
	// Edit the first file: the notes after it are unchanged too, and keep
	// their expansions, though they are indexed again.
	first := filepath.Join(dir, "a-codedeploy.md")
	if err := os.WriteFile(first, []byte("- CodeDeploy rolls back on alarms.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(first, later, later)
	calls.Store(0)
	_, rep = openCache(t, c, src)
	snap = check(rep)
	if got := calls.Load() - int64(snap.snippets.Len()); got != 1 {
		t.Errorf("editing the first file expanded %d notes, want 1 (its own)", got)
	}
	// Without an expander: a snapshot that says it holds none.
	c2 := newTestCache(t)
	_, rep = openCache(t, c2, src)
	snap, err := readSnapshot(filepath.Join(rep.Dir, snapshotName))
	if err != nil || snap.snippets.Expanded() {
		t.Errorf("without an expander: expanded %v (%v), want false", snap != nil && snap.snippets.Expanded(), err)
	}
}
