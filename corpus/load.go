package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
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

// MaxLineBytes bounds one line of a notes file. Only the first MaxLineBytes
// of a longer line (a whole export on one line, say) are searched, with a
// warning, so that indexing time follows the notes people write rather
// than the size of one odd file.
const MaxLineBytes = 1 << 20

// noteExts are the file endings crib reads when it walks a folder.
var noteExts = map[string]bool{".md": true, ".markdown": true, ".txt": true}

// File is one notes file found by Resolve.
type File struct {
	Path    string // as it will be shown in results
	Size    int64
	ModTime int64 // Unix nanoseconds
	info    fs.FileInfo
	realDir string
}

// RealDir returns the absolute path, with every link resolved, of the
// folder the walk found f in (not of a link's target), or "" for a file
// named directly or not found by Resolve.
func (f File) RealDir() string { return f.realDir }

// Info returns what the walk that found f learnt of it (os.Stat of Path,
// as then), or nil for a File not found by Resolve. A cache checking
// whether f changed needs no second stat of it.
func (f File) Info() fs.FileInfo { return f.info }

// Resolve expands notes paths (files, folders searched recursively for
// .md, .markdown and .txt files, and glob patterns) into a sorted list of
// distinct files. Symbolic links are followed, to files and folders alike;
// each real file and folder is read once, under the first path that
// reached it, so a link loop ends and a linked note is not found twice.
// Hidden folders (.git, say) are skipped, and so is what the .gitignore
// and .cribignore files in the folders exclude (see IgnoreFiles).
// Problems that spoil one file only are returned as warnings; a path that
// names nothing is an error.
func Resolve(paths []string) ([]File, []string, error) {
	return ResolveWith(paths, LoadOptions{})
}

// ResolveWith is Resolve leaving out, besides, the files opts excludes.
func ResolveWith(paths []string, opts LoadOptions) ([]File, []string, error) {
	r, err := resolveAll(paths, opts)
	return r.files, r.warnings, err
}

// Resolved is what ResolveKeyed finds.
type Resolved struct {
	Files    []File
	Warnings []string
	// Fingerprint is ExcludeFingerprint's, nil when Files are none.
	Fingerprint []byte
}

// ResolveKeyed is ResolveWith and ExcludeFingerprint from one walk of the
// folders: a cache checking every question that its index is fresh
// needs both, and walking the notes was a third of a question's time at
// 100,000 snippets.
func ResolveKeyed(paths []string, opts LoadOptions) (Resolved, error) {
	r, err := resolveAll(paths, opts)
	out := Resolved{Files: r.files, Warnings: r.warnings}
	if err == nil {
		out.Fingerprint = r.fingerprint(opts)
	}
	return out, err
}

func resolveAll(paths []string, opts LoadOptions) (*resolver, error) {
	r := newResolver(opts)
	if err := r.resolve(paths); err != nil {
		r.files = nil
		return r, err
	}
	if len(r.files) == 0 {
		return r, noNotes(paths, r.left, r.leftDirs)
	}
	sort.Slice(r.files, func(i, j int) bool { return r.files[i].Path < r.files[j].Path })
	return r, nil
}

// noNotes says why paths gave no notes files: left, those that exclude
// and ignore patterns left out, or the kinds of file crib reads when
// there were none to leave out, and the folders left out unread
// (leftDirs), which may have held some.
func noNotes(paths []string, left, leftDirs int) error {
	where := strings.Join(paths, ", ")
	const by = "left out by --exclude, .gitignore or .cribignore"
	switch {
	case left == 1:
		return fmt.Errorf("%w: the one notes file in %s is %s", ErrNoNotes, where, by)
	case left > 1:
		return fmt.Errorf("%w: all %d notes files in %s are %s", ErrNoNotes, left, where, by)
	}
	kinds := "crib reads .md, .markdown and .txt files"
	switch {
	case leftDirs == 1:
		kinds += "; a folder was " + by
	case leftDirs > 1:
		kinds += fmt.Sprintf("; %d folders were %s", leftDirs, by)
	}
	return fmt.Errorf("%w in %s (%s)", ErrNoNotes, where, kinds)
}

