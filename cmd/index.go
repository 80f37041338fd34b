package cmd

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/crib-dev/crib/search"
	"github.com/crib-dev/crib/search/cache"
)

// IndexOptions hold what `crib index` needs.
type IndexOptions struct {
	IO     *IOStreams
	Source sourceOptions
	Status bool
	Force  bool
	// Cache returns the index cache to build in.
	Cache func() (*cache.Cache, error)
}

// NewCmdIndex builds the command that builds or refreshes the index cache.
// runF replaces indexRun in tests of flag parsing.
func NewCmdIndex(ios *IOStreams, runF func(*IndexOptions) error) *cobra.Command {
	opts := &IndexOptions{IO: ios, Cache: func() (*cache.Cache, error) {
		if c := newCache(ios); c != nil {
			return c, nil
		}
		return nil, errors.New("cannot find a cache folder: set XDG_CACHE_HOME or HOME")
	}}
	c := &cobra.Command{
		Use:   "index [--notes <path>]... [--status | --force]",
		Short: "Build or refresh the index of your notes ahead of questions",
		Long: `crib keeps the index of your notes under $XDG_CACHE_HOME/crib (by default
~/.cache/crib) and brings it up to date by itself on the next question
after a notes file is added, edited or removed. crib index does that work
now, so the next question answers at once, and --status shows what is
indexed, when, its size on disk, and whether it is stale. --force indexes
everything anew, whatever the cache holds.`,
		Example: `  crib index --notes ~/notes/aws
  crib index --status --notes ~/notes/aws
  crib index --force --notes ~/notes/aws
  CRIB_NOTES=~/notes crib index`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, args []string) error {
			if opts.Status && opts.Force {
				return &usageError{"--status and --force cannot be used together: --status changes nothing"}
			}
			if runF != nil {
				return runF(opts)
			}
			return indexRun(opts)
		},
	}
	c.Flags().StringArrayVar(&opts.Source.Notes, "notes", nil, "notes `path` to index: file, folder or glob; repeatable (default $CRIB_NOTES, else the built-in DOP-C02 notes)")
	c.Flags().BoolVar(&opts.Status, "status", false, "show what is indexed, when, its size and whether it is stale; change nothing")
	c.Flags().BoolVar(&opts.Force, "force", false, "index the notes anew even when the cache looks up to date")
	return c
}

