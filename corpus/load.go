package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"
)

// ErrNoSuchPath is returned (wrapped) when a notes path names nothing.
var ErrNoSuchPath = errors.New("no such notes path")

// ErrNoNotes is returned (wrapped) when the paths hold no notes files.
var ErrNoNotes = errors.New("no notes found")

// MaxFileBytes bounds the size of one notes file; a larger file is skipped
// with a warning rather than read into memory.
const MaxFileBytes = 64 << 20

// noteExts are the file endings crib reads when it walks a folder.
var noteExts = map[string]bool{".md": true, ".markdown": true, ".txt": true}

// File is one notes file found by Resolve.
type File struct {
	Path    string // as it will be shown in results
	Size    int64
	ModTime int64 // Unix nanoseconds
}

// Resolve expands notes paths (files, folders searched recursively for
// .md, .markdown and .txt files, and glob patterns) into a sorted list of
// distinct files. Problems that spoil one file only are returned as
// warnings; a path that names nothing is an error.
func Resolve(paths []string) ([]File, []string, error) {
	seen := map[string]bool{}
	var files []File
	var warnings []string
	add := func(path string, info fs.FileInfo) {
		if seen[path] {
			return
		}
		seen[path] = true
		files = append(files, File{Path: path, Size: info.Size(), ModTime: info.ModTime().UnixNano()})
	}
	for _, arg := range paths {
		matches, err := expand(arg)
		if err != nil {
			return nil, warnings, err
		}
		for _, m := range matches {
			w, err := collect(m, add)
			warnings = append(warnings, w...)
			if err != nil {
				return nil, warnings, err
			}
		}
	}
	if len(files) == 0 {
		return nil, warnings, fmt.Errorf("%w in %s (crib reads .md, .markdown and .txt files)", ErrNoNotes, strings.Join(paths, ", "))
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, warnings, nil
}

// expand turns one argument into the paths it names: itself when it
// exists, else the matches of it as a glob pattern.
func expand(arg string) ([]string, error) {
	if _, err := os.Lstat(arg); err == nil {
		return []string{arg}, nil
	}
	if strings.ContainsAny(arg, "*?[") {
		matches, err := filepath.Glob(arg)
		if err != nil {
			return nil, fmt.Errorf("bad notes pattern %q: %w", arg, err)
		}
		if len(matches) > 0 {
			return matches, nil
		}
	}
	return nil, fmt.Errorf("%w: %s", ErrNoSuchPath, arg)
}

// collect adds path, or the notes files below it when it is a folder.
func collect(path string, add func(string, fs.FileInfo)) ([]string, error) {
	info, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%w: %s", ErrNoSuchPath, path)
		}
		return nil, fmt.Errorf("cannot read notes path: %w", err)
	}
	switch {
	case info.Mode().IsRegular():
		add(path, info)
		return nil, nil
	case info.IsDir():
		return walk(path, add)
	default:
		return nil, fmt.Errorf("not a notes file or folder: %s", path)
	}
}

// walk adds the notes files below root. Symbolic links are not followed,
// so a link loop cannot trap it; unreadable folders are warned about.
func walk(root string, add func(string, fs.FileInfo)) ([]string, error) {
	var warnings []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			warnings = append(warnings, fmt.Sprintf("skipped %s: %v", path, unwrapPathError(err)))
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if path != root && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || !noteExts[strings.ToLower(filepath.Ext(path))] {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			warnings = append(warnings, fmt.Sprintf("skipped %s: %v", path, unwrapPathError(err)))
			return nil
		}
		add(path, info)
		return nil
	})
	return warnings, err
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// ReadFile reads one notes file, read-only, and parses it. A file that is
// too large, binary or not UTF-8 yields no snippets and a warning.
func ReadFile(f File) ([]Snippet, string) {
	if f.Size > MaxFileBytes {
		return nil, fmt.Sprintf("skipped %s: larger than %d MiB", f.Path, MaxFileBytes>>20)
	}
	data, err := os.ReadFile(f.Path)
	if err != nil {
		return nil, fmt.Sprintf("skipped %s: %v", f.Path, unwrapPathError(err))
	}
	return Parse(f.Path, data)
}

// Parse parses the contents of one notes file, choosing the markdown or
// plain-text reader by its ending. Binary or non-UTF-8 data yields a
// warning instead of snippets.
func Parse(path string, data []byte) ([]Snippet, string) {
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, fmt.Sprintf("skipped %s: binary file", path)
	}
	if !utf8.Valid(data) {
		return nil, fmt.Sprintf("skipped %s: not UTF-8 text", path)
	}
	if strings.EqualFold(filepath.Ext(path), ".txt") {
		return ParseText(path, data), ""
	}
	return ParseMarkdown(path, data), ""
}

// Load resolves paths and reads every notes file found.
func Load(paths []string) ([]Snippet, []string, error) {
	files, warnings, err := Resolve(paths)
	if err != nil {
		return nil, warnings, err
	}
	var out []Snippet
	for _, f := range files {
		s, w := ReadFile(f)
		if w != "" {
			warnings = append(warnings, w)
		}
		out = append(out, s...)
	}
	return out, warnings, nil
}
