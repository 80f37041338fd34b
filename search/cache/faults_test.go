package cache

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crib-dev/crib/corpus"
)

// TestCacheDamaged spoils the published generation in different ways:
// each time the next question notices, rebuilds, warns once, and answers
// right; the question after that is quiet.
func TestCacheDamaged(t *testing.T) {
	dir := testNotes(t)
	src := Notes{Paths: []string{dir}}
	want := answers(t, memoryEngine(t, src))
	spoil := map[string]func(gen string){
		"truncated segment": func(gen string) {
			segs, _ := filepath.Glob(filepath.Join(gen, indexDir, "*.zap"))
			if len(segs) == 0 {
				t.Fatal("no segment files")
			}
			info, _ := os.Stat(segs[0])
			os.Truncate(segs[0], info.Size()/2)
		},
		"garbage segment": func(gen string) {
			segs, _ := filepath.Glob(filepath.Join(gen, indexDir, "*.zap"))
			os.WriteFile(segs[0], []byte("garbage"), 0o644)
		},
		"missing segment": func(gen string) {
			segs, _ := filepath.Glob(filepath.Join(gen, indexDir, "*.zap"))
			os.Remove(segs[0])
		},
		"empty segment": func(gen string) {
			segs, _ := filepath.Glob(filepath.Join(gen, indexDir, "*.zap"))
			os.WriteFile(segs[0], nil, 0o644)
		},
		"garbage snapshot": func(gen string) { os.WriteFile(filepath.Join(gen, snapshotName), []byte("garbage"), 0o644) },
		"garbage manifest": func(gen string) { os.WriteFile(filepath.Join(gen, manifestName), []byte("{garbage"), 0o644) },
		"empty manifest":   func(gen string) { os.WriteFile(filepath.Join(gen, manifestName), nil, 0o644) },
		"manifest byte flipped": func(gen string) {
			data, _ := os.ReadFile(filepath.Join(gen, manifestName))
			data[len(data)/2] ^= 0x10
			os.WriteFile(filepath.Join(gen, manifestName), data, 0o644)
		},
		"old JSON manifest": func(gen string) {
			os.WriteFile(filepath.Join(gen, manifestName), []byte(`{"format":7,"stats":{},"contents":[{"name":"snippets.bin"}]}`), 0o644)
		},
		"garbage CURRENT": func(gen string) {
			os.WriteFile(filepath.Join(filepath.Dir(gen), currentName), []byte("../../etc"), 0o644)
		},
		"generation gone": func(gen string) { os.RemoveAll(gen) },
	}
	for name, f := range spoil {
		t.Run(name, func(t *testing.T) {
			c := newTestCache(t)
			_, rep := openCache(t, c, src)
			f(rep.Dir)
			e, rep := openCache(t, c, src)
			if rep.Action != ActionRebuilt {
				t.Errorf("action %s, want %s", rep.Action, ActionRebuilt)
			}
			if name != "generation gone" && (len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0], "damaged")) {
				t.Errorf("warnings %q, want one about damage", rep.Warnings)
			}
			if got := answers(t, e); got != want {
				t.Errorf("answers after rebuild:\n%s\nwant:\n%s", got, want)
			}
			if _, rep := openCache(t, c, src); rep.Action != ActionFresh || len(rep.Warnings) != 0 {
				t.Errorf("next open: action %s, warnings %q; want fresh and quiet", rep.Action, rep.Warnings)
			}
		})
	}
}

// TestCacheUnwritable points the cache below a regular file, which no
// one, root included, can create folders in (chmod does not stop root):
// questions are answered from memory with one warning, and Refresh fails.
func TestCacheUnwritable(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o644)
	c := &Cache{Dir: filepath.Join(file, "crib"), Version: "test"}
	src := Notes{Paths: []string{testNotes(t)}}
	e, rep := openCache(t, c, src)
	if rep.Action != ActionMemory || len(rep.Warnings) != 1 || !strings.HasPrefix(rep.Warnings[0], "cannot write the index cache in ") {
		t.Errorf("action %s, warnings %q; want memory and one warning", rep.Action, rep.Warnings)
	}
	if got, want := answers(t, e), answers(t, memoryEngine(t, src)); got != want {
		t.Errorf("answers:\n%s\nwant:\n%s", got, want)
	}
	if _, err := c.Refresh(src); err == nil {
		t.Error("Refresh of an unwritable cache succeeded")
	}
}

// TestCacheReadOnlyButFresh: a cache that cannot be written but holds the
// notes' index is used as it is.
func TestCacheReadOnlyButFresh(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes to read-only folders")
	}
	c := newTestCache(t)
	src := Notes{Paths: []string{testNotes(t)}}
	openCache(t, c, src)
	filepath.Walk(c.Dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && info.IsDir() {
			os.Chmod(p, 0o555)
		}
		return nil
	})
	t.Cleanup(func() {
		filepath.Walk(c.Dir, func(p string, info os.FileInfo, err error) error {
			if err == nil && info.IsDir() {
				os.Chmod(p, 0o755)
			}
			return nil
		})
	})
	if _, rep := openCache(t, c, src); rep.Action != ActionFresh || len(rep.Warnings) != 0 {
		t.Errorf("action %s, warnings %q; want fresh", rep.Action, rep.Warnings)
	}
}

