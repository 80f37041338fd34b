package cache

import (
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/crib-dev/crib/search/index"
)

// errCorrupt marks a cache generation whose files are damaged.
var errCorrupt = errors.New("cache files damaged")

// manifest describes one cache generation: the notes it was built from,
// file by file, and the files it consists of.
type manifest struct {
	Format   int
	Crib     string
	Notes    []string // as given; none for the built-in notes
	Built    time.Time
	Snippets int
	Files    []fileEntry
	Stats    *index.Stats // without its Vocab, which the snapshot holds
	Contents []genFile    // every file of the generation but this one
}

// fileEntry is one notes file as indexed.
type fileEntry struct {
	Path    string
	Size    int64
	ModTime int64
	Hash    string // or a stand-in: see hashUnreadable
	First   int    // id of its first snippet
	Count   int
	Warning string
	Checked int64 // when crib last read or hashed it, Unix ns
	// Change and Inode are the file's ctime and inode where the system
	// tells them (0 elsewhere): an edit that restores the size and
	// modification time still moves the ctime, or makes a new inode.
	Change int64
	Inode  uint64
}

// genFile is one file of a generation, with what it must hold.
type genFile struct {
	Name string
	Size int64
	CRC  uint32
	// Change and Inode stamp the file as it was when its bytes were last
	// found to match CRC (see stampMargin); 0 when they were not, yet.
	Change int64
	Inode  uint64
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

const manifestName = "manifest.bin"

// maxManifestBytes bounds what readManifest reads: a manifest lists one
// entry per notes file, so even 100,000 files stay far below it.
const maxManifestBytes = 64 << 20

func readManifest(dir string) (*manifest, error) {
	data, err := readRegular(filepath.Join(dir, manifestName), maxManifestBytes)
	if err != nil {
		return nil, err
	}
	return parseManifest(data)
}

// parseManifest decodes a manifest and checks everything a reader relies
// on: the names of the generation's files in particular, which must stay
// inside it. The manifest's strings share data's bytes: data must not
// change after.
func parseManifest(data []byte) (*manifest, error) {
	m, err := decodeManifest(data)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", errCorrupt, manifestName, err)
	}
	if m.Format != FormatVersion || m.Stats == nil || len(m.Contents) == 0 || m.Snippets < 0 {
		return nil, fmt.Errorf("%w: %s: unexpected contents", errCorrupt, manifestName)
	}
	for _, f := range m.Contents {
		if !validName(f.Name) || f.Size < 0 {
			return nil, fmt.Errorf("%w: %s names %q", errCorrupt, manifestName, f.Name)
		}
	}
	for _, f := range m.Files {
		if f.First < 0 || f.Count < 0 || f.First > m.Snippets-f.Count {
			return nil, fmt.Errorf("%w: %s: %s holds snippets %d+%d of %d", errCorrupt, manifestName, f.Path, f.First, f.Count, m.Snippets)
		}
	}
	return m, nil
}

// validName reports whether name, from a manifest, is a file of the
// generation: relative, slash-separated, every part a plain name.
func validName(name string) bool {
	if name == "" || strings.ContainsAny(name, "\\\x00:") || strings.HasPrefix(name, manifestName) {
		return false
	}
	for _, part := range strings.Split(name, "/") {
		if part == "" || part == "." || part == ".." {
			return false
		}
	}
	return true
}

// readRegular reads a regular file of at most limit bytes without
// following a symbolic link to it: anything else is damage.
func readRegular(path string, limit int64) ([]byte, error) {
	f, info, err := openRegularInfo(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Read into a buffer of the file's size (and a byte to see it end):
	// growing one as io.ReadAll does copies a large snapshot many times.
	data := make([]byte, min(info.Size(), limit)+1)
	n, err := io.ReadFull(f, data)
	data = data[:n]
	switch {
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		err = nil
	case err == nil: // longer than it was
		var rest []byte
		rest, err = io.ReadAll(io.LimitReader(f, limit+1-int64(n)))
		data = append(data, rest...)
	}
	if err == nil && int64(len(data)) > limit {
		err = fmt.Errorf("%w: %s is larger than %d bytes", errCorrupt, filepath.Base(path), limit)
	}
	return data, err
}

// openRegular opens a regular file for reading, without following a
// symbolic link and without blocking on a FIFO.
func openRegular(path string) (*os.File, error) {
	f, _, err := openRegularInfo(path)
	return f, err
}

// openRegularInfo is openRegular, and what the file's stat said.
func openRegularInfo(path string) (*os.File, os.FileInfo, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|oNoFollow|oNonBlock, 0)
	if err != nil {
		if isSymlinkErr(err) {
			return nil, nil, fmt.Errorf("%w: %s is a symbolic link", errCorrupt, filepath.Base(path))
		}
		return nil, nil, err
	}
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		f.Close()
		return nil, nil, fmt.Errorf("%w: %s is not a regular file", errCorrupt, filepath.Base(path))
	}
	return f, info, nil
}

