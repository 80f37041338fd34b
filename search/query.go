package search

import (
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/crib-dev/crib/search/analysis"
	"github.com/crib-dev/crib/search/question"
	"github.com/crib-dev/crib/search/score"
	"github.com/crib-dev/crib/synonyms"
)

// ErrNothingToSearch is returned (wrapped in *NothingError) when a
// question holds no searchable word, only stop words or punctuation.
var ErrNothingToSearch = errors.New("nothing to search for")

// NothingError reports a question with nothing to search for.
type NothingError struct{ Question string }

func (e *NothingError) Error() string {
	return fmt.Sprintf("nothing to search for in %q", e.Question)
}

// Unwrap lets errors.Is match ErrNothingToSearch.
func (e *NothingError) Unwrap() error { return ErrNothingToSearch }

// BoilerplateWeight is what a word of exam padding ("which solution",
// "company": analysis.IsBoilerplate) counts for, against 1 for another
// word of the question.
const BoilerplateWeight = 0.15

// Weights of the clauses of a question and of the fields they hit.
const (
	weightUser    = 1.0  // a word of the question, as typed
	weightService = 1.0  // a word that names an AWS service
	weightSynonym = 0.55 // a thesaurus expansion, below the user's words
	weightFuzzy   = 0.5  // a typo correction
	weightPair    = 0.35 // two question words standing together in a note

	boostText    = 1.0
	boostParts   = 0.5
	boostContext = 0.4
	boostHeading = 0.3
)

// maxQuestionTerms bounds the distinct words of a question that are
// searched; the longest exam questions have about 150.
const maxQuestionTerms = 400

// maxRepeats bounds how often one word of a question is kept.
const maxRepeats = 3

// boundQuestion keeps a pasted megabyte from becoming a million searches:
// a word is kept at most maxRepeats times, and words past the first
// maxQuestionTerms distinct ones are dropped.
func boundQuestion(toks []analysis.Token) []analysis.Token {
	seen := map[string]int{}
	out := toks[:0:0]
	for _, t := range toks {
		n, ok := seen[t.Term]
		if n >= maxRepeats || (!ok && len(seen) >= maxQuestionTerms) {
			continue
		}
		seen[t.Term] = n + 1
		out = append(out, t)
	}
	return out
}

// Kinds of clause, as shown by --explain.
const (
	KindWord    = "word"
	KindSynonym = "synonym"
	KindFuzzy   = "fuzzy"
	// KindExpansion is a word the question did not say, added from the
	// best notes of the built-in notes (see Engine.ExpandFrom).
	KindExpansion = "expansion"
	KindPhrase    = "phrase" // words that must stand together
)

// clause is one thing a question looks for: a term, or a sequence of
// terms that must stand together.
type clause struct {
	terms  []string
	weight float64
	kind   string
	origin string // what in the question it came from
}

// plan is an analysed question.
type plan struct {
	// phrases remembers whether some note holds a phrase (Engine.holds).
	phrases   map[string]bool
	clauses   []clause
	services  []string          // services the question names
	corrected map[string]string // misspelled word -> correction
	fuzzy     map[string]string // corrected term -> misspelled word
	seq       []string          // the question's terms in order, typos corrected
	matches   []synonyms.Match
	// implied maps services the thesaurus reaches from the question's
	// words ("alerted" -> SNS, EventBridge) to those words.
	implied map[string]string
	// literal holds, by position in seq, the identifier forms of words
	// typed as plain text (see question.LiteralForms).
	literal map[int][][]string
	// names are the compound names of the question (PARAMETER_STORE,
	// aws.ec2), each one concept however many parts it has.
	names []name
	// concepts are what the question asks about, made once (see
	// Engine.concepts).
	concepts   []score.Concept
	asksList   bool              // the question asks for a list (see listQuestion)
	surface    map[string]string // term -> the word of the question it came from
	named      map[int]bool
	userTerms  map[string]bool
	synonymSet map[string]bool
	// known is the share of the question's subject the notes hold (see
	// score.Held).
	known float64
	// termBoost weighs the question's terms of AWS writing up in ranking
	// (Options.Terms, score.Termed).
	termBoost float64
	// expansion holds the words the expander's notes add (see
	// Engine.expansion), which count for ranking only; expanded, their
	// terms.
	expansion    []score.Concept
	expanded     map[string]bool
	expandedFrom []string // the expander's notes read, as source:line
}

