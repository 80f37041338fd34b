package cache

import (
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/crib-dev/crib/search"
)

// errCorrupt marks a cache generation whose files are damaged.
var errCorrupt = errors.New("cache files damaged")

// manifest describes one cache generation: the notes it was built from,
// file by file, and the files it consists of.
type manifest struct {
	Format   int                `json:"format"`
	Crib     string             `json:"crib"`
	Notes    []string           `json:"notes"` // as given; none for the built-in notes
	Built    time.Time          `json:"built"`
	Snippets int                `json:"snippets"`
	Files    []fileEntry        `json:"files"`
	Stats    *search.IndexStats `json:"stats"`    // without its Vocab, which the snapshot holds
	Contents []genFile          `json:"contents"` // every file of the generation but this one
}

// fileEntry is one notes file as indexed.
type fileEntry struct {
	Path    string `json:"path"`
	Size    int64  `json:"size"`
	ModTime int64  `json:"mtime"`
	Hash    string `json:"sha256,omitempty"` // or a stand-in: see hashUnreadable
	First   int    `json:"first"`            // id of its first snippet
	Count   int    `json:"count"`
	Warning string `json:"warning,omitempty"`
	Checked int64  `json:"checked"` // when crib last read or hashed it, Unix ns
}

// genFile is one file of a generation, with what it must hold.
type genFile struct {
	Name string `json:"name"`
	Size int64  `json:"size"`
	CRC  uint32 `json:"crc32c"`
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

const manifestName = "manifest.json"

func readManifest(dir string) (*manifest, error) {
	data, err := os.ReadFile(filepath.Join(dir, manifestName))
	if err != nil {
		return nil, err
	}
	var m manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", errCorrupt, manifestName, err)
	}
	if m.Format != FormatVersion || m.Stats == nil || len(m.Contents) == 0 {
		return nil, fmt.Errorf("%w: %s: unexpected contents", errCorrupt, manifestName)
	}
	return &m, nil
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
		f, err := checksum(path)
		f.Name = filepath.ToSlash(rel)
		m.Contents = append(m.Contents, f)
		return err
	})
	if err != nil {
		return err
	}
	return saveManifest(dir, m)
}

func checksum(path string) (genFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return genFile{}, err
	}
	defer f.Close()
	var p genFile
	buf := make([]byte, 256<<10)
	for {
		n, err := f.Read(buf)
		p.CRC = crc32.Update(p.CRC, castagnoli, buf[:n])
		p.Size += int64(n)
		if err != nil {
			break
		}
	}
	return p, nil
}

// verify checks that every file of the generation is whole. Sizes are
// always checked; contents too when deep is set, or for files small enough
// that reading them costs nothing.
func verify(dir string, m *manifest, deep bool) error {
	for _, p := range m.Contents {
		path := filepath.Join(dir, filepath.FromSlash(p.Name))
		info, err := os.Stat(path)
		if err != nil {
			return fmt.Errorf("%w: %v", errCorrupt, err)
		}
		if info.Size() != p.Size {
			return fmt.Errorf("%w: %s is %d bytes, want %d", errCorrupt, p.Name, info.Size(), p.Size)
		}
		if deep || p.Size <= 64<<10 {
			got, err := checksum(path)
			if err != nil || got.CRC != p.CRC || got.Size != p.Size {
				return fmt.Errorf("%w: %s fails its checksum", errCorrupt, p.Name)
			}
		}
	}
	return nil
}
