package cache

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search"
	"github.com/crib-dev/crib/search/index"
)

// lookup is what an entry holds for the notes.
type lookup struct {
	dir     string // the generation in use, "" when none
	m       *manifest
	d       *delta
	damaged error // the generation in use cannot be read
}

func look(en entry, notes *noteSet) *lookup {
	dir, err := en.current()
	if err != nil || dir == "" {
		return &lookup{damaged: err}
	}
	if err := en.damage(dir); err != nil {
		return &lookup{dir: dir, damaged: err}
	}
	m, err := readManifest(dir)
	if err != nil {
		return &lookup{dir: dir, damaged: err}
	}
	return &lookup{dir: dir, m: m, d: diffNotes(notes, m)}
}

func (st *lookup) fresh() bool { return st.m != nil && st.damaged == nil && st.d.fresh() }

func (st *lookup) changes() []string {
	if st.d == nil {
		return nil
	}
	return st.d.changes
}

// built is a generation written but not yet published.
type built struct {
	*loaded
	m       *manifest
	indexed int
}

// build writes a new generation for the notes. When the generation in use
// is sound and the notes kept at least half of their snippets in place
// (files before the first change are unchanged), it updates a copy of that
// index: the snippets after the first change are re-indexed under their
// new ids and the ids past the end deleted; unchanged files are never read
// again. Otherwise it indexes everything into a new index.
func (c *Cache) build(en entry, notes *noteSet, st *lookup) (string, *built, Action, error) {
	old := st.reusable()
	var lo *loaded
	if old != nil {
		lo = notes.load(old, st.m, st.d)
	} else {
		lo = notes.load(nil, nil, nil)
	}
	b := &built{loaded: lo}
	if len(lo.snippets) == 0 {
		return "", b, "", notes.emptyError()
	}
	gen, err := en.newGen()
	if err != nil {
		return "", b, "", err
	}
	keep, action := 0, ActionRebuilt
	if old != nil && !notes.builtin() {
		if k := st.keptSnippets(); k*2 >= len(lo.snippets) {
			keep, action = k, ActionUpdated
		}
	}
	if err := c.write(gen, notes, st, old, b, keep); err != nil {
		os.RemoveAll(gen)
		return "", b, "", err
	}
	b.release()
	return gen, b, action, nil
}

// release lets go of the snippets and the vocabulary once they are
// written: the generation is opened next, which reads them again from its
// snapshot, and holding both copies was a third of the peak memory of
// building a million-item list. Should opening fail, the notes are read
// again to answer from memory (see fallback).
func (b *built) release() {
	b.loaded = &loaded{entries: b.entries, warnings: b.warnings}
	if b.m != nil && b.m.Stats != nil {
		stats := *b.m.Stats
		stats.Vocab = nil
		b.m.Stats = &stats
	}
}

// reusable returns the snapshot of the generation in use when an update
// may start from it: it is whole, checked byte for byte.
func (st *lookup) reusable() *snapshot {
	if st.m == nil || st.damaged != nil || verify(st.dir, st.m, "") != nil {
		return nil
	}
	snap, err := readSnapshot(filepath.Join(st.dir, snapshotName))
	if err != nil || snap.snippets.Len() != st.m.Snippets {
		return nil
	}
	return snap
}

// keptSnippets counts the snippets of the files before the first change.
func (st *lookup) keptSnippets() int {
	if st.d.keep < len(st.m.Files) {
		return st.m.Files[st.d.keep].First
	}
	return st.m.Snippets
}

// write fills generation folder gen: the index (a copy of the old one
// updated from snippet keep on, or a new one when keep is 0), the snapshot
// and, last, the manifest.
func (c *Cache) write(gen string, notes *noteSet, st *lookup, old *snapshot, b *built, keep int) error {
	snippets := b.snippets
	var up *index.Update
	if keep > 0 {
		if err := copyIndex(filepath.Join(st.dir, indexDir), filepath.Join(gen, indexDir)); err != nil {
			return err
		}
		// The vocabulary of the kept snippets.
		old.voc.Remove(old.snippets.slice(keep, old.snippets.Len()-keep))
		up = &index.Update{Keep: keep, Vocab: old.voc, Had: st.m.Snippets}
	}
	if err := checkSpace(gen, len(snippets)-keep); err != nil {
		return err
	}
	var progress func(int)
	if c.Progress != nil {
		progress = func(n int) { c.Progress(n, len(snippets)-keep) }
	}
	found, err := newServiceFinder(len(snippets))
	if err != nil {
		return err
	}
	work := newWork(c.Progress, len(snippets)-keep)
	expansions := c.expandNotes(snippets, old, work)
	if work != nil {
		progress = work.indexed
	}
	// The snapshot is written while the index's segments are merged.
	waited := false
	snapshot := func(voc *index.Vocabulary) error {
		services, err := servicesOf(snippets, found)
		if err != nil {
			return err
		}
		waited = true
		return writeSnapshot(filepath.Join(gen, snapshotName), snippets, voc, services, <-expansions)
	}
	stats, err := index.Write(filepath.Join(gen, indexDir), snippets, up, progress, found.analysed, snapshot)
	if !waited {
		// A failed write returns before the snapshot: the expansions
		// still in the making read the built-in notes' engine, which
		// the caller may close once this returns.
		<-expansions
	}
	if err != nil {
		return err
	}
	b.indexed = len(snippets) - keep
	b.m = &manifest{Format: FormatVersion, Crib: c.Version, Notes: notes.paths, Built: time.Now().UTC(),
		Snippets: len(snippets), Files: b.entries, Stats: stats}
	return writeManifest(gen, b.m)
}

