package cache

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestCacheWaitsForBuild: a question that finds another crib building
// the index waits for that build, past LockWait as long as the build
// shows progress, and opens what it published, without waiting for the
// lock to be let go (issue 15.6: it gave up after 30 s and indexed
// everything again in memory).
func TestCacheWaitsForBuild(t *testing.T) {
	c := newTestCache(t)
	// LockWait must outlast the quiet spell of the other crib's real
	// build (analysis before its first file) on a loaded machine: at
	// 200 ms the waiter sometimes gave up and built in memory. The busy
	// spell below is twice LockWait, so progress still keeps it waiting.
	c.LockWait = time.Second
	src := Notes{Paths: []string{testNotes(t)}}
	notes, err := resolveNotes(src)
	if err != nil {
		t.Fatal(err)
	}
	en := c.entry(notes)
	release, err := en.lock(time.Second)
	if err != nil {
		t.Fatal(err)
	}
	published, released := make(chan struct{}), make(chan struct{})
	go func() { // the other crib: a slow build, then a lock held a while longer
		defer close(released)
		defer release()
		busy := filepath.Join(en.dir, genPrefix+"busy")
		os.MkdirAll(busy, 0o755)
		for i := range 16 {
			os.WriteFile(filepath.Join(busy, fmt.Sprint(i)), make([]byte, 100), 0o644)
			time.Sleep(150 * time.Millisecond)
		}
		other := &Cache{Dir: c.Dir, Version: c.Version}
		st := look(en, notes)
		gen, _, _, err := other.build(en, notes, st)
		if err == nil {
			err = en.publish(gen)
		}
		if err != nil {
			t.Error(err)
		}
		close(published)
		time.Sleep(1500 * time.Millisecond)
	}()
	var waits int
	c.Waiting = func(time.Duration, bool) { waits++ }
	start := time.Now()
	_, rep := openCache(t, c, src)
	if rep.Action != ActionFresh || len(rep.Warnings) != 0 {
		t.Errorf("action %s, warnings %q; want the other crib's index, quietly", rep.Action, rep.Warnings)
	}
	select {
	case <-published:
	default:
		t.Errorf("returned after %v, before the other crib published", time.Since(start))
	}
	select {
	case <-released:
		t.Error("waited for the lock, not for the index")
	default:
	}
	if waits == 0 {
		t.Error("Waiting never heard of the wait")
	}
	<-released
}

// lock takes the entry's build lock as another crib would, waiting up to
// wait.
func (en entry) lock(wait time.Duration) (release func(), err error) {
	f, err := en.lockFile()
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(wait)
	for {
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, err
		}
		if ok {
			return func() { unlock(f); f.Close() }, nil
		}
		if time.Now().After(deadline) {
			f.Close()
			return nil, errBusy
		}
		time.Sleep(20 * time.Millisecond)
	}
}
