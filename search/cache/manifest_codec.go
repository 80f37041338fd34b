package cache

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"math"
	"slices"
	"time"
	"unsafe"

	"github.com/crib-dev/crib/search/index"
)

// The manifest is binary: every question reads it, and decoding the JSON
// it was took 7% of a question over 667 notes files. Numbers are varints,
// strings a uvarint length and their bytes, lists a uvarint count and
// their items:
//
//	"CRIBMANI" uvarint(manifestVersion)
//	format crib notes[] built(ns) snippets
//	files[]:    path size mtime hash first count warning checked ctime inode
//	stats:      docs fields[](name count) avgLen(8 bytes, IEEE 754)
//	contents[]: name size crc32c(4 bytes) ctime inode
//	crc32c of all the above, 4 bytes little endian
//
// A damaged manifest fails its checksum or a bound below: the generation
// is then rebuilt, never read on.
const (
	manifestMagic   = "CRIBMANI"
	manifestVersion = 1
)

// errManifest is any manifest that does not decode; parseManifest says
// which file.
var errManifest = errors.New("not a manifest of this crib")

func encodeManifest(m *manifest) []byte {
	b := make([]byte, 0, 256+160*len(m.Files)+48*len(m.Contents))
	b = append(b, manifestMagic...)
	b = binary.AppendUvarint(b, manifestVersion)
	b = binary.AppendVarint(b, int64(m.Format))
	b = appendString(b, m.Crib)
	b = binary.AppendUvarint(b, uint64(len(m.Notes)))
	for _, n := range m.Notes {
		b = appendString(b, n)
	}
	b = binary.AppendVarint(b, m.Built.UnixNano())
	b = binary.AppendVarint(b, int64(m.Snippets))
	b = binary.AppendUvarint(b, uint64(len(m.Files)))
	for _, f := range m.Files {
		b = appendString(b, f.Path)
		b = binary.AppendVarint(b, f.Size)
		b = binary.AppendVarint(b, f.ModTime)
		b = appendString(b, f.Hash)
		b = binary.AppendVarint(b, int64(f.First))
		b = binary.AppendVarint(b, int64(f.Count))
		b = appendString(b, f.Warning)
		b = binary.AppendVarint(b, f.Checked)
		b = binary.AppendVarint(b, f.Change)
		b = binary.AppendUvarint(b, f.Inode)
	}
	b = appendStats(b, m.Stats)
	b = binary.AppendUvarint(b, uint64(len(m.Contents)))
	for _, c := range m.Contents {
		b = appendString(b, c.Name)
		b = binary.AppendVarint(b, c.Size)
		b = binary.LittleEndian.AppendUint32(b, c.CRC)
		b = binary.AppendVarint(b, c.Change)
		b = binary.AppendUvarint(b, c.Inode)
	}
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
}

// appendStats writes the index's statistics, in name order of their
// fields so that the same index always makes the same bytes.
func appendStats(b []byte, st *index.Stats) []byte {
	if st == nil {
		return append(b, 0)
	}
	b = append(b, 1)
	b = binary.AppendVarint(b, int64(st.Docs))
	names := make([]string, 0, len(st.Fields))
	for name := range st.Fields {
		names = append(names, name)
	}
	slices.Sort(names)
	b = binary.AppendUvarint(b, uint64(len(names)))
	for _, name := range names {
		b = appendString(b, name)
		b = binary.AppendVarint(b, int64(st.Fields[name]))
	}
	return binary.LittleEndian.AppendUint64(b, math.Float64bits(st.AvgLen))
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// decodeManifest reads what encodeManifest wrote. Its strings are slices
// of data, which must not change after (the caller read it for this):
// copying a manifest of 667 notes files cost as much as decoding it.
// Every count is bounded by the bytes left, so that a damaged count
// cannot allocate more than the file's size.
func decodeManifest(data []byte) (*manifest, error) {
	n := len(manifestMagic)
	if len(data) < n+5 || string(data[:n]) != manifestMagic {
		return nil, errManifest
	}
	body := data[:len(data)-4]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(data[len(body):]) {
		return nil, errors.New("fails its checksum")
	}
	r := &manReader{s: unsafe.String(&body[n], len(body)-n)}
	if r.uvarint() != manifestVersion {
		return nil, errManifest
	}
	m := &manifest{Format: r.int(), Crib: r.str()}
	m.Notes = make([]string, r.count(1))
	for i := range m.Notes {
		m.Notes[i] = r.str()
	}
	m.Built = time.Unix(0, r.varint()).UTC()
	m.Snippets = r.int()
	m.Files = make([]fileEntry, r.count(10))
	for i := range m.Files {
		f := &m.Files[i]
		f.Path, f.Size, f.ModTime, f.Hash = r.str(), r.varint(), r.varint(), r.str()
		f.First, f.Count, f.Warning = r.int(), r.int(), r.str()
		f.Checked, f.Change, f.Inode = r.varint(), r.varint(), r.uvarint()
	}
	m.Stats = r.stats()
	m.Contents = make([]genFile, r.count(8))
	for i := range m.Contents {
		c := &m.Contents[i]
		c.Name, c.Size, c.CRC, c.Change, c.Inode = r.str(), r.varint(), r.uint32(), r.varint(), r.uvarint()
	}
	if r.bad || r.pos != len(r.s) {
		return nil, errManifest
	}
	if len(m.Notes) == 0 {
		m.Notes = nil // as the JSON manifest had it for the built-in notes
	}
	return m, nil
}

func (r *manReader) stats() *index.Stats {
	if r.byte() == 0 {
		return nil
	}
	st := &index.Stats{Docs: r.int()}
	k := r.count(2)
	st.Fields = make(map[string]int, k)
	for range k {
		name := r.str()
		st.Fields[name] = r.int()
	}
	st.AvgLen = math.Float64frombits(r.uint64())
	return st
}

// manReader reads a manifest's body. Past its end or at a bad number it
// sets bad and returns zeros, which decodeManifest checks once at the end.
type manReader struct {
	s   string
	pos int
	bad bool
}

func (r *manReader) byte() byte {
	if r.pos >= len(r.s) {
		r.bad = true
		return 0
	}
	r.pos++
	return r.s[r.pos-1]
}

func (r *manReader) uvarint() uint64 {
	var x uint64
	for shift := uint(0); shift < 64; shift += 7 {
		c := r.byte()
		if r.bad {
			return 0
		}
		x |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return x
		}
	}
	r.bad = true
	return 0
}

func (r *manReader) varint() int64 {
	u := r.uvarint()
	return int64(u>>1) ^ -int64(u&1)
}

// int reads a varint that must fit an int of 32 bits: counts and ids.
func (r *manReader) int() int {
	v := r.varint()
	if v < math.MinInt32 || v > math.MaxInt32 {
		r.bad = true
		return 0
	}
	return int(v)
}

// count reads a list's length, each item at least min bytes long.
func (r *manReader) count(min int) int {
	n := r.uvarint()
	if n > uint64((len(r.s)-r.pos)/min) {
		r.bad = true
		return 0
	}
	return int(n)
}

func (r *manReader) str() string {
	n := r.count(1)
	s := r.s[r.pos : r.pos+n]
	r.pos += n
	return s
}

func (r *manReader) uint32() uint32 {
	if len(r.s)-r.pos < 4 {
		r.bad = true
		return 0
	}
	s := r.s[r.pos : r.pos+4]
	r.pos += 4
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

func (r *manReader) uint64() uint64 {
	lo, hi := r.uint32(), r.uint32()
	return uint64(lo) | uint64(hi)<<32
}
