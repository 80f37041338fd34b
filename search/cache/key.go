package cache

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"

	"github.com/crib-dev/crib/corpus"
)

// entry names the cache folder of the notes: kind-N-V, N a hash of where
// the notes are (each path made absolute with its symbolic links
// resolved, so that mynotes, ./mynotes/ and /abs/mynotes share one
// index) and of what the load options leave out, V a hash of
// FormatVersion and crib's version.
func (c *Cache) entry(notes *noteSet) entry {
	n := sha256.New()
	kind := "builtin"
	if !notes.builtin() {
		kind = "notes"
		for _, p := range notes.paths {
			fmt.Fprintf(n, "%s\x00", canonical(p))
		}
		n.Write(notes.fingerprint)
	}
	v := sha256.Sum256([]byte(fmt.Sprintf("crib index\x00%d\x00%s", FormatVersion, c.Version)))
	return entry{filepath.Join(c.Dir, kind+"-"+hex.EncodeToString(n.Sum(nil))[:12]+"-"+hex.EncodeToString(v[:])[:8])}
}

// canonical returns path absolute, clean, and with its symbolic links
// resolved where it exists (a glob pattern, say, does not).
func canonical(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real
	}
	return abs
}

// fileKeys returns, for each file, the path the manifest knows it by:
// its folder made canonical (resolved once per folder, by the walk that
// found it when it did), then its name. Results show a file under the
// path it was found by now, whichever spelling built the index.
func fileKeys(files []corpus.File) []string {
	dirs := map[string]string{}
	keys := make([]string, len(files))
	for i, f := range files {
		dir, name := filepath.Split(f.Path)
		real, ok := f.RealDir(), f.RealDir() != ""
		if !ok {
			real, ok = dirs[dir]
		}
		if !ok {
			real = canonical(dir)
			dirs[dir] = real
		}
		keys[i] = filepath.Join(real, name)
	}
	return keys
}
