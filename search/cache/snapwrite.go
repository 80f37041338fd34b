package cache

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search/index"
)

// A snapshot is written as it is encoded, through a buffer, in the layout
// parseSnapshot reads. Its strings are numbered without a map of them all:
// the snippets' texts first, one each in snippet order (a text is rarely
// another's twin, and interning a million of them in a map cost a
// million-item list 250 MB and 4 s on one core); then the few strings the
// lists and sources share, interned; then the vocabulary's terms in order,
// and the words that are not also a term.

// snapStrings numbers the strings of a snapshot.
type snapStrings struct {
	texts  []corpus.Snippet // string i < len(texts) is texts[i].Text
	shared []string
	ids    map[string]uint32
	terms  []index.TermEntry
	extra  []string // words that are no term, after the terms
}

func (s *snapStrings) intern(str string) uint32 {
	if i, ok := s.ids[str]; ok {
		return i
	}
	i := uint32(len(s.texts) + len(s.shared))
	s.ids[str] = i
	s.shared = append(s.shared, str)
	return i
}

func (s *snapStrings) termBase() uint32 { return uint32(len(s.texts) + len(s.shared)) }

// term returns the number of a term of the vocabulary, or -1.
func (s *snapStrings) term(t string) int {
	i, ok := slices.BinarySearchFunc(s.terms, t, func(e index.TermEntry, t string) int { return strings.Compare(e.Term, t) })
	if !ok {
		return -1
	}
	return i
}

func (s *snapStrings) each(fn func(string)) {
	for i := range s.texts {
		fn(s.texts[i].Text)
	}
	for _, str := range s.shared {
		fn(str)
	}
	for _, t := range s.terms {
		fn(t.Term)
	}
	for _, str := range s.extra {
		fn(str)
	}
}

// snapLists numbers the string lists of a snapshot; 0 stands for nil, so
// nil and empty lists stay apart as they are in JSON output.
type snapLists struct {
	strs  *snapStrings
	ids   map[string]uint32
	lists [][]uint32
	ref   int // ids in all lists
	// last is the list numbered last for each field: the snippets of a
	// section share their headings, and a list's items their context.
	last [5]struct {
		l  []string
		id uint32
	}
}

func (ls *snapLists) list(field int, l []string) uint32 {
	if l == nil {
		return 0
	}
	if last := &ls.last[field]; last.id != 0 && slices.Equal(last.l, l) {
		return last.id
	}
	key := strconv.Itoa(len(l)) + "\x00" + strings.Join(l, "\x00")
	id, ok := ls.ids[key]
	if !ok {
		ids := make([]uint32, len(l))
		for i, s := range l {
			ids[i] = ls.strs.intern(s)
		}
		ls.lists = append(ls.lists, ids)
		ls.ref += len(ids)
		id = uint32(len(ls.lists))
		ls.ids[key] = id
	}
	ls.last[field].l, ls.last[field].id = l, id
	return id
}

// snapEncoding is what a snapshot holds, numbered, before it is written.
type snapEncoding struct {
	strs  snapStrings
	lists snapLists
	recs  []uint32 // snippetFields per snippet
	// expanded says the snippets' note expansions are held.
	expanded bool
	words    []index.WordEntry
	wids     []uint32 // word, term per word
}

func encodeSnippets(snippets []corpus.Snippet, services, expansions [][]string) (*snapEncoding, error) {
	e := &snapEncoding{strs: snapStrings{texts: snippets, ids: map[string]uint32{}}, expanded: expansions != nil}
	e.lists = snapLists{strs: &e.strs, ids: map[string]uint32{}}
	e.recs = make([]uint32, 0, snippetFields*len(snippets))
	for i, sn := range snippets {
		if sn.Line < 0 || sn.Line > math.MaxUint32 {
			return nil, fmt.Errorf("snapshot: line %d of %s out of range", sn.Line, sn.Source)
		}
		var expansion uint32
		if expansions != nil {
			expansion = e.lists.list(4, expansions[i])
		}
		e.recs = append(e.recs, uint32(i), e.lists.list(0, sn.Heading), e.lists.list(1, sn.Context),
			e.strs.intern(sn.Source), uint32(sn.Line), e.lists.list(2, sn.Tags), e.lists.list(3, services[i]), expansion)
	}
	return e, nil
}

