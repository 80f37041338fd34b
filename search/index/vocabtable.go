package index

import (
	"encoding/binary"
	"errors"
	"slices"
	"strings"
	"sync"
)

// VocabularyTable is a vocabulary read where it lies, in a cache file:
// two tables of fixed-width records (u32, little endian), sorted by their
// first field, a string that Str looks up by number:
//
//	terms: (term, df) per term
//	words: (word, term, uses) per lower-cased word as written
//
// A question looks up a few dozen words by binary search instead of
// decoding tens of thousands into maps first.
type VocabularyTable struct {
	terms, words []byte
	// str returns string i of the file, "" for one past its strings.
	str func(i uint32) string
}

// Record widths in bytes.
const (
	termRecord = 8
	wordRecord = 12
)

// ErrVocabularyTable says a vocabulary table refers out of its file's
// strings, or has a partial record.
var ErrVocabularyTable = errors.New("vocabulary table damaged")

// NewVocabularyTable makes a vocabulary of the tables terms and words,
// whose strings str returns by number. Bytes past the last whole record
// are ignored; CheckVocabularyTable checks the references.
func NewVocabularyTable(terms, words []byte, str func(i uint32) string) *Vocabulary {
	terms, words = terms[:len(terms)/termRecord*termRecord], words[:len(words)/wordRecord*wordRecord]
	return &Vocabulary{table: &VocabularyTable{terms: terms, words: words, str: str}}
}

// CheckVocabularyTable checks that every record of the tables is whole
// and refers to one of strs strings; that they are sorted is the file
// checksum's job.
func CheckVocabularyTable(terms, words []byte, strs uint32) error {
	if len(terms)%termRecord != 0 || len(words)%wordRecord != 0 {
		return ErrVocabularyTable
	}
	for i := 0; i < len(terms); i += termRecord {
		if binary.LittleEndian.Uint32(terms[i:]) >= strs {
			return ErrVocabularyTable
		}
	}
	for i := 0; i < len(words); i += wordRecord {
		if binary.LittleEndian.Uint32(words[i:]) >= strs || binary.LittleEndian.Uint32(words[i+4:]) >= strs {
			return ErrVocabularyTable
		}
	}
	return nil
}

// TermEntry is a term of the notes and how many snippets hold it.
type TermEntry struct {
	Term string
	DF   uint32
}

// WordEntry is a word of the notes, lower-cased as written, its term and
// how often the notes use it (see Word).
type WordEntry struct {
	Word, Term string
	Uses       uint32
}

// Entries returns v's terms and words, each sorted, as the tables
// NewVocabularyTable reads hold them. The two are sorted at once, and a
// word's term comes with it: sorting the keys and looking each word up
// again cost a million-item list 2 s on one core.
func (v *Vocabulary) Entries() ([]TermEntry, []WordEntry) {
	if v.table != nil {
		return v.table.entries()
	}
	all := append([]*Vocabulary{v}, v.parts...)
	terms, words := make([][]TermEntry, len(all)), make([][]WordEntry, len(all))
	var wg sync.WaitGroup
	for i, p := range all {
		wg.Go(func() { terms[i] = p.termEntries() })
		wg.Go(func() { words[i] = p.wordEntries() })
	}
	wg.Wait()
	for _, o := range terms[1:] {
		terms[0] = mergeSorted(terms[0], o, func(a, b TermEntry) int { return strings.Compare(a.Term, b.Term) },
			func(a, b TermEntry) TermEntry { return TermEntry{a.Term, satAdd(a.DF, b.DF)} })
	}
	for _, o := range words[1:] {
		words[0] = mergeSorted(words[0], o, func(a, b WordEntry) int { return strings.Compare(a.Word, b.Word) },
			func(a, b WordEntry) WordEntry { return WordEntry{a.Word, a.Term, satAdd(a.Uses, b.Uses)} })
	}
	return terms[0], words[0]
}

func (v *Vocabulary) termEntries() []TermEntry {
	var terms []TermEntry
	if v.tally != nil { // the maps are empty
		terms = v.tally.termEntries()
	} else {
		terms = make([]TermEntry, 0, len(v.df))
		for t, n := range v.df {
			terms = append(terms, TermEntry{t, uint32(min(n, 1<<32-1))})
		}
	}
	slices.SortFunc(terms, func(a, b TermEntry) int { return strings.Compare(a.Term, b.Term) })
	return terms
}

