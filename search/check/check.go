package check

import (
	"errors"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search"
	"github.com/crib-dev/crib/search/analysis"
)

// Weights of option evidence.
const (
	// stemFloor is what a note that the stem did not find still counts,
	// against 1 + its relevance for a note the stem found.
	stemFloor = 0.25
	// echoWeight scales option words that the stem already holds.
	echoWeight = 0.5
	// synonymMatch and contextMatch scale a word found through the
	// thesaurus, or only in a note's headings and parent items.
	synonymMatch = 0.8
	contextMatch = 0.5
	// lengthPower softens the advantage of long options: evidence is
	// divided by the option's total weight raised to it.
	lengthPower = 0.75
	// stemResults is how many notes the stem's search looks at.
	stemResults = 60
	// maxSupport bounds the note lines shown for one option.
	maxSupport = 2
)

// Checker weighs answer options against an engine's notes. Build one per
// engine and reuse it: it analyses every note once.
type Checker struct {
	e       *search.Engine
	docs    []checkDoc
	byPlace map[string]int // placeKey -> index in docs
}

// checkDoc is a note's terms, as option words are looked up in them.
type checkDoc struct {
	text, ctx termsOf // its text; its headings and parent items
}

// New prepares to check options against e's notes.
func New(e *search.Engine) *Checker {
	snippets := e.Snippets()
	c := &Checker{e: e, docs: make([]checkDoc, len(snippets)), byPlace: map[string]int{}}
	ctxs := map[string]termsOf{} // notes of one section share their headings
	for i, s := range snippets {
		c.byPlace[placeKey(s)] = i
		ctx := strings.Join(append(append([]string{}, s.Heading...), s.Context...), " / ")
		if _, ok := ctxs[ctx]; !ok {
			ctxs[ctx] = analyzeTerms(ctx)
		}
		c.docs[i] = checkDoc{text: analyzeTerms(s.Text), ctx: ctxs[ctx]}
	}
	return c
}

// newCheckDoc analyses text that has no headings: an option or a stem.
func newCheckDoc(text string) checkDoc { return checkDoc{text: analyzeTerms(text)} }

// termsOf is analysed text: its terms in order (compound parts only) and
// the set of all its terms.
type termsOf struct {
	seq []string
	set map[string]bool
}

func analyzeTerms(text string) termsOf {
	t := termsOf{set: map[string]bool{}}
	for _, tok := range analysis.Analyze(text) {
		t.set[tok.Term] = true
		if !tok.Whole {
			t.seq = append(t.seq, tok.Term)
		}
	}
	return t
}

// feature is one thing an option says: a word, or a phrase the
// thesaurus knows, with the term sequences that stand for it.
type feature struct {
	alts   [][]string // alts[0] is the option's own wording
	weight float64
}

// match says how well d holds f: 1 in its text as written, less through
// a synonym or only in its headings, 0 not at all; and whether the text
// itself holds it.
func (f feature) match(d checkDoc) (float64, bool) {
	best, inText := 0.0, false
	for i, alt := range f.alts {
		m := 0.0
		switch {
		case holds(d.text, alt):
			m, inText = 1, true
		case holds(d.ctx, alt):
			m = contextMatch
		}
		if i > 0 {
			m *= synonymMatch
		}
		best = max(best, m)
	}
	return best, inText
}

// matches reports whether d holds f anywhere.
func (f feature) matches(d checkDoc) bool {
	m, _ := f.match(d)
	return m > 0
}

func holds(t termsOf, alt []string) bool {
	if len(alt) == 1 {
		return t.set[alt[0]]
	}
	for i := 0; i+len(alt) <= len(t.seq); i++ {
		if slices.Equal(t.seq[i:i+len(alt)], alt) {
			return true
		}
	}
	return false
}

// Check weighs each option of q by the notes that hold its words, most
// of all notes the stem finds. Words every option shares, or that the
// stem already says, count less: they do not tell options apart.
func (c *Checker) Check(q *Question) (*Result, error) {
	rel, err := c.stemRelevance(q.Stem)
	if err != nil {
		return nil, err
	}
	stem := newCheckDoc(q.Stem)
	optDocs := make([]checkDoc, len(q.Options))
	for i, o := range q.Options {
		optDocs[i] = newCheckDoc(o.Text)
	}
	res := &Result{Question: q}
	for i, o := range q.Options {
		feats := c.features(o.Text, i, optDocs, stem)
		res.Options = append(res.Options, c.weigh(o, feats, rel))
	}
	sort.SliceStable(res.Options, func(i, j int) bool { return res.Options[i].Score > res.Options[j].Score })
	return res, nil
}