// TestCacheBusy: while another crib holds the build lock past LockWait,
// a question is answered from memory with one warning.
func TestCacheBusy(t *testing.T) {
	c := newTestCache(t)
	src := Notes{Paths: []string{testNotes(t)}}
	notes, err := resolveNotes(src)
	if err != nil {
		t.Fatal(err)
	}
	release, err := c.entry(notes).lock(time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	_, rep := openCache(t, c, src)
	if rep.Action != ActionMemory || len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0], "another crib") {
		t.Errorf("action %s, warnings %q; want memory and one warning", rep.Action, rep.Warnings)
	}
}

func TestCacheBadNotes(t *testing.T) {
	c := newTestCache(t)
	dir := t.TempDir()
	writeNotes(t, dir, map[string]string{"empty.md": "", "bin.md": "\x00\x01"})
	for _, tt := range []struct {
		name  string
		paths []string
		want  error
	}{
		{"missing path", []string{filepath.Join(dir, "nope")}, corpus.ErrNoSuchPath},
		{"no notes files", []string{t.TempDir()}, corpus.ErrNoNotes},
		{"notes without text", []string{dir}, ErrEmptyNotes},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := c.Open(Notes{Paths: tt.paths}, thesaurusFunc(t))
			if !errors.Is(err, tt.want) {
				t.Errorf("err %v, want %v", err, tt.want)
			}
			if _, _, err := OpenMemory(Notes{Paths: tt.paths}, thesaurusFunc(t)); !errors.Is(err, tt.want) {
				t.Errorf("in memory: err %v, want %v", err, tt.want)
			}
		})
	}
}

// TestCachePrune: a build removes entries of the same notes written by
// another crib once idle for two days, and any entry idle for a month.
func TestCachePrune(t *testing.T) {
	c := newTestCache(t)
	src := Notes{Paths: []string{testNotes(t)}}
	notes, _ := resolveNotes(src)
	own := c.entry(notes)
	base := filepath.Base(own.dir)
	sameNotes := filepath.Join(c.Dir, base[:strings.LastIndexByte(base, '-')]+"-0ldcr1b0")
	other, old := filepath.Join(c.Dir, "notes-000000000000-11111111"), filepath.Join(c.Dir, "builtin-000000000000-22222222")
	for p, age := range map[string]time.Duration{sameNotes: 72 * time.Hour, other: 72 * time.Hour, old: 40 * 24 * time.Hour} {
		os.MkdirAll(p, 0o755)
		os.WriteFile(filepath.Join(p, currentName), []byte("g-x\n"), 0o644)
		then := time.Now().Add(-age)
		os.Chtimes(filepath.Join(p, currentName), then, then)
	}
	openCache(t, c, src)
	for p, want := range map[string]bool{sameNotes: false, other: true, old: false, own.dir: true} {
		if _, err := os.Stat(p); (err == nil) != want {
			t.Errorf("%s exists: %v, want %v", filepath.Base(p), err == nil, want)
		}
	}
}

// TestCacheSkippedFiles: a notes file crib cannot read does not make
// every question rebuild the index. Root reads any file whatever its mode,
// so for root the unreadable file is /proc/self/mem, which fails every read.
func TestCacheSkippedFiles(t *testing.T) {
	dir := testNotes(t)
	locked := filepath.Join(dir, "z-locked.md")
	writeNotes(t, dir, map[string]string{"z-locked.md": "- locked note about rollback\n"})
	paths := []string{dir}
	if os.Geteuid() == 0 {
		if _, err := os.Stat("/proc/self/mem"); err != nil {
			t.Skip("no unreadable file for root")
		}
		paths = append(paths, "/proc/self/mem")
	} else {
		os.Chmod(locked, 0o000)
		t.Cleanup(func() { os.Chmod(locked, 0o644) })
	}
	c := newTestCache(t)
	src := Notes{Paths: paths}
	for _, want := range []Action{ActionRebuilt, ActionFresh} {
		if _, rep := openCache(t, c, src); rep.Action != want || len(rep.Warnings) != 1 {
			t.Errorf("action %s, warnings %q; want %s and the skipped file", rep.Action, rep.Warnings, want)
		}
	}
	if os.Geteuid() != 0 {
		os.Chmod(locked, 0o644)
		if _, rep := openCache(t, c, src); rep.Action != ActionUpdated || len(rep.Warnings) != 0 {
			t.Errorf("after chmod: action %s, warnings %q; want updated", rep.Action, rep.Warnings)
		}
	}
}