func (v *Vocabulary) wordEntries() []WordEntry {
	var words []WordEntry
	if v.tally != nil { // the maps are empty
		words = v.tally.wordEntries()
	} else {
		words = make([]WordEntry, 0, len(v.surface))
		for w, t := range v.surface {
			uses := 0
			if v.counted {
				uses = 1 + v.more[w]
			}
			words = append(words, WordEntry{w, t, uint32(min(uses, 1<<32-1))})
		}
	}
	slices.SortFunc(words, func(a, b WordEntry) int { return strings.Compare(a.Word, b.Word) })
	return words
}

// mergeSorted merges two sorted lists, joining equal entries.
func mergeSorted[E any](a, b []E, cmp func(E, E) int, join func(E, E) E) []E {
	out := make([]E, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		switch c := cmp(a[0], b[0]); {
		case c < 0:
			out, a = append(out, a[0]), a[1:]
		case c > 0:
			out, b = append(out, b[0]), b[1:]
		default:
			out, a, b = append(out, join(a[0], b[0])), a[1:], b[1:]
		}
	}
	return append(append(out, a...), b...)
}

func satAdd(a, b uint32) uint32 { return uint32(min(uint64(a)+uint64(b), 1<<32-1)) }

func (t *VocabularyTable) entries() ([]TermEntry, []WordEntry) {
	terms := make([]TermEntry, len(t.terms)/termRecord)
	for i := range terms {
		terms[i] = TermEntry{t.key(t.terms, termRecord, i), t.field(t.terms, termRecord, i, 1)}
	}
	words := make([]WordEntry, len(t.words)/wordRecord)
	for i := range words {
		words[i] = WordEntry{t.key(t.words, wordRecord, i), t.str(t.field(t.words, wordRecord, i, 1)), t.field(t.words, wordRecord, i, 2)}
	}
	return terms, words
}

// find returns the index of the record of table (of width bytes each)
// whose key is s, or -1.
func (t *VocabularyTable) find(table []byte, width int, s string) int {
	lo, hi := 0, len(table)/width
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if t.key(table, width, mid) < s {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < len(table)/width && t.key(table, width, lo) == s {
		return lo
	}
	return -1
}

func (t *VocabularyTable) key(table []byte, width, i int) string {
	return t.str(binary.LittleEndian.Uint32(table[i*width:]))
}

func (t *VocabularyTable) field(table []byte, width, i, k int) uint32 {
	return binary.LittleEndian.Uint32(table[i*width+4*k:])
}

func (t *VocabularyTable) df(term string) int {
	i := t.find(t.terms, termRecord, term)
	if i < 0 {
		return 0
	}
	return int(t.field(t.terms, termRecord, i, 1))
}

func (t *VocabularyTable) word(w string) (term string, uses int) {
	i := t.find(t.words, wordRecord, w)
	if i < 0 {
		return "", 0
	}
	return t.str(t.field(t.words, wordRecord, i, 1)), int(t.field(t.words, wordRecord, i, 2))
}

// eachWord calls fn with the words that start with first: one run of
// the sorted table.
func (t *VocabularyTable) eachWord(first byte, fn func(word, term string)) {
	n := len(t.words) / wordRecord
	lo, hi := 0, n
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if k := t.key(t.words, wordRecord, mid); k != "" && k[0] >= first {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	for i := lo; i < n; i++ {
		w := t.key(t.words, wordRecord, i)
		if !strings.HasPrefix(w, string(first)) {
			break
		}
		fn(w, t.str(t.field(t.words, wordRecord, i, 1)))
	}
}

func (t *VocabularyTable) keys(table []byte, width int) []string {
	out := make([]string, len(table)/width)
	for i := range out {
		out[i] = t.key(table, width, i)
	}
	return out
}

// own copies a table into the maps, before the vocabulary is changed.
func (v *Vocabulary) own() {
	v.settle()
	t := v.table
	if t == nil {
		return
	}
	v.table = nil
	v.df, v.surface, v.more = map[string]int{}, map[string]string{}, map[string]int{}
	for i := range len(t.terms) / termRecord {
		v.df[t.key(t.terms, termRecord, i)] = int(t.field(t.terms, termRecord, i, 1))
	}
	for i := range len(t.words) / wordRecord {
		v.SetWord(t.key(t.words, wordRecord, i), t.str(t.field(t.words, wordRecord, i, 1)), int(t.field(t.words, wordRecord, i, 2)))
	}
}
