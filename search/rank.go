package search

import (
	"github.com/blevesearch/bleve/v2/search/query"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/crib-dev/crib/search/analysis"
	"github.com/crib-dev/crib/search/score"
)

// How the engine weighs the concepts it makes.
const (
	foundSynonym = 0.85 // factor when only a synonym was found
	repeatBonus  = 0.25 // share of its weight a concept gains when repeated
	innerPhrase  = 0.5  // factor for saying only part of a phrase ("max" for "maximum size")
	stemOfName   = 0.8  // a name's stem, when the notes also quote the name as typed
	// serviceConcept raises a named AWS service above its rarity: notes are
	// written per service, so the service a question names marks the
	// section its answer sits in, even where the name is common.
	serviceConcept = 2.0
	// coverageShare is how much of the final score comes from how much of
	// the question a note covers; the rest is bleve's BM25 score.
	coverageShare = 0.8
	// listAnswer raises a list intro with its items when the question asks
	// for a list ("what are the lifecycle hooks"): the list is the answer.
	listAnswer = 1.4
)

// concepts splits the question into concepts: each thesaurus match, and
// each word outside any match.
func (e *Engine) concepts(p *plan) []score.Concept {
	if p.concepts == nil {
		p.concepts = e.makeConcepts(p)
	}
	return p.concepts
}

// makeConcepts builds the concepts of a question (see concepts).
func (e *Engine) makeConcepts(p *plan) []score.Concept {
	var out []score.Concept
	at := map[string]int{} // concept key -> index in out
	repeated := map[int]bool{}
	add := func(key string, c score.Concept) {
		if i, ok := at[key]; ok {
			// A concept the question repeats matters a little more, once:
			// a question saying "zebra" a thousand times is not a
			// thousand times about zebras.
			if !repeated[i] {
				out[i].Weight += repeatBonus * c.Weight
				repeated[i] = true
			}
			return
		}
		at[key] = len(out)
		out = append(out, c)
	}
	covered := make([]bool, len(p.seq))
	for _, n := range p.names {
		e.addName(p, n, covered, add)
	}
	for _, m := range p.matches {
		if slices.Contains(covered[m.Start:m.End], true) {
			continue // part of a name, which is its own concept
		}
		c := score.Concept{Forms: [][]string{p.seq[m.Start:m.End]}, Scales: []float64{1}, Label: strings.Join(p.seq[m.Start:m.End], " ")}
		// A name keeps the forms the notes write it in.
		if m.End-m.Start == 1 && p.named[m.Start] {
			c.Scales[0] = stemOfName
		}
		for i := m.Start; i < m.End; i++ {
			for _, f := range p.literal[i] {
				c.Forms = append(c.Forms, f)
				c.Scales = append(c.Scales, 1)
			}
		}
		c.Own = len(c.Forms)
		c.Forms = append(c.Forms, m.Alts...)
		for j, w := range m.Weights {
			if e.partService(m.Alts[j], p.seq[m.Start:m.End], m.Service) {
				w *= innerPhrase
			}
			c.Scales = append(c.Scales, foundSynonym*w)
		}
		for _, im := range m.Inner {
			if m.Service != "" && im.Service == "" {
				// A service's name is not said by a word of it: a note
				// saying "application" says nothing of App Mesh. A
				// service inside it (CloudWatch Logs in CloudWatch Logs
				// Insights) is.
				continue
			}
			// Part of the phrase, said in the question's words or a synonym.
			c.Forms = append(c.Forms, p.seq[im.Start:im.End])
			c.Scales = append(c.Scales, innerPhrase)
			for j, alt := range im.Alts {
				c.Forms = append(c.Forms, alt)
				c.Scales = append(c.Scales, innerPhrase*foundSynonym*im.Weights[j])
			}
		}
		heaviest, sum := -1, 0.0
		for i := m.Start; i < m.End; i++ {
			covered[i] = true
			if w := e.termWeight(p.seq[i]); heaviest < 0 || w > c.Weight {
				heaviest, c.Weight = i, w
			}
		}
		for i := m.Start; i < m.End; i++ {
			if i != heaviest {
				sum += e.termWeight(p.seq[i])
			}
		}
		if c.Weight > 0 {
			c.Spread = sum / c.Weight
		}
		key := c.Label
		if m.Service != "" {
			key = "service:" + m.Service
			c.Weight *= serviceConcept
			c.Service = true
		}
		add(key, c)
	}
	for i, t := range p.seq {
		if !covered[i] {
			c := score.Concept{Forms: [][]string{{t}}, Scales: []float64{1}, Weight: e.termWeight(t), Label: t}
			if p.named[i] {
				c.Scales[0] = stemOfName
			}
			for _, f := range p.literal[i] {
				c.Forms = append(c.Forms, f)
				c.Scales = append(c.Scales, 1)
			}
			c.Own = len(c.Forms)
			add(t, c)
		}
	}
	e.addLoosePairs(p, out, at)
	for i := range out {
		f := out[i].Forms[0]
		out[i].Anchor = out[i].Service || score.IsAnchor(f) && !negation(f)
	}
	// Heaviest first, so shared evidence goes to the concept it says most.
	sort.SliceStable(out, func(i, j int) bool { return out[i].Weight > out[j].Weight })
	return out
}

