package cache

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"
)

// fallback answers from memory after the cache failed, with one warning;
// strict callers get the failure as an error instead.
func (c *Cache) fallback(notes *noteSet, lo *built, rep *Report, strict bool, problem error) (*opened, *Report, error) {
	if strict {
		return nil, rep, problem
	}
	var l *loaded
	if lo != nil && lo.snippets != nil {
		l = lo.loaded
	} else { // none read, or let go of once written (built.release)
		l = notes.load(nil, nil, nil)
	}
	if len(l.snippets) == 0 {
		return nil, &Report{Warnings: append(notes.warnings, l.warnings...)}, notes.emptyError()
	}
	rep.Warnings = append(rep.Warnings, problem.Error()+"; searching in memory")
	rep.Indexed = len(l.snippets)
	rep.finish(ActionMemory, notes, "", l.warnings, len(l.snippets))
	return &opened{memory: l.snippets}, rep, nil
}

// problem words why the cache could not be used. Damage names the entry's
// folder, which holds what is damaged, rather than the whole cache.
func (c *Cache) problem(en entry, err, damaged error) error {
	err = rootCause(err)
	switch {
	case errors.Is(err, errBusy):
		return fmt.Errorf("another crib is still building the index in %s", c.Dir)
	case damaged != nil:
		return fmt.Errorf("the index cache in %s is damaged (%v) and cannot be rebuilt (%v)", en.dir, damaged, err)
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
