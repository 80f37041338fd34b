package corpus

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// resolver collects notes files, reading each real file and folder once.
type resolver struct {
	files    []File
	warnings []string
	shown    map[string]bool // paths as shown, of the files added
	real     map[string]bool // real paths of the files added and folders walked
}

func newResolver() *resolver {
	return &resolver{shown: map[string]bool{}, real: map[string]bool{}}
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
		r.addFile(path, resolved, info)
	case info.IsDir():
		r.walk(path, resolved)
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

func (r *resolver) addFile(path, resolved string, info fs.FileInfo) {
	if r.shown[path] || r.real[resolved] {
		return
	}
	r.shown[path], r.real[resolved] = true, true
	r.files = append(r.files, File{Path: path, Size: info.Size(), ModTime: info.ModTime().UnixNano()})
}

func (r *resolver) warn(path string, err error) {
	r.warnings = append(r.warnings, fmt.Sprintf("skipped %s: %v", path, unwrapPathError(err)))
}

// walk adds the notes files below dir, whose real path is resolved, in
// name order. Hidden folders are skipped; a folder already walked (a link
// loop, or two links to one folder) is not walked again.
func (r *resolver) walk(dir, resolved string) {
	if r.real[resolved] {
		return
	}
	r.real[resolved] = true
	entries, err := os.ReadDir(dir)
	if err != nil {
		r.warn(dir, err)
	}
	for _, e := range entries { // those read before an error, too
		path := filepath.Join(dir, e.Name())
		if e.Type()&fs.ModeSymlink != 0 {
			r.link(path)
			continue
		}
		switch {
		case e.IsDir() && !hidden(e.Name()):
			r.walk(path, filepath.Join(resolved, e.Name()))
		case e.Type().IsRegular() && isNote(path):
			info, err := e.Info()
			if err != nil {
				r.warn(path, err)
				continue
			}
			r.addFile(path, filepath.Join(resolved, e.Name()), info)
		}
	}
}

// link follows a symbolic link met in a walk. A broken link is warned
// about when its name is a notes file's.
func (r *resolver) link(path string) {
	info, err := os.Stat(path)
	if err != nil {
		if isNote(path) {
			r.warn(path, err)
		}
		return
	}
	resolved, err := realPath(path)
	if err != nil {
		r.warn(path, err)
		return
	}
	switch {
	case info.IsDir() && !hidden(filepath.Base(path)):
		r.walk(path, resolved)
	case info.Mode().IsRegular() && isNote(path):
		r.addFile(path, resolved, info)
	}
}

func hidden(name string) bool { return strings.HasPrefix(name, ".") }

func isNote(path string) bool { return noteExts[strings.ToLower(filepath.Ext(path))] }
