package cache

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"unsafe"

	"github.com/crib-dev/crib/search/index"
)

// The snapshot file holds the parsed snippets and the vocabulary, so that a
// question answered from the cache reads no notes and analyses nothing.
// Strings, lists and snippets sit in tables of fixed-width numbers (u32,
// little endian), so that a snippet is read where it lies when a question
// shows it, and the others are never decoded:
//
//	"CRIBSNAP" uvarint(version) uvarint(flags: 1 = note expansions held)
//	strings:  uvarint(n) uvarint(bytes) (n+1)*u32 offsets, the bytes
//	lists:    uvarint(n) uvarint(ids) (n+1)*u32 offsets, ids*u32 string   list k is the k-th, 0 = nil
//	snippets: uvarint(n) n*(text heading context source line tags services expansion), each u32
//	vocab:    uvarint(n) n*(term df)            each u32, sorted by term
//	surface:  uvarint(n) n*(word term uses)     each u32, sorted by word
//	crc32c of all the above, 4 bytes little endian
//
// Strings are slices of one copy of the file, so reading snippets
// allocates little more than their lists.
const (
	snapshotName    = "snippets.bin"
	snapshotMagic   = "CRIBSNAP"
	snapshotVersion = 7 // 2: snippets keep their front-matter tags; 3: tables read in place; 4: the vocabulary too; 5: services per snippet; 6: analysis version 5; 7: note expansions
	// snapExpanded is the flag of a snapshot holding note expansions.
	snapExpanded = 1
)

type snapshot struct {
	snippets *snippetTable
	voc      *index.Vocabulary
}

// readSnapshot opens a snapshot file and checks all its bytes, for an
// update: the vocabulary's tables keep the counts, and are copied into
// maps where the update changes them.
func readSnapshot(path string) (*snapshot, error) {
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
	flags := r.uvarint()
	if flags&^snapExpanded != 0 {
		r.fail("unknown flags %#x", flags)
	}
	t := &snippetTable{expanded: flags&snapExpanded != 0}
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
