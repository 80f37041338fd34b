package cache

import (
	"io/fs"
	"path/filepath"
	"time"
)

// MaxLockWait bounds how long in all a crib waits for another crib's
// build of the same index, however steadily that build goes.
const MaxLockWait = 10 * time.Minute

// How often a waiting crib tries the lock, and looks for signs of the
// other build: a new index published, files growing in the entry.
const (
	lockPoll     = 20 * time.Millisecond
	activityPoll = 100 * time.Millisecond
)

// acquire takes the entry's build lock. While another crib holds it, it
// waits as long as that crib's build goes on (its files in the entry
// grow), giving up after LockWait without a sign of it or MaxLockWait in
// all; and it stops as soon as that crib has published an index of the
// notes as they are now, which it returns opened instead of the lock.
func (c *Cache) acquire(en entry, notes *noteSet, force bool) (release func(), st *lookup, o *opened, err error) {
	f, err := en.lockFile()
	if err != nil {
		return nil, nil, nil, err
	}
	start := time.Now()
	lastSign, lastLook := start, start
	sign := en.activity()
	defer c.waited(start, true)
	for {
		ok, err := tryLock(f)
		switch {
		case err != nil:
			f.Close()
			return nil, nil, nil, err
		case ok:
			return func() { unlock(f); f.Close() }, nil, nil, nil
		}
		now := time.Now()
		if now.Sub(lastLook) >= activityPoll {
			lastLook = now
			if !force {
				if st, o := c.openFresh(en, notes, false); o != nil {
					f.Close()
					return nil, st, o, nil
				}
			}
			if s := en.activity(); s != sign {
				sign, lastSign = s, now
			}
			c.waited(start, false)
			if now.Sub(lastSign) > c.lockWait() || now.Sub(start) > MaxLockWait {
				f.Close()
				return nil, nil, nil, errBusy
			}
		}
		time.Sleep(lockPoll)
	}
}

// waited tells Waiting how long this crib has waited, once it has waited
// long enough for a person to wonder.
func (c *Cache) waited(start time.Time, done bool) {
	if d := time.Since(start); c.Waiting != nil && d >= time.Second {
		c.Waiting(d, done)
	}
}

// activitySign sums up the files of an entry: it changes while a build
// writes its generation.
type activitySign struct {
	files  int
	bytes  int64
	latest time.Time
}

func (en entry) activity() activitySign {
	var s activitySign
	filepath.WalkDir(en.dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.Type()&fs.ModeSymlink != 0 {
			return nil
		}
		if info, err := d.Info(); err == nil {
			s.files++
			if info.Mode().IsRegular() {
				s.bytes += info.Size()
			}
			if info.ModTime().After(s.latest) {
				s.latest = info.ModTime()
			}
		}
		return nil
	})
	return s
}
