package cache

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/crib-dev/crib/search/index"
)

// openGen opens a published generation read-only, ready to become an
// engine. Damage anywhere (a missing, truncated or garbled file, or bleve
// failing on it) comes back as errCorrupt, never as a panic.
func openGen(dir string, m *manifest) (o *opened, err error) {
	defer func() {
		if r := recover(); r != nil {
			o, err = nil, fmt.Errorf("%w: %v", errCorrupt, r)
		}
	}()
	// Every byte is checked, not only sizes: bleve trusts its segment
	// files and panics on a damaged one. The snapshot checks itself.
	// Files checked before and not changed since are not read again.
	checked, err := verifyStamped(dir, m)
	if err != nil {
		return nil, err
	}
	snap, err := openSnapshot(filepath.Join(dir, snapshotName), checked.trusted(snapshotName))
	if err != nil {
		return nil, err
	}
	if snap.snippets.Len() != m.Snippets || m.Stats.Docs != m.Snippets {
		return nil, fmt.Errorf("%w: %s holds %d snippets, want %d", errCorrupt, snapshotName, snap.snippets.Len(), m.Snippets)
	}
	x, err := index.OpenChecked(filepath.Join(dir, indexDir), m.Snippets) // verifyStamped checked its bytes
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errCorrupt, err)
	}
	checked.record(dir, m)
	en := entry{filepath.Dir(dir)}
	x.OnDamage = func(err error) error {
		en.markDamaged(dir, err) // best effort: the cache may be read-only
		return fmt.Errorf("%w; the next question rebuilds the index cache in %s", err, en.dir)
	}
	stats := *m.Stats
	stats.Vocab = snap.voc
	return &opened{x: x, table: snap.snippets, stats: &stats}, nil
}

// A stamp is what the system says of a file that changes whenever it is
// written: its inode and change time (ctime), which a write moves, and
// which no program can set back. The manifest keeps the stamp of each
// file of a generation whose bytes were checked against their checksum;
// while a file's stamp and size stay the same, its bytes did too, and
// are not read again: a question then reads only what it uses.
//
// A stamp is recorded only for a file last changed more than stampMargin
// before the check began: a change time is kept to the kernel's clock
// tick, so a write in the same tick as the last one could keep the stamp
// (git's "racily clean" files). A generation checked right after its
// build is checked again at the next question, which records the stamps.
const stampMargin = int64(2e9) // ns

// stamped is what verifyStamped found: which files matched their stamp,
// and which it checked and may stamp.
type stamped struct {
	matched map[string]bool
	fresh   map[int]fileStamp // index in m.Contents -> its stamp
}

type fileStamp struct {
	ctime int64
	ino   uint64
}

func (s *stamped) trusted(name string) bool { return s.matched[name] }

// verifyStamped is verify for a generation about to answer a question:
// the same checks, but a file whose size and stamp are those recorded is
// not read, and the snapshot, which checks its own bytes, only has its
// size checked here.
func verifyStamped(dir string, m *manifest) (*stamped, error) {
	if err := checkTree(dir, m); err != nil {
		return nil, err
	}
	s := &stamped{matched: map[string]bool{}, fresh: map[int]fileStamp{}}
	now := nowNanos()
	for i, p := range m.Contents {
		path := filepath.Join(dir, filepath.FromSlash(p.Name))
		info, err := os.Lstat(path)
		if err != nil || info.Size() != p.Size {
			return nil, fmt.Errorf("%w: %s is not %d bytes", errCorrupt, p.Name, p.Size)
		}
		ctime, ino, ok := changeStamp(info)
		if ok && p.Change != 0 && p.Change == ctime && p.Inode == ino {
			s.matched[p.Name] = true
			continue
		}
		if ok && ctime < now-stampMargin {
			s.fresh[i] = fileStamp{ctime, ino}
		}
		if p.Name == snapshotName {
			continue // parseSnapshot checks its bytes
		}
		got, err := checksum(path, p.Size)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", errCorrupt, err)
		}
		if got.Size != p.Size {
			return nil, fmt.Errorf("%w: %s is %d bytes, want %d", errCorrupt, p.Name, got.Size, p.Size)
		}
		if got.CRC != p.CRC {
			return nil, fmt.Errorf("%w: %s fails its checksum", errCorrupt, p.Name)
		}
	}
	return s, nil
}

// record saves the stamps of the files checked whole, once everything
// opened: best effort, as a read-only cache is checked every time.
func (s *stamped) record(dir string, m *manifest) {
	if len(s.fresh) == 0 {
		return
	}
	for i, st := range s.fresh {
		m.Contents[i].Change, m.Contents[i].Inode = st.ctime, st.ino
	}
	saveManifest(dir, m)
}
