package cache

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/crib-dev/crib/search"
	"github.com/crib-dev/crib/search/index"
)

// spoilInPlace overwrites the middle of every segment of generation gen
// with random bytes, keeping each file's size and inode: an index already
// open sees the damage through its memory map.
func spoilInPlace(t *testing.T, gen string) {
	t.Helper()
	segs, _ := filepath.Glob(filepath.Join(gen, indexDir, "*.zap"))
	if len(segs) == 0 {
		t.Fatal("no segment files")
	}
	rng := rand.New(rand.NewSource(1))
	for _, seg := range segs {
		f, err := os.OpenFile(seg, os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		info, _ := f.Stat()
		junk := make([]byte, info.Size()*3/4)
		rng.Read(junk)
		if _, err := f.WriteAt(junk, info.Size()/8); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
}

// TestSegmentDamagedBeforeOpen: a segment garbled in place, same size,
// is caught by its checksum before bleve reads it; the question rebuilds
// the index and answers right, with one warning.
func TestSegmentDamagedBeforeOpen(t *testing.T) {
	src := Notes{Paths: []string{testNotes(t)}}
	want := answers(t, memoryEngine(t, src))
	c := newTestCache(t)
	_, rep := openCache(t, c, src)
	spoilInPlace(t, rep.Dir)
	if st, err := c.Status(src); err != nil || st.Damaged == nil || !st.Stale() {
		t.Errorf("status: %+v, %v; want damaged", st, err)
	}
	e, rep := openCache(t, c, src)
	if rep.Action != ActionRebuilt || len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0], "fails its checksum") {
		t.Errorf("action %s, warnings %q; want rebuilt, one warning about a checksum", rep.Action, rep.Warnings)
	}
	if got := answers(t, e); got != want {
		t.Errorf("answers after rebuild:\n%s\nwant:\n%s", got, want)
	}
}

// TestSearchPanicMarksDamaged: damage bleve meets during a search (here
// made after the checks at open) comes back as index.ErrDamaged,
// not a panic; the generation is marked damaged, so that Status says so,
// and Refresh and the next question rebuild it.
func TestSearchPanicMarksDamaged(t *testing.T) {
	src := Notes{Paths: []string{testNotes(t)}}
	c := newTestCache(t)
	e, rep := openCache(t, c, src)
	spoilInPlace(t, rep.Dir)
	var err error
	for _, q := range cacheQuestions {
		if _, err = e.Search(q, search.Options{Limit: 8}); err != nil {
			break
		}
	}
	if !errors.Is(err, index.ErrDamaged) || !strings.Contains(err.Error(), "the next question rebuilds the index cache in ") {
		t.Fatalf("search error %v, want one wrapping index.ErrDamaged", err)
	}
	st, err := c.Status(src)
	if err != nil || st.Damaged == nil || !st.Stale() {
		t.Errorf("status after the failed search: %+v, %v; want damaged", st, err)
	}
	rep, err = c.Refresh(src)
	if err != nil || rep.Action != ActionRebuilt {
		t.Fatalf("refresh: %+v, %v; want rebuilt", rep, err)
	}
	if st, err := c.Status(src); err != nil || st.Stale() {
		t.Errorf("status after refresh: %+v, %v; want fresh", st, err)
	}
	if _, rep := openCache(t, c, src); rep.Action != ActionFresh || len(rep.Warnings) != 0 {
		t.Errorf("next open: action %s, warnings %q; want fresh and quiet", rep.Action, rep.Warnings)
	}
}

// TestEntryFileNotRegular plants something other than a regular file
// where the entry keeps CURRENT or DAMAGED. Status says the index is
// damaged (not "not built"), and the next question, and Rebuild as crib
// index --force does, clears it away and publishes a new generation: the
// cache does not stay broken, with every question answered from memory.
func TestEntryFileNotRegular(t *testing.T) {
	src := Notes{Paths: []string{testNotes(t)}}
	want := answers(t, memoryEngine(t, src))
	for _, tc := range []struct {
		name    string
		plant   func(t *testing.T, path string)
		file    string
		damaged bool // Status sees the damage before the rebuild
	}{
		{"CURRENT is a directory", mkdirWithFile, currentName, true},
		{"CURRENT is a FIFO", mkfifo, currentName, true},
		{"DAMAGED is a directory", mkdirWithFile, damagedName, false},
	} {
		for _, rebuild := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/rebuild=%v", tc.name, rebuild), func(t *testing.T) {
				c := newTestCache(t)
				_, rep := openCache(t, c, src)
				entry := filepath.Dir(rep.Dir)
				path := filepath.Join(entry, tc.file)
				os.Remove(path)
				tc.plant(t, path)
				if st, err := c.Status(src); err != nil || (st.Damaged != nil) != tc.damaged || st.Stale() != tc.damaged {
					t.Errorf("status: %+v, %v; want damaged %v", st, err, tc.damaged)
				}
				if rebuild {
					if rep, err := c.Rebuild(src); err != nil || rep.Action != ActionRebuilt {
						t.Fatalf("rebuild: %+v, %v; want rebuilt", rep, err)
					}
				} else {
					if tc.file == damagedName {
						touchNotes(t, src) // so that the next question takes the lock
					}
					e, rep := openCache(t, c, src)
					if rep.Action == ActionMemory {
						t.Fatalf("answered from memory, warnings %q: the cache was not repaired", rep.Warnings)
					}
					if tc.damaged && (len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0], entry)) {
						t.Errorf("warnings %q, want one naming the entry %s", rep.Warnings, entry)
					}
					if got := answers(t, e); got != want {
						t.Errorf("answers after repair:\n%s\nwant:\n%s", got, want)
					}
				}
				if st, err := c.Status(src); err != nil || st.Stale() {
					t.Errorf("status after repair: %+v, %v; want fresh", st, err)
				}
				if _, rep := openCache(t, c, src); rep.Action != ActionFresh || len(rep.Warnings) != 0 {
					t.Errorf("next open: action %s, warnings %q; want fresh and quiet", rep.Action, rep.Warnings)
				}
			})
		}
	}
}

// mkdirWithFile makes a folder at path holding a file, which a rename
// over it, or os.Remove, cannot take away.
func mkdirWithFile(t *testing.T, path string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(path, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(path, "sub", "f"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestProblemNamesEntry: a cache that is damaged and cannot be rebuilt is
// named by its entry folder, the one to remove, not the whole cache.
func TestProblemNamesEntry(t *testing.T) {
	c := newTestCache(t)
	en := entry{dir: filepath.Join(c.Dir, "notes-x")}
	err := c.problem(en, &fs.PathError{Op: "rename", Path: "CURRENT", Err: syscall.EEXIST}, errCorrupt)
	if !strings.Contains(err.Error(), "the index cache in "+en.dir+" is damaged") {
		t.Errorf("problem: %v; want it to name the entry %s", err, en.dir)
	}
}
