package cmd

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search"
	"github.com/crib-dev/crib/search/cache"
	"github.com/crib-dev/crib/synonyms"
)

// sourceOptions say which notes and thesaurus a command searches.
type sourceOptions struct {
	Notes    []string
	Exclude  []string
	Synonyms []string
	Color    string
	NoCache  bool
	// NoExpand searches the user's notes with the question's own words
	// only (see search.Engine.ExpandFrom).
	NoExpand bool
}

// addSourceFlags binds the flags every searching command shares.
func addSourceFlags(c *cobra.Command, o *sourceOptions) {
	f := c.Flags()
	f.StringArrayVar(&o.Notes, "notes", nil, "notes `path` to search: file, folder or glob; repeatable (default $CRIB_NOTES, else the built-in DOP-C02 notes)")
	f.StringArrayVar(&o.Exclude, "exclude", nil, "leave out notes files matching `glob` (.gitignore syntax: drafts/, *.txt, /old.md); repeatable")
	f.StringArrayVar(&o.Synonyms, "synonyms", nil, "extra synonyms `file` in the Solr format; repeatable")
	f.StringVar(&o.Color, "color", "auto", "colour output: auto, always or never; this flag beats NO_COLOR, which beats CLICOLOR_FORCE (colour even when piped), which beats whether stdout is a terminal")
	f.BoolVar(&o.NoCache, "no-cache", false, "index the notes in memory; do not read or write the index cache")
	f.BoolVar(&o.NoExpand, "no-expand", false, "with your own notes, search the question's and the notes' own words only; by default crib adds the words its built-in notes answer the question with, and those of the built-in note closest to each of yours (also: CRIB_EXPAND=0)")
	c.RegisterFlagCompletionFunc("color", cobra.FixedCompletions([]string{"auto", "always", "never"}, cobra.ShellCompDirectiveNoFileComp))
}

// completeLimit offers a few result counts for -n.
var completeLimit = cobra.FixedCompletions([]string{"1", "3", "5", "10", "20"}, cobra.ShellCompDirectiveNoFileComp)

func (o *sourceOptions) validate() error {
	switch o.Color {
	case "auto", "always", "never":
		return nil
	}
	return &usageError{fmt.Sprintf("invalid --color %q: want auto, always or never", o.Color)}
}

// engineFunc returns the engine a command searches and a function that
// releases it once the command is done.
type engineFunc func() (*search.Engine, func(), error)

// engineFactory opens the notes these options name, when called: after the
// flags are parsed. Questions to the user's notes are widened from the
// built-in notes (see openEngine).
func (o *sourceOptions) engineFactory(ios *IOStreams) engineFunc {
	return o.factory(ios, true)
}

// checkEngineFactory is engineFactory for crib check, which searches each
// stem with its own words only and so needs no built-in notes beside the
// user's.
func (o *sourceOptions) checkEngineFactory(ios *IOStreams) engineFunc {
	return o.factory(ios, false)
}

func (o *sourceOptions) factory(ios *IOStreams, expand bool) engineFunc {
	return func() (*search.Engine, func(), error) {
		eng, err := o.openEngine(ios, expand)
		if err != nil {
			return nil, nil, err
		}
		return eng, func() { eng.Close() }, nil
	}
}

// notesPaths returns the notes to search: --notes, else $CRIB_NOTES, else
// none, meaning the embedded notes. A $CRIB_NOTES that is set but names
// no path (":::") is an error, not a quiet switch to the built-in notes.
func (o *sourceOptions) notesPaths(ios *IOStreams) ([]string, error) {
	if len(o.Notes) > 0 {
		return o.Notes, nil
	}
	env := ios.Getenv("CRIB_NOTES")
	if env == "" {
		return nil, nil
	}
	var out []string
	for _, p := range filepath.SplitList(env) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("CRIB_NOTES holds no path: %q", env)
	}
	return out, nil
}

// notes names the notes to search and what to leave out of them. The
// built-in notes are searched whole: --exclude is for the user's own.
func (o *sourceOptions) notes(ios *IOStreams) (cache.Notes, error) {
	paths, err := o.notesPaths(ios)
	if err != nil {
		return cache.Notes{}, err
	}
	src := cache.Notes{Paths: paths, Options: corpus.LoadOptions{Exclude: o.Exclude}}
	if len(src.Paths) == 0 && len(o.Exclude) > 0 {
		ios.Warnf("--exclude applies to --notes and $CRIB_NOTES; the built-in notes are searched whole")
		src.Options.Exclude = nil
	}
	return src, nil
}