// expandNotes makes each snippet's note expansion with c.NoteExpander's,
// on every core, while the index is written; the channel gets them, or
// nil when there is no expander or too many snippets
// (search.MaxExpandedNotes). A snippet the old snapshot holds with the
// same text and parents keeps the expansion made then, so that editing
// one file expands only its notes again. work hears each one made.
func (c *Cache) expandNotes(snippets []corpus.Snippet, old *snapshot, work *work) <-chan [][]string {
	done := make(chan [][]string, 1)
	var expand func(corpus.Snippet) []string
	if c.NoteExpander != nil && len(snippets) <= search.MaxExpandedNotes {
		expand = c.NoteExpander()
	}
	if expand == nil {
		done <- nil
		return done
	}
	out := make([][]string, len(snippets))
	todo := reuseExpansions(snippets, old, out)
	if len(todo) == 0 {
		done <- out
		return done
	}
	work.expect(len(todo))
	// The first one alone: it settles what the expander reads lazily
	// (its vocabulary), which several goroutines may then read at once.
	out[todo[0]] = expand(snippets[todo[0]])
	work.expanded()
	go func() {
		var next atomic.Int64
		next.Store(1)
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for k := int(next.Add(1) - 1); k < len(todo); k = int(next.Add(1) - 1) {
					out[todo[k]] = expand(snippets[todo[k]])
					work.expanded()
				}
			}()
		}
		wg.Wait()
		done <- out
	}()
	return done
}

// work reports a build's progress as one count, the snippets indexed and
// the notes expanded, which two goroutines do at once; a nil work reports
// nothing.
type work struct {
	mu          sync.Mutex
	report      func(done, total int)
	total, done int // snippets to index, and notes to expand once known
	indexedN    int // snippets indexed so far
}

func newWork(report func(done, total int), snippets int) *work {
	if report == nil {
		return nil
	}
	return &work{report: report, total: snippets}
}

// indexed hears that n snippets are indexed.
func (w *work) indexed(n int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.done += n - w.indexedN
	w.indexedN = n
	w.report(w.done, w.total)
}

// expect adds n notes to expand to the work.
func (w *work) expect(n int) {
	if w == nil {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.total += n
}

// expanded hears that one more note is expanded.
func (w *work) expanded() {
	if w == nil {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.done++
	w.report(w.done, w.total)
}

// reuseExpansions fills out with the expansions old made for snippets of
// the same text and parents, and returns the indices of the others.
func reuseExpansions(snippets []corpus.Snippet, old *snapshot, out [][]string) []int {
	made := map[string][]string{}
	if old != nil && old.snippets.Expanded() {
		for i := range old.snippets.Len() {
			made[expansionKey(old.snippets.Snippet(i))] = old.snippets.Expansion(i)
		}
	}
	var todo []int
	for i, s := range snippets {
		if e, ok := made[expansionKey(s)]; ok {
			out[i] = e
			continue
		}
		todo = append(todo, i)
	}
	return todo
}

// expansionKey is what a note's expansion is made from: its text and the
// items it sits under.
func expansionKey(s corpus.Snippet) string {
	return s.Text + "\x00" + strings.Join(s.Context, "\x00")
}

// buildMemoryLimit bounds the heap while a generation is built and opened.
// A build allocates many times what it keeps; a one-shot command runs
// without the collector (cmd/crib), and a long-running one without a
// limit, so a million-item list peaked at 1.1 and 1.2–1.9 GiB. Below the
// limit the collector runs as usual; near it, more often. The heap a
// build holds is the snippets, the vocabulary and the segments bleve has
// not written yet: 300-400 MB for that list, which the collector's default
// pace let grow to 700 MB (0.96 GB of RSS with bleve's mapped segments).
// Bounded at 640 MiB it peaked at 0.77 GB, for 1-2 more CPU seconds of 30.
const buildMemoryLimit = 640 << 20

// building turns the collector on, with Go's default pace, and bounds the
// heap by buildMemoryLimit until the returned function is called. GOGC and
// GOMEMLIMIT, when set, win.
func building() (restore func()) {
	pct, limit := 0, int64(-1)
	if os.Getenv("GOGC") == "" {
		pct = debug.SetGCPercent(100)
	}
	if os.Getenv("GOMEMLIMIT") == "" && debug.SetMemoryLimit(-1) > buildMemoryLimit {
		limit = debug.SetMemoryLimit(buildMemoryLimit)
	}
	return func() {
		if os.Getenv("GOGC") == "" {
			debug.SetGCPercent(pct)
		}
		if limit >= 0 {
			debug.SetMemoryLimit(limit)
		}
	}
}