// analyzeQuestion turns a question into the clauses to look for.
func (e *Engine) analyzeQuestion(q string) (*plan, error) {
	q = question.AskedWho(question.JoinPhrasal(q))
	q, names := e.correctNames(q)
	q, names = e.splitWords(q, names)
	q, names = e.numberPlurals(q, names)
	toks := e.dropPadding(q, analysis.Analyze(q))
	if len(toks) == 0 {
		toks = e.quotedStopWords(q)
	}
	if len(toks) == 0 || onlyNegations(q, toks) {
		return nil, &NothingError{Question: q}
	}
	toks = boundQuestion(toks)
	p := &plan{corrected: map[string]string{}, fuzzy: map[string]string{}, userTerms: map[string]bool{}, synonymSet: map[string]bool{}}
	maps.Copy(p.corrected, names)
	var seq []string
	for _, t := range toks {
		if t.Whole {
			if !strings.HasPrefix(t.Term, analysis.CodeMark) {
				p.names = append(p.names, name{start: len(seq), end: t.End})
			}
			continue
		}
		if n := len(p.names); n > 0 && p.names[n-1].end >= t.End {
			p.names[n-1].parts++
		}
		seq = append(seq, t.Term)
	}
	p.literal, p.named = question.LiteralForms(q, toks, e.voc.DF)
	p.asksList = listQuestion.MatchString(q)
	seq = e.correct(q, toks, seq, p)
	matches := e.th.Dict.Expand(seq)
	p.seq, p.matches = seq, matches
	serviceTerm := map[string]bool{}
	for _, m := range matches {
		if m.Service != "" {
			p.services = appendUnique(p.services, m.Service)
			for _, t := range seq[m.Start:m.End] {
				serviceTerm[t] = true
			}
		}
	}
	// A term is named as the question first wrote it, case included: "scale-in"
	// later in a stem does not turn "Auto Scaling group" into "auto scale
	// group", and "useEffect" is not named "useeffect".
	surface := map[string]string{}
	for _, t := range toks {
		if _, seen := surface[t.Term]; !t.Whole && !seen {
			surface[t.Term] = q[t.Start:t.End]
		}
	}
	p.surface = surface
	p.implied = e.impliedServices(seq, matches, surface)
	p.addWords(toks, seq, serviceTerm)
	p.addLiterals()
	p.addSynonyms(seq, matches, e.partService)
	p.addPairs(seq)
	return p, nil
}

// onlyNegations reports a question of negations alone ("cant", "not"):
// they say how a question is put, and here nothing is put. Typed
// otherwise than as a word of prose ("NOT", `not`), it is a name.
func onlyNegations(q string, toks []analysis.Token) bool {
	for _, t := range toks {
		if !analysis.IsNegation(t.Term) || !plainWord(q, t) {
			return false
		}
	}
	return true
}

// plainWord reports whether token t of q is typed as a word of prose: in
// lower case and not in backquotes.
func plainWord(q string, t analysis.Token) bool {
	w := q[t.Start:t.End]
	return w == strings.ToLower(w) && (t.Start == 0 || q[t.Start-1] != '`')
}

// dropPadding leaves out the words of q that only pad it
// (analysis.IsPadding: "im", "youre", "hey guys", "thanks"): the question
// reads them as it reads "I am", not as words the notes lack. A word
// typed otherwise than in lower case ("IM", "OK") or in backquotes, or
// one the notes hold, may be what is asked, and stays.
func (e *Engine) dropPadding(q string, toks []analysis.Token) []analysis.Token {
	out := toks[:0:0]
	for _, t := range toks {
		if !t.Whole && !t.Part && plainWord(q, t) && analysis.IsPadding(q[t.Start:t.End]) && e.voc.DF(t.Term) == 0 {
			continue
		}
		out = append(out, t)
	}
	return out
}

