// Package score measures how much of a question a note says: the
// question as concepts (a word, or a phrase the thesaurus knows, with every
// form that counts as saying it), a note as its analysed fields, and the
// weighted share of the concepts the note covers. It is pure arithmetic
// over analysed terms: the engine (package search) builds the concepts and
// blends the share with bleve's BM25 score.
package score

import (
	"math"
	"slices"
	"strings"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search/analysis"
)

// Names of the fields of a note, as the index names them.
const (
	FieldText    = "text"
	FieldParts   = "parts" // parts of the identifiers in text
	FieldContext = "context"
	FieldHeading = "heading"
	// FieldAlso is a note's expansion (Doc.Also), not a field of the index.
	FieldAlso = "also"
)

// Share is what one concept added to a note's coverage.
type Share struct {
	Field, Term, Origin string
	Synonym             bool // found through the thesaurus
	Score               float64
}

// Concept is one idea of the question: a word, or a stretch of words the
// thesaurus knows, with every form that counts as saying it.
type Concept struct {
	Forms   [][]string // the question's own terms first, then synonyms
	Scales  []float64  // Scales[i] weighs Forms[i]: 1 for the question's words
	Weight  float64    // importance: rarity of its words times their weight
	Own     int        // Forms[:Own] are the question's own words (0 means 1)
	Service bool       // it names an AWS service
	// anchor marks a Concept of the subject's own vocabulary: a service
	// or a word that AWS writing uses at least as much as people say it.
	// A note that says none of a question's anchors does not answer it.
	Anchor bool
	Label  string
	// Spread is, for a phrase of several words, how much its other words
	// weigh beside its heaviest (the sum of their weights over Weight's):
	// 0 for a single word. Ranking weighs a phrase up by it (see
	// search's phraseWeight); confidence does not.
	Spread float64
}

// Where a Concept is found counts for this much of its weight.
const (
	foundText     = 1.0
	foundParts    = 0.7
	foundContext  = 0.6
	foundHeading  = 0.45
	partialPhrase = 0.8  // factor for some of a phrase's words, by their share
	reusedForm    = 0.25 // what a note word counts for a second Concept
	// serviceContext is what a named service counts for in a note's
	// context (its parent bullets): an item under "Elastic Beanstalk
	// policies" is about Elastic Beanstalk as much as a line that names
	// it in passing. Headings keep foundHeading: a long scenario names
	// several services, and every line under their headings rose.
	serviceContext = 0.75
)

// Doc is the analysed fields of one snippet.
type Doc struct {
	Text, Parts, Context, Heading []string
	// Also are the words a richer collection widens the note with (see
	// search's note expansion): they count, at FoundAlso, in ranking only.
	Also  []string
	Names []string // whole forms of its names, each a term of its own
	// has holds every term of the five, when made by AnalyzeDoc or Docs:
	// a form whose first term a snippet lacks is in none of its fields,
	// and Found skips it without scanning them.
	has map[string]bool
}

// AnalyzeDoc analyses a snippet as the index does: the words of its prose
// apart from the parts of its identifiers.
func AnalyzeDoc(s corpus.Snippet) Doc {
	d := Doc{
		Context: analysis.PhraseTerms(strings.Join(s.Context, " / ")),
		Heading: analysis.PhraseTerms(strings.Join(s.Heading, " / ")),
	}
	d.analyzeText(s.Text)
	d.index()
	return d
}

func (d *Doc) analyzeText(text string) {
	for _, t := range analysis.Analyze(text) {
		switch {
		case t.Whole:
			d.Names = append(d.Names, t.Term)
		case t.Part:
			d.Parts = append(d.Parts, t.Term)
		default:
			d.Text = append(d.Text, t.Term)
		}
	}
}

// index fills d.has.
func (d *Doc) index() {
	d.has = make(map[string]bool, len(d.Text)+len(d.Names)+len(d.Parts)+len(d.Context)+len(d.Heading))
	for _, terms := range [][]string{d.Text, d.Names, d.Parts, d.Context, d.Heading, d.Also} {
		for _, t := range terms {
			d.has[t] = true
		}
	}
}

