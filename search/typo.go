package search

import (
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/crib-dev/crib/search/analysis"
)

// correct replaces words of the question that no note contains with the
// closest word that notes do contain, and records each correction in p.
// Exact matches always win: a word the notes know is never corrected.
func (e *Engine) correct(q string, toks []analysis.Token, seq []string, p *plan) []string {
	var out []string
	i := 0
	prev := ""
	for _, t := range toks {
		if t.Whole {
			continue
		}
		term := seq[i]
		i++
		word := strings.ToLower(q[t.Start:t.End])
		brand := prev == "amazon" || prev == "aws"
		prev = word
		if p.literal[i-1] != nil {
			// A name written like code is searched as written.
			out = append(out, term)
			continue
		}
		// The word after "Amazon" or "AWS" is a product's name: the notes
		// may lack it ("amazon braket"), so it is corrected only to the
		// name of a service ("aws cloudformaton"), never to a word.
		// A word of everyday English is no typo, unless the correction
		// completes a service's name with the word beside it ("secrets
		// manger" is Secrets Manager).
		names := func(fix string) bool {
			return i > 1 && e.th.Dict.Service([]string{seq[i-2], fix}) != "" ||
				i < len(seq) && e.th.Dict.Service([]string{fix, seq[i]}) != ""
		}
		if fix, ok := e.suggest(word, term, names); ok && (!brand || e.exactService(fix.word) != nil) {
			p.corrected[q[t.Start:t.End]] = fix.word
			p.fuzzy[fix.term] = q[t.Start:t.End]
			out = append(out, fix.term)
			continue
		}
		out = append(out, term)
	}
	return out
}

type suggestion struct{ word, term string }

// typoEdits is how many edits a misspelling of n letters may hold: none
// under four letters, one up to seven, two beyond.
func typoEdits(n int) int {
	switch {
	case n > 7:
		return 2
	case n >= 4:
		return 1
	}
	return 0
}

// suggest finds the known word closest to an unknown one: at most
// typoEdits edits (none under four letters), the same first letter, and
// among equals the word more notes use. A word of everyday English
// ("tyre", "slack") is no typo, even where the notes lack it, unless
// names says its correction's term completes a name; nor is a
// contraction typed without its apostrophe ("arent" is not "agent").
func (e *Engine) suggest(word, term string, names func(fix string) bool) (suggestion, bool) {
	edits := typoEdits(len(word))
	if _, ok := analysis.Uncontract(word); ok {
		return suggestion{}, false
	}
	if edits == 0 || e.voc.DF(term) > 0 || e.th.Dict.Known(term) || strings.IndexFunc(word, isDigitRune) >= 0 {
		return suggestion{}, false
	}
	n := nearest{word: word, max: edits}
	e.voc.EachWord(word[0], func(w, t string) { n.consider(w, t, e.voc.DF) })
	best, ok := n.found()
	if !ok || (analysis.IsEnglish(word) || analysis.SubjectWeight(term) < 1) && (names == nil || !names(best.term)) {
		return suggestion{}, false
	}
	return best, true
}

// nearest keeps, of the known words it is shown, the one closest to word:
// at most max edits, and among equals the one more notes use, then the
// first in byte order. Typo correction and name correction share it.
type nearest struct {
	word       string
	max        int
	best       suggestion
	dist, df   int
	considered bool
}

// consider weighs w, a word the notes write, whose term is t.
func (n *nearest) consider(w, t string, df func(string) int) {
	if w == "" || w[0] != n.word[0] || abs(len(w)-len(n.word)) > n.max {
		return
	}
	d := editDistance(n.word, w, n.max)
	if d > n.max || (n.considered && d > n.dist) {
		return
	}
	f := df(t)
	if !n.considered || d < n.dist || f > n.df || (f == n.df && w < n.best.word) {
		n.best, n.dist, n.df, n.considered = suggestion{word: w, term: t}, d, f, true
	}
}

// found returns the closest word, if any was within max edits.
func (n *nearest) found() (suggestion, bool) { return n.best, n.considered }

func isDigitRune(r rune) bool { return r >= '0' && r <= '9' }

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// editDistance is the optimal string alignment distance between a and b
// (insertions, deletions, substitutions and swaps of neighbours), giving
// up with max+1 once it must exceed max.
func editDistance(a, b string, max int) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// correctNames replaces the words of q that are misspelt names the notes
// write as identifiers (BeforeInstall, ValidateService, `iam:PassRole`),
// typed in any case ("beforinstall", "ValidateServce"), with the name as
// the notes index it whole, and returns q and the corrections made. A
// word is corrected only when the notes know neither it nor one of its
// parts, and no everyday word is corrected.
func (e *Engine) correctNames(q string) (string, map[string]string) {
	q, fixed := e.joinNames(q)
	return replaceWords(q, fixed, func(word string) (string, string, bool) {
		if len(word) < 8 || !e.unknownName(word) {
			return "", "", false
		}
		fix, ok := e.closestName(strings.ToLower(word))
		if !ok {
			return "", "", false
		}
		return fix, e.asWritten(fix), true
	})
}

