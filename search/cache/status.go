package cache

import (
	"io/fs"
	"path/filepath"
	"time"
)

// Status describes the cache entry of a set of notes.
type Status struct {
	Notes    []string // as given; none for the built-in notes
	Entry    string   // the entry's folder
	Dir      string   // the generation in use, "" when none was built
	Built    time.Time
	Crib     string // the crib that built it
	Files    int
	Snippets int
	Size     int64    // bytes on disk of the generation
	Changes  []string // how the notes differ from what is indexed
	Damaged  error    // why the generation cannot be used, if it cannot
}

// Stale reports whether the next question will have to update the index.
func (s *Status) Stale() bool { return s.Dir == "" || s.Damaged != nil || len(s.Changes) > 0 }

// Status looks at the cache entry of the notes without changing anything.
// It checks every byte of the generation in use against its checksums.
func (c *Cache) Status(src Notes) (*Status, error) {
	notes, err := resolveNotes(src)
	if err != nil {
		return nil, err
	}
	en := c.entry(notes)
	st := look(en, notes)
	s := &Status{Notes: notes.paths, Entry: en.dir, Dir: st.dir, Damaged: st.damaged}
	if st.m == nil {
		return s, nil
	}
	s.Built, s.Crib, s.Files, s.Snippets = st.m.Built, st.m.Crib, len(st.m.Files), st.m.Snippets
	s.Changes = st.changes()
	if s.Damaged == nil {
		s.Damaged = verify(st.dir, st.m, "")
	}
	s.Size = dirSize(st.dir)
	return s, nil
}

func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}
