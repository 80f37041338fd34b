package index

import (
	"bufio"
	"encoding/binary"
	"hash/crc32"
	"io"
	"maps"
	"math"
	"os"
	"slices"
	"strings"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	bleveindex "github.com/blevesearch/bleve_index_api"
	"github.com/blevesearch/vellum"
	zap "github.com/blevesearch/zapx/v17"
)

// postingsBuf is one term's postings in one field, as zap encodes them
// but not yet cut into chunks: the document numbers, each document's
// frequency and norm (two varints), and each document's locations (the
// number of bytes they take, then per location its field, position,
// start, end and no array positions). The field of a location is a
// placeholder until the file is written, when the fields are numbered.
type postingsBuf struct {
	docs []uint32
	freq []byte
	locs []byte
	// the document that last added tokens (its number + 1), their
	// count and the size of their locations (see addTokens)
	stamp, tf, size uint32
	// term is 1 + the term's record in the tally of the postings
	// holding it, once looked up there (see tally.countWith); 0 before
	term int32
}

// accumulator is the postings of a run of documents, gathered in parts
// of consecutive documents, for writeSegment to write as one zap segment.
type accumulator struct {
	first int // the snippet of document 0
	n     int // documents
	parts []*postings
	// cursors is joined's scratch
	cursors []postingsCursor
	// window: the parts hold other documents too (a spill's, see
	// spills.spill), those numbered lo to lo+n are written, from 0
	window bool
	lo     uint32
}

// clip returns the postings of p's documents in a's window, numbered
// from its start, in buf.
func (a *accumulator) clip(p, buf *postingsBuf) *postingsBuf {
	lo, hi := a.lo, a.lo+uint32(a.n)
	i, _ := slices.BinarySearch(p.docs, lo)
	c := postingsCursor{p: p}
	for c.doc < i {
		c.skipDoc()
	}
	buf.docs, buf.freq, buf.locs = buf.docs[:0], buf.freq[:0], buf.locs[:0]
	for c.doc < len(p.docs) && p.docs[c.doc] < hi {
		c.copyDoc(buf)
		buf.docs[len(buf.docs)-1] -= lo
	}
	return buf
}

// inWindow reports whether p has documents in a's window.
func (a *accumulator) inWindow(p *postingsBuf) bool {
	i, _ := slices.BinarySearch(p.docs, a.lo)
	return i < len(p.docs) && p.docs[i] < a.lo+uint32(a.n)
}

