//go:build linux && (amd64 || arm64)

package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestDirList: a folder's listing and stats are os.ReadDir's and
// os.Lstat's, for every kind of entry.
func TestDirList(t *testing.T) {
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "b.md"), []byte("- b\n"), 0o644)
	os.Mkdir(filepath.Join(root, "a"), 0o755)
	os.Symlink("b.md", filepath.Join(root, "link.md"))
	syscall.Mkfifo(filepath.Join(root, "fifo.md"), 0o644)
	for i := range 300 { // more than one getdents buffer's worth of names
		os.WriteFile(filepath.Join(root, "n"+string(rune('a'+i%26))+string(rune('a'+i/26))+".txt"), nil, 0o644)
	}
	buf := make([]byte, 512)
	d, err := openDir(root, &buf)
	if err != nil {
		t.Fatal(err)
	}
	defer d.close()
	got, err := d.list()
	want, werr := os.ReadDir(root)
	if err != nil || werr != nil || len(got) != len(want) {
		t.Fatalf("list: %d entries, %v; want %d, %v", len(got), err, len(want), werr)
	}
	for i, w := range want {
		if got[i].name != w.Name() || (got[i].typ != w.Type() && !(got[i].typ == os.ModeIrregular && w.Type()&os.ModeNamedPipe != 0)) {
			t.Errorf("entry %d: %q %v, want %q %v", i, got[i].name, got[i].typ, w.Name(), w.Type())
		}
		info, err := d.lstat(w.Name())
		winfo, _ := os.Lstat(filepath.Join(root, w.Name()))
		if err != nil || info.Mode() != winfo.Mode() || info.Size() != winfo.Size() || !info.ModTime().Equal(winfo.ModTime()) || info.Name() != winfo.Name() {
			t.Errorf("lstat %s: %v %v %d %v, want %v %d %v", w.Name(), err, info.Mode(), info.Size(), info.ModTime(), winfo.Mode(), winfo.Size(), winfo.ModTime())
		}
		if *info.Sys().(*syscall.Stat_t) != *winfo.Sys().(*syscall.Stat_t) {
			t.Errorf("lstat %s: Sys differs", w.Name())
		}
	}
	if _, err := d.lstat("missing.md"); !os.IsNotExist(err) {
		t.Errorf("lstat of a missing name: %v", err)
	}
}

// FuzzParseDirents: whatever getdents returned, parsing it never panics
// and yields names without NUL, / or the folder's own entries.
func FuzzParseDirents(f *testing.F) {
	f.Add([]byte("\x01\x00\x00\x00\x00\x00\x00\x00\x02\x00\x00\x00\x00\x00\x00\x00\x18\x00\x08a.md\x00\x00"))
	f.Add([]byte("\x01\x00\x00\x00\x00\x00\x00\x00\x02\x00\x00\x00\x00\x00\x00\x00\x13\x00\x04"))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, e := range parseDirents(b, nil) {
			if e.name == "" || e.name == "." || e.name == ".." || strings.ContainsAny(e.name, "\x00") {
				t.Errorf("name %q", e.name)
			}
		}
	})
}
