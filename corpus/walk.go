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
	real      map[string]bool // real paths of the files added and folders walked
	broken    []string        // links named like notes that lead nowhere
	brokenErr error           // why the first of them does
	dirBuf    []byte          // for listing folders
	star      *starPattern    // the ** pattern the walk under way keeps files by
	left      int             // notes files an exclude or ignore pattern left out
	leftDirs  int             // folders an exclude or ignore pattern left out, unread
}

// starPattern is a notes pattern with **, as a walk of the folder
// before the ** reads it.
type starPattern struct {
	arg     string            // as the user wrote it
	rest    gitignore.Pattern // the paths below the folder it keeps
	matched int               // notes files it kept, found before or not
}

func newResolver(opts LoadOptions) *resolver {
	r := &resolver{real: map[string]bool{}}
	for _, p := range opts.Exclude {
		r.exclude = append(r.exclude, parsePatterns([]byte(p), nil)...)
	}
	return r
}

// resolve expands and collects every path, stopping at the first that
// names nothing.
func (r *resolver) resolve(paths []string) error {
	for _, arg := range paths {
		if dir, rest, ok := globstar(arg); ok && !exists(arg) {
			if err := r.walkStar(arg, dir, rest); err != nil {
				return err
			}
			continue
		}
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

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// walkStar adds the notes files below dir (itself a glob, maybe) whose
// path from it matches rest, a pattern whose ** spans any number of
// folders, none included. The folders are walked as a folder named is,
// hidden folders and ignored files left out. A pattern that keeps no
// notes file names nothing, as a glob matching nothing does.
func (r *resolver) walkStar(arg, dir, rest string) error {
	dirs, err := expand(dir)
	if errors.Is(err, ErrNoSuchPath) {
		return fmt.Errorf("%w: %s", ErrNoSuchPath, arg)
	}
	if err != nil {
		return err
	}
	r.star = &starPattern{arg: arg, rest: gitignore.ParsePattern(gitClass(rest), nil)}
	defer func() { r.star = nil }()
	for _, d := range dirs {
		if info, err := os.Stat(d); err != nil || !info.IsDir() {
			continue
		}
		if err := r.collect(d); err != nil {
			return err
		}
	}
	if r.star.matched == 0 {
		return fmt.Errorf("%w: %s", ErrNoSuchPath, arg)
	}
	return nil
}

// kept says whether the walk under way keeps notes file name of f: every
// one, unless it is for a ** pattern.
func (r *resolver) kept(f folder, name string) bool {
	if r.star == nil {
		return true
	}
	if r.star.rest.Match(append(slices.Clip(f.rel), name), false) != gitignore.Exclude {
		return false
	}
	r.star.matched++
	return true
}

// walkKey is what r.real marks folder f walked under: its real path, and
// the ** pattern that walks it, if any, since that walk keeps only some
// of its files and a later argument may want the others.
func (r *resolver) walkKey(f folder) string {
	if r.star == nil {
		return f.resolved
	}
	return r.star.arg + "\x00" + f.resolved
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
		} else if isNote(path) {
			r.left++
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
	// A path reached twice is one real file reached twice: its real
	// path alone tells.
	if r.real[resolved] {
		return false
	}
	r.real[resolved] = true
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
	return folder{joinName(f.path, name), resolved, append(slices.Clip(f.rel), name), f.ignore}
}

// joinName is filepath.Join(dir, name) for a name read from dir's
// listing (no separator, never . or ..).
func joinName(dir, name string) string {
	return namePrefix(dir) + name
}

// namePrefix is what joinName puts before a name of dir's listing:
// computed once per folder, it spares cleaning the whole path again for
// every file.
func namePrefix(dir string) string {
	switch dir = filepath.Clean(dir); {
	case dir == ".":
		return ""
	case dir[len(dir)-1] == filepath.Separator || dir == filepath.VolumeName(dir): // a root; C: on Windows
		return dir
	}
	return dir + string(filepath.Separator)
}

// prefixes are a folder's namePrefix, of its path and of its real path.
type prefixes struct{ path, resolved string }

// dirEntry is one entry of a folder's listing: its name and its type as
// the listing tells it (typeUnknown when it does not).
type dirEntry struct {
	name string
	typ  fs.FileMode
}

const typeUnknown = fs.ModeType // no single type has every type bit

// walk adds the notes files below f, in name order. Hidden folders and
// what the ignore patterns exclude are skipped; a folder already walked
// (a link loop, or two links to one folder) is not walked again.
func (r *resolver) walk(f folder) {
	key := r.walkKey(f)
	if r.real[key] {
		return
	}
	r.real[key] = true
	d, err := openDir(f.path, &r.dirBuf)
	if err != nil {
		// Its ignore files cannot be read either: one warning says it.
		r.warn(f.path, err)
		return
	}
	defer d.close()
	entries, err := d.list()
	if err != nil {
		r.warn(f.path, err)
	} else if ps := r.readIgnores(f.path, f.rel, entries); len(ps) > 0 {
		f.ignore = append(slices.Clip(f.ignore), ps...)
	}
	pre := prefixes{namePrefix(f.path), namePrefix(f.resolved)}
	for _, e := range entries { // those read before an error, too
		r.entry(d, f, pre, e)
	}
}

// entry adds the notes file e of folder f (open as d, its prefixes pre),
// or walks it when it is a folder, following a symbolic link. A broken
// link is warned about when its name is a notes file's. Only a notes
// file, a link or an entry of a type the listing does not tell is
// stat'ed.
func (r *resolver) entry(d *dir, f folder, pre prefixes, e dirEntry) {
	name := e.name
	switch {
	case e.typ == fs.ModeDir:
		if !hidden(name) && !r.excluded(f, name, true) {
			r.walk(f.child(name, pre.resolved+name))
		}
		return
	case e.typ == 0 && !isNote(name), e.typ == fs.ModeIrregular:
		return
	}
	path, resolved := pre.path+name, pre.resolved+name
	info, err := fs.FileInfo(nil), error(nil)
	if e.typ == fs.ModeSymlink {
		if info, err = os.Stat(path); err == nil {
			resolved, err = realPath(path)
		}
	} else {
		info, err = d.lstat(name)
	}
	switch {
	case err == nil:
	case e.typ != fs.ModeSymlink:
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
	switch {
	case info.IsDir() && !hidden(name) && !r.excluded(f, name, true):
		r.walk(f.child(name, resolved))
	case info.Mode().IsRegular() && isNote(path) && !r.excluded(f, name, false) && r.kept(f, name):
		if r.addFile(path, resolved, info) {
			r.files[len(r.files)-1].realDir = f.resolved
		}
	}
}

// excluded says whether entry name of f is left out by a pattern, and
// counts a file or folder left out, so that notes all left out are told
// from none.
func (r *resolver) excluded(f folder, name string, isDir bool) bool {
	if len(r.exclude) == 0 && len(f.ignore) == 0 {
		return false
	}
	out := excluded(append(slices.Clip(f.rel), name), isDir, r.exclude, f.ignore)
	switch {
	case out && isDir:
		r.leftDirs++
	case out:
		r.left++
	}
	return out
}

func hidden(name string) bool { return strings.HasPrefix(name, ".") }

func isNote(path string) bool { return noteExts[strings.ToLower(filepath.Ext(path))] }
