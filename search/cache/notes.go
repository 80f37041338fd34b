package cache

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"

	"github.com/crib-dev/crib/corpus"
)

// ErrEmptyNotes is returned (wrapped) when the notes hold no snippet.
var ErrEmptyNotes = errors.New("the notes hold no text to search")

// noteSet is the files of Notes as they are on disk now.
type noteSet struct {
	paths       []string // as given; none for the built-in notes
	files       []corpus.File
	keys        []string // per file, the path the manifest knows it by
	fingerprint []byte   // what the load options and ignore files leave out
	warnings    []string // from resolving the paths
}

// builtinPath stands for all of crib's built-in notes in a manifest: they
// change only with crib itself, so they are read and compared as one.
const builtinPath = corpus.EmbeddedPrefix

func resolveNotes(src Notes) (*noteSet, error) {
	if len(src.Paths) == 0 {
		return &noteSet{files: []corpus.File{{Path: builtinPath}}, keys: []string{builtinPath}}, nil
	}
	r, err := corpus.ResolveKeyed(src.Paths, src.Options)
	return &noteSet{paths: src.Paths, files: r.Files, keys: fileKeys(r.Files), fingerprint: r.Fingerprint, warnings: r.Warnings}, err
}

func (n *noteSet) builtin() bool { return len(n.paths) == 0 }

// emptyError reports notes without a single snippet.
func (n *noteSet) emptyError() error {
	return fmt.Errorf("%w: %s", ErrEmptyNotes, strings.Join(n.paths, ", "))
}

// Stand-ins for the hash of a file crib skips whatever it holds, so that
// it counts as unchanged while it stays skipped.
const (
	hashUnreadable = "unreadable"
	hashOversize   = "too large"
)

// read reads and parses one notes file, read-only, as corpus.ReadFile
// does, and returns the sha256 of its contents; a stand-in when crib
// skips the file, "" when it changed while being read, so that it is read
// again next time.
func (n *noteSet) read(f corpus.File) (snippets []corpus.Snippet, warning, hash string) {
	if n.builtin() {
		return corpus.Embedded(), "", builtinID()
	}
	if f.Size > corpus.MaxFileBytes {
		snippets, warning = corpus.ReadFile(f)
		return snippets, warning, hashOversize
	}
	if hash = n.hash(f); hash == "" {
		hash = hashUnreadable
	}
	snippets, warning = corpus.ReadFile(f)
	if info, err := os.Stat(f.Path); err != nil || info.Size() != f.Size || info.ModTime().UnixNano() != f.ModTime {
		hash = ""
	}
	return snippets, warning, hash
}

// hash returns the sha256 of a file's contents now, "" when unreadable.
func (n *noteSet) hash(f corpus.File) string {
	if n.builtin() {
		return builtinID()
	}
	fh, err := os.Open(f.Path)
	if err != nil {
		return ""
	}
	defer fh.Close()
	h := sha256.New()
	if _, err := io.Copy(h, fh); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
}

