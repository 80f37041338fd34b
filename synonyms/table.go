package synonyms

import (
	"bytes"
	"strconv"
	"strings"
	"sync"
	"unsafe"
)

// table is a compiled thesaurus looked up in place: a one-shot question
// uses a handful of its thousands of phrases, so none is parsed until a
// question names it. phrases holds sorted lines "key<TAB>service<TAB>alts",
// terms sorted lines of one term each.
type table struct {
	phrases, terms []byte
	count, maxLen  int

	// starts are the offsets of the phrase lines, found on first use: a
	// question looks up thousands of term runs (in its own words and in
	// the notes it shows), too many to find each line's start anew.
	startsOnce sync.Once
	starts     []uint32

	mu     sync.Mutex
	parsed map[string]*entry // key -> its line, parsed
}

// lowerBound returns the offset of the first line of lines at or after
// from whose key (the text up to sep or the line's end) is not less than
// key, or len(lines).
func lowerBound(lines []byte, from int, key string, sep byte) int {
	lo, hi := from, len(lines)
	for lo < hi {
		mid := lo + (hi-lo)/2
		s := lo + bytes.LastIndexByte(lines[lo:mid], '\n') + 1
		if lineKey(lines, s, sep) < key {
			lo = nextLine(lines, s)
		} else {
			hi = s
		}
	}
	return lo
}

// lineKey returns the key of the line that starts at s, without copying.
func lineKey(lines []byte, s int, sep byte) string {
	rest := lines[s:]
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[:i]
	}
	if i := bytes.IndexByte(rest, sep); i >= 0 {
		rest = rest[:i]
	}
	return unsafeString(rest)
}

func nextLine(lines []byte, s int) int {
	if i := bytes.IndexByte(lines[s:], '\n'); i >= 0 {
		return s + i + 1
	}
	return len(lines)
}

// phraseLines returns the offsets of the phrase lines.
func (t *table) phraseLines() []uint32 {
	t.startsOnce.Do(func() {
		t.starts = make([]uint32, 0, t.count)
		for p := 0; p < len(t.phrases); p = nextLine(t.phrases, p) {
			t.starts = append(t.starts, uint32(p))
		}
	})
	return t.starts
}

// phraseBound returns the index of the first phrase line at or after from
// whose key is not less than key, or the number of lines.
func (t *table) phraseBound(from int, key string) int {
	starts := t.phraseLines()
	lo, hi := from, len(starts)
	for lo < hi {
		mid := lo + (hi-lo)/2
		if t.keyOf(starts, mid) < key {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// keyOf returns the key of phrase line i.
func (t *table) keyOf(starts []uint32, i int) string {
	line := t.phrases[starts[i]:]
	if j := bytes.IndexByte(line, '\t'); j >= 0 {
		line = line[:j]
	}
	return unsafeString(line)
}

// find returns the offset of the phrase line whose key is key, or -1.
func (t *table) find(key string) int {
	starts := t.phraseLines()
	i := t.phraseBound(0, key)
	if i < len(starts) && t.keyOf(starts, i) == key {
		return int(starts[i])
	}
	return -1
}

// hasTerm reports whether term is part of a phrase.
func (t *table) hasTerm(term string) bool {
	p := lowerBound(t.terms, 0, term, '\n')
	return p < len(t.terms) && lineKey(t.terms, p, '\n') == term
}

// longest returns the most terms at the start of terms that are a phrase
// of the table, and its entry; 0 and nil when none is. It narrows the
// sorted phrases one term at a time, so a term no phrase starts with
// costs one search.
func (t *table) longest(terms []string) (int, *entry) {
	starts := t.phraseLines()
	best, at := 0, -1
	var key strings.Builder
	from := 0
	for n := 1; n <= min(len(terms), t.maxLen); n++ {
		if n > 1 {
			key.WriteByte(' ')
		}
		key.WriteString(terms[n-1])
		k := key.String()
		from = t.phraseBound(from, k)
		if from < len(starts) && t.keyOf(starts, from) == k {
			best, at = n, int(starts[from])
		}
		from = t.phraseBound(from, k+" ")
		if from == len(starts) || !strings.HasPrefix(t.keyOf(starts, from), k+" ") {
			break
		}
	}
	if at < 0 {
		return 0, nil
	}
	return best, t.entryAt(at)
}

// get returns the entry of key, or nil.
func (t *table) get(key string) *entry {
	if p := t.find(key); p >= 0 {
		return t.entryAt(p)
	}
	return nil
}

// entryAt parses the phrase line at offset p, once. A malformed line (the
// embedded table is checked by a test) reads as an entry with no
// alternatives.
func (t *table) entryAt(p int) *entry {
	key := lineKey(t.phrases, p, '\t')
	t.mu.Lock()
	defer t.mu.Unlock()
	if e, ok := t.parsed[key]; ok {
		return e
	}
	line := t.phrases[p:nextLine(t.phrases, p)]
	e, _ := parseEntry(strings.TrimSuffix(string(line), "\n"))
	if t.parsed == nil {
		t.parsed = map[string]*entry{}
	}
	t.parsed[strings.Clone(key)] = e
	return e
}

// parseEntry parses one line "key<TAB>service<TAB>alts" of the compiled
// form; it returns an empty entry and false when the line is malformed.
func parseEntry(line string) (*entry, bool) {
	_, rest, ok1 := strings.Cut(line, "\t")
	service, alts, ok2 := strings.Cut(rest, "\t")
	if !ok1 || !ok2 {
		return &entry{}, false
	}
	e := &entry{service: service}
	for _, a := range strings.Split(alts, "|") {
		if a == "" {
			continue
		}
		ws, terms, _ := strings.Cut(a, " ")
		w, err := strconv.ParseFloat(ws, 64)
		if err != nil || terms == "" {
			return &entry{}, false
		}
		e.alts = append(e.alts, strings.Fields(terms))
		e.weights = append(e.weights, w)
	}
	return e, true
}

// keys calls f with every phrase key of the table, in order.
func (t *table) keys(f func(key string)) {
	for p := 0; p < len(t.phrases); p = nextLine(t.phrases, p) {
		f(lineKey(t.phrases, p, '\t'))
	}
}

// unsafeString views b as a string without copying: the compiled data is
// never modified (Decode's callers hand it over).
func unsafeString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }
