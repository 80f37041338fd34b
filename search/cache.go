package search

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// FormatVersion versions the cache layout and the analysis an index holds.
// Bump it when either changes. The synonym dictionary is not part of a
// cache's key: synonyms are expanded when a question is asked, never
// indexed, so one index serves any dictionary, the user's files included.
const FormatVersion = 2

// DefaultLockWait is how long a crib waits for another crib that is
// building the same index before it indexes in memory itself.
const DefaultLockWait = 30 * time.Second

// Cache keeps indexes on disk between runs: one entry per set of notes,
// keyed by the notes paths, FormatVersion and crib's version, and kept up
// to date with the notes by size, modification time and, where those
// disagree, content hash.
type Cache struct {
	Dir      string        // e.g. ~/.cache/crib
	Version  string        // crib's version and build; a new crib gets new entries
	LockWait time.Duration // 0 means DefaultLockWait
	// Progress, when set, hears how many snippets of total a build has
	// indexed.
	Progress func(done, total int)
}

// Source names the notes to search: paths (files, folders, globs), or none
// for crib's built-in notes.
type Source struct{ Paths []string }

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
type ThesaurusFunc func() (*Thesaurus, error)

// OpenMemory indexes the notes in memory without touching the cache. It
// returns warnings about notes files it skipped.
func OpenMemory(src Source, th ThesaurusFunc) (*Engine, []string, error) {
	pt := startThesaurus(th)
	notes, err := resolveNotes(src)
	var warnings []string
	var e *Engine
	if err == nil {
		lo := notes.load(nil, nil, nil)
		warnings = append(notes.warnings, lo.warnings...)
		if len(lo.snippets) == 0 {
			err = notes.emptyError()
		} else {
			e, err = Build(lo.snippets, nil)
		}
	} else {
		warnings = notes.warnings
	}
	e, rep, err := pt.attach(e, &Report{Warnings: warnings}, err)
	if rep == nil {
		return e, nil, err
	}
	return e, rep.Warnings, err
}

// Open returns an engine over the notes, from the cache when it is up to
// date, else after updating it. When the cache cannot be used (read-only,
// full, busy for too long, damaged beyond rebuilding) it indexes in memory
// and says why in one warning; errors are about the notes themselves.
func (c *Cache) Open(src Source, th ThesaurusFunc) (*Engine, *Report, error) {
	pt := startThesaurus(th)
	e, rep, err := c.open(src, false)
	return pt.attach(e, rep, err)
}

// Refresh brings the cache up to date with the notes. Unlike Open, it
// fails when the cache cannot be written.
func (c *Cache) Refresh(src Source) (*Report, error) {
	e, rep, err := c.open(src, true)
	if e != nil {
		e.Close()
	}
	return rep, err
}

func (c *Cache) open(src Source, strict bool) (*Engine, *Report, error) {
	notes, err := resolveNotes(src)
	if err != nil {
		return nil, &Report{Warnings: notes.warnings}, err
	}
	en := c.entry(notes)
	rep := &Report{}
	st, e := c.openFresh(en, notes)
	if e != nil {
		rep.finish(ActionFresh, notes, st.dir, entryWarnings(st.m), e.Len())
		return e, rep, nil
	}
	release, err := en.lock(c.lockWait())
	if err != nil {
		return c.fallback(notes, nil, rep, strict, c.problem(err, st.damaged))
	}
	defer release()
	if st, e = c.openFresh(en, notes); e != nil { // built while we waited
		rep.finish(ActionFresh, notes, st.dir, entryWarnings(st.m), e.Len())
		return e, rep, nil
	}
	gen, lo, action, err := c.build(en, notes, st)
	if errors.Is(err, ErrEmptyNotes) {
		return nil, &Report{Warnings: append(notes.warnings, lo.warnings...)}, err
	}
	if err == nil {
		err = en.publish(gen)
	}
	if err == nil {
		en.sweep(gen)
		c.prune(en)
		e, err = openGen(gen, lo.m)
	}
	if err != nil {
		return c.fallback(notes, lo, rep, strict, c.problem(err, st.damaged))
	}
	rep.Changes, rep.Indexed = st.changes(), lo.indexed
	rep.finish(action, notes, gen, lo.warnings, e.Len())
	if st.damaged != nil {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("the index cache in %s was damaged (%v); rebuilt it", en.dir, st.damaged))
	}
	return e, rep, nil
}

func (rep *Report) finish(a Action, notes *noteSet, dir string, fileWarnings []string, n int) {
	rep.Action, rep.Dir, rep.Snippets = a, dir, n
	rep.Warnings = append(append(append([]string(nil), notes.warnings...), fileWarnings...), rep.Warnings...)
}