// replaceWords replaces each word of q, the punctuation around it kept,
// that fix gives a replacement for (with), records the word in fixed,
// which may be nil, with how to show it corrected (shown), and returns q
// and fixed.
func replaceWords(q string, fixed map[string]string, fix func(word string) (with, shown string, ok bool)) (string, map[string]string) {
	at := 0
	for _, f := range strings.Fields(q) {
		start := at + strings.Index(q[at:], f)
		at = start + len(f)
		word := strings.Trim(f, nameTrim)
		with, shown, ok := fix(word)
		if !ok {
			continue
		}
		off := start + strings.Index(f, word)
		if fixed == nil {
			fixed = map[string]string{}
		}
		fixed[word] = shown
		q = q[:off] + with + q[off+len(word):]
		at = off + len(with)
	}
	return q, fixed
}

// joinNames replaces two words of q typed apart ("stateful set", "cron
// job") with the name the notes write as one word (StatefulSet, CronJob),
// and returns q and the joins made. Only a name the notes hold whole and
// no dictionary lists is joined ("data base" stays as typed: the notes'
// "database" is found by its stem anyway), and only when the notes lack
// one of the two words: "Trusted Advisor" is what the notes say, even if
// one of them writes TrustedAdvisor.
func (e *Engine) joinNames(q string) (string, map[string]string) {
	var fixed map[string]string
	fields := strings.Fields(q)
	at := 0
	for i := 0; i+1 < len(fields); i++ {
		// Punctuation may stand before the first word and after the
		// second ("a stateful set?"), not between them ("set, cron").
		a := strings.TrimLeft(fields[i], nameTrim)
		b := strings.TrimRight(fields[i+1], nameTrim)
		start := at + strings.Index(q[at:], fields[i]) + len(fields[i]) - len(a)
		at = start + len(a)
		if !isPlainWord(a) || !isPlainWord(b) || len(a) < 3 || len(b) < 3 {
			continue
		}
		joined := strings.ToLower(a + b)
		if len(joined) < 7 || analysis.IsEnglish(joined) || !e.holdsWhole(joined) {
			continue
		}
		if e.knownWord(a) && e.knownWord(b) {
			continue
		}
		end := at + strings.Index(q[at:], b) + len(b)
		name := e.asWritten(joined)
		if fixed == nil {
			fixed = map[string]string{}
		}
		fixed[q[start:end]] = name
		q = q[:start] + name + q[end:]
		at = start + len(name)
		i++ // b is part of the name
	}
	return q, fixed
}

// knownWord reports whether some note holds word, as analysed.
func (e *Engine) knownWord(word string) bool {
	for _, t := range analysis.Analyze(word) {
		if e.voc.DF(t.Term) == 0 {
			return false
		}
	}
	return true
}

// isPlainWord reports whether w is letters only.
func isPlainWord(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return w != ""
}

// nameTrim is the punctuation a name may stand between in a question.
const nameTrim = "`'\".,;:!?()[]{}"

// holdsWhole reports whether some note holds the lower-case name lw as
// one word, as text or quoted as code.
func (e *Engine) holdsWhole(lw string) bool {
	return e.voc.DF(lw) > 0 || e.voc.DF(analysis.CodeMark+lw) > 0
}

// unknownName says whether the notes know neither word as a whole name nor
// one of the words it is made of, and it is no everyday word.
func (e *Engine) unknownName(word string) bool {
	lw := strings.ToLower(word)
	if e.holdsWhole(lw) || analysis.IsEnglish(lw) || strings.IndexFunc(word, isDigitRune) >= 0 {
		return false
	}
	for _, t := range analysis.Analyze(word) {
		if !t.Whole && e.voc.DF(t.Term) == 0 && !e.th.Dict.Known(t.Term) {
			return true
		}
	}
	return false
}

// closestName finds the name the notes write whole closest to word: at
// most one edit up to eleven letters, two past that, the same first
// letter, and among equals the name more notes use. Names are the
// compounds the notes index whole and the words they quote as code; a
// stem of a word is none (it analyses to itself).
func (e *Engine) closestName(word string) (string, bool) {
	e.namesOnce.Do(func() {
		for _, t := range e.voc.Terms() {
			name := strings.TrimPrefix(t, analysis.CodeMark)
			if len(name) < 6 {
				continue
			}
			if name == t {
				if a := analysis.Analyze(t); len(a) == 1 && a[0].Term == t {
					continue
				}
			}
			e.names = append(e.names, t)
		}
	})
	maxDist := 1
	if len(word) > 11 {
		maxDist = 2
	}
	n := nearest{word: word, max: maxDist}
	for _, t := range e.names {
		n.consider(strings.TrimPrefix(t, analysis.CodeMark), t, e.voc.DF)
	}
	best, ok := n.found()
	return best.word, ok
}

// asWritten returns name as a note writes it ("BeforeInstall" for
// beforeinstall, "ValidateService" for the stem validateservic), found in
// the first note that holds it, or name when none does.
func (e *Engine) asWritten(name string) string {
	q := inAnyField(func(f string) query.Query {
		t := query.NewTermQuery(name)
		t.SetField(f)
		return t
	})
	res, err := e.top(q, 1, false)
	if err != nil || len(res.Hits) == 0 {
		return name
	}
	i, ok := e.snippetIndex(res.Hits[0].ID)
	if !ok {
		return name
	}
	text := e.snippets.Snippet(i).Text
	at := strings.Index(strings.ToLower(text), name)
	if at < 0 || !strings.EqualFold(text[at:at+len(name)], name) {
		return name
	}
	// A name indexed stemmed ("validateservic") is shown whole.
	end := at + len(name)
	for end < len(text) && isNameByte(text[end]) {
		end++
	}
	return text[at:end]
}

func isNameByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
