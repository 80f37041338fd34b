//go:build !linux || !(amd64 || arm64)

package corpus

import (
	"io/fs"
	"os"
	"path/filepath"
)

// A dir is an open folder of the notes (see dir_linux.go for Linux's).
type dir struct {
	path string
}

func openDir(path string, _ *[]byte) (*dir, error) { return &dir{path: path}, nil }

func (d *dir) close() {}

// list returns the folder's entries in name order, those read before an
// error too.
func (d *dir) list() ([]dirEntry, error) {
	ents, err := os.ReadDir(d.path)
	out := make([]dirEntry, len(ents))
	for i, e := range ents {
		out[i] = dirEntry{name: e.Name(), typ: e.Type()}
	}
	return out, err
}

// lstat stats the folder's entry name without following a link.
func (d *dir) lstat(name string) (fs.FileInfo, error) {
	return os.Lstat(filepath.Join(d.path, name))
}