// Docs analyses snippets as AnalyzeDoc does, each snippet once and each
// heading and context path once: the candidates of one question are
// often items of one list under one heading. The Docs it returns share
// those terms, and are read only. The zero Docs is ready to use.
type Docs struct {
	// Also gives snippet i's note expansion (Doc.Also); nil, none.
	Also  func(i int) []string
	docs  map[int]Doc
	paths map[string][]string
}

// Analyze returns AnalyzeDoc(s); i names s among the snippets analysed.
// A nil Docs keeps nothing.
func (ds *Docs) Analyze(i int, s corpus.Snippet) Doc {
	if ds == nil {
		return AnalyzeDoc(s)
	}
	if d, ok := ds.docs[i]; ok {
		return d
	}
	if ds.docs == nil {
		ds.docs, ds.paths = map[int]Doc{}, map[string][]string{}
	}
	d := Doc{Context: ds.path(s.Context), Heading: ds.path(s.Heading)}
	if ds.Also != nil {
		d.Also = ds.Also(i)
	}
	d.analyzeText(s.Text)
	d.index()
	ds.docs[i] = d
	return d
}

func (ds *Docs) path(parts []string) []string {
	p := strings.Join(parts, " / ")
	terms, ok := ds.paths[p]
	if !ok {
		terms = analysis.PhraseTerms(p)
		ds.paths[p] = terms
	}
	return terms
}

// Match is how a snippet says a Concept: the share of the Concept's
// weight it earns, and the form and field that earned it.
type Match struct {
	Value float64
	Form  []string
	Field string
	Alias bool // a synonym, not the question's own words
}

