package check

import (
	"errors"
	"strings"

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
	e    *search.Engine
	docs []checkDoc
	// text and ctx list, for each term, the notes whose text or whose
	// headings hold it, in order: an option's words are looked up only in
	// the notes that can hold them, so a check costs what its words find,
	// not the size of the notes times the number of words.
	text, ctx map[string][]int
}

// checkDoc is a note's terms, as option words are looked up in them.
type checkDoc struct {
	text, ctx termsOf // its text; its headings and parent items
}

// New prepares to check options against e's notes.
func New(e *search.Engine) *Checker {
	snippets := e.Snippets()
	c := &Checker{e: e, docs: make([]checkDoc, len(snippets)), text: map[string][]int{}, ctx: map[string][]int{}}
	ctxs := map[string]termsOf{} // notes of one section share their headings
	for i, s := range snippets {
		ctx := strings.Join(append(append([]string{}, s.Heading...), s.Context...), " / ")
		if _, ok := ctxs[ctx]; !ok {
			ctxs[ctx] = analyzeTerms(ctx)
		}
		c.docs[i] = checkDoc{text: analyzeTerms(s.Text), ctx: ctxs[ctx]}
		for t := range c.docs[i].text.set {
			c.text[t] = append(c.text[t], i)
		}
		for t := range c.docs[i].ctx.set {
			c.ctx[t] = append(c.ctx[t], i)
		}
	}
	return c
}

// Check weighs each option of q by the notes that hold its words, most
// of all notes the stem finds. Words every option shares, or that the
// stem already says, count less: they do not tell options apart.
func (c *Checker) Check(q *Question) (*Result, error) {
	if len(q.Options) > MaxOptions {
		return nil, tooMany(len(q.Options))
	}
	rel, covered, unknown, err := c.stemRelevance(q.Stem)
	if err != nil {
		return nil, err
	}
	stem := newCheckDoc(q.Stem)
	optDocs := make([]checkDoc, len(q.Options))
	for i, o := range q.Options {
		optDocs[i] = newCheckDoc(o.Text)
	}
	res := &Result{Question: q, Ask: ParseAsk(q.Stem), Covered: covered, Unknown: unknown}
	need := needSet(res.Ask.Needs)
	feats := make([][]feature, len(q.Options))
	for i, o := range q.Options {
		feats[i] = c.features(o.Text, i, optDocs, stem)
	}
	for i, o := range q.Options {
		ev := OptionEvidence{Option: o}
		ev.Support, ev.Against = c.evidence(feats[i], rel, need, c.situation(stem, optDocs[i]))
		res.Options = append(res.Options, ev)
	}
	settle(res.Options, q.Choose, about(res.Options, optDocs, c.docs))
	rank(res)
	return res, nil
}

// stemRelevance scores the notes the stem finds from 0 to 1, best 1, and
// says whether they cover the stem's subject (search.Ranking.Covered)
// and which of its words no note mentions. A stem with nothing to
// search (only option-like lines) counts as covered: the options decide.
func (c *Checker) stemRelevance(stem string) (rel map[int]float64, covered bool, unknown []string, err error) {
	rel = map[int]float64{}
	ranked, err := c.e.Rank(stem, search.Options{Limit: stemResults, NoExpand: true, Terms: true})
	if errors.Is(err, search.ErrNothingToSearch) {
		return rel, true, nil, nil
	}
	if err != nil {
		return nil, false, nil, err
	}
	if !ranked.Covered() {
		covered, unknown = false, c.e.Answer(ranked).Unknown
	} else {
		covered = true
	}
	if len(ranked.Hits) == 0 {
		return rel, covered, unknown, nil
	}
	top := ranked.Hits[0].Score
	for _, r := range ranked.Hits {
		if top > 0 && r.Index >= 0 && r.Index < len(c.docs) {
			rel[r.Index] = r.Score / top
		}
	}
	return rel, covered, unknown, nil
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