func indexRun(opts *IndexOptions) error {
	runsLong()
	ios := opts.IO
	c, err := opts.Cache()
	if err != nil {
		return err
	}
	src, err := opts.Source.notes(ios)
	if err != nil {
		return err
	}
	if opts.Status {
		st, err := c.Status(src)
		if err != nil {
			return err
		}
		printStatus(visibleWriter{ios.Out}, st, time.Now())
		return nil
	}
	if len(src.Paths) > 0 {
		// As a question's build does: each note's expansion from the
		// built-in notes is stored with the index.
		th := sync.OnceValues(func() (*search.Thesaurus, error) { return opts.Source.loadThesaurus(ios) })
		b := opts.Source.noteExpansionEngine(ios, opts.Source.lazyBuiltin(ios, th))
		defer b.close()
		c.NoteExpander = b.noteExpander
	}
	bar := &progressBar{w: ios.ErrOut, enabled: ios.ErrTTY, start: time.Now()}
	c.Progress = bar.update
	refresh := c.Refresh
	if opts.Force {
		refresh = c.Rebuild
	}
	rep, err := refresh(src)
	bar.clear()
	if rep != nil {
		warnAll(ios, rep.Warnings)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(visibleWriter{ios.Out}, "%s: %d snippets%s in %.2f s\n%s\n", describeAction(rep), rep.Snippets, reindexed(rep), time.Since(bar.start).Seconds(), rep.Dir)
	return nil
}

// reindexed says how many snippets an update indexed again: "(0 indexed)"
// after an index that was up to date read as if nothing were indexed.
func reindexed(rep *cache.Report) string {
	switch {
	case rep.Action == cache.ActionFresh:
		return ", none re-indexed"
	case rep.Action == cache.ActionUpdated:
		return fmt.Sprintf(" (%d re-indexed)", rep.Indexed)
	}
	return ""
}

func describeAction(rep *cache.Report) string {
	switch rep.Action {
	case cache.ActionFresh:
		return "index up to date"
	case cache.ActionUpdated:
		return "index updated (" + strings.Join(visibleLines(rep.Changes), ", ") + ")"
	}
	return "index built"
}

// printStatus prints what crib index --status says, one line a field: a
// newline in a file name is shown as ^J.
func printStatus(w io.Writer, st *cache.Status, now time.Time) {
	notes := "built-in DOP-C02 notes"
	if len(st.Notes) > 0 {
		notes = strings.Join(visibleLines(st.Notes), ", ")
	}
	fmt.Fprintf(w, "notes:    %s\n", notes)
	switch {
	case st.Dir == "" && st.Damaged == nil:
		fmt.Fprintf(w, "index:    none yet in %s\nstate:    not built: the next question or crib index builds it\n", st.Entry)
		return
	case st.Dir == "": // CURRENT itself is damaged
		fmt.Fprintf(w, "index:    none usable in %s\n", st.Entry)
	default:
		fmt.Fprintf(w, "index:    %s\n", st.Dir)
	}
	if !st.Built.IsZero() {
		crib, _, _ := strings.Cut(st.Crib, " build ")
		fmt.Fprintf(w, "built:    %s (%s ago) by crib %s\n", st.Built.Local().Format("2006-01-02 15:04:05"), now.Sub(st.Built).Round(time.Second), crib)
		files := ""
		if len(st.Notes) > 0 {
			files = fmt.Sprintf(" from %d %s", st.Files, indexNoun(st.Files, "file", "files"))
		}
		fmt.Fprintf(w, "contents: %d snippets%s\n", st.Snippets, files)
		fmt.Fprintf(w, "size:     %s\n", humanBytes(st.Size))
	}
	switch {
	case st.Damaged != nil:
		fmt.Fprintf(w, "state:    damaged (%v): the next question rebuilds it\n", st.Damaged)
	case len(st.Changes) > 0:
		fmt.Fprintf(w, "state:    stale: %s\n", strings.Join(visibleLines(st.Changes), ", "))
	default:
		fmt.Fprintf(w, "state:    fresh\n")
	}
}

func indexNoun(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// newCache returns the index cache under $XDG_CACHE_HOME/crib, or
// ~/.cache/crib; nil when neither variable says where that is.
func newCache(ios *IOStreams) *cache.Cache {
	dir := cache.DefaultDir(ios.Getenv)
	if dir == "" {
		return nil
	}
	c := &cache.Cache{Dir: dir, Version: versionString() + " build " + cache.ExecutableID()}
	if ios.ErrTTY {
		c.Waiting = func(waited time.Duration, done bool) {
			if done {
				fmt.Fprint(ios.ErrOut, "\r\x1b[K")
				return
			}
			fmt.Fprintf(ios.ErrOut, "\rwaiting for another crib to finish indexing these notes: %d s", int(waited.Seconds()))
		}
	}
	return c
}

func warnAll(ios *IOStreams, warnings []string) {
	for _, w := range warnings {
		ios.Warnf("%s", w)
	}
}

// progressBar draws indexing progress on a terminal's stderr, once a build
// has taken more than a second.
type progressBar struct {
	w       io.Writer
	enabled bool
	start   time.Time
	mu      sync.Mutex
	shown   bool
}

func (p *progressBar) update(done, total int) {
	if !p.enabled || total <= 0 || time.Since(p.start) < time.Second {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	const width = 30
	fill := min(width, done*width/total)
	fmt.Fprintf(p.w, "\rindexing [%s%s] %d/%d snippets", strings.Repeat("=", fill), strings.Repeat(" ", width-fill), done, total)
	p.shown = true
}

func (p *progressBar) clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}