// encodeVocabulary numbers the vocabulary's strings. The words come in
// order, and most are their own term: a cursor over the sorted terms
// finds those without a search.
func (e *snapEncoding) encodeVocabulary(voc *index.Vocabulary) {
	e.strs.terms, e.words = voc.Entries()
	base := e.strs.termBase()
	terms := e.strs.terms
	next := base + uint32(len(terms))
	e.wids = make([]uint32, 0, 2*len(e.words))
	c := 0
	for _, w := range e.words {
		for c < len(terms) && terms[c].Term < w.Word {
			c++
		}
		var wid, tid uint32
		if c < len(terms) && terms[c].Term == w.Word {
			wid = base + uint32(c)
		} else {
			wid = next
			next++
			e.strs.extra = append(e.strs.extra, w.Word)
		}
		switch t := e.strs.term(w.Term); {
		case w.Term == w.Word:
			tid = wid
		case t >= 0:
			tid = base + uint32(t)
		default:
			tid = next
			next++
			e.strs.extra = append(e.strs.extra, w.Term)
		}
		e.wids = append(e.wids, wid, tid)
	}
}

// writeSnapshot writes the snapshot of snippets and their vocabulary.
// services holds what each snippet's text names (see servicesOf); nil
// finds them here. expansions holds each snippet's note expansion (see
// Cache.NoteExpander); nil, none were made.
func writeSnapshot(path string, snippets []corpus.Snippet, voc *index.Vocabulary, services, expansions [][]string) error {
	if services == nil {
		var err error
		if services, err = servicesOf(snippets, nil); err != nil {
			return err
		}
	}
	e, err := encodeSnippets(snippets, services, expansions)
	if err != nil {
		return err
	}
	e.encodeVocabulary(voc)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	err = e.write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// crcWriter checksums what it writes.
type crcWriter struct {
	w   io.Writer
	sum uint32
}

func (c *crcWriter) Write(p []byte) (int, error) {
	c.sum = crc32.Update(c.sum, castagnoli, p)
	return c.w.Write(p)
}

// snapOut writes numbers through a buffer, keeping the first error.
type snapOut struct {
	*bufio.Writer
	tmp [binary.MaxVarintLen64]byte
}

func (o *snapOut) uvarint(v uint64) { o.Write(binary.AppendUvarint(o.tmp[:0], v)) }
func (o *snapOut) u32(v uint32)     { o.Write(binary.LittleEndian.AppendUint32(o.tmp[:0], v)) }

func (e *snapEncoding) write(f io.Writer) error {
	total, n := 0, 0
	e.strs.each(func(s string) { total, n = total+len(s), n+1 })
	if total > math.MaxUint32 {
		return fmt.Errorf("snapshot: %d bytes of text is more than it holds", total)
	}
	crc := &crcWriter{w: f}
	o := &snapOut{Writer: bufio.NewWriterSize(crc, 1<<20)}
	o.WriteString(snapshotMagic)
	o.uvarint(snapshotVersion)
	var flags uint64
	if e.expanded {
		flags |= snapExpanded
	}
	o.uvarint(flags)
	o.uvarint(uint64(n))
	o.uvarint(uint64(total))
	o.u32(0)
	off := uint32(0)
	e.strs.each(func(s string) { off += uint32(len(s)); o.u32(off) })
	e.strs.each(func(s string) { o.WriteString(s) })
	o.uvarint(uint64(len(e.lists.lists)))
	o.uvarint(uint64(e.lists.ref))
	o.u32(0)
	off = 0
	for _, l := range e.lists.lists {
		off += uint32(len(l))
		o.u32(off)
	}
	for _, l := range e.lists.lists {
		for _, id := range l {
			o.u32(id)
		}
	}
	o.uvarint(uint64(len(e.strs.texts)))
	for _, v := range e.recs {
		o.u32(v)
	}
	base := e.strs.termBase()
	o.uvarint(uint64(len(e.strs.terms)))
	for i, t := range e.strs.terms {
		o.u32(base + uint32(i))
		o.u32(t.DF)
	}
	o.uvarint(uint64(len(e.words)))
	for i, w := range e.words {
		o.u32(e.wids[2*i])
		o.u32(e.wids[2*i+1])
		o.u32(w.Uses)
	}
	if err := o.Flush(); err != nil {
		return err
	}
	_, err := f.Write(binary.LittleEndian.AppendUint32(nil, crc.sum))
	return err
}
