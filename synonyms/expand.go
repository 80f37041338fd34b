package synonyms

import (
	"slices"
	"sort"
	"strings"
)

// Analyzer turns a word or phrase into the sequence of terms the index
// holds for it (lower-cased, stemmed). Callers pass their own.
type Analyzer func(string) []string

// Dictionary is a compiled thesaurus, ready to expand analysed questions.
type Dictionary struct {
	entries map[string]*entry // phrase key (terms joined by " ") -> expansion
	terms   map[string]bool   // every term of every phrase
	// lengths maps a phrase's first term to the lengths of the phrases
	// that start with it, longest first: a question looks up only those.
	lengths map[string][]int
}

type entry struct {
	alts    [][]string
	weights []float64 // weights[i] scales alts[i]
	service string
}

// Match is one stretch of a question that the dictionary knows.
type Match struct {
	Start, End int        // the matched terms are terms[Start:End]
	Alts       [][]string // the term sequences to look for as well
	Weights    []float64  // Weights[i] scales Alts[i]: 1, or less for weaker dictionaries
	Service    string     // the canonical service named, or ""
	// Inner are the known phrases inside a longer match ("maximum" in
	// "maximum size"): a note may say only part of the question's phrase.
	Inner []Match
}

// Compile analyses every term of rules with analyze and indexes them by
// their term sequences, so that inflected and differently written forms
// of a phrase ("Auto Scaling Groups", "auto-scaling group") meet.
func Compile(rules []Rule, analyze Analyzer) *Dictionary {
	d := newDictionary()
	d.Add(rules, analyze)
	return d
}

func analyzeAll(terms []string, analyze Analyzer) [][]string {
	var out [][]string
	for _, t := range terms {
		if a := analyze(t); len(a) > 0 {
			out = append(out, a)
		}
	}
	return out
}

func newDictionary() *Dictionary {
	return &Dictionary{entries: map[string]*entry{}, terms: map[string]bool{}, lengths: map[string][]int{}}
}

// entry returns the entry of the phrase from, making it when new.
func (d *Dictionary) entry(from []string) *entry {
	k := strings.Join(from, " ")
	if e := d.entries[k]; e != nil {
		return e
	}
	for _, t := range from {
		d.terms[t] = true
	}
	e := &entry{}
	d.entries[k] = e
	d.addLength(from[0], len(from))
	return e
}

// addLength notes that a phrase of n terms starts with first.
func (d *Dictionary) addLength(first string, n int) {
	ls := d.lengths[first]
	i := sort.Search(len(ls), func(i int) bool { return ls[i] <= n })
	if i < len(ls) && ls[i] == n {
		return
	}
	d.lengths[first] = slices.Insert(ls, i, n)
}

func (d *Dictionary) add(from []string, to [][]string, service string, weight float64) {
	e := d.entry(from)
	if service != "" && e.service == "" {
		e.service = service
	}
	e.alts = append(e.alts, to...)
	for range to {
		e.weights = append(e.weights, weight)
	}
}

// MaxAlternatives bounds the alternatives one phrase keeps (the built-in
// thesaurus needs 17 at most): each becomes a phrase query of every
// question that names the phrase, and files of many lines that share a
// term ("x, ec2" 100,000 times) would otherwise make that term cost
// seconds.
const MaxAlternatives = 64

// prune drops duplicate alternatives (keeping the highest weight) and
// those that contain the key or a shorter alternative: any note they match
// is matched already. It keeps the first MaxAlternatives of the rest,
// shortest first, then strongest, then in the order given. Alternatives are kept in a set, and each is checked
// by looking up its own runs of terms, so the cost grows with the number
// of alternatives, not its square or cube: a line of 2,000 alternatives
// gives each of its 2,000 phrases 2,000 alternatives.
func prune(key []string, alts [][]string, weights []float64) ([][]string, []float64) {
	idx := make([]int, len(alts))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool {
		a, b := idx[i], idx[j]
		if len(alts[a]) != len(alts[b]) {
			return len(alts[a]) < len(alts[b])
		}
		return weights[a] > weights[b]
	})
	kept := map[string]bool{strings.Join(key, " "): true}
	var out [][]string
	var ws []float64
	for _, i := range idx {
		if len(out) == MaxAlternatives {
			break
		}
		a := alts[i]
		if holdsAny(a, kept) {
			continue
		}
		kept[strings.Join(a, " ")] = true
		out = append(out, a)
		ws = append(ws, weights[i])
	}
	return out, ws
}

// holdsAny reports whether some contiguous run of seq, seq included, is
// in set.
func holdsAny(seq []string, set map[string]bool) bool {
	for i := range seq {
		for j := i + 1; j <= len(seq); j++ {
			if set[strings.Join(seq[i:j], " ")] {
				return true
			}
		}
	}
	return false
}

// Expand finds the known words and phrases in terms, longest first; a
// match wholly inside an earlier, longer one is left out.
func (d *Dictionary) Expand(terms []string) []Match {
	var out []Match
	covered := 0
	for i := range terms {
		for _, n := range d.lengths[terms[i]] {
			if i+n > len(terms) {
				continue
			}
			e := d.entries[strings.Join(terms[i:i+n], " ")]
			if e == nil {
				continue
			}
			if i+n > covered {
				m := Match{Start: i, End: i + n, Alts: e.alts, Weights: e.weights, Service: e.service}
				m.Inner = d.inner(terms, i, i+n)
				out = append(out, m)
				covered = i + n
			}
			break
		}
	}
	return out
}

// inner returns the known phrases strictly inside terms[start:end].
func (d *Dictionary) inner(terms []string, start, end int) []Match {
	var out []Match
	for i := start; i < end; i++ {
		for _, n := range d.lengths[terms[i]] {
			j := i + n
			if j > end || i == start && j == end {
				continue
			}
			if e := d.entries[strings.Join(terms[i:j], " ")]; e != nil {
				out = append(out, Match{Start: i, End: j, Alts: e.alts, Weights: e.weights, Service: e.service})
			}
		}
	}
	return out
}

// Service returns the canonical service that the analysed phrase names
// exactly, or "".
func (d *Dictionary) Service(terms []string) string {
	if e := d.entries[strings.Join(terms, " ")]; e != nil {
		return e.service
	}
	return ""
}

// Known reports whether term is part of any phrase the dictionary knows.
func (d *Dictionary) Known(term string) bool { return d.terms[term] }

// Len returns the number of distinct phrases the dictionary knows.
func (d *Dictionary) Len() int { return len(d.entries) }
