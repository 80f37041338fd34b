// Package cache keeps crib's indexes on disk between runs, under the
// cache folder (DefaultDir): one entry per set of notes, holding
// generations that are written whole and then published atomically,
// each with a manifest of the notes it indexed, a snapshot of their
// snippets and vocabulary, and the bleve index. Before each question it
// compares the notes with the manifest and re-indexes what changed;
// builds take a lock, and a cache that cannot be used costs one warning
// and an index in memory.
//
// It is an adapter over packages search and search/index: it writes and
// opens indexes through index.Write, index.Open, index.Stats and
// index.Vocabulary, makes engines with search.Open and search.Build, and
// never imports bleve. It only ever reads
// the notes.
package cache

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search"
	"github.com/crib-dev/crib/search/index"
)

// FormatVersion versions the cache layout and the analysis an index holds.
// Bump it when either changes (see "Format versions" in package search's
// documentation). The synonym
// dictionary is not part of a cache's key: synonyms are expanded when a
// question is asked, never indexed, so one index serves any dictionary,
// the user's files included.
const FormatVersion = 12 // 4: keyed on resolved paths; the snapshot keeps front-matter tags; 5: snapshot tables read in place; 6: the vocabulary read in place; 7: services per snippet; 8: a binary manifest; 9: the index is one zap segment file, no scorch folder; 10: analysis version 5 (British whole words); 11: note expansions in the snapshot; 12: terminal escape sequences removed from notes

// DefaultLockWait is how long a crib waits for another crib that is
// building the same index without a sign of progress before it indexes
// in memory itself.
const DefaultLockWait = 30 * time.Second

// Cache keeps indexes on disk between runs: one entry per set of notes,
// keyed by the notes paths, FormatVersion and crib's version, and kept up
// to date with the notes by size, modification time and, where those
// disagree, content hash. The built-in notes, embedded in crib, are
// never read to check them: an index of them is fresh while the
// executable that wrote it (ExecutableID) is the one running.
type Cache struct {
	Dir      string        // e.g. ~/.cache/crib
	Version  string        // crib's version and build; a new crib gets new entries
	LockWait time.Duration // 0 means DefaultLockWait
	// Progress, when set, hears how many snippets of total a build has
	// indexed.
	Progress func(done, total int)
	// Waiting, when set, hears every tenth of a second how long this
	// crib has waited for another crib's build, once that is a second or
	// more, and a last time with done set.
	Waiting func(waited time.Duration, done bool)
	// NoteExpander, when set, gives a build of notes of at most
	// search.MaxExpandedNotes snippets what widens each note (the richer
	// notes' words, see search.Engine.NoteExpansion), or nil when it
	// cannot; the build stores each note's expansion with it. It is asked
	// once a build; what it gives is called once alone, then from several
	// goroutines at once.
	NoteExpander func() func(corpus.Snippet) []string
}

// Notes names the notes to search: paths (files, folders, globs), or none
// for crib's built-in notes, and how to read them.
type Notes struct {
	Paths []string
	// Options say which files to leave out; what they and the notes'
	// ignore files leave out is part of the cache's key.
	Options corpus.LoadOptions
}

// Action says what opening notes through the cache did.
type Action string

// Actions a Report can give.
const (
	ActionFresh   Action = "fresh"   // the cached index was up to date
	ActionUpdated Action = "updated" // the changed notes were re-indexed
	ActionRebuilt Action = "rebuilt" // the index was built anew
	ActionMemory  Action = "memory"  // the cache was not usable: indexed in memory
)

// Report tells what Open or Refresh did.
type Report struct {
	Action   Action
	Snippets int      // snippets searched
	Indexed  int      // snippets indexed by this call
	Changes  []string // how the notes differed from the cache
	Dir      string   // the cache generation in use
	// Warnings are skipped notes files, in order, then at most one line
	// about the cache.
	Warnings []string
}

// ThesaurusFunc loads the thesaurus an engine expands questions with. Open
// and OpenMemory call it while they read the notes or the index, so that
// the two take the time of the longer rather than of both.
type ThesaurusFunc func() (*search.Thesaurus, error)