// spanShare returns, for each term of seq, the share of a concept it
// carries: 1 for a word on its own, 1/n for each of the n words of a
// phrase the thesaurus knows, whose phrase is looked for as a whole too.
func spanShare(seq []string, matches []synonyms.Match) map[string]float64 {
	share := map[string]float64{}
	for _, t := range seq {
		share[t] = 1
	}
	for _, m := range matches {
		for _, t := range seq[m.Start:m.End] {
			share[t] = min(share[t], 1/float64(m.End-m.Start))
		}
	}
	return share
}

func (p *plan) addWords(toks []analysis.Token, seq []string, serviceTerm map[string]bool) {
	seen := map[string]bool{}
	share := spanShare(p.seq, p.matches)
	add := func(term string) {
		if seen[term] {
			return
		}
		seen[term] = true
		p.userTerms[term] = true
		w := weightUser
		if s, ok := share[term]; ok {
			w = s
		}
		switch {
		case serviceTerm[term]:
			w *= weightService
		case analysis.IsBoilerplate(term):
			w = BoilerplateWeight
		}
		kind := KindWord
		if _, fixed := p.correctedTo(term); fixed {
			kind, w = KindFuzzy, w*weightFuzzy
		}
		p.clauses = append(p.clauses, clause{terms: []string{term}, weight: w, kind: kind, origin: term})
	}
	for _, t := range toks {
		if t.Whole {
			add(t.Term)
		}
	}
	for _, t := range seq {
		add(t)
	}
}

// name is a compound name of the question: its first part's position in
// seq, how many parts it has, and where it ends in the question.
type name struct{ start, parts, end int }

// addLiterals searches the identifier forms of words typed as plain text
// at the full weight of the word.
func (p *plan) addLiterals() {
	for _, at := range sortedInts(p.literal) {
		origin := p.seq[at]
		for _, f := range p.literal[at] {
			for _, t := range f {
				p.userTerms[t] = true
			}
			p.clauses = append(p.clauses, clause{terms: f, weight: weightUser, kind: KindWord, origin: origin})
		}
	}
}

// isCorrection reports whether term stands for a misspelled word.
func (p *plan) isCorrection(term string) bool {
	_, ok := p.fuzzy[term]
	return ok
}

func (p *plan) correctedTo(term string) (string, bool) {
	w, ok := p.fuzzy[term]
	return w, ok
}

// addSynonyms adds a clause for each phrase of the question and each of
// its alternatives; an alternative that says only part of its phrase
// (part, see Engine.partService) weighs as an inner phrase.
func (p *plan) addSynonyms(seq []string, matches []synonyms.Match, part func(alt, phrase []string, own string) bool) {
	for _, m := range matches {
		origin := strings.Join(seq[m.Start:m.End], " ")
		if m.End-m.Start > 1 {
			p.clauses = append(p.clauses, clause{terms: seq[m.Start:m.End], weight: weightUser, kind: KindPhrase, origin: origin})
		}
		for _, im := range m.Inner {
			for i, alt := range im.Alts {
				p.clauses = append(p.clauses, clause{terms: alt, weight: weightSynonym * innerPhrase * im.Weights[i], kind: KindSynonym, origin: origin})
				for _, t := range alt {
					p.synonymSet[t] = true
				}
			}
		}
		for i, alt := range m.Alts {
			w := weightSynonym * m.Weights[i]
			if part(alt, seq[m.Start:m.End], m.Service) {
				w *= innerPhrase
			}
			p.clauses = append(p.clauses, clause{terms: alt, weight: w, kind: KindSynonym, origin: origin})
			for _, t := range alt {
				p.synonymSet[t] = true
			}
		}
	}
}