// expand turns one argument into the paths it names: itself when it
// exists, else the matches of it as a glob pattern.
func expand(arg string) ([]string, error) {
	if exists(arg) {
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

// globstar splits a notes pattern at its first ** folder: the folder
// before it, and the rest, which .gitignore syntax reads as the pattern
// for the paths below that folder ("notes/**/*.md" -> "notes",
// "**/*.md"). filepath.Glob has no **: it read it as *, one folder deep.
// ok is false when no folder of the pattern is **.
func globstar(arg string) (dir, rest string, ok bool) {
	parts := strings.Split(filepath.ToSlash(arg), "/")
	i := slices.Index(parts, "**")
	switch {
	case i < 0:
		return "", "", false
	case i == 0:
		dir = "."
	default:
		dir = filepath.Clean(filepath.FromSlash(strings.Join(parts[:i], "/") + "/"))
	}
	return dir, strings.Join(parts[i:], "/"), true
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// ReadFile reads one notes file, read-only, a block at a time, keeping at
// most MaxLineBytes of each line, and parses it. A file that is too large,
// binary or not UTF-8 yields no snippets and a warning; a line cut short
// yields its snippets and a warning.
func ReadFile(f File) ([]Snippet, string) {
	if f.Size > MaxFileBytes {
		return nil, tooLarge(f.Path)
	}
	fh, err := os.Open(f.Path)
	if err != nil {
		return nil, fmt.Sprintf("skipped %s: %v", f.Path, unwrapPathError(err))
	}
	defer fh.Close()
	// Room for the file as listed, and a buffer no larger than it: growing
	// into it, through 64 KiB, allocated a quarter more to read the notes.
	c := lineCapper{kept: make([]byte, 0, f.Size+1)}
	buf := make([]byte, min(64<<10, max(4<<10, f.Size+1)))
	total := 0
	for r := io.LimitReader(fh, MaxFileBytes+1); ; {
		n, err := r.Read(buf)
		c.write(buf[:n])
		total += n
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Sprintf("skipped %s: %v", f.Path, unwrapPathError(err))
		}
	}
	if total > MaxFileBytes { // it grew after it was listed
		return nil, tooLarge(f.Path)
	}
	return c.parse(f.Path)
}

func tooLarge(path string) string {
	return fmt.Sprintf("skipped %s: larger than %d MiB", path, MaxFileBytes>>20)
}

// Parse parses the contents of one notes file, choosing the markdown or
// plain-text reader by its ending. Binary or non-UTF-8 data yields a
// warning instead of snippets. Only the first MaxLineBytes of a longer
// line are parsed, with a warning.
func Parse(path string, data []byte) ([]Snippet, string) {
	c := lineCapper{kept: data}
	if longestLine(data) > MaxLineBytes {
		c = lineCapper{}
		c.write(data)
	}
	return c.parse(path)
}

func parseData(path string, data []byte) ([]Snippet, string) {
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, fmt.Sprintf("skipped %s: binary file", path)
	}
	if !utf8.Valid(data) {
		return nil, fmt.Sprintf("skipped %s: not UTF-8 text", path)
	}
	data = withoutEscapes(data)
	if strings.EqualFold(filepath.Ext(path), ".txt") {
		return ParseText(path, data), ""
	}
	return ParseMarkdown(path, data), ""
}

// lineCapper keeps what it is given, less the part of each line past
// MaxLineBytes. Lines end at \n, \r\n or \r, as splitLines has them.
type lineCapper struct {
	kept    []byte
	ends    int  // line ends seen: the current line is ends+1
	lineLen int  // bytes of the current line kept so far
	over    bool // the current line has been cut
	cr      bool // the last byte written was \r
	first   int  // the first line cut, 0 when none
	cut     int  // lines cut
}

func (c *lineCapper) write(p []byte) {
	for len(p) > 0 {
		i := bytes.IndexAny(p, "\r\n")
		if i < 0 {
			c.keep(p)
			c.cr = false
			return
		}
		c.keep(p[:i])
		if p[i] == '\r' || i > 0 || !c.cr { // \r\n ends one line
			c.ends++
		}
		c.kept = append(c.kept, p[i])
		c.cr = p[i] == '\r'
		c.lineLen, c.over = 0, false
		p = p[i+1:]
	}
}

// keep adds seg, part of the current line, up to MaxLineBytes of the line,
// cutting at a rune boundary.
func (c *lineCapper) keep(seg []byte) {
	if len(seg) == 0 || c.over {
		return
	}
	if room := MaxLineBytes - c.lineLen; len(seg) > room {
		c.kept = trimPartialRune(append(c.kept, seg[:room]...))
		c.over, c.cut = true, c.cut+1
		if c.first == 0 {
			c.first = c.ends + 1
		}
		return
	}
	c.kept = append(c.kept, seg...)
	c.lineLen += len(seg)
}

// trimPartialRune drops an incomplete UTF-8 sequence from the end of b.
func trimPartialRune(b []byte) []byte {
	for j := 1; j <= utf8.UTFMax && j <= len(b); j++ {
		if utf8.RuneStart(b[len(b)-j]) {
			if !utf8.FullRune(b[len(b)-j:]) {
				return b[:len(b)-j]
			}
			break
		}
	}
	return b
}

// parse parses what was kept, warning about the lines cut when the file
// is otherwise fine.
func (c *lineCapper) parse(path string) ([]Snippet, string) {
	s, w := parseData(path, c.kept)
	switch {
	case w != "" || c.cut == 0:
		return s, w
	case c.cut == 1:
		return s, fmt.Sprintf("line %d of %s is longer than %d MiB; only its first %[3]d MiB is searched", c.first, path, MaxLineBytes>>20)
	}
	return s, fmt.Sprintf("line %d of %s and %d more are longer than %d MiB; only the first %[4]d MiB of each is searched", c.first, path, c.cut-1, MaxLineBytes>>20)
}

// longestLine returns the length in bytes of the longest line of data.
func longestLine(data []byte) int {
	longest := 0
	for len(data) > 0 {
		i := bytes.IndexAny(data, "\r\n")
		if i < 0 {
			return max(longest, len(data))
		}
		longest = max(longest, i)
		data = data[i+1:]
	}
	return longest
}

// Load resolves paths and reads every notes file found.
func Load(paths []string) ([]Snippet, []string, error) {
	return LoadWith(paths, LoadOptions{})
}

// LoadWith is Load leaving out the files opts excludes, as ResolveWith.
func LoadWith(paths []string, opts LoadOptions) ([]Snippet, []string, error) {
	files, warnings, err := ResolveWith(paths, opts)
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