// OpenMemory indexes the notes in memory without touching the cache. It
// returns warnings about notes files it skipped. A thesaurus that fails
// to load is the error to report, as it was the first thing asked for.
func OpenMemory(src Notes, thf ThesaurusFunc) (*search.Engine, []string, error) {
	pt := startThesaurus(thf)
	notes, err := resolveNotes(src)
	warnings := notes.warnings
	var lo *loaded
	if err == nil {
		lo = notes.load(nil, nil, nil)
		warnings = append(warnings, lo.warnings...)
		if len(lo.snippets) == 0 {
			err = notes.emptyError()
		}
	}
	th, terr := pt.wait()
	if terr != nil {
		return nil, nil, terr
	}
	if err != nil {
		return nil, warnings, err
	}
	e, err := search.Build(lo.snippets, th)
	return e, warnings, err
}

// Open returns an engine over the notes, from the cache when it is up to
// date, else after updating it. When the cache cannot be used (read-only,
// full, busy for too long, damaged beyond rebuilding) it indexes in memory
// and says why in one warning; errors are about the notes themselves, or
// the thesaurus, which wins.
func (c *Cache) Open(src Notes, thf ThesaurusFunc) (*search.Engine, *Report, error) {
	pt := startThesaurus(thf)
	o, rep, err := c.open(src, 0)
	th, terr := pt.wait()
	if terr != nil {
		o.close()
		return nil, nil, terr
	}
	if err != nil {
		return nil, rep, err
	}
	e, err := o.engine(th)
	return e, rep, err
}

// ErrNotCached is returned by OpenCached when the cache holds no index of
// the notes as they are now.
var ErrNotCached = errors.New("no up-to-date index of the notes in the cache")

// OpenCached is Open for notes the cache holds an up-to-date index of: it
// never builds, waits for a lock or writes more than Open's bookkeeping,
// and returns ErrNotCached for anything else, for Open to deal with. So
// it can run beside another Open without two builds at once.
func (c *Cache) OpenCached(src Notes, thf ThesaurusFunc) (*search.Engine, error) {
	notes, err := resolveNotes(src)
	if err != nil {
		return nil, err
	}
	pt := startThesaurus(thf)
	_, o := c.openFresh(c.entry(notes), notes, false)
	th, terr := pt.wait()
	switch {
	case terr != nil:
		o.close()
		return nil, terr
	case o == nil:
		return nil, ErrNotCached
	}
	return o.engine(th)
}

// Refresh brings the cache up to date with the notes. Unlike Open, it
// fails when the cache cannot be written.
func (c *Cache) Refresh(src Notes) (*Report, error) {
	o, rep, err := c.open(src, openStrict)
	o.close()
	return rep, err
}

// Rebuild indexes the notes anew into the cache, whatever it holds; like
// Refresh, it fails when the cache cannot be written.
func (c *Cache) Rebuild(src Notes) (*Report, error) {
	o, rep, err := c.open(src, openStrict|openForce)
	o.close()
	return rep, err
}

// openMode says how open treats a cache it cannot use, and whether it
// may use what it holds.
type openMode int

const (
	openStrict openMode = 1 << iota // fail instead of indexing in memory
	openForce                       // build anew, reusing nothing
)

// opened is an index ready to become an engine once the thesaurus is
// loaded: a generation opened and checked, or snippets to index in memory.
type opened struct {
	x      *index.Index  // nil: index memory
	table  *snippetTable // with x: the snapshot's snippets, read as shown
	memory []corpus.Snippet
	stats  *index.Stats
}

func (o *opened) engine(th *search.Thesaurus) (*search.Engine, error) {
	if o.x == nil {
		return search.Build(o.memory, th)
	}
	return search.Open(o.x, o.table, o.stats, th)
}

// len returns the number of snippets searched.
func (o *opened) len() int {
	if o.x == nil {
		return len(o.memory)
	}
	return o.table.Len()
}