// addName makes a compound name of the question one concept, said by its
// whole form or its parts in a row; the thesaurus does not split it.
func (e *Engine) addName(p *plan, n name, covered []bool, add func(string, score.Concept)) {
	if n.parts < 2 || n.start+n.parts > len(p.seq) {
		return
	}
	for i := n.start; i < n.start+n.parts; i++ {
		if covered[i] {
			return
		}
	}
	form := p.seq[n.start : n.start+n.parts]
	c := score.Concept{Forms: [][]string{form}, Scales: []float64{1}, Label: strings.Join(form, " ")}
	for i := n.start; i < n.start+n.parts; i++ {
		covered[i] = true
		c.Weight = max(c.Weight, e.termWeight(p.seq[i]))
		for _, f := range p.literal[i] {
			c.Forms = append(c.Forms, f)
			c.Scales = append(c.Scales, 1)
		}
	}
	c.Own = len(c.Forms)
	add(c.Label, c)
}

// termWeight is a term's inverse document frequency, scaled down for
// exam boilerplate and negations (analysis.IsNegation): they say how a
// question is put, not what it is about, and notes use them rarely, so
// by rarity alone "why doesnt the pipeline start" was about "doesn't".
func (e *Engine) termWeight(t string) float64 {
	n := float64(e.snippets.Len())
	df := float64(e.voc.DF(t))
	w := math.Log(1 + (n-df+0.5)/(df+0.5))
	if analysis.IsBoilerplate(t) || analysis.IsNegation(t) {
		w *= BoilerplateWeight
	}
	return w
}

// negation reports whether form is a negation alone: it says how the
// question is put, so it is never what the notes lack ("isnt", "cant").
func negation(form []string) bool {
	return len(form) == 1 && analysis.IsNegation(form[0])
}

