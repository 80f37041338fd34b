package cache

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"math"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search"
	"github.com/crib-dev/crib/search/index"
)

// The snapshot file holds the parsed snippets and the vocabulary, so that a
// question answered from the cache reads no notes and analyses nothing.
// Strings, lists and snippets sit in tables of fixed-width numbers (u32,
// little endian), so that a snippet is read where it lies when a question
// shows it, and the others are never decoded:
//
//	"CRIBSNAP" uvarint(version)
//	strings:  uvarint(n) uvarint(bytes) (n+1)*u32 offsets, the bytes
//	lists:    uvarint(n) uvarint(ids) (n+1)*u32 offsets, ids*u32 string   list k is the k-th, 0 = nil
//	snippets: uvarint(n) n*(text heading context source line tags services), each u32
//	vocab:    uvarint(n) n*(term df)            each u32, sorted by term
//	surface:  uvarint(n) n*(word term uses)     each u32, sorted by word
//	crc32c of all the above, 4 bytes little endian
//
// Strings are slices of one copy of the file, so reading snippets
// allocates little more than their lists.
const (
	snapshotName    = "snippets.bin"
	snapshotMagic   = "CRIBSNAP"
	snapshotVersion = 5 // 2: snippets keep their front-matter tags; 3: tables read in place; 4: the vocabulary too; 5: services per snippet
)

type snapshot struct {
	snippets *snippetTable
	voc      *index.Vocabulary
}

type snapWriter struct {
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

func writeSnapshot(path string, snippets []corpus.Snippet, voc *index.Vocabulary) error {
	services, err := servicesOf(snippets)
	if err != nil {
		return err
	}
	b, err := encodeSnapshot(snippets, voc, services)
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// servicesOf finds the services each snippet's text names, with the
// built-in thesaurus, on every core: a question then reads them instead
// of analysing the notes beside its answers (see search.ServiceSource).
func servicesOf(snippets []corpus.Snippet) ([][]string, error) {
	th, err := search.NewThesaurus()
	if err != nil {
		return nil, err
	}
	out := make([][]string, len(snippets))
	workers := min(runtime.GOMAXPROCS(0), 1+len(snippets)/500)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(snippets); i += workers {
				out[i] = th.ServicesIn(snippets[i].Text)
			}
		})
	}
	wg.Wait()
	return out, nil
}

func encodeSnapshot(snippets []corpus.Snippet, voc *index.Vocabulary, services [][]string) ([]byte, error) {
	w := &snapWriter{strs: map[string]int{}, lists: map[string]int{}}
	recs := make([]uint32, 0, 6*len(snippets))
	for i, sn := range snippets {
		if sn.Line < 0 || sn.Line > math.MaxUint32 {
			return nil, fmt.Errorf("snapshot: line %d of %s out of range", sn.Line, sn.Source)
		}
		recs = append(recs, uint32(w.str(sn.Text)), uint32(w.list(sn.Heading)), uint32(w.list(sn.Context)),
			uint32(w.str(sn.Source)), uint32(sn.Line), uint32(w.list(sn.Tags)), uint32(w.list(services[i])))
	}
	terms, words := voc.Terms(), voc.Words()
	for _, t := range terms {
		w.str(t)
	}
	for _, wd := range words {
		term, _ := voc.Word(wd)
		w.str(wd)
		w.str(term)
	}
	total := 0
	for _, s := range w.order {
		total += len(s)
	}
	if total > math.MaxUint32 {
		return nil, fmt.Errorf("snapshot: %d bytes of text is more than it holds", total)
	}
	b := binary.AppendUvarint([]byte(snapshotMagic), snapshotVersion)
	b = binary.AppendUvarint(b, uint64(len(w.order)))
	b = binary.AppendUvarint(b, uint64(total))
	off := 0
	b = binary.LittleEndian.AppendUint32(b, 0)
	for _, s := range w.order {
		off += len(s)
		b = binary.LittleEndian.AppendUint32(b, uint32(off))
	}
	for _, s := range w.order {
		b = append(b, s...)
	}
	ids := 0
	for _, l := range w.listBuf {
		ids += len(l)
	}
	b = binary.AppendUvarint(b, uint64(len(w.listBuf)))
	b = binary.AppendUvarint(b, uint64(ids))
	off = 0
	b = binary.LittleEndian.AppendUint32(b, 0)
	for _, l := range w.listBuf {
		off += len(l)
		b = binary.LittleEndian.AppendUint32(b, uint32(off))
	}
	for _, l := range w.listBuf {
		for _, id := range l {
			b = binary.LittleEndian.AppendUint32(b, uint32(id))
		}
	}
	b = binary.AppendUvarint(b, uint64(len(snippets)))
	for _, v := range recs {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	tt, wt := voc.AppendTables(nil, nil, func(s string) uint32 { return uint32(w.strs[s]) })
	b = binary.AppendUvarint(b, uint64(len(terms)))
	b = append(b, tt...)
	b = binary.AppendUvarint(b, uint64(len(words)))
	b = append(b, wt...)
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli)), nil
}

// readSnapshot reads a snapshot file. withUses says the caller will
// change the vocabulary (an update); its tables keep the counts either
// way, and are copied into maps when changed.
func readSnapshot(path string, withUses bool) (*snapshot, error) {
	return openSnapshot(path, false)
}

