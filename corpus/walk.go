package corpus

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// resolver collects notes files, reading each real file and folder once.
type resolver struct {
	exclude   []gitignore.Pattern // the options' patterns
	files     []File
	warnings  []string
	ignores   []ignoreFile    // the ignore files read, in walk order
	shown     map[string]bool // paths as shown, of the files added
	real      map[string]bool // real paths of the files added and folders walked
	broken    []string        // links named like notes that lead nowhere
	brokenErr error           // why the first of them does
}

func newResolver(opts LoadOptions) *resolver {
	r := &resolver{shown: map[string]bool{}, real: map[string]bool{}}
	for _, p := range opts.Exclude {
		r.exclude = append(r.exclude, parsePatterns([]byte(p), nil)...)
	}
	return r
}

// resolve expands and collects every path, stopping at the first that
// names nothing.
func (r *resolver) resolve(paths []string) error {
	for _, arg := range paths {
		matches, err := expand(arg)
		if err != nil {
			return err
		}
		for _, m := range matches {
			if err := r.collect(m); err != nil {
				return err
			}
		}
	}
	r.warnBroken()
	return nil
}

// warnBroken sums up, in one warning, the links that lead nowhere: a
// broken link or a loop is usually several links.
func (r *resolver) warnBroken() {
	switch len(r.broken) {
	case 0:
	case 1:
		r.warn(r.broken[0], r.brokenErr)
	default:
		r.warnings = append(r.warnings, fmt.Sprintf("skipped %d symbolic links that lead nowhere (%v): %s",
			len(r.broken), unwrapPathError(r.brokenErr), strings.Join(r.broken, ", ")))
	}
}

// collect adds path, or the notes files below it when it is a folder.
func (r *resolver) collect(path string) error {
	info, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%w: %s", ErrNoSuchPath, path)
		}
		return fmt.Errorf("cannot read notes path: %w", err)
	}
	resolved, err := realPath(path)
	if err != nil {
		return fmt.Errorf("cannot read notes path: %w", err)
	}
	switch {
	case info.Mode().IsRegular():
		if !excluded([]string{filepath.Base(path)}, false, r.exclude, nil) {
			r.addFile(path, resolved, info)
		}
	case info.IsDir():
		r.walk(folder{path: path, resolved: resolved})
	default:
		return fmt.Errorf("not a notes file or folder: %s", path)
	}
	return nil
}

// realPath returns the absolute path of path with every link resolved.
func realPath(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	return filepath.EvalSymlinks(abs)
}

// addFile adds a file unless it was found already, and says whether it
// added it.
func (r *resolver) addFile(path, resolved string, info fs.FileInfo) bool {
	if r.shown[path] || r.real[resolved] {
		return false
	}
	r.shown[path], r.real[resolved] = true, true
	r.files = append(r.files, File{Path: path, Size: info.Size(), ModTime: info.ModTime().UnixNano(), info: info})
	return true
}

func (r *resolver) warn(path string, err error) {
	r.warnings = append(r.warnings, fmt.Sprintf("skipped %s: %v", path, unwrapPathError(err)))
}

// folder is a folder to walk: its path as shown, its real path, its path
// from the notes folder named (as components) and the ignore patterns
// that apply in it.
type folder struct {
	path, resolved string
	rel            []string
	ignore         []gitignore.Pattern
}

// child returns the entry name of f, as a folder to walk.
func (f folder) child(name, resolved string) folder {
	return folder{filepath.Join(f.path, name), resolved, append(slices.Clip(f.rel), name), f.ignore}
}

// walk adds the notes files below f, in name order. Hidden folders and
// what the ignore patterns exclude are skipped; a folder already walked
// (a link loop, or two links to one folder) is not walked again.
func (r *resolver) walk(f folder) {
	if r.real[f.resolved] {
		return
	}
	r.real[f.resolved] = true
	entries, err := os.ReadDir(f.path)
	if err != nil {
		// Its ignore files cannot be read either: one warning says it.
		r.warn(f.path, err)
	} else if ps := r.readIgnores(f.path, f.rel, entries); len(ps) > 0 {
		f.ignore = append(slices.Clip(f.ignore), ps...)
	}
	for _, e := range entries { // those read before an error, too
		r.entry(f, e)
	}
}

// entry adds the notes file e of folder f, or walks it when it is a
// folder, following a symbolic link. A broken link is warned about when
// its name is a notes file's.
func (r *resolver) entry(f folder, e fs.DirEntry) {
	name := e.Name()
	path := filepath.Join(f.path, name)
	resolved := filepath.Join(f.resolved, name)
	info, err := fs.FileInfo(nil), error(nil)
	if e.Type()&fs.ModeSymlink != 0 {
		if info, err = os.Stat(path); err == nil {
			resolved, err = realPath(path)
		}
	} else {
		info, err = e.Info()
	}
	switch {
	case err == nil:
	case e.Type()&fs.ModeSymlink == 0:
		r.warn(path, err)
		return
	case isNote(path):
		if r.broken = append(r.broken, path); len(r.broken) == 1 {
			r.brokenErr = err
		}
		return
	default:
		return
	}
	rel := append(slices.Clip(f.rel), name)
	switch {
	case info.IsDir() && !hidden(name) && !excluded(rel, true, r.exclude, f.ignore):
		r.walk(f.child(name, resolved))
	case info.Mode().IsRegular() && isNote(path) && !excluded(rel, false, r.exclude, f.ignore):
		if r.addFile(path, resolved, info) {
			r.files[len(r.files)-1].realDir = f.resolved
		}
	}
}

func hidden(name string) bool { return strings.HasPrefix(name, ".") }

func isNote(path string) bool { return noteExts[strings.ToLower(filepath.Ext(path))] }
