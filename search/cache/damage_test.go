package cache

import (
	"errors"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
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
