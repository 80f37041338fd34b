package synonyms

import (
	"sort"
	"strings"
)

// Analyzer turns a word or phrase into the sequence of terms the index
// holds for it (lower-cased, stemmed). Callers pass their own.
type Analyzer func(string) []string

// Dictionary is a compiled thesaurus, ready to expand analysed questions.
type Dictionary struct {
	entries map[string]*entry // phrase key (terms joined by " ") -> expansion
	terms   map[string]bool   // every term of every phrase in entries
	maxLen  int               // most terms of a phrase in entries
	// table holds the phrases of a decoded dictionary, looked up in
	// place; entries then holds those added since, which win.
	table *table
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
	d := &Dictionary{entries: map[string]*entry{}, terms: map[string]bool{}}
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

func (d *Dictionary) add(from []string, to [][]string, service string, weight float64) {
	k := strings.Join(from, " ")
	for _, t := range from {
		d.terms[t] = true
	}
	e := d.entries[k]
	if e == nil {
		e = &entry{}
		if t := d.tableGet(k); t != nil {
			e = &entry{alts: append([][]string(nil), t.alts...), weights: append([]float64(nil), t.weights...), service: t.service}
		}
		d.entries[k] = e
	}
	if service != "" && e.service == "" {
		e.service = service
	}
	e.alts = append(e.alts, to...)
	for range to {
		e.weights = append(e.weights, weight)
	}
	if len(from) > d.maxLen {
		d.maxLen = len(from)
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

// Expand finds the known words and phrases in terms, longest first; a
// match wholly inside an earlier, longer one is left out.
func (d *Dictionary) Expand(terms []string) []Match {
	var out []Match
	covered := 0
	for i := range terms {
		n, e := d.longest(terms, i)
		if e != nil && i+n > covered {
			m := Match{Start: i, End: i + n, Alts: e.alts, Weights: e.weights, Service: e.service}
			m.Inner = d.inner(terms, i, i+n)
			out = append(out, m)
			covered = i + n
		}
	}
	return out
}

// longest returns the longest phrase at terms[i:] and its length.
func (d *Dictionary) longest(terms []string, i int) (int, *entry) {
	best, be := 0, (*entry)(nil)
	for n := min(d.maxLen, len(terms)-i); n >= 1; n-- {
		if e := d.entries[strings.Join(terms[i:i+n], " ")]; e != nil {
			best, be = n, e
			break
		}
	}
	if d.table != nil {
		if n, e := d.table.longest(terms[i:]); n > best {
			best, be = n, e
		}
	}
	return best, be
}

// get returns the entry of a phrase key, or nil.
func (d *Dictionary) get(key string) *entry {
	if e := d.entries[key]; e != nil {
		return e
	}
	return d.tableGet(key)
}

func (d *Dictionary) tableGet(key string) *entry {
	if d.table == nil {
		return nil
	}
	return d.table.get(key)
}

// inner returns the known phrases strictly inside terms[start:end].
func (d *Dictionary) inner(terms []string, start, end int) []Match {
	var out []Match
	for i := start; i < end; i++ {
		for j := end; j > i; j-- {
			if i == start && j == end {
				continue
			}
			if e := d.get(strings.Join(terms[i:j], " ")); e != nil {
				out = append(out, Match{Start: i, End: j, Alts: e.alts, Weights: e.weights, Service: e.service})
			}
		}
	}
	return out
}

// Service returns the canonical service that the analysed phrase names
// exactly, or "".
func (d *Dictionary) Service(terms []string) string {
	if e := d.get(strings.Join(terms, " ")); e != nil {
		return e.service
	}
	return ""
}

// Known reports whether term is part of any phrase the dictionary knows.
func (d *Dictionary) Known(term string) bool {
	return d.terms[term] || (d.table != nil && d.table.hasTerm(term))
}

// Len returns the number of distinct phrases the dictionary knows.
func (d *Dictionary) Len() int {
	if d.table == nil {
		return len(d.entries)
	}
	n := d.table.count
	for k := range d.entries {
		if d.table.find(k) < 0 {
			n++
		}
	}
	return n
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