// writeManifest records the generation's files, with their checksums, and
// writes the manifest last, so a generation without one is incomplete.
func writeManifest(dir string, m *manifest) error {
	m.Contents = m.Contents[:0]
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), manifestName) {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		f, err := checksum(path, -1)
		f.Name = filepath.ToSlash(rel)
		m.Contents = append(m.Contents, f)
		return err
	})
	if err != nil {
		return err
	}
	return saveManifest(dir, m)
}

// saveManifest replaces a generation's manifest, atomically.
func saveManifest(dir string, m *manifest) error {
	return writeFileAtomic(dir, manifestName, encodeManifest(m))
}

// checksum reads a file of the generation whole, up to limit bytes
// (limit < 0: no limit).
func checksum(path string, limit int64) (genFile, error) {
	f, err := openRegular(path)
	if err != nil {
		return genFile{}, err
	}
	defer f.Close()
	var p genFile
	var r io.Reader = f
	if limit >= 0 {
		r = io.LimitReader(f, limit+1)
	}
	buf := make([]byte, 256<<10)
	for {
		n, err := r.Read(buf)
		p.CRC = crc32.Update(p.CRC, castagnoli, buf[:n])
		p.Size += int64(n)
		if err == io.EOF {
			return p, nil
		}
		if err != nil {
			return p, err
		}
	}
}

// verify checks that the generation holds exactly the files its manifest
// lists, each a regular file (no symbolic links, FIFOs or devices) and
// whole: its size and every byte against its checksum. The file named
// sized is only size-checked, for a caller that checks its contents
// itself.
func verify(dir string, m *manifest, sized string) error {
	if err := checkTree(dir, m); err != nil {
		return err
	}
	for _, p := range m.Contents {
		path := filepath.Join(dir, filepath.FromSlash(p.Name))
		if p.Name == sized {
			info, err := os.Lstat(path)
			if err != nil || info.Size() != p.Size {
				return fmt.Errorf("%w: %s is not %d bytes", errCorrupt, p.Name, p.Size)
			}
			continue
		}
		got, err := checksum(path, p.Size)
		if err != nil {
			return fmt.Errorf("%w: %v", errCorrupt, err)
		}
		if got.Size != p.Size {
			return fmt.Errorf("%w: %s is %d bytes, want %d", errCorrupt, p.Name, got.Size, p.Size)
		}
		if got.CRC != p.CRC {
			return fmt.Errorf("%w: %s fails its checksum", errCorrupt, p.Name)
		}
	}
	return nil
}

// checkTree checks that the generation folder holds only folders and the
// regular files its manifest lists (and the manifest, or what is left of
// replacing it): a symbolic link, or any file that is not listed, is
// damage.
func checkTree(dir string, m *manifest) error {
	listed := make(map[string]bool, len(m.Contents))
	for _, p := range m.Contents {
		listed[p.Name] = true
	}
	seen := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir():
			return nil
		case !d.Type().IsRegular():
			return fmt.Errorf("%w: %s is not a regular file", errCorrupt, rel)
		case listed[rel]:
			seen++
		case !strings.HasPrefix(rel, manifestName):
			return fmt.Errorf("%w: unexpected file %s", errCorrupt, rel)
		}
		return nil
	})
	if err == nil && seen != len(listed) {
		err = fmt.Errorf("%w: %d of %d files missing", errCorrupt, len(listed)-seen, len(listed))
	}
	if err != nil && !errors.Is(err, errCorrupt) {
		err = fmt.Errorf("%w: %v", errCorrupt, err)
	}
	return err
}
