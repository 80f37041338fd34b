package search

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/crib-dev/crib/corpus"
)

// errCorrupt marks a cache generation whose files are damaged.
var errCorrupt = errors.New("cache files damaged")

// manifest describes one cache generation: the notes it was built from,
// file by file, and the files it consists of.
type manifest struct {
	Format   int         `json:"format"`
	Crib     string      `json:"crib"`
	Notes    []string    `json:"notes"` // as given; none for the built-in notes
	Built    time.Time   `json:"built"`
	Snippets int         `json:"snippets"`
	Files    []fileEntry `json:"files"`
	Stats    *bm25Stats  `json:"stats"`
	Parts    []part      `json:"parts"` // every file of the generation but this one
}

// fileEntry is one notes file as indexed.
type fileEntry struct {
	Path    string `json:"path"`
	Size    int64  `json:"size"`
	ModTime int64  `json:"mtime"`
	Hash    string `json:"sha256,omitempty"` // empty when the file could not be read
	First   int    `json:"first"`            // id of its first snippet
	Count   int    `json:"count"`
	Warning string `json:"warning,omitempty"`
	Checked int64  `json:"checked"` // when crib last read or hashed it, Unix ns
}

// part is one file of a generation, with what it must hold.
type part struct {
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
	if m.Format != FormatVersion || m.Stats == nil || len(m.Parts) == 0 {
		return nil, fmt.Errorf("%w: %s: unexpected contents", errCorrupt, manifestName)
	}
	return &m, nil
}

// writeManifest records the generation's files, with their checksums, and
// writes the manifest last, so a generation without one is incomplete.
func writeManifest(dir string, m *manifest) error {
	m.Parts = m.Parts[:0]
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), manifestName) {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		p, err := checksum(path)
		p.Name = filepath.ToSlash(rel)
		m.Parts = append(m.Parts, p)
		return err
	})
	if err != nil {
		return err
	}
	return saveManifest(dir, m)
}

func marshalManifest(m *manifest) ([]byte, error) { return json.MarshalIndent(m, "", "  ") }

