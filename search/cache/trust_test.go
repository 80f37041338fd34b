package cache

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCacheUntrusted plants in the cache what crib never writes there
// (issue 15.9): names that leave the generation, symbolic links, FIFOs.
// Each time the next question finds the cache damaged, follows nothing,
// rebuilds within seconds and answers right; nothing outside the cache
// changes.
func TestCacheUntrusted(t *testing.T) {
	src := Notes{Paths: []string{testNotes(t)}}
	want := answers(t, memoryEngine(t, src))
	// What an attacker who plants a name writes: a manifest that decodes,
	// its checksum fixed.
	content := func(name string, size int) func(t *testing.T, gen, outside string) {
		return func(t *testing.T, gen, outside string) {
			m, err := readManifest(gen)
			if err != nil {
				t.Fatal(err)
			}
			m.Contents = append(m.Contents, genFile{Name: name, Size: int64(size)})
			os.WriteFile(filepath.Join(gen, manifestName), encodeManifest(m), 0o644)
		}
	}
	for _, tc := range []struct {
		name  string
		plant func(t *testing.T, gen, outside string)
		warn  string // in the one warning; "" for none
	}{
		{"manifest names ../../../../dev/zero", content("../../../../dev/zero", 0), "names"},
		{"manifest names /dev/zero", content("/dev/zero", 0), "names"},
		{"manifest file is a FIFO", func(t *testing.T, gen, _ string) {
			os.Remove(filepath.Join(gen, manifestName))
			mkfifo(t, filepath.Join(gen, manifestName))
		}, "not a regular file"},
		{"CURRENT links to /dev/zero", func(t *testing.T, gen, _ string) {
			cur := filepath.Join(filepath.Dir(gen), currentName)
			os.Remove(cur)
			symlink(t, "/dev/zero", cur)
		}, "symbolic link"},
		{"generation is a symbolic link", func(t *testing.T, gen, outside string) {
			copyTree(t, gen, outside)
			os.RemoveAll(gen)
			symlink(t, outside, gen)
		}, "is not a folder"},
		{"segment is a symbolic link", func(t *testing.T, gen, outside string) {
			segs, _ := filepath.Glob(filepath.Join(gen, indexDir, "*.zap"))
			copyTree(t, segs[0], outside)
			os.Remove(segs[0])
			symlink(t, outside, segs[0])
		}, "not a regular file"},
		{"index folder is a symbolic link", func(t *testing.T, gen, outside string) {
			copyTree(t, filepath.Join(gen, indexDir), outside)
			os.RemoveAll(filepath.Join(gen, indexDir))
			symlink(t, outside, filepath.Join(gen, indexDir))
		}, "not a regular file"},
		{"unexpected file in the generation", func(t *testing.T, gen, _ string) {
			os.WriteFile(filepath.Join(gen, indexDir, "planted"), nil, 0o644)
		}, "unexpected file"},
		{"lock links outside", func(t *testing.T, gen, outside string) {
			lock := filepath.Join(filepath.Dir(gen), lockName)
			os.Remove(lock)
			symlink(t, outside, lock)
			touchNotes(t, src) // so that the next question takes the lock
		}, ""},
		{"entry is a symbolic link", func(t *testing.T, gen, outside string) {
			entry := filepath.Dir(gen)
			copyTree(t, entry, outside)
			os.RemoveAll(entry)
			symlink(t, outside, entry)
		}, "is not a folder"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newTestCache(t)
			_, rep := openCache(t, c, src)
			outside := filepath.Join(t.TempDir(), "outside")
			tc.plant(t, rep.Dir, outside)
			before := treeState(t, filepath.Dir(outside))
			done := make(chan struct{})
			var got string
			go func() {
				defer close(done)
				e, r := openCache(t, c, src)
				rep, got = r, answers(t, e)
			}()
			select {
			case <-done:
			case <-time.After(20 * time.Second):
				t.Fatal("open hung")
			}
			if got != want {
				t.Errorf("answers:\n%s\nwant:\n%s", got, want)
			}
			switch {
			case tc.warn == "" && len(rep.Warnings) != 0:
				t.Errorf("warnings %q, want none", rep.Warnings)
			case tc.warn != "" && (len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0], "damaged") || !strings.Contains(rep.Warnings[0], tc.warn)):
				t.Errorf("warnings %q, want one saying damaged, with %q", rep.Warnings, tc.warn)
			}
			if rep.Action == ActionMemory {
				t.Errorf("answered from memory: the cache was not repaired")
			}
			if after := treeState(t, filepath.Dir(outside)); after != before {
				t.Errorf("crib changed what the cache links to:\nbefore:\n%s\nafter:\n%s", before, after)
			}
			if _, rep := openCache(t, c, src); rep.Action != ActionFresh || len(rep.Warnings) != 0 {
				t.Errorf("next open: action %s, warnings %q; want fresh and quiet", rep.Action, rep.Warnings)
			}
		})
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

// copyTree copies a file or folder.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		return copyFile(p, filepath.Join(to, rel))
	})
	if err != nil {
		t.Fatal(err)
	}
}

// treeState lists every path below dir with its size and modification
// time.
func treeState(t *testing.T, dir string) string {
	var b strings.Builder
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil {
			fmt.Fprintf(&b, "%s %v %d %v\n", p, info.Mode(), info.Size(), info.ModTime())
		}
		return nil
	})
	return b.String()
}

// touchNotes makes every notes file look edited.
func touchNotes(t *testing.T, src Notes) {
	later := time.Now().Add(time.Hour)
	filepath.Walk(src.Paths[0], func(p string, info os.FileInfo, err error) error {
		if err == nil && info.Mode().IsRegular() {
			os.Chtimes(p, later, later)
		}
		return nil
	})
}
