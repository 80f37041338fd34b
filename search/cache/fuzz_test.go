package cache

import (
	"encoding/binary"
	"hash/crc32"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/crib-dev/crib/search/index"
)

// seedGeneration builds a small cache generation and returns its
// manifest and snapshot files, the seeds of the fuzz targets.
func seedGeneration(f *testing.F) (manifestData, snapshotData []byte) {
	dir := f.TempDir()
	notes := filepath.Join(dir, "notes")
	os.MkdirAll(notes, 0o755)
	os.WriteFile(filepath.Join(notes, "a.md"), []byte("# Deploy\n- CodeDeploy hooks\n  - BeforeInstall\n- blue/green swaps URLs\n"), 0o644)
	c := &Cache{Dir: filepath.Join(dir, "cache"), Version: "fuzz"}
	rep, err := c.Refresh(Notes{Paths: []string{notes}})
	if err != nil {
		f.Fatal(err)
	}
	m, err1 := os.ReadFile(filepath.Join(rep.Dir, manifestName))
	s, err2 := os.ReadFile(filepath.Join(rep.Dir, snapshotName))
	if err1 != nil || err2 != nil {
		f.Fatal(err1, err2)
	}
	return m, s
}

// FuzzParseManifest: whatever a manifest holds, reading it returns an
// error or a manifest whose names stay inside the generation and whose
// snippet ranges fit; it never panics or allocates past the input's
// size. The checksum is recomputed so that the fuzzer reaches the
// decoder; decoding what it encodes gives the manifest back.
func FuzzParseManifest(f *testing.F) {
	m, _ := seedGeneration(f)
	f.Add(m[:len(m)-4])
	seed := &manifest{Format: FormatVersion, Stats: &index.Stats{Fields: map[string]int{"text": 3}}, Snippets: 1,
		Contents: []genFile{{Name: "../../../../dev/zero"}}, Files: []fileEntry{{Path: "a.md", First: -1, Count: 2}}}
	f.Add(encodeManifest(seed)[:len(encodeManifest(seed))-4])
	f.Add([]byte(manifestMagic + "\x01\x0e\x00\x00\x00\x02\xff\xff\xff\xff\x0f"))
	f.Fuzz(func(t *testing.T, body []byte) {
		data := binary.LittleEndian.AppendUint32(append([]byte(nil), body...), crc32.Checksum(body, castagnoli))
		m, err := parseManifest(data)
		if err != nil {
			return
		}
		for _, c := range m.Contents {
			if !validName(c.Name) || filepath.IsAbs(c.Name) || !filepath.IsLocal(filepath.FromSlash(c.Name)) {
				t.Errorf("accepted the name %q", c.Name)
			}
		}
		for _, e := range m.Files {
			if e.First < 0 || e.Count < 0 || e.First+e.Count > m.Snippets {
				t.Errorf("accepted snippets %d+%d of %d", e.First, e.Count, m.Snippets)
			}
		}
		again, err := parseManifest(encodeManifest(m))
		if err != nil || !reflect.DeepEqual(again, m) {
			t.Errorf("re-encoded manifest reads back as %+v, %v; want %+v", again, err, m)
		}
	})
}

// FuzzParseSnapshot: whatever a snapshot file holds, reading it returns
// an error or snippets and a vocabulary; it never panics or runs away
// with memory, whether it is checked or trusted (read without checks, as
// a file whose stamp matched is: garbage then, but no panic). The
// checksum is recomputed so that the fuzzer reaches the decoder.
func FuzzParseSnapshot(f *testing.F) {
	_, s := seedGeneration(f)
	f.Add(s[:len(s)-4])
	e := expandedSnapshot(f)
	f.Add(e[:len(e)-4])
	f.Add([]byte(snapshotMagic + "\x03\x01\x05\x00\x00\x00\x00\x05\x00\x00\x00hello\x00\x00\x00\x00\x00\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, body []byte) {
		data := append(append([]byte(nil), body...), 0, 0, 0, 0)
		sum := crc32.Checksum(body, castagnoli)
		data[len(body)], data[len(body)+1], data[len(body)+2], data[len(body)+3] = byte(sum), byte(sum>>8), byte(sum>>16), byte(sum>>24)
		for _, trusted := range []bool{false, true} {
			snap, err := parseSnapshot(data, trusted)
			if err != nil {
				continue
			}
			for i := range snap.snippets.Len() {
				sn := snap.snippets.Snippet(i)
				_ = len(sn.Text) + len(sn.Heading) + len(sn.Context) + len(sn.Source) + len(snap.snippets.Services(i)) + len(snap.snippets.Expansion(i))
			}
			for _, w := range []string{"", "a", "hello", "zzzz"} {
				snap.voc.DF(w)
				snap.voc.Word(w)
				snap.voc.EachWord('h', func(string, string) {})
			}
			_, _ = snap.voc.Terms(), snap.voc.Words()
		}
	})
}