// openSnapshot maps a snapshot file into memory where the system can (it
// is read otherwise), so that a question reads only the pages it uses.
// A trusted file, one whose bytes were checked before and which has not
// changed since (see stamp), is not checked again.
func openSnapshot(path string, trusted bool) (*snapshot, error) {
	data, err := mapRegular(path, maxSnapshotBytes)
	if err != nil {
		return nil, err
	}
	return parseSnapshot(data, trusted)
}

// maxSnapshotBytes bounds what readSnapshot reads (notes of a million
// snippets make about 100 MB).
const maxSnapshotBytes = 4 << 30

// parseSnapshot checks a snapshot file's contents, which it keeps, and
// reads its tables where they lie; snippets are decoded as they are
// asked for. Unless trusted, its checksum and every offset and reference
// are checked here, so that reading a snippet later cannot fail; a
// trusted file's are not, and reading it cannot go out of range either
// (see snippetTable.str), it can only read garbage from a file changed
// behind the stamp's back.
func parseSnapshot(data []byte, trusted bool) (*snapshot, error) {
	if len(data) < len(snapshotMagic)+5 || string(data[:len(snapshotMagic)]) != snapshotMagic {
		return nil, fmt.Errorf("%w: %s: not a snapshot", errCorrupt, snapshotName)
	}
	body := data[:len(data)-4]
	if !trusted && crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(data[len(data)-4:]) {
		return nil, fmt.Errorf("%w: %s fails its checksum", errCorrupt, snapshotName)
	}
	r := &snapReader{data: body, pos: len(snapshotMagic), trusted: trusted}
	if v := r.uvarint(); v != snapshotVersion {
		return nil, fmt.Errorf("%w: %s: version %d", errCorrupt, snapshotName, v)
	}
	t := &snippetTable{}
	var blob []byte
	t.strOff, blob = r.table(1)
	if len(blob) > 0 {
		// The strings share the file's buffer instead of copying it:
		// nothing writes to it once read.
		t.blob = unsafe.String(&blob[0], len(blob))
	}
	t.listOff, t.listIDs = r.table(4)
	t.n = r.count()
	t.recs = r.bytes(t.n * 4 * snippetFields)
	if r.err == nil && !trusted {
		r.err = t.check()
	}
	s := &snapshot{snippets: t, voc: r.vocabulary(t)}
	if r.err == nil && r.pos != len(body) {
		r.err = fmt.Errorf("%w: %s: %d bytes left over", errCorrupt, snapshotName, len(body)-r.pos)
	}
	if r.err != nil {
		return nil, r.err
	}
	return s, nil
}

// snapReader reads a snapshot, failing once on the first bad value.
type snapReader struct {
	data    []byte
	pos     int
	err     error
	trusted bool // skip the checks of every item
}

func (r *snapReader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: %s: %s", errCorrupt, snapshotName, fmt.Sprintf(format, args...))
	}
}

func (r *snapReader) uvarint() int {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.data[r.pos:])
	if n <= 0 || v > 1<<40 {
		r.fail("bad number at byte %d", r.pos)
		return 0
	}
	r.pos += n
	return int(v)
}

// count reads a length that cannot exceed what is left of the file.
func (r *snapReader) count() int {
	n := r.uvarint()
	if n > len(r.data)-r.pos {
		r.fail("count %d past the end", n)
		return 0
	}
	return n
}

// bytes returns the next n bytes.
func (r *snapReader) bytes(n int) []byte {
	if r.err != nil || n < 0 || n > len(r.data)-r.pos {
		r.fail("table of %d bytes past the end", n)
		return nil
	}
	b := r.data[r.pos : r.pos+n : r.pos+n]
	r.pos += n
	return b
}

// table reads n, size, (n+1) u32 offsets, and size items of unit bytes
// each (bytes of strings, u32 ids of lists). The offsets are checked to
// rise from 0 to size.
func (r *snapReader) table(unit int) (offsets, items []byte) {
	n, size := r.count(), r.count()
	offsets = r.bytes((n + 1) * 4)
	items = r.bytes(size * unit)
	if r.err != nil {
		return nil, nil
	}
	if r.trusted {
		return offsets, items
	}
	last := uint32(0)
	for i := range n + 1 {
		o := binary.LittleEndian.Uint32(offsets[4*i:])
		if (i == 0 && o != 0) || o < last || (i == n && int64(o) != int64(size)) {
			r.fail("bad offset %d", i)
			return nil, nil
		}
		last = o
	}
	return offsets, items
}

// vocabulary reads the vocabulary's tables, which it keeps where they
// lie: an update that changes the vocabulary copies them then.
func (r *snapReader) vocabulary(t *snippetTable) *index.Vocabulary {
	terms := r.bytes(r.count() * 8)
	words := r.bytes(r.count() * 12)
	if r.err != nil {
		return nil
	}
	if !r.trusted {
		if err := index.CheckVocabularyTable(terms, words, uint32(t.strings())); err != nil {
			r.fail("%v", err)
			return nil
		}
	}
	return index.NewVocabularyTable(terms, words, t.str)
}