// openFresh opens the entry's generation when it indexes the notes as they
// are now. A generation that vanishes while it is opened (another crib
// replaced it) is looked up again.
func (c *Cache) openFresh(en entry, notes *noteSet) (*lookup, *Engine) {
	var st *lookup
	for range 3 {
		st = look(en, notes)
		if !st.fresh() {
			break
		}
		e, err := openGen(st.dir, st.m)
		if err == nil {
			en.touch()
			if st.d.touched {
				saveManifest(st.dir, st.m) // best effort: spares hashing next time
			}
			return st, e
		}
		st.damaged = err
		if cur, _ := en.current(); cur == st.dir {
			break
		}
	}
	return st, nil
}

// fallback answers from memory after the cache failed, with one warning;
// strict callers get the failure as an error instead.
func (c *Cache) fallback(notes *noteSet, lo *built, rep *Report, strict bool, problem error) (*Engine, *Report, error) {
	if strict {
		return nil, rep, problem
	}
	var l *loaded
	if lo != nil {
		l = lo.loaded
	} else {
		l = notes.load(nil, nil, nil)
	}
	if len(l.snippets) == 0 {
		return nil, &Report{Warnings: append(notes.warnings, l.warnings...)}, notes.emptyError()
	}
	e, err := Build(l.snippets, nil)
	if err != nil {
		return nil, rep, err
	}
	rep.Warnings = append(rep.Warnings, problem.Error()+"; searching in memory")
	rep.Indexed = len(l.snippets)
	rep.finish(ActionMemory, notes, "", l.warnings, e.Len())
	return e, rep, nil
}

// problem words why the cache could not be used.
func (c *Cache) problem(err, damaged error) error {
	err = rootCause(err)
	switch {
	case errors.Is(err, errBusy):
		return fmt.Errorf("another crib is still building the index in %s", c.Dir)
	case damaged != nil:
		return fmt.Errorf("the index cache in %s is damaged (%v) and cannot be rebuilt (%v)", c.Dir, damaged, err)
	default:
		return fmt.Errorf("cannot write the index cache in %s (%v)", c.Dir, err)
	}
}

// rootCause digs the system's reason (no space left on device, read-only
// file system) out of an error, so the warning fits on a line; bleve does
// not always wrap it, so the message is searched too.
func rootCause(err error) error {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return errno
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	for _, e := range []syscall.Errno{syscall.ENOSPC, syscall.EROFS, syscall.EACCES, syscall.EDQUOT, syscall.EIO} {
		if strings.Contains(err.Error(), e.Error()) {
			return e
		}
	}
	return err
}

func (c *Cache) lockWait() time.Duration {
	if c.LockWait > 0 {
		return c.LockWait
	}
	return DefaultLockWait
}

// entry names the cache folder of the notes: kind-N-V, N a hash of how
// the notes were named (as given and as absolute paths, since results show
// them as given), V a hash of FormatVersion and crib's version.
func (c *Cache) entry(notes *noteSet) entry {
	n := sha256.New()
	kind := "builtin"
	if !notes.builtin() {
		kind = "notes"
		for _, p := range notes.paths {
			abs, _ := filepath.Abs(p)
			fmt.Fprintf(n, "%s\x00%s\x00", p, abs)
		}
	}
	v := sha256.Sum256([]byte(fmt.Sprintf("crib index\x00%d\x00%s", FormatVersion, c.Version)))
	return entry{filepath.Join(c.Dir, kind+"-"+hex.EncodeToString(n.Sum(nil))[:12]+"-"+hex.EncodeToString(v[:])[:8])}
}

func nowNanos() int64 { return time.Now().UnixNano() }

// pendingThesaurus is a thesaurus being loaded.
type pendingThesaurus struct {
	done chan struct{}
	th   *Thesaurus
	err  error
}

func startThesaurus(f ThesaurusFunc) *pendingThesaurus {
	p := &pendingThesaurus{done: make(chan struct{})}
	go func() {
		defer close(p.done)
		if f != nil {
			p.th, p.err = f()
		}
	}()
	return p
}

// attach gives the engine its thesaurus. A thesaurus that failed to load
// is the error to report, as it was the first thing asked for.
func (p *pendingThesaurus) attach(e *Engine, rep *Report, err error) (*Engine, *Report, error) {
	<-p.done
	if p.err != nil {
		if e != nil {
			e.Close()
		}
		return nil, nil, p.err
	}
	if e != nil {
		e.th = p.th
	}
	return e, rep, err
}
