package cache

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// stampsLater moves the clock an hour on, so that the files of a
// generation just built are old enough to be stamped (see stampMargin).
func stampsLater(t *testing.T) {
	old := nowNanos
	nowNanos = func() int64 { return time.Now().Add(time.Hour).UnixNano() }
	t.Cleanup(func() { nowNanos = old })
}

// stamps counts the files of gen's manifest that carry a stamp.
func stamps(t *testing.T, gen string) int {
	t.Helper()
	m, err := readManifest(gen)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range m.Contents {
		if f.Change != 0 {
			n++
		}
	}
	return n
}

// TestStampsAfterCheck: a question checks a generation's bytes once and
// stamps its files; the next question trusts the stamps and answers the
// same.
func TestStampsAfterCheck(t *testing.T) {
	src := Notes{Paths: []string{testNotes(t)}}
	c := newTestCache(t)
	e, rep := openCache(t, c, src)
	want := answers(t, e)
	if n := stamps(t, rep.Dir); n != 0 {
		t.Errorf("%d files stamped right after the build; want none (too recent)", n)
	}
	stampsLater(t)
	openCache(t, c, src)
	m, _ := readManifest(rep.Dir)
	if n := stamps(t, rep.Dir); n != len(m.Contents) {
		t.Errorf("%d of %d files stamped after a check", n, len(m.Contents))
	}
	e, rep2 := openCache(t, c, src)
	if rep2.Action != ActionFresh || rep2.Dir != rep.Dir || len(rep2.Warnings) != 0 {
		t.Errorf("open with stamps: %+v", rep2)
	}
	if got := answers(t, e); got != want {
		t.Errorf("answers with stamps:\n%s\nwant:\n%s", got, want)
	}
}

// TestDamageAfterStamps: a file written in place after it was stamped
// (same size, same inode) has a new change time, so it is checked again
// and the damage found: issue 15.1's random bytes into a segment, and
// into the snapshot.
func TestDamageAfterStamps(t *testing.T) {
	for _, tc := range []struct {
		name  string
		spoil func(t *testing.T, gen string)
		why   string
	}{
		{"segment", spoilInPlace, "fails its checksum"},
		{"snapshot", func(t *testing.T, gen string) { spoilFile(t, filepath.Join(gen, snapshotName)) }, snapshotName},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := Notes{Paths: []string{testNotes(t)}}
			want := answers(t, memoryEngine(t, src))
			c := newTestCache(t)
			_, rep := openCache(t, c, src)
			stampsLater(t)
			openCache(t, c, src)
			if stamps(t, rep.Dir) == 0 {
				t.Fatal("no stamps recorded")
			}
			// A change time is kept to the clock tick: wait one out, as
			// the stamp margin does for real.
			time.Sleep(50 * time.Millisecond)
			tc.spoil(t, rep.Dir)
			e, rep := openCache(t, c, src)
			if rep.Action != ActionRebuilt || len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0], tc.why) {
				t.Errorf("action %s, warnings %q; want rebuilt, one warning naming %q", rep.Action, rep.Warnings, tc.why)
			}
			if got := answers(t, e); got != want {
				t.Errorf("answers after rebuild:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// spoilFile overwrites the middle half of a file with other bytes, in
// place.
func spoilFile(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	mid := data[len(data)/4 : len(data)*3/4]
	for i := range mid {
		mid[i] ^= 0x5a
	}
	if _, err := f.WriteAt(mid, int64(len(data)/4)); err != nil {
		t.Fatal(err)
	}
}