// Found says how well a snippet says a Concept: 1 for its own words in the
// text, less for context, headings or synonyms only, and least for a
// phrase whose words are spread over the text and its context.
func (c Concept) Found(d Doc) Match {
	var best Match
	ctx := foundContext
	if c.Service {
		ctx = serviceContext
	}
	for i, f := range c.Forms {
		if d.has != nil && len(f) > 0 && !d.has[f[0]] {
			continue // hasForm is 0 in every field
		}
		for _, fd := range []struct {
			name  string
			terms []string
			w     float64
		}{{FieldText, d.Text, foundText}, {FieldText, d.Names, foundText}, {FieldParts, d.Parts, foundParts}, {FieldContext, d.Context, ctx}, {FieldHeading, d.Heading, foundHeading}, {FieldAlso, d.Also, FoundAlso}} {
			v := fd.w * hasForm(fd.terms, f) * c.Scales[i]
			if v > best.Value {
				best = Match{Value: v, Form: f, Field: fd.name, Alias: i >= max(c.Own, 1)}
			}
		}
	}
	if best.Value == 0 && len(c.Forms[0]) > 1 && !hasBoilerplate(c.Forms[0]) && spread(c.Forms[0], d) {
		best = Match{Value: foundContext * looseForm, Form: c.Forms[0], Field: FieldContext}
	}
	if v, words := partial(c.Forms[0], d.Text); v > best.Value {
		best = Match{Value: v, Form: words, Field: FieldText}
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
func spread(form []string, d Doc) bool {
	for _, f := range form {
		w := []string{f}
		if !contains(d.Text, w) && !contains(d.Parts, w) && !contains(d.Context, w) && !contains(d.Heading, w) {
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

// Coverage is the weighted share of the question's concepts a snippet
// says, and what each Concept added to it.
func Coverage(cs []Concept, d Doc) (float64, []Share) {
	var total float64
	for _, c := range cs {
		total += c.Weight
	}
	if total == 0 {
		return 0, nil
	}
	var got float64
	var shares []Share
	used := map[string]bool{}
	for _, c := range cs {
		m := c.Found(d)
		if m.Value == 0 {
			continue
		}
		key := strings.Join(m.Form, " ")
		if used[key] {
			// One word of the note is one piece of evidence: when "email",
			// "SMS" and "notify" all expand to SNS, a note saying SNS has
			// answered one of them, not three.
			m.Value *= reusedForm
		}
		used[key] = true
		share := c.Weight * m.Value / total
		got += share
		shares = append(shares, Share{Field: m.Field, Term: strings.Join(m.Form, " "), Synonym: m.Alias, Origin: c.Label, Score: share})
	}
	return got, shares
}

// LengthNorm is BM25's length normalisation with a gentle b: notes much
// longer than usual say more things, so a question's Concept in them is
// worth a little less, but a note is not preferred just for being short.
func LengthNorm(n int, avg float64) float64 {
	k1, b := 1.2, 0.3
	return (k1 + 1) / (1 + k1*(1-b+b*float64(n)/avg)) / ((k1 + 1) / (1 + k1))
}

// FoundAlso is what a concept said only by a note's expansion earns: the
// richer notes' words are a guess at what the note is about, worth less
// than its headings (0.2 to 0.4 measured alike; 0.5 lost questions).
const FoundAlso = 0.3

// Own is d without its expansion: what the note itself says, for
// confidence, anchors and the words it lacks.
func Own(d Doc) Doc {
	d.Also = nil
	return d
}

// Subject weighs the concepts by how much each says what the
// question is about: words any question has ("happen", "long", "way")
// count for little, named services and rare words in full.
func Subject(cs []Concept) []Concept {
	out := make([]Concept, len(cs))
	for i, c := range cs {
		out[i] = c
		if !c.Service {
			w := 0.0
			for _, t := range c.Forms[0] {
				w = max(w, analysis.SubjectWeight(t))
			}
			out[i].Weight *= w
		}
	}
	return out
}

// Termed raises each concept's weight by how much its words are terms of
// AWS writing (analysis.Specificity over 1, up to 3): by boost times that
// excess. An exam stem is a scenario ("a company", "every few minutes",
// "the team") around a few terms; its terms say which notes bear on its
// options. Services keep their weight.
func Termed(cs []Concept, boost float64) []Concept {
	out := slices.Clone(cs)
	for i, c := range out {
		if c.Service {
			continue
		}
		x := 0.0
		for _, t := range c.Forms[0] {
			x = max(x, min(2, analysis.Specificity(t)-1))
		}
		out[i].Weight *= 1 + boost*x
	}
	return out
}

// Foreign is how much a word no note holds says that a question is about
// something other than AWS: 1 for words AWS writing hardly uses
// ("sourdough", "guitar"), less the more it uses them, down to
// foreignMin: notes can lack "website" or "see" and still be the place
// to ask. form is the word's analysed terms; the most foreign counts.
func Foreign(form []string) float64 {
	f := math.Inf(1)
	for _, t := range form {
		f = min(f, analysis.DomainFrequency(t))
	}
	return analysis.Decay(f, foreignSlope, foreignMin)
}

// Shape of Foreign: a word AWS writing uses once per million words or
// less weighs 1; each tenfold more takes foreignSlope off.
const (
	foreignSlope = 0.5
	foreignMin   = 0.1
)

// Held weighs down the subject's concepts the notes lack and says how
// much of the subject they hold. subject is concepts weighed by Subject;
// a concept no note holds in any form (Concept.Known against df and
// phrase, unless known says to count it held, as for corrected typos)
// keeps Foreign of its weight, except a service's name and a name (see
// named: a word no dictionary has, "lightsail", "terraform",
// "m5.xlarge"), which keep all of it: notes may lack "website" and still
// be the place to ask, but notes that never name Lightsail or Terraform
// cannot answer a question about it, however much AWS writing names it.
// share is the held concepts' part of the total weight.
func Held(subject []Concept, df func(string) int, phrase func([]string) bool, known, named func(Concept) bool) (weighed []Concept, share float64) {
	weighed = slices.Clone(subject)
	var held, total float64
	for i, c := range weighed {
		if k := c.known(df, phrase); k == 1 || known(c) {
			held += c.Weight
		} else if k > 0 {
			held += k * c.Weight
		} else if !c.Service && !named(c) {
			weighed[i].Weight *= Foreign(c.Forms[0])
		}
		total += weighed[i].Weight
	}
	if total == 0 {
		return weighed, 1
	}
	return weighed, held / total
}

// Everyday reports that a question is asked in everyday words: none of
// its concepts names a service, and none of the question's own words is
// one AWS writing uses at least minSpecific (log10) more often than
// people say it (analysis.Specificity): "why is the sky blue", "health
// benefits of green tea", but not "roll back a bad deployment".
func Everyday(cs []Concept) bool {
	for _, c := range cs {
		if c.Service {
			return false
		}
		if slices.ContainsFunc(c.Forms[0], isTerm) {
			return false
		}
	}
	return true
}

// SaysTerm reports whether text says a term of AWS writing (see
// Everyday): a note written in the domain's words, where an everyday
// question's words are likely meant in another sense.
func SaysTerm(text string) bool {
	return slices.ContainsFunc(analysis.Terms(text), isTerm)
}

// isTerm reports whether an analysed term is one of AWS writing (see
// minSpecific).
func isTerm(t string) bool { return analysis.Specificity(t) >= minSpecific }

// minSpecific is the specificity that makes a word a term of AWS
// writing: twenty times more often written there than said. Every
// question of the studied sets on the subject has a word of at least
// 1.65 ("image"); people's everyday DevOps words stay below ("release",
// "change" and "roll back" are not in the table).
const minSpecific = 1.3

// IsAnchor reports whether a phrase holds a word of the subject's own
// vocabulary (see Concept.anchor).
func IsAnchor(form []string) bool {
	for _, t := range form {
		if analysis.SubjectWeight(t) >= 1 && !analysis.IsBoilerplate(t) {
			return true
		}
	}
	return false
}

// Anchored reports whether a note says one of the question's anchors.
func Anchored(cs []Concept, d Doc) bool {
	for _, c := range cs {
		if c.Anchor && c.Found(d).Value > 0 {
			return true
		}
	}
	return false
}

// Known reports whether some note holds one of the Concept's forms,
// every word of it. A synonym of several words stands for the concept
// only as a phrase: phrase must say some note holds its words in a row
// ("SLA" is not known from notes that say "service", "level" and
// "agreement" apart), while the question's own words count wherever they
// are. A nil phrase takes every word held for the phrase.
func (c Concept) Known(df func(string) int, phrase func([]string) bool) bool {
	return c.known(df, phrase) > 0
}

// known is how much of the Concept some note holds: 1 when a note says
// it in the question's own words (a service's name in a row: the words
// of "IAM Access Analyzer" said apart name no service) or a synonym of
// the domain thesaurus (scale fullSynonym or more), weakHeld when notes
// say only a weaker form of it (a general-English WordNet sense, part of
// a phrase), 0 when none says it (see Known).
func (c Concept) known(df func(string) int, phrase func([]string) bool) float64 {
	out := 0.0
	for i, f := range c.Forms {
		all := true
		for _, t := range f {
			all = all && df(t) > 0
		}
		// The pieces of an identifier ("use effect" of "useEffect")
		// say it only in a row.
		if all && (len(f) == 1 || i == 0 && !c.Service || phrase == nil || phrase(f)) {
			if i < max(c.Own, 1) {
				return 1
			}
			if i >= len(c.Scales) || c.Scales[i] >= fullSynonym {
				return 1
			}
			out = weakHeld
		}
	}
	return out
}

// What a concept the notes say only in weaker forms holds of its weight
// (see known): notes saying "practice" and "reduce" hold little of
// "exercises for lower back pain".
const (
	fullSynonym = 0.8
	weakHeld    = 0.6
)

// ContainsWeight reports whether some word of form weighs at least w as a
// subject (see analysis.SubjectWeight).
func ContainsWeight(form []string, w float64) bool {
	for _, t := range form {
		if analysis.SubjectWeight(t) >= w {
			return true
		}
	}
	return false
}
