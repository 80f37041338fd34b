package index

import (
	"strings"

	"github.com/crib-dev/crib/search/analysis"
)

// tally counts a vocabulary while the notes are indexed. The maps of a
// Vocabulary took four lookups a word: the snippet's set of terms, the
// term's count, the word's term and, for a word seen before, its count of
// uses. A tally looks up each term and each word once, in a map to its
// record, and a term's record says which snippet last counted it.
type tally struct {
	terms map[string]int32 // term -> its record in df and last
	df    []int
	last  []uint32         // the stamp of the last snippet that counted the term
	words map[string]int32 // word, lower-cased as written -> its record in term and uses
	term  []string
	uses  []int
}

func newTally() *tally {
	return &tally{terms: map[string]int32{}, words: map[string]int32{}}
}

// countWith counts the words toks found in text, part of the snippet
// stamp, toks's postings in a being byToken when a is set:
// a postingsBuf remembers its term's record in the tally of its postings,
// the first tally to count with them, so a term is looked up in the
// tally's map once a worker, not for every token (a fifth of the tally's
// cost, which was a tenth of a build's).
func (c *tally) countWith(text string, toks []analysis.Token, stamp uint32, a *postings, byToken []*postingsBuf) {
	own := false
	if a != nil {
		if a.tally == nil {
			a.tally = c
		}
		own = a.tally == c
	}
	for k, t := range toks {
		var i int32
		var p *postingsBuf
		if own {
			p = byToken[k]
		}
		if p != nil && p.term > 0 {
			i = p.term - 1
		} else {
			var ok bool
			i, ok = c.terms[t.Term]
			if !ok {
				i = int32(len(c.df))
				c.terms[t.Term] = i
				c.df, c.last = append(c.df, 0), append(c.last, 0)
			}
			if p != nil {
				p.term = i + 1
			}
		}
		if c.last[i] != stamp {
			c.last[i] = stamp
			c.df[i]++
		}
		if t.Whole {
			continue // see Vocabulary.countSpan
		}
		w := strings.ToLower(text[t.Start:t.End])
		j, ok := c.words[w]
		if !ok {
			j = int32(len(c.uses))
			c.words[w] = j
			c.term, c.uses = append(c.term, t.Term), append(c.uses, 0)
		}
		c.uses[j]++
	}
}

// flushTally adds the tally's counts to v's maps and drops it.
func (v *Vocabulary) flushTally() {
	c := v.tally
	if c == nil {
		return
	}
	v.tally = nil
	for t, i := range c.terms {
		v.df[t] += c.df[i]
	}
	for w, j := range c.words {
		n := c.uses[j]
		if _, ok := v.surface[w]; ok {
			v.more[w] += n
			continue
		}
		if v.surface[w] = c.term[j]; n > 1 {
			v.more[w] += n - 1
		}
	}
}

// termEntries returns the tally's terms, unsorted.
func (c *tally) termEntries() []TermEntry {
	terms := make([]TermEntry, 0, len(c.terms))
	for t, i := range c.terms {
		terms = append(terms, TermEntry{t, uint32(min(c.df[i], 1<<32-1))})
	}
	return terms
}

// wordEntries returns the tally's words, unsorted.
func (c *tally) wordEntries() []WordEntry {
	words := make([]WordEntry, 0, len(c.words))
	for w, j := range c.words {
		words = append(words, WordEntry{w, c.term[j], uint32(min(c.uses[j], 1<<32-1))})
	}
	return words
}