// rerank blends bleve's BM25 score (normalised to the best hit) with how
// much of the question each result covers, then orders by the final score
// and source order. With explain, each result's Explain lists what every
// clause added; the contributions sum to its score. Each candidate is
// analysed once, through docs. With lean, only the best hit gets its
// Confidence and Anchored: the expansion asks whether it alone covers
// the question.
func (e *Engine) rerank(p *plan, rs []Hit, docs *score.Docs, explain, lean bool) []Hit {
	if len(rs) == 0 {
		return rs
	}
	cs := e.concepts(p)
	top := rs[0].Score
	for _, r := range rs {
		top = max(top, r.Score)
	}
	avg := e.avg
	covs := make([]float64, len(rs))
	shares := make([][]Contribution, len(rs))
	best := 0.0
	drop := make([]bool, len(rs))
	subject, known := score.Held(score.Subject(cs), e.voc.DF, e.holds(p), func(c score.Concept) bool { return p.isCorrection(c.Label) }, p.isName)
	p.known = known
	// The question's words weigh by their IDF in the notes times their
	// subject weight, as in confidence: a word every question has
	// ("happen", "long") is rare in notes too, and by IDF alone
	// "what happens when a lambda function is throttled" put a note
	// where something happens first.
	weighed := score.Subject(cs)
	if p.termBoost > 0 {
		weighed = score.Termed(weighed, p.termBoost)
	}
	all := append(phraseWeighted(weighed), p.expansion...)
	for i := range rs {
		d := docs.Analyze(rs[i].Index, rs[i].Snippet)
		cov, ps := score.Coverage(all, d)
		covs[i] = cov * score.LengthNorm(len(d.Text), avg)
		if explain {
			shares[i] = contributions(ps, p)
		}
		if p.asksList && e.isList(rs[i].Index) {
			covs[i] *= listAnswer
		}
		best = max(best, covs[i])
		if !lean {
			own := score.Own(d)
			rs[i].Confidence, _ = score.Coverage(subject, own)
			rs[i].Anchored = score.Anchored(cs, own)
			// Expansion reorders the notes that say some of the question;
			// a note found by the added words alone (it covers none of the
			// subject) is left out. A lean ranking never expands.
			drop[i] = len(p.expansion) > 0 && rs[i].Confidence == 0
		}
	}
	if best == 0 {
		best = 1
	}
	for i := range rs {
		// Both shares are scaled to the best candidate, so each spans 0..1.
		bm25 := (1 - coverageShare) * rs[i].Score / top
		cov := coverageShare * covs[i] / best
		if explain {
			rs[i].Explain = append(scaleContributions(rs[i].Explain, bm25), scaleContributions(shares[i], cov)...)
			sortContributions(rs[i].Explain)
		}
		rs[i].Score = bm25 + cov
		if drop[i] {
			rs[i].Score = -1
		}
	}
	rs = slices.DeleteFunc(rs, func(h Hit) bool { return h.Score < 0 })
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].Score != rs[j].Score {
			return rs[i].Score > rs[j].Score
		}
		return less(rs[i].Snippet, rs[j].Snippet)
	})
	if lean && len(rs) > 0 {
		d := score.Own(docs.Analyze(rs[0].Index, rs[0].Snippet))
		rs[0].Confidence, _ = score.Coverage(subject, d)
		rs[0].Anchored = score.Anchored(cs, d)
	}
	return rs
}

// scaleContributions scales contributions so that they sum to total.
func scaleContributions(cs []Contribution, total float64) []Contribution {
	var sum float64
	for _, c := range cs {
		sum += c.Score
	}
	if sum == 0 {
		return cs
	}
	for i := range cs {
		cs[i].Score *= total / sum
	}
	return cs
}

// holds returns whether some note says a phrase of analysed terms, in a
// row, in any field a question searches; each phrase is asked once per
// question. A failed search counts as held, as before phrases were
// asked: it must not decline a question.
func (e *Engine) holds(p *plan) func([]string) bool {
	return func(form []string) bool {
		k := strings.Join(form, " ")
		if v, ok := p.phrases[k]; ok {
			return v
		}
		q := inAnyField(func(f string) query.Query { return query.NewPhraseQuery(form, f) })
		res, err := e.top(q, 1, false)
		v := err != nil || len(res.Hits) > 0
		if p.phrases == nil {
			p.phrases = map[string]bool{}
		}
		p.phrases[k] = v
		return v
	}
}

