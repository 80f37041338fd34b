package search

import (
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search/analysis"
)

// concept is one idea of the question: a word, or a stretch of words the
// thesaurus knows, with every form that counts as saying it.
type concept struct {
	forms   [][]string // the question's own terms first, then synonyms
	scales  []float64  // scales[i] weighs forms[i]: 1 for the question's words
	weight  float64    // importance: rarity of its words times their weight
	own     int        // forms[:own] are the question's own words (0 means 1)
	service bool       // it names an AWS service
	// anchor marks a concept of the subject's own vocabulary: a service
	// or a word that AWS writing uses at least as much as people say it.
	// A note that says none of a question's anchors does not answer it.
	anchor bool
	label  string
}

// Where a concept is found counts for this much of its weight.
const (
	foundText     = 1.0
	foundParts    = 0.7
	foundContext  = 0.6
	foundHeading  = 0.45
	foundSynonym  = 0.85 // factor when only a synonym was found
	repeatBonus   = 0.25 // share of its weight a concept gains when repeated
	partialPhrase = 0.8  // factor for some of a phrase's words, by their share
	innerPhrase   = 0.5  // factor for saying only part of a phrase ("max" for "maximum size")
	reusedForm    = 0.25 // what a note word counts for a second concept
	stemOfName    = 0.8  // a name's stem, when the notes also quote the name as typed
	// serviceConcept raises a named AWS service above its rarity: notes are
	// written per service, so the service a question names marks the
	// section its answer sits in, even where the name is common.
	serviceConcept = 2.0
	// coverageShare is how much of the final score comes from how much of
	// the question a note covers; the rest is bleve's BM25 score.
	coverageShare = 0.8
)

// concepts splits the question into concepts: each thesaurus match, and
// each word outside any match.
func (e *Engine) concepts(p *plan) []concept {
	if p.concepts == nil {
		p.concepts = e.makeConcepts(p)
	}
	return p.concepts
}

