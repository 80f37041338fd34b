package cache

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crib-dev/crib/search"
)

// TestCacheSameSizeEdit: an edit that keeps the size and puts the old
// modification time back (touch -r, cp -p, rsync -t) is still noticed,
// through the change time and inode (issue 15.8), and Rebuild indexes
// anew whatever the cache holds.
func TestCacheSameSizeEdit(t *testing.T) {
	if _, _, ok := changeStamp(mustStat(t, os.TempDir())); !ok {
		t.Skip("this system tells no change times")
	}
	// Every read happened long after the notes were last changed, so
	// sizes and times alone would call them unchanged without hashing.
	old := nowNanos
	nowNanos = func() int64 { return time.Now().Add(time.Hour).UnixNano() }
	t.Cleanup(func() { nowNanos = old })

	dir := testNotes(t)
	src := Notes{Paths: []string{dir}}
	c := newTestCache(t)
	openCache(t, c, src)
	if _, rep := openCache(t, c, src); rep.Action != ActionFresh {
		t.Fatalf("second open: %s, want fresh", rep.Action)
	}
	path := filepath.Join(dir, "b-iam.md")
	info := mustStat(t, path)
	data, _ := os.ReadFile(path)
	edited := strings.Replace(string(data), "IAM", "ZQX", 1)
	if len(edited) != len(data) || edited == string(data) {
		t.Fatal("the edit must keep the size")
	}
	os.WriteFile(path, []byte(edited), 0o644)
	os.Chtimes(path, info.ModTime(), info.ModTime())
	if now := mustStat(t, path); now.Size() != info.Size() || !now.ModTime().Equal(info.ModTime()) {
		t.Fatal("size or modification time moved")
	}
	if st, err := c.Status(src); err != nil || !st.Stale() {
		t.Errorf("status after the edit: %+v, %v; want stale", st, err)
	}
	e, rep := openCache(t, c, src)
	if rep.Action == ActionFresh || len(rep.Changes) != 1 || !strings.HasSuffix(rep.Changes[0], "b-iam.md") {
		t.Errorf("open after the edit: %s %q, want b-iam.md re-indexed", rep.Action, rep.Changes)
	}
	if ans, err := e.Search("zqx", search.Options{Limit: 1}); err != nil || len(ans.Results) == 0 {
		t.Errorf("the edited text is not found: %v", err)
	}
	if rep, err := c.Rebuild(src); err != nil || rep.Action != ActionRebuilt || rep.Indexed != rep.Snippets {
		t.Errorf("rebuild: %+v, %v; want everything indexed anew", rep, err)
	}
}

func mustStat(t *testing.T, path string) os.FileInfo {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info
}