func hashBytes(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// builtinID stands for the hash of the built-in notes: they are embedded
// in the executable, so the executable's build ID names them, and a
// question need not read and hash half a megabyte of notes to trust an
// index of them. A crib that cannot tell its build hashes them.
var builtinID = sync.OnceValue(func() string {
	if id := ExecutableID(); id != "unknown" {
		return "executable " + id
	}
	return hashBytes(corpus.EmbeddedData())
})

// delta is how the notes differ from what a generation indexed.
type delta struct {
	reuse   []int    // per file now: its unchanged entry in the manifest, or -1
	touched bool     // an unchanged file was re-checked: the manifest wants updating
	keep    int      // leading files unchanged and in place: their ids stay
	changes []string // "edited a.md", "added b.md", "removed c.md"
}

func (d *delta) fresh() bool { return len(d.changes) == 0 }

// racyWindow: a file whose modification time is this close to when crib
// last read it may have changed since without its time showing it.
const racyWindow = 2e9 // nanoseconds

// diffNotes compares the notes now with manifest m: size and modification
// time first, the contents' hash only where those disagree.
func diffNotes(n *noteSet, m *manifest) *delta {
	d := &delta{reuse: make([]int, len(n.files))}
	var byPath map[string]int // made at the first file not in its place
	find := func(i int) (int, bool) {
		if i < len(m.Files) && m.Files[i].Path == n.keys[i] {
			return i, true // both sorted by path: unchanged notes line up
		}
		if byPath == nil {
			byPath = make(map[string]int, len(m.Files))
			for j, e := range m.Files {
				byPath[e.Path] = j
			}
		}
		j, ok := byPath[n.keys[i]]
		return j, ok
	}
	used := make([]bool, len(m.Files))
	for i, f := range n.files {
		d.reuse[i] = -1
		j, ok := find(i)
		if !ok {
			d.changes = append(d.changes, "added "+f.Path)
			continue
		}
		if !unchanged(n, f, &m.Files[j], d) {
			d.changes = append(d.changes, "edited "+f.Path)
			continue
		}
		d.reuse[i], used[j] = j, true
	}
	for j, e := range m.Files {
		if !used[j] && !n.has(e.Path) {
			d.changes = append(d.changes, "removed "+e.Path)
		}
	}
	for d.keep < len(d.reuse) && d.reuse[d.keep] == d.keep {
		d.keep++
	}
	return d
}

func (n *noteSet) has(key string) bool {
	for _, k := range n.keys {
		if k == key {
			return true
		}
	}
	return false
}

// unchanged reports whether f still holds what entry e indexed, and
// refreshes e's time stamps when only those changed.
func unchanged(n *noteSet, f corpus.File, e *fileEntry, d *delta) bool {
	switch {
	case n.builtin():
		return e.Hash == builtinID() // the same executable: the same notes
	case e.Hash == "" || e.Size != f.Size:
		return false
	case e.Hash == hashOversize:
		return true
	case e.Hash == hashUnreadable:
		return e.ModTime == f.ModTime && n.hash(f) == "" // still unreadable
	}
	ctime, ino := noteStamp(f)
	if e.ModTime == f.ModTime && f.ModTime < e.Checked-racyWindow && ctime == e.Change && ino == e.Inode && ctime < e.Checked-racyWindow {
		return true
	}
	checked := nowNanos()
	if n.hash(f) != e.Hash {
		return false
	}
	e.ModTime, e.Checked, e.Change, e.Inode, d.touched = f.ModTime, checked, ctime, ino, true
	return true
}

// noteStamp is stampOf(f.Path) as the walk that found f saw it: the
// size and modification time compared with it came from the same stat.
func noteStamp(f corpus.File) (ctime int64, ino uint64) {
	if info := f.Info(); info != nil {
		ctime, ino, _ = changeStamp(info)
		return ctime, ino
	}
	return stampOf(f.Path)
}

// stampOf returns the change time and inode of a notes file, zeros where
// the system does not tell them.
func stampOf(path string) (ctime int64, ino uint64) {
	info, err := os.Stat(path)
	if err != nil {
		return 0, 0
	}
	ctime, ino, _ = changeStamp(info)
	return ctime, ino
}

// loaded is the notes read for a build.
type loaded struct {
	snippets []corpus.Snippet
	entries  []fileEntry
	warnings []string // per file, in file order
}

// load reads the notes, taking the snippets of files that d found
// unchanged from old instead of reading them again. Files are read in
// parallel.
func (n *noteSet) load(old *snapshot, m *manifest, d *delta) *loaded {
	type result struct {
		snippets       []corpus.Snippet
		warning, hash  string
		reused         bool
		checked, ctime int64
		ino            uint64
	}
	res := make([]result, len(n.files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if d != nil && old != nil && d.reuse[i] >= 0 {
					e := m.Files[d.reuse[i]]
					res[i] = result{snippets: old.snippets.slice(e.First, e.Count), warning: e.Warning, hash: e.Hash, reused: true, checked: e.Checked, ctime: e.Change, ino: e.Inode}
					continue
				}
				checked := nowNanos()
				var ctime int64
				var ino uint64
				if !n.builtin() {
					ctime, ino = stampOf(n.files[i].Path)
				}
				s, w, h := n.read(n.files[i])
				res[i] = result{snippets: s, warning: w, hash: h, checked: checked, ctime: ctime, ino: ino}
			}
		}()
	}
	for i := range n.files {
		next <- i
	}
	close(next)
	wg.Wait()
	total := 0
	for _, r := range res {
		total += len(r.snippets)
	}
	out := &loaded{}
	if len(res) > 1 {
		// Sized at once: appending grew a million snippets (112 MB)
		// through copies of half and a quarter of that.
		out.snippets = make([]corpus.Snippet, 0, total)
	}
	for i, f := range n.files {
		r := res[i]
		res[i].snippets = nil // copied below; a single file's are kept as they are
		if r.reused && len(r.snippets) > 0 && r.snippets[0].Source != f.Path {
			r.snippets = append([]corpus.Snippet(nil), r.snippets...)
			for j := range r.snippets {
				r.snippets[j].Source = f.Path
			}
		}
		out.entries = append(out.entries, fileEntry{Path: n.keys[i], Size: f.Size, ModTime: f.ModTime, Hash: r.hash,
			First: len(out.snippets), Count: len(r.snippets), Warning: r.warning, Checked: r.checked, Change: r.ctime, Inode: r.ino})
		if len(res) == 1 {
			out.snippets = r.snippets
		} else {
			out.snippets = append(out.snippets, r.snippets...)
		}
		if r.warning != "" {
			out.warnings = append(out.warnings, r.warning)
		}
	}
	return out
}

// entryWarnings are the warnings reading the files of m gave, in order.
func entryWarnings(m *manifest) []string {
	var out []string
	for _, e := range m.Files {
		if e.Warning != "" {
			out = append(out, e.Warning)
		}
	}
	return out
}
