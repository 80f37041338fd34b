package check

import (
	"math"
	"slices"
	"sort"

	"github.com/crib-dev/crib/search/analysis"
)

const (
	// candidateNotes is how many of an option's best notes are weighed
	// for contrast and negative evidence.
	candidateNotes = 6
	// sharedWeight is what a note counts for an option when another
	// option holds more of it.
	sharedWeight = 0.5
	// againstWeight scales the best note against an option, subtracted
	// from its best support. Measured on the exam set at 0, 0.2 and 0.5 it
	// moved top-1 by about a question in a hundred either way; it stays
	// small so that a note against an option is shown and weighs a little.
	againstWeight = 0.2
	// needBoost raises a note that says an option meets the stem's need.
	needBoost = 0.25
	// againstWindow is how many bytes around a word of the situation a
	// negation must stand to say the option does not fit it.
	againstWindow = 30
)

// negationRE finds words that turn a note against what it names (see
// denies for which words each one denies).
// passiveRE is what follows a negation that denies the words before it:
// "automatic rotation is not needed".
var passiveRE = lazyRE(`^\s+(be\s+)?(needed|required|necessary|supported|possible|recommended|allowed|available|enough|used|suitable|designed)\b`)

var negationRE = lazyRE(`(?i)\b(no longer|no|not|cannot|can't|doesn't|don't|isn't|aren't|won't|never|unsupported|instead of|rather than)\b`)

// evidence finds the notes for an option's features: the best few that
// support it, and those among them that name it in a sentence denying
// a word of the situation.
func (c *Checker) evidence(feats []feature, rel map[int]float64, need, situation map[string]bool) (support, against []Support) {
	total := 0.0
	for _, f := range feats {
		total += f.weight
	}
	if total == 0 {
		return nil, nil
	}
	norm := math.Pow(total, lengthPower)
	var cands []int
	for _, f := range feats {
		cands = append(cands, c.holders(f, false)...)
	}
	slices.Sort(cands)
	var found []Support
	for _, i := range slices.Compact(cands) {
		sum, inText := c.holding(feats, c.docs[i])
		if !inText {
			continue // a note that names the option only in its headings shows nothing
		}
		s := sum / norm * (stemFloor + rel[i]) / (1 + stemFloor)
		if needBoost > 0 && c.docs[i].holdsAny(need) {
			s *= 1 + needBoost
		}
		found = append(found, Support{Snippet: c.e.Snippets()[i], Score: s, doc: i})
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].Score > found[j].Score })
	found = found[:min(len(found), candidateNotes)]
	for _, s := range found {
		s.Matches = featureSpans(s.Snippet.Text, feats)
		if rel[s.doc] > 0 && denies(s.Snippet.Text, situation) {
			against = append(against, s)
		} else {
			support = append(support, s)
		}
	}
	return support, against
}

// holding sums the weight of the features d holds, and says whether its
// text holds any that counts: one that is not exam boilerplate, so that
// "Amazon" alone does not make every note evidence for "Amazon Polly".
func (c *Checker) holding(feats []feature, d checkDoc) (float64, bool) {
	sum, inText := 0.0, false
	for _, f := range feats {
		m, t := f.match(d)
		sum += f.weight * m
		inText = inText || (t && f.weight > 0 && !f.boilerplate())
	}
	return sum, inText
}

func (d checkDoc) holdsAny(terms map[string]bool) bool {
	for t := range terms {
		if d.text.set[t] {
			return true
		}
	}
	return false
}

// situation is what the stem says that the option does not: the words a
// note must deny to speak against the option.
func (c *Checker) situation(stem, opt checkDoc) map[string]bool {
	out := map[string]bool{}
	for t := range stem.text.set {
		if !opt.text.set[t] && !analysis.IsBoilerplate(t) {
			out[t] = true
		}
	}
	return out
}

// denies reports whether text negates a word of the situation: a
// negation within againstWindow bytes before it, or after it when a
// passive predicate follows the negation.
func denies(text string, situation map[string]bool) bool {
	negs := negationRE().FindAllStringIndex(text, -1)
	if len(negs) == 0 {
		return false
	}
	for _, t := range analysis.Analyze(text) {
		if !situation[t.Term] {
			continue
		}
		for _, n := range negs {
			// A negation denies what follows it ("cannot rotate",
			// "never passes"), and what precedes it only when a passive
			// predicate follows ("rotation is not needed"): "the new
			// instances never pass" does not deny the instances.
			after := t.Start >= n[1] && t.Start-n[1] <= againstWindow
			before := t.End <= n[0] && n[0]-t.End <= againstWindow && passiveRE().MatchString(text[n[1]:])
			if after || before {
				return true
			}
		}
	}
	return false
}

// settle scores each option once every option's notes are known: a note
// several options hold counts fully only for the one it is about (subject,
// see about) or, failing that, the one it supports best,
// and the best note against an option is subtracted. When the question
// asks for several options a note naming two of them (a list of targets)
// may well support both: it is marked shared but counts in full.
func settle(opts []OptionEvidence, choose int, subject map[int]int) {
	shared := sharedWeight
	if choose > 1 {
		shared = 1
	}
	best := map[int]int{} // note -> option holding it best
	for i, o := range opts {
		for _, s := range o.Support {
			if j, ok := subject[s.doc]; ok {
				best[s.doc] = j
				continue
			}
			if j, ok := best[s.doc]; !ok || scoreOn(opts[j], s.doc) < s.Score {
				best[s.doc] = i
			}
		}
	}
	for i := range opts {
		o := &opts[i]
		for k := range o.Support {
			s := &o.Support[k]
			if j := best[s.doc]; j != i {
				s.SharedWith = append(s.SharedWith, opts[j].Letter)
				s.Score *= shared
			}
		}
		sort.SliceStable(o.Support, func(a, b int) bool { return o.Support[a].Score > o.Support[b].Score })
		o.Support = o.Support[:min(len(o.Support), maxSupport)]
		o.Against = o.Against[:min(len(o.Against), 1)]
		if len(o.Support) > 0 {
			o.Score = o.Support[0].Score
		}
		if len(o.Against) > 0 {
			o.Score = max(0, o.Score-againstWeight*o.Against[0].Score)
		}
	}
}

func scoreOn(o OptionEvidence, doc int) float64 {
	for _, s := range o.Support {
		if s.doc == doc {
			return s.Score
		}
	}
	return 0
}

// rank orders the options to consider, strongest first or, for a NOT /
// EXCEPT question, weakest first, and picks as many as the question asks
// when the notes cover its stem.
func rank(res *Result) {
	o := res.Options
	if res.Ask.Negative {
		sort.SliceStable(o, func(i, j int) bool { return o[i].Score < o[j].Score })
	} else {
		sort.SliceStable(o, func(i, j int) bool { return o[i].Score > o[j].Score })
	}
	if !res.Covered {
		return // the notes do not cover the stem: their evidence picks nothing
	}
	for i := range o[:min(len(o), max(res.Question.Choose, 1))] {
		o[i].Picked = true
	}
}