// addPairs rewards notes where two neighbouring question words stand
// together, which is what a phrase in the question usually means.
func (p *plan) addPairs(seq []string) {
	seen := map[string]bool{}
	inPhrase := make([]int, len(seq)) // match number + 1, or 0
	for n, m := range p.matches {
		for i := m.Start; i < m.End; i++ {
			inPhrase[i] = n + 1
		}
	}
	for i := 0; i+1 < len(seq); i++ {
		a, b := seq[i], seq[i+1]
		if a == b || analysis.IsBoilerplate(a) || analysis.IsBoilerplate(b) || (inPhrase[i] != 0 && inPhrase[i] == inPhrase[i+1]) {
			continue
		}
		k := a + " " + b
		if seen[k] {
			continue
		}
		seen[k] = true
		p.clauses = append(p.clauses, clause{terms: []string{a, b}, weight: weightPair, kind: KindPhrase, origin: k})
	}
}

// bleveQuery turns the plan into one disjunction over all clauses and
// fields.
func (p *plan) bleveQuery() query.Query {
	var qs []query.Query
	for _, c := range p.clauses {
		qs = append(qs, clauseQuery(c))
	}
	return &orderedDisjunction{disjuncts: qs, min: 1}
}

// clauseQuery is the disjunction of a clause over the fields. It scores
// as bleve's DisjunctionQuery (min 0) would, but its searcher compares
// documents as numbers: bleve's slice searcher compares each field's
// id bytes at every step, 7% of a long question's CPU.
func clauseQuery(pt clause) query.Query {
	fields := []struct {
		name  string
		boost float64
	}{{FieldText, boostText}, {FieldParts, boostParts}, {FieldContext, boostContext}, {FieldHeading, boostHeading}}
	var qs []query.Query
	for _, f := range fields {
		if len(pt.terms) == 1 {
			qs = append(qs, newTermLeaf(pt.terms[0], f.name, pt.weight*f.boost))
			continue
		}
		qs = append(qs, newPhraseQuery(pt.terms, f.name, pt.weight*f.boost))
	}
	return &orderedDisjunction{disjuncts: qs}
}

func appendUnique(s []string, v string) []string {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

// impliedServices finds the services that the question's words lead to
// through one-way thesaurus rules, without naming them.
func (e *Engine) impliedServices(seq []string, matches []synonyms.Match, surface map[string]string) map[string]string {
	out := map[string]string{}
	var visit func(ms []synonyms.Match)
	visit = func(ms []synonyms.Match) {
		for _, m := range ms {
			if m.Service == "" {
				for _, alt := range m.Alts {
					if s := e.th.Dict.Service(alt); s != "" {
						if _, ok := out[s]; !ok {
							var words []string
							for _, t := range seq[m.Start:m.End] {
								words = append(words, surface[t])
							}
							out[s] = strings.Join(words, " ")
						}
					}
				}
			}
			visit(m.Inner)
		}
	}
	visit(matches)
	return out
}

// sortedInts returns the keys of m in order.
func sortedInts[V any](m map[int]V) []int {
	return slices.Sorted(maps.Keys(m))
}

// quotedStopWords returns the code-marked forms of the words of a question
// of stop words only, typed as names (in capitals or in backticks) that
// the notes quote as code (`AND`, `OR`): such a question asks for the name.
func (e *Engine) quotedStopWords(q string) []analysis.Token {
	var out []analysis.Token
	at := 0
	for _, f := range strings.Fields(q) {
		start := at + strings.Index(q[at:], f)
		at = start + len(f)
		word := strings.Trim(f, "`'\".,;:!?()[]{}")
		if word == "" || !(strings.HasPrefix(f, "`") || word == strings.ToUpper(word)) {
			continue
		}
		term := analysis.CodeMark + strings.ToLower(word)
		if e.voc.DF(term) > 0 {
			off := start + strings.Index(f, word)
			out = append(out, analysis.Token{Term: term, Pos: len(out) + 1, Start: off, End: off + len(word), Whole: true})
		}
	}
	return out
}

// listQuestion matches questions that ask for several things at once:
// "what are the …", "which … are there", "list …", "types of …".
var listQuestion = regexp.MustCompile(`(?i)^\s*(what|which)\s+(are|were)\b|\b(list|types|kinds)\s+(of|the|all)\b|^\s*list\b|\ball\s+the\s+\w+\s+(steps|stages|options|types|hooks|events|states)\b`)
