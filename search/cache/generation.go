package cache

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// A cache entry is the folder of one set of notes. It holds generations,
// each a complete index in its own folder, and CURRENT, which names the
// generation in use. A build writes a new generation and then replaces
// CURRENT by renaming a file over it, so a reader sees the old generation
// or the new one, never a half-written index. Published generations are
// never written again and only ever opened read-only.
const (
	currentName = "CURRENT"
	damagedName = "DAMAGED" // names a generation that failed in use, and why
	lockName    = "lock"
	genPrefix   = "g-"
	indexDir    = "index"
)

// errBusy reports another crib holding the build lock for too long.
var errBusy = errors.New("another crib is building this index")

type entry struct{ dir string }

// current returns the folder of the generation in use, "" when none.
func (en entry) current() (string, error) {
	if info, err := os.Lstat(en.dir); err == nil && !info.IsDir() {
		return "", fmt.Errorf("%w: %s is not a folder", errCorrupt, filepath.Base(en.dir))
	}
	b, err := readRegular(filepath.Join(en.dir, currentName), 4<<10)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	name := strings.TrimSpace(string(b))
	if !strings.HasPrefix(name, genPrefix) || name != filepath.Base(name) {
		return "", fmt.Errorf("%w: %s names %q", errCorrupt, currentName, name)
	}
	gen := filepath.Join(en.dir, name)
	if info, err := os.Lstat(gen); err == nil && !info.IsDir() {
		return "", fmt.Errorf("%w: %s is not a folder", errCorrupt, name)
	}
	return gen, nil
}

// markDamaged records that generation gen failed while in use, so that
// the next question, Status and Refresh see it as damaged and rebuild it.
func (en entry) markDamaged(gen string, cause error) error {
	why := strings.ReplaceAll(cause.Error(), "\n", " ")
	return writeFileAtomic(en.dir, damagedName, []byte(filepath.Base(gen)+"\n"+why+"\n"))
}

// damage returns why generation gen was marked damaged, nil if it was not.
func (en entry) damage(gen string) error {
	data, err := readRegular(filepath.Join(en.dir, damagedName), 64<<10)
	if err != nil {
		return nil
	}
	name, why, _ := strings.Cut(string(data), "\n")
	if name != filepath.Base(gen) {
		return nil
	}
	return fmt.Errorf("%w: %s", errCorrupt, strings.TrimSpace(why))
}

// publish makes gen the generation in use. It runs with the build lock
// held, and first clears away whatever stands at CURRENT or DAMAGED that
// is not a regular file: a rename cannot replace a directory, so one
// there would fail every build, and every question would be answered
// from memory for good.
func (en entry) publish(gen string) error {
	en.removeIrregular(currentName, damagedName)
	return writeFileAtomic(en.dir, currentName, []byte(filepath.Base(gen)+"\n"))
}

// removeIrregular removes each named file of the entry that is anything
// but a regular file (a directory, a FIFO, a symbolic link, which is
// removed, never followed). Failing to is left for the rename to report.
func (en entry) removeIrregular(names ...string) {
	for _, name := range names {
		path := filepath.Join(en.dir, name)
		if info, err := os.Lstat(path); err == nil && !info.Mode().IsRegular() {
			os.RemoveAll(path)
		}
	}
}

// writeFileAtomic replaces dir/name by data: readers see the old file or
// the new one, never part of either.
func writeFileAtomic(dir, name string, data []byte) error {
	f, err := os.CreateTemp(dir, name+".tmp-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), filepath.Join(dir, name))
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// touch marks the entry as used, at most once a day, so that pruning
// spares it.
func (en entry) touch() {
	p := filepath.Join(en.dir, currentName)
	if info, err := os.Stat(p); err == nil && time.Since(info.ModTime()) > 24*time.Hour {
		now := time.Now()
		_ = os.Chtimes(p, now, now) // best effort: the cache may be read-only
	}
}

// sweep removes every generation but keep, and what dead builds left.
// It runs with the build lock held, so no build is under way; a reader
// still using an old generation keeps its open files.
func (en entry) sweep(keep string) {
	ents, _ := os.ReadDir(en.dir)
	for _, e := range ents {
		n := e.Name()
		if n != filepath.Base(keep) && (strings.HasPrefix(n, genPrefix) || strings.HasPrefix(n, currentName+".tmp-") || strings.HasPrefix(n, damagedName)) {
			os.RemoveAll(filepath.Join(en.dir, n))
		}
	}
}

func (en entry) newGen() (string, error) {
	return os.MkdirTemp(en.dir, genPrefix+time.Now().UTC().Format("20060102T150405")+"-")
}

// lockFile opens the entry's lock file. Whatever stands where the entry
// or its lock should be and is not a plain folder or file (a symbolic link
// planted in the cache, a FIFO) is removed first, never followed: crib
// would otherwise create, lock or block on whatever it points at.
func (en entry) lockFile() (*os.File, error) {
	if info, err := os.Lstat(en.dir); err == nil && !info.IsDir() {
		os.Remove(en.dir)
	}
	if err := os.MkdirAll(en.dir, 0o755); err != nil {
		return nil, err
	}
	path := filepath.Join(en.dir, lockName)
	if info, err := os.Lstat(path); err == nil && !info.Mode().IsRegular() {
		os.RemoveAll(path)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|oNoFollow|oNonBlock, 0o644)
	if err != nil {
		return nil, err
	}
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("%w: %s is not a regular file", errCorrupt, lockName)
	}
	return f, nil
}

// copyIndex copies a bleve index folder for an update. Segment files
// (.zap) are never changed once written, so they are linked, not copied.
func copyIndex(from, to string) error {
	return filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		if strings.HasSuffix(path, ".zap") && os.Link(path, dst) == nil {
			return nil
		}
		return copyFile(path, dst)
	})
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}

// Entries unused this long are removed when another entry is built: any
// entry after pruneAge (notes folders gone), and sooner, after
// pruneOtherVersion, one for the same notes written by another crib.
const (
	pruneAge          = 30 * 24 * time.Hour
	pruneOtherVersion = 48 * time.Hour
)

func (c *Cache) prune(keep entry) {
	notesKey := filepath.Base(keep.dir)
	notesKey = notesKey[:strings.LastIndexByte(notesKey, '-')+1]
	ents, _ := os.ReadDir(c.Dir)
	for _, e := range ents {
		p := filepath.Join(c.Dir, e.Name())
		if !e.IsDir() || p == keep.dir || !(strings.HasPrefix(e.Name(), "notes-") || strings.HasPrefix(e.Name(), "builtin-")) {
			continue
		}
		info, err := os.Stat(filepath.Join(p, currentName)) // touched when used
		if err != nil {
			info, err = os.Stat(p)
		}
		if err != nil {
			continue
		}
		idle := time.Since(info.ModTime())
		if idle > pruneAge || (strings.HasPrefix(e.Name(), notesKey) && idle > pruneOtherVersion) {
			os.RemoveAll(p)
		}
	}
}