// stemRelevance scores the notes the stem finds from 0 to 1, best 1.
func (c *Checker) stemRelevance(stem string) (map[int]float64, error) {
	rel := map[int]float64{}
	ranked, err := c.e.Rank(stem, search.Options{Limit: stemResults})
	if errors.Is(err, search.ErrNothingToSearch) || (err == nil && len(ranked.Hits) == 0) {
		return rel, nil
	}
	if err != nil {
		return nil, err
	}
	top := ranked.Hits[0].Score
	for _, r := range ranked.Hits {
		if i, ok := c.byPlace[placeKey(r.Snippet)]; ok && top > 0 {
			rel[i] = r.Score / top
		}
	}
	return rel, nil
}

// placeKey identifies a snippet by where it stands and what it says.
func placeKey(s corpus.Snippet) string {
	return s.Source + "\x00" + strconv.Itoa(s.Line) + "\x00" + s.Text
}

// features lists what option i says, each word and known phrase once,
// weighted by how rare it is in the notes and how few other options and
// how little of the stem share it.
func (c *Checker) features(text string, i int, opts []checkDoc, stem checkDoc) []feature {
	var out []feature
	seen := map[string]bool{}
	add := func(alts [][]string) {
		k := strings.Join(alts[0], " ")
		if seen[k] {
			return
		}
		seen[k] = true
		f := feature{alts: alts}
		shared := 0
		for j, o := range opts {
			if j != i && f.matches(o) {
				shared++
			}
		}
		f.weight = c.idf(f) * float64(len(opts)-1-shared) / float64(max(len(opts)-1, 1))
		if f.matches(stem) {
			f.weight *= echoWeight
		}
		if analysis.IsBoilerplate(alts[0][0]) && len(alts[0]) == 1 {
			f.weight *= search.BoilerplateWeight
		}
		if f.weight > 0 {
			out = append(out, f)
		}
	}
	seq := analysis.PhraseTerms(text)
	syn := map[string][][]string{}
	for _, m := range c.e.Expand(seq) {
		if m.End-m.Start > 1 {
			add(append([][]string{seq[m.Start:m.End]}, m.Alts...))
		} else {
			syn[seq[m.Start]] = m.Alts
		}
	}
	for _, t := range analysis.Analyze(text) {
		add(append([][]string{{t.Term}}, syn[t.Term]...))
	}
	return out
}

// idf is the inverse document frequency of a feature in the notes, BM25
// style.
func (c *Checker) idf(f feature) float64 {
	df := 0
	for _, d := range c.docs {
		if f.matches(d) {
			df++
		}
	}
	n := float64(len(c.docs))
	return math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
}

// weigh scores an option by its best notes: the weight of its features
// each note holds, over the option's total weight, times how much the
// stem's search found the note.
func (c *Checker) weigh(o Option, feats []feature, rel map[int]float64) OptionEvidence {
	total := 0.0
	for _, f := range feats {
		total += f.weight
	}
	ev := OptionEvidence{Option: o}
	if total == 0 {
		return ev
	}
	norm := math.Pow(total, lengthPower)
	var found []Support
	for i, d := range c.docs {
		sum, inText := 0.0, false
		for _, f := range feats {
			m, t := f.match(d)
			sum += f.weight * m
			inText = inText || (t && f.weight > 0)
		}
		if !inText {
			continue // a note that names the option only in its headings shows nothing
		}
		s := sum / norm * (stemFloor + rel[i]) / (1 + stemFloor)
		found = append(found, Support{Snippet: c.e.Snippets()[i], Score: s})
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].Score > found[j].Score })
	if len(found) > maxSupport {
		found = found[:maxSupport]
	}
	for i := range found {
		found[i].Matches = featureSpans(found[i].Snippet.Text, feats)
	}
	if len(found) > 0 {
		ev.Score = found[0].Score
	}
	ev.Support = found
	return ev
}

// featureSpans marks the words of text that the features matched, those
// found through a synonym apart.
func featureSpans(text string, feats []feature) []search.Span {
	own, syn := map[string]bool{}, map[string]bool{}
	for _, f := range feats {
		for i, alt := range f.alts {
			for _, t := range alt {
				if i == 0 {
					own[t] = true
				} else {
					syn[t] = true
				}
			}
		}
	}
	var out []search.Span
	lastEnd := -1
	for _, t := range analysis.Analyze(text) {
		if t.Start < lastEnd || !(own[t.Term] || syn[t.Term]) {
			continue
		}
		out = append(out, search.Span{Start: t.Start, End: t.End, Synonym: !own[t.Term]})
		lastEnd = t.End
	}
	return out
}
