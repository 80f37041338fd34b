package cache

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"os"
	"strconv"
	"strings"
	"unsafe"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search"
)

// The snapshot file holds the parsed snippets and the vocabulary, so that a
// question answered from the cache reads no notes and analyses nothing:
//
//	"CRIBSNAP" uvarint(version)
//	strings: uvarint(n) n*uvarint(len) bytes...   every distinct string once
//	lists:   uvarint(n) n*(uvarint(len+1) len*uvarint(string))   0 = nil
//	snippets: uvarint(n) n*(text heading context source line tags)
//	vocab:   uvarint(n) n*(term df)
//	surface: uvarint(n) n*(word term uses)
//	crc32c of all the above, 4 bytes little endian
//
// Strings are slices of one copy of the file, so reading 100k snippets
// allocates little more than the snippets themselves.
const (
	snapshotName    = "snippets.bin"
	snapshotMagic   = "CRIBSNAP"
	snapshotVersion = 2 // 2: snippets keep their front-matter tags
)

type snapshot struct {
	snippets []corpus.Snippet
	voc      *search.Vocabulary
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
	type rec struct{ text, heading, context, source, line, tags int }
	recs := make([]rec, len(s.snippets))
	for i, sn := range s.snippets {
		recs[i] = rec{w.str(sn.Text), w.list(sn.Heading), w.list(sn.Context), w.str(sn.Source), sn.Line, w.list(sn.Tags)}
	}
	terms, words := s.voc.Terms(), s.voc.Words()
	for _, t := range terms {
		w.str(t)
	}
	for _, wd := range words {
		term, _ := s.voc.Word(wd)
		w.str(wd)
		w.str(term)
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
		for _, v := range []int{r.text, r.heading, r.context, r.source, r.line, r.tags} {
			b = binary.AppendUvarint(b, uint64(v))
		}
	}
	b = binary.AppendUvarint(b, uint64(len(terms)))
	for _, t := range terms {
		b = binary.AppendUvarint(b, uint64(w.strs[t]))
		b = binary.AppendUvarint(b, uint64(s.voc.DF(t)))
	}
	b = binary.AppendUvarint(b, uint64(len(words)))
	for _, wd := range words {
		term, uses := s.voc.Word(wd)
		b = binary.AppendUvarint(b, uint64(w.strs[wd]))
		b = binary.AppendUvarint(b, uint64(w.strs[term]))
		b = binary.AppendUvarint(b, uint64(uses))
	}
	b = binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
	return os.WriteFile(path, b, 0o644)
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

// readSnapshot reads a snapshot file; withUses as for vocabulary.
func readSnapshot(path string, withUses bool) (*snapshot, error) {
	data, err := readRegular(path, maxSnapshotBytes)
	if err != nil {
		return nil, err
	}
	return parseSnapshot(data, withUses)
}

// maxSnapshotBytes bounds what readSnapshot reads (notes of a million
// snippets make about 100 MB).
const maxSnapshotBytes = 4 << 30

// parseSnapshot decodes a snapshot file's contents, which it keeps.
func parseSnapshot(data []byte, withUses bool) (*snapshot, error) {
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
	s := &snapshot{snippets: r.snippets(strs, lists), voc: r.vocabulary(strs, withUses)}
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
	// The strings share the file's buffer instead of copying it: readSnapshot
	// owns data and never writes to it once read.
	var blob string
	if total > 0 {
		blob = unsafe.String(&r.data[r.pos], total)
	}
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
			Tags:    lists[r.index(len(lists))],
		}
	}
	return out
}

// vocabulary decodes the vocabulary; the counts of surface forms, which
// only an update needs, when withUses is set.
func (r *snapReader) vocabulary(strs []string, withUses bool) *search.Vocabulary {
	v := search.NewVocabulary()
	n := r.count()
	for i := 0; i < n && r.err == nil; i++ {
		t := r.str(strs)
		v.SetTerm(t, r.uvarint())
	}
	n = r.count()
	for i := 0; i < n && r.err == nil; i++ {
		w, term, uses := r.str(strs), r.str(strs), r.uvarint()
		if !withUses {
			uses = 0
		}
		v.SetWord(w, term, uses)
	}
	return v
}
