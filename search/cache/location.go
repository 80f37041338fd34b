package cache

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// DefaultDir returns where crib keeps its index cache, as getenv tells:
// $XDG_CACHE_HOME/crib, or ~/.cache/crib; "" when neither variable says
// where that is.
func DefaultDir(getenv func(string) string) string {
	dir := getenv("XDG_CACHE_HOME")
	if !filepath.IsAbs(dir) { // the XDG spec says to ignore relative paths
		home := getenv("HOME")
		if home == "" {
			return ""
		}
		dir = filepath.Join(home, ".cache")
	}
	return filepath.Join(dir, "crib")
}

// ExecutableID identifies the running executable, for Cache.Version, so
// that a rebuilt crib never reads an index that an older one wrote: the Go
// build ID near the start of the file, else its size and modification
// time. It reads the executable once per process.
func ExecutableID() string { return executableID() }

var executableID = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return "unknown"
	}
	f, err := os.Open(exe)
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	// The ELF note sits in the first pages (about 4 KB in): read those
	// first, and the rest of 32 KiB only when it is not there.
	buf := make([]byte, 32<<10)
	n, _ := io.ReadFull(f, buf[:8<<10])
	if id := findBuildID(buf[:n]); id != "" {
		return id
	}
	if n == 8<<10 {
		m, _ := io.ReadFull(f, buf[n:])
		if id := findBuildID(buf[:n+m]); id != "" {
			return id
		}
	}
	if info, err := f.Stat(); err == nil {
		return fmt.Sprintf("%d-%d", info.Size(), info.ModTime().UnixNano())
	}
	return "unknown"
})

// findBuildID finds the Go build ID in the start of an executable: in an
// ELF note (name "Go", type 4), or after the marker other formats carry.
func findBuildID(b []byte) string {
	const note = "\x04\x00\x00\x00Go\x00\x00"
	if i := bytes.Index(b, []byte(note)); i >= 8 {
		size := int(binary.LittleEndian.Uint32(b[i-4:]))
		if size > 0 && size < 256 && i+len(note)+size <= len(b) {
			return string(b[i+len(note) : i+len(note)+size])
		}
	}
	const marker = "\xff Go build ID: \""
	if i := bytes.Index(b, []byte(marker)); i >= 0 {
		rest := b[i+len(marker):]
		if j := bytes.IndexByte(rest, '"'); j > 0 {
			return string(rest[:j])
		}
	}
	return ""
}