// synonymFiles returns --synonyms files, and the user's own synonyms file
// under $XDG_CONFIG_HOME/crib when it exists. A relative XDG_CONFIG_HOME
// is ignored, as the XDG spec says (and as the cache does).
func (o *sourceOptions) synonymFiles(ios *IOStreams) []string {
	files := append([]string(nil), o.Synonyms...)
	dir := ios.Getenv("XDG_CONFIG_HOME")
	if !filepath.IsAbs(dir) {
		dir = ""
		if home := ios.Getenv("HOME"); home != "" {
			dir = filepath.Join(home, ".config")
		}
	}
	if dir != "" {
		p := filepath.Join(dir, "crib", "synonyms.txt")
		if _, err := os.Stat(p); err == nil {
			files = append(files, p)
		}
	}
	return files
}

// loadThesaurus compiles the built-in thesaurus with the user's files.
func (o *sourceOptions) loadThesaurus(ios *IOStreams) (*search.Thesaurus, error) {
	var extra []synonyms.Rule
	for _, f := range o.synonymFiles(ios) {
		data, err := readRegularFile(f, synonyms.MaxFileBytes)
		if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
			err = pe.Err // the path is named once, below
		}
		if err != nil {
			return nil, fmt.Errorf("cannot read synonyms file %s: %w", f, err)
		}
		rules, err := synonyms.ParseSolr(f, data)
		if err != nil {
			return nil, fmt.Errorf("bad synonyms file %w", err)
		}
		extra = append(extra, rules...)
	}
	return search.NewThesaurus(extra...)
}

var errNotRegular = errors.New("not a regular file")

// readRegularFile reads a file crib reads back on every run (a synonyms
// file, the practice history) that must be a regular file of at most
// limit bytes. A FIFO must not block (it is refused before it is opened,
// and opened without blocking in case it was swapped in meanwhile) and a
// device such as /dev/zero must not be read without end.
func readRegularFile(name string, limit int) ([]byte, error) {
	if err := isRegular(os.Stat(name)); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(name, os.O_RDONLY|openNonblock, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if err := isRegular(f.Stat()); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, int64(limit)+1))
	if err == nil && len(data) > limit {
		err = fmt.Errorf("larger than %d MiB", limit>>20)
	}
	return data, err
}

// isRegular passes on err, or says info is not of a regular file.
func isRegular(info os.FileInfo, err error) error {
	if err == nil && !info.Mode().IsRegular() {
		err = errNotRegular
	}
	return err
}

// openEngine opens the index of the notes: from the cache under
// $XDG_CACHE_HOME/crib, brought up to date as needed, or built in memory
// with --no-cache or when no cache folder is known. The thesaurus loads
// meanwhile. With expand, the user's notes come with the built-in notes'
// index, to widen questions from (search.Engine.ExpandFrom), unless
// --no-expand or CRIB_EXPAND=0.
func (o *sourceOptions) openEngine(ios *IOStreams, expand bool) (*search.Engine, error) {
	th := sync.OnceValues(func() (*search.Thesaurus, error) { return o.loadThesaurus(ios) })
	src, err := o.notes(ios)
	if err != nil {
		return nil, err
	}
	if len(src.Paths) == 0 {
		return o.open(ios, src, th, true, nil)
	}
	// The user's notes: a build of their index stores each note's
	// expansion from the built-in notes, whether or not this question is
	// expanded, so that the next question finds it. The built-in notes are
	// crib's own business: what goes wrong with their cache was said for
	// the user's notes already, or is mended quietly, and without them
	// questions and notes keep their own words.
	expand = expand && !o.NoExpand && !envOff(ios, "CRIB_EXPAND")
	b := o.lazyBuiltin(ios, th)
	if expand {
		b.pre = o.openBuiltinCached(ios, th)
	}
	x := o.noteExpansionEngine(ios, b)
	eng, err := o.open(ios, src, th, true, x.noteExpander)
	if x != b {
		x.close()
	}
	if !expand || err != nil {
		b.close()
		return eng, err
	}
	if builtin := b.get(); builtin != nil {
		eng.ExpandFrom(builtin)
	}
	return eng, nil
}

// open opens one collection of notes, from the cache unless --no-cache,
// saying the cache's warnings when told to.
func (o *sourceOptions) open(ios *IOStreams, src cache.Notes, th func() (*search.Thesaurus, error), warn bool, expander func() func(corpus.Snippet) []string) (*search.Engine, error) {
	var warnings []string
	defer func() {
		if warn {
			warnAll(ios, warnings)
		}
	}()
	c := newCache(ios)
	if o.NoCache || c == nil {
		eng, ws, err := cache.OpenMemory(src, th)
		warnings = ws
		return eng, err
	}
	// A first question on large notes builds their index: past a second,
	// a terminal shows how far it has got, as crib index does.
	bar := &progressBar{w: ios.ErrOut, enabled: warn && ios.ErrTTY, start: time.Now()}
	c.Progress = bar.update
	c.NoteExpander = expander
	eng, rep, err := c.Open(src, th)
	bar.clear()
	if rep != nil {
		warnings = rep.Warnings
	}
	return eng, err
}