// makeConcepts builds the concepts of a question (see concepts).
func (e *Engine) makeConcepts(p *plan) []concept {
	var out []concept
	at := map[string]int{} // concept key -> index in out
	add := func(key string, c concept) {
		if i, ok := at[key]; ok {
			// A concept the question repeats matters a little more.
			out[i].weight += repeatBonus * c.weight
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
		c := concept{forms: [][]string{p.seq[m.Start:m.End]}, scales: []float64{1}, label: strings.Join(p.seq[m.Start:m.End], " ")}
		// A name keeps the forms the notes write it in.
		if m.End-m.Start == 1 && p.named[m.Start] {
			c.scales[0] = stemOfName
		}
		for i := m.Start; i < m.End; i++ {
			for _, f := range p.literal[i] {
				c.forms = append(c.forms, f)
				c.scales = append(c.scales, 1)
			}
		}
		c.own = len(c.forms)
		c.forms = append(c.forms, m.Alts...)
		for _, w := range m.Weights {
			c.scales = append(c.scales, foundSynonym*w)
		}
		for _, im := range m.Inner {
			// Part of the phrase, said in the question's words or a synonym.
			c.forms = append(c.forms, p.seq[im.Start:im.End])
			c.scales = append(c.scales, innerPhrase)
			for j, alt := range im.Alts {
				c.forms = append(c.forms, alt)
				c.scales = append(c.scales, innerPhrase*foundSynonym*im.Weights[j])
			}
		}
		for i := m.Start; i < m.End; i++ {
			covered[i] = true
			c.weight = max(c.weight, e.termWeight(p.seq[i]))
		}
		key := c.label
		if m.Service != "" {
			key = "service:" + m.Service
			c.weight *= serviceConcept
			c.service = true
		}
		add(key, c)
	}
	for i, t := range p.seq {
		if !covered[i] {
			c := concept{forms: [][]string{{t}}, scales: []float64{1}, weight: e.termWeight(t), label: t}
			if p.named[i] {
				c.scales[0] = stemOfName
			}
			for _, f := range p.literal[i] {
				c.forms = append(c.forms, f)
				c.scales = append(c.scales, 1)
			}
			c.own = len(c.forms)
			add(t, c)
		}
	}
	for i := range out {
		out[i].anchor = out[i].service || isAnchor(out[i].forms[0])
	}
	// Heaviest first, so shared evidence goes to the concept it says most.
	sort.SliceStable(out, func(i, j int) bool { return out[i].weight > out[j].weight })
	return out
}

// addName makes a compound name of the question one concept, said by its
// whole form or its parts in a row; the thesaurus does not split it.
func (e *Engine) addName(p *plan, n name, covered []bool, add func(string, concept)) {
	if n.parts < 2 || n.start+n.parts > len(p.seq) {
		return
	}
	for i := n.start; i < n.start+n.parts; i++ {
		if covered[i] {
			return
		}
	}
	form := p.seq[n.start : n.start+n.parts]
	c := concept{forms: [][]string{form}, scales: []float64{1}, label: strings.Join(form, " ")}
	for i := n.start; i < n.start+n.parts; i++ {
		covered[i] = true
		c.weight = max(c.weight, e.termWeight(p.seq[i]))
		for _, f := range p.literal[i] {
			c.forms = append(c.forms, f)
			c.scales = append(c.scales, 1)
		}
	}
	c.own = len(c.forms)
	add(c.label, c)
}

// termWeight is a term's inverse document frequency, scaled down for
// exam boilerplate.
func (e *Engine) termWeight(t string) float64 {
	n := float64(e.snippets.Len())
	df := float64(e.vocab[t])
	w := math.Log(1 + (n-df+0.5)/(df+0.5))
	if analysis.IsBoilerplate(t) {
		w *= BoilerplateWeight
	}
	return w
}

// docTerms are the analysed fields of one snippet.
type docTerms struct {
	text, parts, context, heading []string
	names                         []string // whole forms of its names, each a term of its own
}

// analyzeDoc analyses a snippet as the index does: the words of its prose
// apart from the parts of its identifiers.
func analyzeDoc(s corpus.Snippet) docTerms {
	d := docTerms{
		context: analysis.PhraseTerms(strings.Join(s.Context, " / ")),
		heading: analysis.PhraseTerms(strings.Join(s.Heading, " / ")),
	}
	for _, t := range analysis.Analyze(s.Text) {
		switch {
		case t.Whole:
			d.names = append(d.names, t.Term)
		case t.Part:
			d.parts = append(d.parts, t.Term)
		default:
			d.text = append(d.text, t.Term)
		}
	}
	return d
}

// match is how a snippet says a concept: the share of the concept's
// weight it earns, and the form and field that earned it.
type match struct {
	value float64
	form  []string
	field string
	alias bool // a synonym, not the question's own words
}

// found says how well a snippet says a concept: 1 for its own words in the
// text, less for context, headings or synonyms only, and least for a
// phrase whose words are spread over the text and its context.
func (c concept) found(d docTerms) match {
	var best match
	for i, f := range c.forms {
		for _, fd := range []struct {
			name  string
			terms []string
			w     float64
		}{{FieldText, d.text, foundText}, {FieldText, d.names, foundText}, {FieldParts, d.parts, foundParts}, {FieldContext, d.context, foundContext}, {FieldHeading, d.heading, foundHeading}} {
			v := fd.w * hasForm(fd.terms, f) * c.scales[i]
			if v > best.value {
				best = match{value: v, form: f, field: fd.name, alias: i >= max(c.own, 1)}
			}
		}
	}
	if best.value == 0 && len(c.forms[0]) > 1 && !hasBoilerplate(c.forms[0]) && spread(c.forms[0], d) {
		best = match{value: foundContext * looseForm, form: c.forms[0], field: FieldContext}
	}
	if v, words := partial(c.forms[0], d.text); v > best.value {
		best = match{value: v, form: words, field: FieldText}
	}
	return best
}

// partial credits a note for some of the words of a phrase of the
// question ("success" of "report success or failure back"): their share of
// the phrase, times partialPhrase.
func partial(form, text []string) (float64, []string) {
	if len(form) < 2 {
		return 0, nil
	}
	var found []string
	content := 0
	for _, f := range form {
		if analysis.IsBoilerplate(f) {
			continue
		}
		content++
		if contains(text, []string{f}) {
			found = append(found, f)
		}
	}
	if content == 0 || len(found) == 0 {
		return 0, nil
	}
	return partialPhrase * float64(len(found)) / float64(content), found
}

// hasBoilerplate reports whether form holds a particle or padding word
// ("scale in"): such a phrase counts only as written, since its words
// found apart say nothing.
func hasBoilerplate(form []string) bool {
	for _, f := range form {
		if analysis.IsBoilerplate(f) {
			return true
		}
	}
	return false
}

// spread reports whether every word of form is in the snippet's text,
// context or headings, one place or another.
func spread(form []string, d docTerms) bool {
	for _, f := range form {
		w := []string{f}
		if !contains(d.text, w) && !contains(d.parts, w) && !contains(d.context, w) && !contains(d.heading, w) {
			return false
		}
	}
	return true
}

// looseForm is what a phrase counts for when its words all appear near
// each other but not as written; nearWords is how far apart they may be.
const (
	looseForm = 0.8
	nearWords = 3
)

// hasForm says how well terms hold form: 1 as a run of words, looseForm
// when its words stand close together (within a few words), else 0.
func hasForm(terms, form []string) float64 {
	if contains(terms, form) {
		return 1
	}
	if len(form) < 2 || hasBoilerplate(form) {
		return 0
	}
	window := len(form) + nearWords
	for i, t := range terms {
		if t != form[0] {
			continue
		}
		lo, hi := max(0, i-window), min(len(terms), i+window+1)
		near := true
		for _, f := range form[1:] {
			if !contains(terms[lo:hi], []string{f}) {
				near = false
				break
			}
		}
		if near {
			return looseForm
		}
	}
	return 0
}

// contains reports whether seq holds sub as a contiguous run.
func contains(seq, sub []string) bool {
	for i := 0; i+len(sub) <= len(seq); i++ {
		ok := true
		for j := range sub {
			if seq[i+j] != sub[j] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// coverage is the weighted share of the question's concepts a snippet
// says, and what each concept added to it.
func coverage(cs []concept, d docTerms) (float64, []Contribution) {
	var total float64
	for _, c := range cs {
		total += c.weight
	}
	if total == 0 {
		return 0, nil
	}
	var got float64
	var shares []Contribution
	used := map[string]bool{}
	for _, c := range cs {
		m := c.found(d)
		if m.value == 0 {
			continue
		}
		key := strings.Join(m.form, " ")
		if used[key] {
			// One word of the note is one piece of evidence: when "email",
			// "SMS" and "notify" all expand to SNS, a note saying SNS has
			// answered one of them, not three.
			m.value *= reusedForm
		}
		used[key] = true
		share := c.weight * m.value / total
		got += share
		kind := KindWord
		if m.alias {
			kind = KindSynonym
		}
		shares = append(shares, Contribution{Share: ShareCoverage, Field: m.field, Term: strings.Join(m.form, " "), Kind: kind, Origin: c.label, Score: share})
	}
	return got, shares
}

// rerank blends bleve's BM25 score (normalised to the best hit) with how
// much of the question each result covers, then orders by the final score
// and source order. With explain, each result's Explain lists what every
// clause added; the contributions sum to its score.
func (e *Engine) rerank(p *plan, rs []Hit, explain bool) {
	if len(rs) == 0 {
		return
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
	subject := subjectConcepts(cs)
	for i := range rs {
		d := analyzeDoc(rs[i].Snippet)
		cov, ps := coverage(cs, d)
		covs[i], shares[i] = cov*lengthNorm(len(d.text), avg), ps
		best = max(best, covs[i])
		rs[i].Confidence, _ = coverage(subject, d)
		rs[i].Anchored = anchored(cs, d)
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
	}
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].Score != rs[j].Score {
			return rs[i].Score > rs[j].Score
		}
		return less(rs[i].Snippet, rs[j].Snippet)
	})
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

// lengthNorm is BM25's length normalisation with a gentle b: notes much
// longer than usual say more things, so a question's concept in them is
// worth a little less, but a note is not preferred just for being short.
func lengthNorm(n int, avg float64) float64 {
	k1, b := 1.2, 0.3
	return (k1 + 1) / (1 + k1*(1-b+b*float64(n)/avg)) / ((k1 + 1) / (1 + k1))
}

// subjectConcepts weighs the concepts by how much each says what the
// question is about: words any question has ("happen", "long", "way")
// count for little, named services and rare words in full.
func subjectConcepts(cs []concept) []concept {
	out := make([]concept, len(cs))
	for i, c := range cs {
		out[i] = c
		if !c.service {
			w := 0.0
			for _, t := range c.forms[0] {
				w = max(w, analysis.SubjectWeight(t))
			}
			out[i].weight *= w
		}
	}
	return out
}

// isAnchor reports whether a phrase holds a word of the subject's own
// vocabulary (see concept.anchor).
func isAnchor(form []string) bool {
	for _, t := range form {
		if analysis.SubjectWeight(t) >= 1 && !analysis.IsBoilerplate(t) {
			return true
		}
	}
	return false
}

// anchored reports whether a note says one of the question's anchors.
func anchored(cs []concept, d docTerms) bool {
	for _, c := range cs {
		if c.anchor && c.found(d).value > 0 {
			return true
		}
	}
	return false
}

// unknown returns the words of the question's subject that no note holds
// in any form.
func (e *Engine) unknown(p *plan) []string {
	var out []string
	for _, c := range e.concepts(p) {
		if c.weight == 0 || c.known(e.vocab) || p.isCorrection(c.label) {
			continue
		}
		words := make([]string, 0, len(c.forms[0]))
		for _, t := range c.forms[0] {
			if analysis.IsBoilerplate(t) {
				continue
			}
			words = append(words, p.surface[t])
		}
		if len(words) == 0 {
			continue
		}
		out = append(out, strings.Join(words, " "))
	}
	sort.Strings(out)
	return out
}

// known reports whether some note holds one of the concept's forms, every
// word of it.
func (c concept) known(df map[string]int) bool {
	for _, f := range c.forms {
		all := true
		for _, t := range f {
			all = all && df[t] > 0
		}
		if all {
			return true
		}
	}
	return false
}

// missing returns the words of the question's subject that the snippet
// does not say, in the question's order: what a near miss leaves out.
func (e *Engine) missing(p *plan, s corpus.Snippet) []string {
	d := analyzeDoc(s)
	var out []string
	for _, c := range e.concepts(p) {
		if c.weight == 0 || c.found(d).value > 0 || !isAnchor(c.forms[0]) && !c.service && !containsWeight(c.forms[0], 0.5) {
			continue
		}
		var words []string
		for _, t := range c.forms[0] {
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

// containsWeight reports whether some word of form weighs at least w as a
// subject (see analysis.SubjectWeight).
func containsWeight(form []string, w float64) bool {
	for _, t := range form {
		if analysis.SubjectWeight(t) >= w {
			return true
		}
	}
	return false
}