func checksum(path string) (part, error) {
	f, err := os.Open(path)
	if err != nil {
		return part{}, err
	}
	defer f.Close()
	var p part
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
	for _, p := range m.Parts {
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

// The snapshot file holds the parsed snippets and the vocabulary, so that a
// question answered from the cache reads no notes and analyses nothing:
//
//	"CRIBSNAP" uvarint(version)
//	strings: uvarint(n) n*uvarint(len) bytes...   every distinct string once
//	lists:   uvarint(n) n*(uvarint(len+1) len*uvarint(string))   0 = nil
//	snippets: uvarint(n) n*(text heading context source line)
//	vocab:   uvarint(n) n*(term df)
//	surface: uvarint(n) n*(word term uses)
//	crc32c of all the above, 4 bytes little endian
//
// Strings are slices of one copy of the file, so reading 100k snippets
// allocates little more than the snippets themselves.
const (
	snapshotName    = "snippets.bin"
	snapshotMagic   = "CRIBSNAP"
	snapshotVersion = 1
)

type snapshot struct {
	snippets []corpus.Snippet
	voc      *vocabulary
}

type snapWriter struct {
	buf     []byte
	strs    map[string]int
	order   []string
	lists   map[string]int
	listBuf [][]int
}

func (w *snapWriter) str(s string) int {
	if i, ok := w.strs[s]; ok {
		return i
	}
	w.strs[s] = len(w.order)
	w.order = append(w.order, s)
	return len(w.order) - 1
}

// list interns a string list; 0 stands for nil, so nil and empty lists
// stay apart as they are in JSON output.
func (w *snapWriter) list(l []string) int {
	if l == nil {
		return 0
	}
	key := strconv.Itoa(len(l)) + "\x00" + strings.Join(l, "\x00")
	if i, ok := w.lists[key]; ok {
		return i
	}
	ids := make([]int, len(l))
	for i, s := range l {
		ids[i] = w.str(s)
	}
	w.listBuf = append(w.listBuf, ids)
	w.lists[key] = len(w.listBuf)
	return len(w.listBuf)
}

func writeSnapshot(path string, s *snapshot) error {
	w := &snapWriter{strs: map[string]int{}, lists: map[string]int{}}
	type rec struct{ text, heading, context, source, line int }
	recs := make([]rec, len(s.snippets))
	for i, sn := range s.snippets {
		recs[i] = rec{w.str(sn.Text), w.list(sn.Heading), w.list(sn.Context), w.str(sn.Source), sn.Line}
	}
	terms := sortedKeys2(s.voc.df)
	words := sortedKeys(s.voc.surface)
	for _, t := range terms {
		w.str(t)
	}
	for _, wd := range words {
		w.str(wd)
		w.str(s.voc.surface[wd])
	}
	b := binary.AppendUvarint([]byte(snapshotMagic), snapshotVersion)
	b = binary.AppendUvarint(b, uint64(len(w.order)))
	for _, str := range w.order {
		b = binary.AppendUvarint(b, uint64(len(str)))
	}
	for _, str := range w.order {
		b = append(b, str...)
	}
	b = binary.AppendUvarint(b, uint64(len(w.listBuf)))
	for _, l := range w.listBuf {
		b = binary.AppendUvarint(b, uint64(len(l)+1))
		for _, id := range l {
			b = binary.AppendUvarint(b, uint64(id))
		}
	}
	b = binary.AppendUvarint(b, uint64(len(recs)))
	for _, r := range recs {
		for _, v := range []int{r.text, r.heading, r.context, r.source, r.line} {
			b = binary.AppendUvarint(b, uint64(v))
		}
	}
	b = binary.AppendUvarint(b, uint64(len(terms)))
	for _, t := range terms {
		b = binary.AppendUvarint(b, uint64(w.strs[t]))
		b = binary.AppendUvarint(b, uint64(s.voc.df[t]))
	}
	b = binary.AppendUvarint(b, uint64(len(words)))
	for _, wd := range words {
		b = binary.AppendUvarint(b, uint64(w.strs[wd]))
		b = binary.AppendUvarint(b, uint64(w.strs[s.voc.surface[wd]]))
		b = binary.AppendUvarint(b, uint64(s.voc.uses[wd]))
	}
	b = binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
	return os.WriteFile(path, b, 0o644)
}

func sortedKeys2(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// snapReader decodes a snapshot, failing once on the first bad value.
type snapReader struct {
	data []byte
	blob string // the string section, as one string
	pos  int
	err  error
}

func (r *snapReader) uvarint() int {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.data[r.pos:])
	if n <= 0 || v > 1<<40 {
		r.err = fmt.Errorf("%w: %s: bad number at byte %d", errCorrupt, snapshotName, r.pos)
		return 0
	}
	r.pos += n
	return int(v)
}

// count reads a length that cannot exceed what is left of the file.
func (r *snapReader) count() int {
	n := r.uvarint()
	if n > len(r.data)-r.pos {
		r.err = fmt.Errorf("%w: %s: count %d past the end", errCorrupt, snapshotName, n)
		return 0
	}
	return n
}

func (r *snapReader) index(n int) int {
	i := r.uvarint()
	if i >= n && r.err == nil {
		r.err = fmt.Errorf("%w: %s: reference %d out of range", errCorrupt, snapshotName, i)
		return 0
	}
	return i
}

// str reads a reference into the string table.
func (r *snapReader) str(strs []string) string {
	i := r.index(len(strs))
	if r.err != nil {
		return ""
	}
	return strs[i]
}

func readSnapshot(path string) (*snapshot, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(data) < len(snapshotMagic)+5 || string(data[:len(snapshotMagic)]) != snapshotMagic {
		return nil, fmt.Errorf("%w: %s: not a snapshot", errCorrupt, snapshotName)
	}
	body := data[:len(data)-4]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(data[len(data)-4:]) {
		return nil, fmt.Errorf("%w: %s fails its checksum", errCorrupt, snapshotName)
	}
	r := &snapReader{data: body, pos: len(snapshotMagic)}
	if v := r.uvarint(); v != snapshotVersion {
		return nil, fmt.Errorf("%w: %s: version %d", errCorrupt, snapshotName, v)
	}
	strs := r.strings()
	lists := r.lists(strs)
	s := &snapshot{snippets: r.snippets(strs, lists), voc: r.vocabulary(strs)}
	if r.err == nil && r.pos != len(body) {
		r.err = fmt.Errorf("%w: %s: %d bytes left over", errCorrupt, snapshotName, len(body)-r.pos)
	}
	if r.err != nil {
		return nil, r.err
	}
	return s, nil
}

func (r *snapReader) strings() []string {
	n := r.count()
	lens := make([]int, n)
	total := 0
	for i := range lens {
		lens[i] = r.count()
		total += lens[i]
	}
	if r.err != nil || total > len(r.data)-r.pos {
		r.err = cmpErr(r.err, fmt.Errorf("%w: %s: strings past the end", errCorrupt, snapshotName))
		return nil
	}
	blob := string(r.data[r.pos : r.pos+total])
	r.pos += total
	out := make([]string, n)
	off := 0
	for i, l := range lens {
		out[i] = blob[off : off+l]
		off += l
	}
	return out
}

func cmpErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

func (r *snapReader) lists(strs []string) [][]string {
	n := r.count()
	out := make([][]string, n+1)
	for i := 1; i <= n && r.err == nil; i++ {
		l := r.count() - 1
		if l < 0 {
			r.err = cmpErr(r.err, fmt.Errorf("%w: %s: bad list", errCorrupt, snapshotName))
			break
		}
		list := make([]string, l)
		for j := range list {
			list[j] = r.str(strs)
		}
		out[i] = list[:l:l] // full: an append by a caller copies
	}
	return out
}

func (r *snapReader) snippets(strs []string, lists [][]string) []corpus.Snippet {
	n := r.count()
	out := make([]corpus.Snippet, n)
	for i := 0; i < n && r.err == nil; i++ {
		out[i] = corpus.Snippet{
			Text:    r.str(strs),
			Heading: lists[r.index(len(lists))],
			Context: lists[r.index(len(lists))],
			Source:  r.str(strs),
			Line:    r.uvarint(),
		}
	}
	return out
}

func (r *snapReader) vocabulary(strs []string) *vocabulary {
	v := newVocabulary()
	n := r.count()
	for i := 0; i < n && r.err == nil; i++ {
		t := r.str(strs)
		v.df[t] = r.uvarint()
	}
	n = r.count()
	for i := 0; i < n && r.err == nil; i++ {
		w := r.str(strs)
		v.surface[w] = r.str(strs)
		v.uses[w] = r.uvarint()
	}
	return v
}
