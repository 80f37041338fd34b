package corpus

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// LoadOptions say which files of the notes folders ResolveWith and
// LoadWith leave out, besides hidden folders, which are always skipped.
type LoadOptions struct {
	// Exclude holds patterns in .gitignore syntax ("drafts/", "*.txt",
	// "/archive/old.md", "!keep.md"), matched against each file's path
	// below the notes folder it was found in, or against its name alone
	// when it was named directly or by a glob. They take precedence over
	// every ignore file.
	Exclude []string
}

// IgnoreFiles are the names of the files, in any folder of the notes,
// whose patterns leave out files in that folder and below it. Both are
// in .gitignore syntax; a .cribignore's patterns take precedence over a
// .gitignore's in the same folder, and a deeper folder's over a
// shallower one's, as git has it. The notes tree's own .gitignore files
// are read; none above the folder named, and no global git excludes.
var IgnoreFiles = []string{".gitignore", ".cribignore"}

// maxIgnoreBytes bounds an ignore file: a larger one is skipped with a
// warning rather than read into memory.
const maxIgnoreBytes = 1 << 20

// ignoreFile is one ignore file read during a walk.
type ignoreFile struct {
	path string
	data []byte
}

// parsePatterns reads gitignore lines: blank lines and # comments are
// skipped, a trailing \r or a byte-order mark is dropped. domain is the
// folder the patterns apply below, as path components from the root.
func parsePatterns(data []byte, domain []string) []gitignore.Pattern {
	var ps []gitignore.Pattern
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSuffix(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		ps = append(ps, gitignore.ParsePattern(gitClass(line), domain))
	}
	return ps
}

// gitClass rewrites the bracket classes git negates with "!" ([!a]) to
// the "^" that go-git's matcher, filepath.Match, understands; go-git
// takes [!a] as a class of ! and a (its issue 2006).
func gitClass(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		b.WriteByte(p[i])
		switch {
		case p[i] == '\\' && i+1 < len(p):
			i++
			b.WriteByte(p[i])
		case p[i] == '[' && i+1 < len(p) && p[i+1] == '!':
			b.WriteByte('^')
			i++
		}
	}
	return b.String()
}

// excluded says whether the file or folder at rel (path components from
// the root) is left out: the last pattern that matches decides, the
// options' patterns before any ignore file's.
func excluded(rel []string, isDir bool, opts, files []gitignore.Pattern) bool {
	for _, ps := range [][]gitignore.Pattern{opts, files} {
		for i := len(ps) - 1; i >= 0; i-- {
			switch ps[i].Match(rel, isDir) {
			case gitignore.Exclude:
				return true
			case gitignore.Include:
				return false
			}
		}
	}
	return false
}

// readIgnores reads the ignore files of dir, whose path from the root is
// rel and whose entries are listed, and returns their patterns. A
// missing one is no error (nor a system call: most folders have none);
// one that is not a regular file, too large or unreadable is skipped
// with a warning.
func (r *resolver) readIgnores(dir string, rel []string, entries []dirEntry) []gitignore.Pattern {
	var ps []gitignore.Pattern
	for _, name := range IgnoreFiles {
		if !slices.ContainsFunc(entries, func(e dirEntry) bool { return e.name == name }) {
			continue
		}
		path := filepath.Join(dir, name)
		data, err := readIgnoreFile(path)
		if err != nil {
			if !os.IsNotExist(err) {
				r.warn(path, err)
			}
			continue
		}
		r.ignores = append(r.ignores, ignoreFile{path, data})
		ps = append(ps, parsePatterns(data, rel)...)
	}
	return ps
}

// readIgnoreFile reads an ignore file, refusing anything but a regular
// file (a FIFO would block) and more than maxIgnoreBytes.
func readIgnoreFile(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxIgnoreBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxIgnoreBytes {
		return nil, fmt.Errorf("ignore file larger than %d KiB", maxIgnoreBytes>>10)
	}
	return data, nil
}

// ExcludeFingerprint returns what decides which files ResolveWith leaves
// out of paths: the options' patterns and the path and contents of every
// ignore file it reads, in walk order, as bytes for a cache to hash into
// its key. It walks the folders as ResolveWith does; ResolveKeyed does
// both in one walk.
func ExcludeFingerprint(paths []string, opts LoadOptions) ([]byte, error) {
	r := newResolver(opts)
	if err := r.resolve(paths); err != nil {
		return nil, err
	}
	return r.fingerprint(opts), nil
}

func (r *resolver) fingerprint(opts LoadOptions) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "exclude %d\n", len(opts.Exclude))
	for _, p := range opts.Exclude {
		fmt.Fprintf(&b, "%d %s\n", len(p), p)
	}
	for _, f := range r.ignores {
		fmt.Fprintf(&b, "file %d %s\n%d\n", len(f.path), f.path, len(f.data))
		b.Write(f.data)
	}
	return b.Bytes()
}