func (o *opened) close() {
	if o != nil && o.x != nil {
		o.x.Close()
	}
}

func (c *Cache) open(src Notes, mode openMode) (*opened, *Report, error) {
	notes, err := resolveNotes(src)
	if err != nil {
		return nil, &Report{Warnings: notes.warnings}, err
	}
	en := c.entry(notes)
	rep := &Report{}
	strict, force := mode&openStrict != 0, mode&openForce != 0
	st, o := c.openFresh(en, notes, force)
	if o != nil {
		rep.finish(ActionFresh, notes, st.dir, entryWarnings(st.m), o.len())
		return o, rep, nil
	}
	damaged := st.damaged
	release, built, o, err := c.acquire(en, notes, force)
	if err != nil {
		return c.fallback(notes, nil, rep, strict, c.problem(en, err, st.damaged))
	}
	if o != nil { // built by another crib while we waited
		rep.finish(ActionFresh, notes, built.dir, entryWarnings(built.m), o.len())
		return o, rep, nil
	}
	defer release()
	if st, o = c.openFresh(en, notes, force); o != nil { // built just before we locked
		rep.finish(ActionFresh, notes, st.dir, entryWarnings(st.m), o.len())
		return o, rep, nil
	}
	if st.damaged == nil {
		st.damaged = damaged // what taking the lock repaired (a planted link)
	}
	if force {
		st = &lookup{damaged: st.damaged} // reuse nothing
	}
	return c.replace(en, notes, st, rep, strict)
}

// replace builds a new generation for the notes, publishes it and opens
// it, with the entry's lock held.
func (c *Cache) replace(en entry, notes *noteSet, st *lookup, rep *Report, strict bool) (*opened, *Report, error) {
	defer building()()
	gen, lo, action, err := c.build(en, notes, st)
	if errors.Is(err, ErrEmptyNotes) {
		return nil, &Report{Warnings: append(notes.warnings, lo.warnings...)}, err
	}
	if err == nil {
		if err = en.publish(gen); err != nil {
			os.RemoveAll(gen) // a full disk must not keep what it could not finish
		}
	}
	if err == nil {
		en.sweep(gen)
		c.prune(en)
	}
	var o *opened
	if err == nil {
		o, err = openGen(gen, lo.m)
	}
	if err != nil {
		return c.fallback(notes, lo, rep, strict, c.problem(en, err, st.damaged))
	}
	rep.Changes, rep.Indexed = st.changes(), lo.indexed
	rep.finish(action, notes, gen, lo.warnings, o.len())
	if st.damaged != nil {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("the index cache in %s was damaged (%v); rebuilt it", en.dir, st.damaged))
	}
	return o, rep, nil
}

func (rep *Report) finish(a Action, notes *noteSet, dir string, fileWarnings []string, n int) {
	rep.Action, rep.Dir, rep.Snippets = a, dir, n
	rep.Warnings = append(append(append([]string(nil), notes.warnings...), fileWarnings...), rep.Warnings...)
}

// openFresh opens the entry's generation when it indexes the notes as they
// are now. A generation that vanishes while it is opened (another crib
// replaced it) is looked up again.
func (c *Cache) openFresh(en entry, notes *noteSet, force bool) (*lookup, *opened) {
	var st *lookup
	for range 3 {
		st = look(en, notes)
		if force || !st.fresh() {
			break
		}
		o, err := openGen(st.dir, st.m)
		if err == nil {
			o.table.respell(st.m, notes)
			en.touch()
			if st.d.touched {
				saveManifest(st.dir, st.m) // best effort: spares hashing next time
			}
			return st, o
		}
		st.damaged = err
		if cur, _ := en.current(); cur == st.dir {
			break
		}
	}
	return st, nil
}

func (c *Cache) lockWait() time.Duration {
	if c.LockWait > 0 {
		return c.LockWait
	}
	return DefaultLockWait
}

// nowNanos is the time in Unix ns; tests move it.
var nowNanos = func() int64 { return time.Now().UnixNano() }