// unknown returns the words of the question's subject that no note holds
// in any form, but for words AWS writing uses too often to be what the
// notes lack (see namedForeign).
func (e *Engine) unknown(p *plan, declined bool) []string {
	var out, common []string
	for _, c := range e.concepts(p) {
		if c.Weight == 0 || negation(c.Forms[0]) || c.Known(e.voc.DF, e.holds(p)) || p.isCorrection(c.Label) {
			continue
		}
		if !c.Service && score.Foreign(c.Forms[0]) < namedForeign && p.dictionaryWords(c) {
			// A word AWS writing uses all the time ("see", "during",
			// "happens") is not what the notes lack: naming it hid the
			// words that are ("pizza", "3am"). A term no dictionary
			// lists is, however often AWS writes it ("ttl", "websockets",
			// "urls": trial 7 saw them left unnamed). When crib declines and no other word is
			// unknown, it is what the notes lack ("m5"; "rotate" in notes
			// about cooking), and it is named.
			lacking := e.lacking(c)
			if subject := subjectTerms(lacking); len(subject) > 0 {
				out = append(out, surfaces(p, subject))
				continue
			}
			if len(lacking) > 0 {
				common = append(common, lacking...)
			} else {
				common = append(common, c.Forms[0]...)
			}
			continue
		}
		terms := c.Forms[0] // a service's name is named whole: "session manager"
		if !c.Service {
			if lacking := e.lacking(c); len(lacking) > 0 && len(lacking) < len(terms) {
				// Of a phrase, only the words no note says: "install
				// packages" in notes saying install lacks "packages".
				terms = lacking
			} else {
				terms = slices.DeleteFunc(slices.Clone(terms), analysis.IsBoilerplate)
			}
		}
		if len(terms) == 0 {
			continue
		}
		out = append(out, surfaces(p, terms))
	}
	if len(out) == 0 && declined {
		for _, t := range common {
			if w := p.surface[t]; w != "" && !analysis.IsBoilerplate(t) && !slices.Contains(out, w) {
				out = append(out, w)
			}
		}
	}
	sort.Strings(out)
	return out
}

// subjectTerms returns the terms of ts that name a subject, though AWS
// writing uses them often: no word of everyday speech (see
// analysis.SubjectWeight: "happens", "way"), and none AWS writing uses so
// often that it says how rather than what ("one", "see", "during"). The
// notes that lack "vpn" or "router" lack what the question is about,
// however little the ranking weighs it (trial 11).
func subjectTerms(ts []string) []string {
	var out []string
	for _, t := range ts {
		if analysis.SubjectWeight(t) >= 1 && analysis.DomainFrequency(t) < namedCommon {
			out = append(out, t)
		}
	}
	return out
}

// namedCommon is how many times per million words AWS writing may use a
// subject word that unknown names: "vpn" and "password" (about 380) are
// named, "during" (700), "one" and "see" (thousands) are not.
const namedCommon = 500

// surfaces joins the question's words for terms ts.
func surfaces(p *plan, ts []string) string {
	words := make([]string, 0, len(ts))
	for _, t := range ts {
		words = append(words, p.surface[t])
	}
	return strings.Join(words, " ")
}

// lacking returns the terms of c's own words that no note holds.
func (e *Engine) lacking(c score.Concept) []string {
	var out []string
	for _, t := range c.Forms[0] {
		if e.voc.DF(t) == 0 && !analysis.IsBoilerplate(t) {
			out = append(out, t)
		}
	}
	return out
}

// dictionaryWords reports whether the question wrote every word of c as
// a dictionary word (see dictionaryWord), a short one typed in capitals
// ("TTL") being an acronym, not a word.
func (p *plan) dictionaryWords(c score.Concept) bool {
	for _, t := range c.Forms[0] {
		w := p.surface[t]
		if w == "" {
			continue
		}
		acronym := len(w) <= shortWord && strings.ToUpper(w) == w && strings.ToLower(w) != w
		if acronym || !dictionaryWord(w) {
			return false
		}
	}
	return true
}

