//go:build unix

package cache

import (
	"fmt"
	"path/filepath"
	"syscall"
)

// mapRegular maps a regular file of at most limit bytes into memory,
// read-only, without following a symbolic link to it. The mapping is
// never undone: the strings of a snapshot point into it for as long as
// the engine and its results live. Pages are read as they are touched,
// so a question over a large snapshot reads only what it shows.
func mapRegular(path string, limit int64) ([]byte, error) {
	f, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	switch size := info.Size(); {
	case size > limit:
		return nil, fmt.Errorf("%w: %s is larger than %d bytes", errCorrupt, filepath.Base(path), limit)
	case size == 0:
		return nil, nil
	default:
		data, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
		if err != nil {
			return readRegular(path, limit) // a file system that cannot map
		}
		return data, nil
	}
}