// fieldNames returns the parts' fields but "_id", sorted.
func (a *accumulator) fieldNames() []string {
	var names []string
	for _, p := range a.parts {
		for name, terms := range p.fields {
			if a.window && !slices.ContainsFunc(slices.Collect(maps.Values(terms)), a.inWindow) {
				continue
			}
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// fieldOpts returns the options the parts' documents give field name.
func (a *accumulator) fieldOpts(name string) bleveindex.FieldIndexingOptions {
	var opts bleveindex.FieldIndexingOptions
	for _, p := range a.parts {
		opts |= p.opts[name]
	}
	return opts
}

// termPostings is a term of a field and its postings in one part.
type termPostings struct {
	term string
	p    *postingsBuf
}

// sortedTerms returns the terms of each field of names in part p, with
// their postings, sorted: the parts are sorted concurrently as the
// segment's start is written, rather than their terms gathered and sorted
// on one core, and looked up in every part's map, as each field is.
func (p *postings) sortedTerms(names []string) [][]termPostings {
	out := make([][]termPostings, len(names))
	for i, name := range names {
		terms := p.fields[name]
		l := make([]termPostings, 0, len(terms))
		for t, q := range terms {
			l = append(l, termPostings{t, q})
		}
		slices.SortFunc(l, func(a, b termPostings) int { return strings.Compare(a.term, b.term) })
		out[i] = l
	}
	return out
}

// join returns the postings of a term in the parts holding it, in part
// order, in document order: one part's own, or those of several merged
// into buf.
func (a *accumulator) join(ps []*postingsBuf, buf *postingsBuf) *postingsBuf {
	if len(ps) == 1 {
		return ps[0]
	}
	cur := a.cursors[:0]
	for _, q := range ps {
		cur = append(cur, postingsCursor{p: q})
	}
	a.cursors = cur
	buf.docs, buf.freq, buf.locs = buf.docs[:0], buf.freq[:0], buf.locs[:0]
	for {
		next := -1
		for i, c := range cur {
			if c.doc < len(c.p.docs) && (next < 0 || c.p.docs[c.doc] < cur[next].p.docs[cur[next].doc]) {
				next = i
			}
		}
		if next < 0 {
			return buf
		}
		cur[next].copyDoc(buf)
	}
}

// postingsCursor is where a merge is in one part's postings of a term.
type postingsCursor struct {
	p               *postingsBuf
	doc, freq, locs int
}

// skipDoc moves the cursor past its document.
func (c *postingsCursor) skipDoc() {
	p := c.p
	c.doc++
	_, n := binary.Uvarint(p.freq[c.freq:])
	_, m := binary.Uvarint(p.freq[c.freq+n:])
	c.freq += n + m
	size, k := binary.Uvarint(p.locs[c.locs:])
	c.locs += k + int(size)
}

// copyDoc appends the cursor's document to buf and moves past it.
func (c *postingsCursor) copyDoc(buf *postingsBuf) {
	p := c.p
	buf.docs = append(buf.docs, p.docs[c.doc])
	c.doc++
	_, n := binary.Uvarint(p.freq[c.freq:])
	_, m := binary.Uvarint(p.freq[c.freq+n:])
	buf.freq = append(buf.freq, p.freq[c.freq:c.freq+n+m]...)
	c.freq += n + m
	size, k := binary.Uvarint(p.locs[c.locs:])
	end := c.locs + k + int(size)
	buf.locs = append(buf.locs, p.locs[c.locs:end]...)
	c.locs = end
}

// segFile counts and checksums what is written through it, as zap's
// CountHashWriter does.
type segFile struct {
	w   *bufio.Writer
	n   uint64
	crc uint32
	err error
	buf []byte
}

func (s *segFile) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.w.Write(p)
	s.n += uint64(n)
	s.crc = crc32.Update(s.crc, crc32.IEEETable, p[:n])
	s.err = err
	return n, err
}

func (s *segFile) uvarint(x uint64) {
	s.buf = binary.AppendUvarint(s.buf[:0], x)
	s.Write(s.buf)
}

func (s *segFile) be64(x uint64) {
	s.buf = binary.BigEndian.AppendUint64(s.buf[:0], x)
	s.Write(s.buf)
}

func (s *segFile) be32(x uint32) {
	s.buf = binary.BigEndian.AppendUint32(s.buf[:0], x)
	s.Write(s.buf)
}

// writeSegmentFile writes the accumulated documents to a new file at path.
func (a *accumulator) writeSegmentFile(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	err = a.writeSegment(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
	}
	return err
}

// The zap v17 layout crib writes (see zapx's new.go and write.go): the
// stored "_id" of every document, their offsets, an empty list of nested
// documents, each field's postings and dictionary, the fields with their
// sections' addresses, and the footer.
const (
	chunkMode          = 1026 // zap's DefaultChunkMode
	fieldNotUninverted = math.MaxUint64
	sectionInverted    = 0
)

// zap's other sections, which crib's fields have none of.
var otherSections = []uint16{2, 3}

// writeSegment writes the accumulated documents as a zap segment to w.
func (a *accumulator) writeSegment(w io.Writer) error {
	s := &segFile{w: bufio.NewWriterSize(w, 1<<16)}
	names := append([]string{"_id"}, a.fieldNames()...)
	// each part's terms, per field of names[1:], sorted meanwhile
	sorted := make([][][]termPostings, len(a.parts))
	var wg sync.WaitGroup
	for i, p := range a.parts {
		wg.Go(func() { sorted[i] = p.sortedTerms(names[1:]) })
	}
	stored := a.writeStored(s)
	addrs := make([]uint64, len(names))
	var err error
	if a.n > 0 {
		for id, name := range names {
			var lists [][]termPostings
			if id > 0 {
				wg.Wait()
				for _, l := range sorted {
					lists = append(lists, l[id-1])
				}
			}
			if addrs[id], err = a.writeField(s, id, name, lists); err != nil {
				wg.Wait()
				return err
			}
		}
	}
	wg.Wait()
	sections := a.writeFields(s, names, addrs)
	s.be32(0) // no writer callback id
	s.be64(uint64(a.n))
	s.be64(stored)
	s.be64(sections)
	s.be32(chunkMode)
	s.be32(zap.Version)
	s.be32(s.crc)
	if s.err != nil {
		return s.err
	}
	return s.w.Flush()
}

// writeStored writes each document's stored "_id" (zap keeps it beside
// the snappy block of the other stored fields, which is empty: one zero
// byte) and returns where their offsets start.
func (a *accumulator) writeStored(s *segFile) uint64 {
	offsets := make([]uint64, a.n)
	var meta, data []byte
	for i := range a.n {
		id := DocID(a.first + i)
		offsets[i] = s.n
		meta = binary.AppendUvarint(meta[:0], uint64(len(id)))
		data = append(append(data[:0], id...), 0)
		s.uvarint(uint64(len(meta)))
		s.uvarint(uint64(len(data)))
		s.Write(meta)
		s.Write(data)
	}
	at := s.n
	for _, o := range offsets {
		s.be64(o)
	}
	s.uvarint(0) // no nested documents
	return at
}

// writeField writes the postings and dictionary of field id and returns
// its inverted index section's address; lists are the field's terms in
// each part, sorted (see sortedTerms), for a field other than "_id".
func (a *accumulator) writeField(s *segFile, id int, name string, lists [][]termPostings) (uint64, error) {
	var fst bytesBuf
	b, err := vellum.New(&fst, &vellum.BuilderOpts{Encoder: 1, RegistryTableSize: 0, RegistryMRUSize: 1})
	if err != nil {
		return 0, err
	}
	if name == "_id" {
		// One document a term, once, no locations: zap's merge keeps
		// such a posting in the dictionary itself ("1-hit").
		for i := range a.n {
			if err := b.Insert([]byte(DocID(a.first+i)), zap.FSTValEncode1Hit(uint64(i), 1)); err != nil {
				return 0, err
			}
		}
	} else {
		pw := &postingsWriter{numDocs: uint64(a.n)}
		var buf, clipped postingsBuf
		at := make([]int, len(lists))
		var ps []*postingsBuf
		var key []byte
		for {
			// the least term of the parts' next ones, and its postings
			// in each part that holds it
			t, found := "", false
			for i, l := range lists {
				if at[i] < len(l) && (!found || l[at[i]].term < t) {
					t, found = l[at[i]].term, true
				}
			}
			if !found {
				break
			}
			ps = ps[:0]
			for i, l := range lists {
				if at[i] < len(l) && l[at[i]].term == t {
					ps = append(ps, l[at[i]].p)
					at[i]++
				}
			}
			p := a.join(ps, &buf)
			if a.window {
				if p = a.clip(p, &clipped); len(p.docs) == 0 {
					continue
				}
			}
			off := pw.write(s, p, byte(id))
			key = append(key[:0], t...)
			if err := b.Insert(key, off); err != nil {
				return 0, err
			}
		}
	}
	if err := b.Close(); err != nil {
		return 0, err
	}
	dict := s.n
	s.uvarint(uint64(len(fst)))
	s.Write(fst)
	at := s.n
	s.uvarint(fieldNotUninverted)
	s.uvarint(fieldNotUninverted)
	s.uvarint(dict)
	return at, nil
}

type bytesBuf []byte

func (b *bytesBuf) Write(p []byte) (int, error) {
	*b = append(*b, p...)
	return len(p), nil
}

// postingsWriter writes terms' postings in zap's chunks.
type postingsWriter struct {
	numDocs uint64
	ends    []uint64
	head    []byte
	bm      *roaring.Bitmap
}

// write writes p's postings and returns their offset. The documents
// are cut into chunks as zap's chunk mode 1026 does.
func (w *postingsWriter) write(s *segFile, p *postingsBuf, field byte) uint64 {
	card := uint64(len(p.docs))
	size := w.numDocs / (card/1024 + 1)
	chunks := int((w.numDocs-1)/size + 1)
	// frequencies and norms: two varints a document
	freqAt := s.n
	w.chunkEnds(p, size, chunks, func(at int) int {
		_, n := binary.Uvarint(p.freq[at:])
		_, m := binary.Uvarint(p.freq[at+n:])
		return at + n + m
	})
	w.writeChunks(s, p.freq)
	locAt := s.n
	w.chunkEnds(p, size, chunks, func(at int) int {
		n, k := binary.Uvarint(p.locs[at:])
		end := at + k + int(n)
		for i := at + k; i < end; {
			p.locs[i] = field
			i++
			for range 3 {
				_, k := binary.Uvarint(p.locs[i:])
				i += k
			}
			i++
		}
		return end
	})
	w.writeChunks(s, p.locs)
	at := s.n
	s.uvarint(freqAt)
	s.uvarint(locAt)
	if w.bm == nil {
		w.bm = roaring.New()
	}
	w.bm.Clear()
	w.bm.AddMany(p.docs)
	bm, _ := w.bm.ToBytes()
	s.uvarint(uint64(len(bm)))
	s.Write(bm)
	return at
}

// chunkEnds sets w.ends to where each chunk of p's documents ends in
// their bytes, next giving where the document at a byte ends.
func (w *postingsWriter) chunkEnds(p *postingsBuf, size uint64, chunks int, next func(int) int) {
	w.ends = slices.Grow(w.ends[:0], chunks)[:chunks]
	at, chunk := 0, 0
	for _, d := range p.docs {
		for c := int(uint64(d) / size); chunk < c; chunk++ {
			w.ends[chunk] = uint64(at)
		}
		at = next(at)
	}
	for ; chunk < chunks; chunk++ {
		w.ends[chunk] = uint64(at)
	}
}

// writeChunks writes the chunk ends and data, as zap's chunkedIntCoder.
func (w *postingsWriter) writeChunks(s *segFile, data []byte) {
	w.head = binary.AppendUvarint(w.head[:0], uint64(len(w.ends)))
	for _, e := range w.ends {
		w.head = binary.AppendUvarint(w.head, e)
	}
	s.Write(w.head)
	s.Write(data)
}

// writeFields writes the fields section and returns its offset.
func (a *accumulator) writeFields(s *segFile, names []string, addrs []uint64) uint64 {
	starts := make([]uint64, len(names))
	for id, name := range names {
		starts[id] = s.n
		opts := a.fieldOpts(name)
		if name == "_id" {
			opts = bleveindex.IndexField | bleveindex.StoreField
		}
		s.uvarint(uint64(len(name)))
		s.Write([]byte(name))
		s.uvarint(uint64(opts))
		s.uvarint(uint64(1 + len(otherSections)))
		s.buf = binary.BigEndian.AppendUint16(s.buf[:0], sectionInverted)
		s.Write(s.buf)
		s.be64(addrs[id])
		for _, sec := range otherSections {
			s.buf = binary.BigEndian.AppendUint16(s.buf[:0], sec)
			s.Write(s.buf)
			s.be64(0)
		}
	}
	at := s.n
	s.uvarint(uint64(len(names)))
	for _, o := range starts {
		s.be64(o)
	}
	return at
}