// namedForeign is the least score.Foreign of a word unknown names: words
// AWS writing uses more than about 25 times per million are left out.
const namedForeign = 0.3

// missing returns the words of the question's subject that the snippet
// does not say, in the question's order: what a near miss leaves out.
func (e *Engine) missing(p *plan, d score.Doc) []string {
	var out []string
	for _, c := range e.concepts(p) {
		if c.Weight == 0 || c.Found(d).Value > 0 || !score.IsAnchor(c.Forms[0]) && !c.Service && !score.ContainsWeight(c.Forms[0], 0.5) && c.Known(e.voc.DF, e.holds(p)) {
			continue
		}
		var words []string
		for _, t := range c.Forms[0] {
			if !analysis.IsBoilerplate(t) {
				words = append(words, p.surface[t])
			}
		}
		if len(words) > 0 {
			out = append(out, strings.Join(words, " "))
		}
	}
	return out
}

// contributions turns coverage shares into explain lines.
func contributions(ps []score.Share, pl *plan) []Contribution {
	out := make([]Contribution, len(ps))
	for i, p := range ps {
		kind := KindWord
		switch {
		case pl.expanded[p.Origin]:
			kind = KindExpansion
		case p.Synonym:
			kind = KindSynonym
		}
		out[i] = Contribution{Share: ShareCoverage, Field: p.Field, Term: p.Term, Kind: kind, Origin: pl.asAsked(p.Origin), Score: p.Score}
	}
	return out
}

// asAsked gives a concept's label (its stems, space-separated) in the
// question's own words where the question wrote them ("someone deleted"
// for "someon delet"), a stem as it is where it wrote none.
func (p *plan) asAsked(label string) string {
	words := strings.Fields(label)
	for i, w := range words {
		if s := p.surface[w]; s != "" {
			words[i] = s
		}
	}
	return strings.Join(words, " ")
}

// isList reports whether snippet i introduces a list of at least three
// items.
func (e *Engine) isList(i int) bool {
	return introduces(e.snippets.Snippet(i).Text) && len(e.childIndices(i)) >= 3
}

// phraseWeight is the share of a phrase's other words' weight it gains in
// ranking (see phraseWeighted).
const phraseWeight = 0.25

// longQuestion is the fewest concepts a question must have for
// phraseWeighted to weigh its phrases up: in a short one a phrase is not
// lost among the words around it ("stream cloudwatch logs to lambda in
// near real time" put a note saying "near real time" but not Lambda
// first).
const longQuestion = 6

// phraseWeighted weighs each phrase of cs the question says in several
// words ("keep servers patched") a little above its heaviest word, by
// phraseWeight of the others' weight. A phrase the thesaurus knows is one
// concept, as heavy as its rarest word; the words of a long question
// around it count one concept each, so the longer the question, the less
// its phrase counted, and a note saying the scene's words (where the
// servers run, what they run) outranked the one saying what is asked.
// Confidence keeps the whole question's weights.
func phraseWeighted(cs []score.Concept) []score.Concept {
	n := 0
	for _, c := range cs {
		if c.Weight > 0 {
			n++
		}
	}
	if n < longQuestion {
		return cs
	}
	for i := range cs {
		cs[i].Weight *= 1 + phraseWeight*cs[i].Spread
	}
	return cs
}

// partService reports whether alt, a thesaurus alternative of phrase, is
// a service named by some of the phrase's own words other than the
// phrase's own service: "Aurora" for "Aurora Global Database". Such a
// note says part of the phrase, as the question's words alone would, and
// the literal must rank first (trial 13 saw "Aurora endpoints" above the
// note saying "Aurora Global Database").
func (e *Engine) partService(alt, phrase []string, own string) bool {
	if len(phrase) < 2 || len(alt) >= len(phrase) {
		return false
	}
	for _, t := range alt {
		if !slices.Contains(phrase, t) {
			return false
		}
	}
	s := e.th.Dict.Service(alt)
	return s != "" && s != own
}
