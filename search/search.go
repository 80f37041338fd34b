package search

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search/analysis"
	"github.com/crib-dev/crib/search/score"
)

// DefaultLimit is how many results a question gets unless told otherwise.
const DefaultLimit = 5

// candidates is how many hits re-ranking looks at, at the least.
const candidates = 40

// Options tune one search.
type Options struct {
	Limit   int    // results wanted; DefaultLimit when 0
	Explain bool   // fill Result.Explain
	Filter  Filter // only notes that pass are ranked (filter.go)
	// NoExpand searches the question's words only, even when the engine
	// widens questions from other notes (Engine.ExpandFrom).
	NoExpand bool
	// Terms weighs the question's terms of AWS writing (words it uses far
	// more than people say them) up in ranking, as crib check does for a
	// stem: a scenario's narrative ("a company", "the team") then counts
	// less than what it is about.
	Terms bool
}

// termBoost is how much Options.Terms raises a term's weight for each
// tenfold excess of AWS writing over speech past the first (see
// score.Termed): chosen on the exam questions' tune half, the least of
// 0.15, 0.3, 0.5, 0.75, 1 and 2 that reached its best top-1 and strict.
const termBoost = 0.5

// Span marks matched bytes of a snippet's text.
type Span struct {
	Start, End int
	Synonym    bool // matched through the thesaurus, not the question's own word
}

// Hit is one snippet a ranking scored.
type Hit struct {
	Index   int // the snippet's position in Engine.Snippets
	Snippet corpus.Snippet
	Score   float64
	// Confidence is the share of the question's subject the snippet
	// covers, from 0 to 1: unlike Score, which is scaled to the best
	// hit, it means the same for every question.
	Confidence float64
	// Anchored reports that the snippet says at least one word of the
	// question's subject that is not everyday English.
	Anchored bool
	Explain  []Contribution // with Options.Explain: what each term added
	// ExplainedBy is the line of the item whose score and Explain a list
	// intro shown in its place carries (see onePerPlace); 0 otherwise, and
	// without Options.Explain.
	ExplainedBy int
}

// Ranking is the best snippets for a question, scored and in order,
// before anything is computed for showing them.
type Ranking struct {
	Question string
	Hits     []Hit
	plan     *plan
	rest     []Hit       // candidates past the limit, in order, for Answer to fill in with
	docs     *score.Docs // the candidates analysed
	// filteredOut reports that notes match the question but the filter
	// let none of them pass.
	filteredOut bool
	filter      Filter
	// idle names the filter's values that let no note pass at all
	// (Engine.idle), looked for only when nothing passed.
	idle []string
}

// Covered reports whether the notes answer the question's subject: they
// hold at least MinKnown of it, and one of the best CoveredHits hits
// covers at least MinConfidence of it and says a word of it that is not
// everyday English (an anchor) — or covers at least HalfSubject of it, so
// that notes about cooking answer "steak", everyday English though it is
// (among the best WholeHits when the notes hold all of the subject; a
// hit whose headings say all of it covers HeadingSubject). The
// hits are the best of all candidates, not only those shown.
// The ranking blends BM25 with coverage, so the note that covers the
// subject may stand second.
func (r *Ranking) Covered() bool { return r.notCovered() == "" }

// notCovered says which of Covered's tests the question fails, "" when
// it passes them all.
func (r *Ranking) notCovered() string {
	if len(r.Hits) == 0 {
		if len(r.idle) > 0 {
			return "no note passes " + strings.Join(r.idle, ", ") + ", whatever the question"
		}
		if r.filteredOut {
			return "notes match the question, but none passes " + r.filter.String()
		}
		return "no note matched any word of the question"
	}
	if r.plan.known < MinKnown {
		return fmt.Sprintf("the notes hold %.0f%% of the question's subject, %.0f%% is needed (a word no note has weighs by how seldom AWS writing uses it)", 100*r.plan.known, 100*MinKnown)
	}
	if r.plan.known < EverydayKnown && score.Everyday(r.plan.concepts) && score.SaysTerm(r.Hits[0].Snippet.Text) {
		return fmt.Sprintf("the question is in everyday words and the notes that match it in AWS terms, so its words may be meant in another sense: the notes hold %.0f%% of its subject, %.0f%% is needed", 100*r.plan.known, 100*EverydayKnown)
	}
	// The hits looked at are the best of all candidates, however many
	// are shown: crib -n 1 decides as crib does.
	hit := func(i int) Hit {
		if i < len(r.Hits) {
			return r.Hits[i]
		}
		return r.rest[i-len(r.Hits)]
	}
	n := len(r.Hits) + len(r.rest)
	best, anchored := 0.0, false
	for i := range min(n, CoveredHits) {
		h := hit(i)
		if h.Confidence >= MinConfidence && (h.Anchored || h.Confidence >= HalfSubject) {
			return ""
		}
		if h.Confidence > best {
			best, anchored = h.Confidence, h.Anchored
		}
	}
	if r.plan.known >= allKnown {
		for i := range min(n, WholeHits) {
			if h := hit(i); h.Confidence >= HalfSubject || h.Confidence >= HeadingSubject && r.saysAll(h) {
				return ""
			}
		}
	}
	// Say the threshold that applied: a reader who sees 45% beside "10%
	// is needed" cannot tell why 45% was not enough.
	if anchored {
		return fmt.Sprintf("the best notes cover at most %.0f%% of the question's subject; %.0f%% is needed", 100*best, 100*MinConfidence)
	}
	return fmt.Sprintf("the best notes cover at most %.0f%% of the question's subject, and the words they share with it are everyday English, so %.0f%% is needed (%.0f%% with a word that is not)", 100*best, 100*HalfSubject, 100*MinConfidence)
}

// CoveredHits is how many of the best hits Covered looks at; HalfSubject
// the share of the subject a hit covers that needs no anchor. When the
// notes hold every word of the subject, Covered looks at the best
// WholeHits for one covering HalfSubject: in notes about bread, "dough
// rest" ranks two notes saying "dough" above "rest 30 minutes" (the words
// weigh alike), and crib must not claim that no note covers "rest".
// A note covering less, down to HeadingSubject, must say every word of
// the subject, if only in a heading: notes hold "exam" and "questions",
// but a note on "audit questions" (0.49 of "how many questions are on
// the exam") does not answer it.
const (
	CoveredHits = 2
	WholeHits   = 5
	HalfSubject = 0.5
	allKnown    = 0.999
	// HeadingSubject is what a note covers when its headings say every
	// word of the subject (score's foundHeading): when the notes hold the
	// whole subject, "pizza" is answered by the items under "## Pizza
	// dough", as "sourdough" is by those under "## Sourdough".
	HeadingSubject = 0.45 - 1e-9
)

// MinConfidence is the least share of a question's subject the best note
// must cover for crib to call the question answered.
const MinConfidence = 0.1

// EverydayKnown is the least share of a question's subject the notes must
// hold when the question is asked in everyday words (score.Everyday) and
// the best note says a term of AWS writing (score.SaysTerm): then the
// words the notes hold are as likely to be used in another sense ("why
// is the sky blue" and blue/green deployments, "stretches for lower back
// pain" and lower costs) as to be what the notes are about. A question
// saying a term needs MinKnown, and so does one whose best note is in
// everyday words too: notes about cooking answer "sharpen a kitchen
// knife" though they say "knives".
const EverydayKnown = 0.7

// MinKnown is the least share of a question's subject the notes must hold
// somewhere (see score.Held) for crib to call the question
// answered: "file my taxes in germany" finds "file" in the notes, but
// "taxes" and "germany", words AWS writing hardly uses, are what the
// question is about.
const MinKnown = 0.55

// Result is one ranked snippet, as shown.
type Result struct {
	Hit
	Rank     int
	Services []string // AWS services the snippet names, canonical names
	Matches  []Span   // what to highlight in Snippet.Text, in order
	// Children are the texts of the items nested right under the snippet,
	// when it introduces a list ("lifecycle events run in this order:").
	Children []string
	// Items are the snippet indices of Children, in order.
	Items []int
}

// Answer is everything crib found for a question.
type Answer struct {
	Question string
	Results  []Result
	// Services are the AWS services the question names.
	Services []string
	// Corrections maps misspelled words of the question to the words the
	// notes use, for a "did you mean" hint.
	Corrections map[string]string
	// Related are the services worth reading next, beside the results;
	// none when the notes do not cover the question (Covered false).
	Related []Related
	// Covered reports that the best note answers the question's subject
	// (see Ranking.Covered); when false the results are weak guesses.
	Covered bool
	// Unknown lists the words of the question's subject that no note
	// holds in any form, as the question wrote them; Missing, those the
	// best result does not say (everyday words left out).
	Unknown, Missing []string
	// Expansion is what the question was widened with (Engine.ExpandFrom),
	// nil when it was not.
	Expansion *Expansion
	// Declined says which of Ranking.Covered's tests the question failed,
	// "" when it is covered.
	Declined string
	// Idle names the filter values that let no note pass whatever the
	// question ("--in nosuchdir"), looked for only when nothing passed.
	Idle []string
}

// Expansion is the words a question was widened with and the notes of
// the other collection they came from.
type Expansion struct {
	Words []string `json:"words"` // analysed terms, heaviest first
	From  []string `json:"from"`  // source:line of each note read
}

// Search answers a question: Rank, then Answer. It returns *NothingError
// when the question has no searchable words, and an Answer with no
// results when nothing matched.
func (e *Engine) Search(question string, opts Options) (*Answer, error) {
	r, err := e.Rank(question, opts)
	if err != nil {
		return nil, err
	}
	return e.Answer(r), nil
}

// Rank finds and scores the opts.Limit best snippets for a question: the
// question's plan, one bleve query, and re-ranking by how much of the
// question each candidate covers. It returns *NothingError when the
// question has no searchable words.
func (e *Engine) Rank(question string, opts Options) (*Ranking, error) {
	return e.rank(question, opts, false)
}

// rank is Rank; with lean, only the best hit gets its Confidence and
// Anchored (see rerank).
func (e *Engine) rank(question string, opts Options, lean bool) (*Ranking, error) {
	if opts.Limit <= 0 {
		opts.Limit = DefaultLimit
	}
	p, err := e.analyzeQuestion(question)
	if err != nil {
		return nil, err
	}
	if opts.Terms {
		p.termBoost = termBoost
	}
	if !opts.NoExpand {
		e.addExpansion(question, p)
	}
	res, err := e.top(e.withFilter(p.bleveQuery(), opts.Filter), max(candidates, opts.Limit*2), opts.Explain)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	r := &Ranking{Question: question, plan: p, docs: &score.Docs{}, filter: opts.Filter}
	if !opts.NoExpand && e.expander != nil {
		// Whenever the question may be expanded, the notes are ranked
		// with their expansions too.
		r.docs.Also = e.noteExpansion
	}
	if len(res.Hits) == 0 && !opts.Filter.IsZero() {
		// Say whether the filter or the notes left nothing: one more
		// search, only when there is no answer to show.
		all, err := e.top(p.bleveQuery(), 1, false)
		r.filteredOut = err == nil && len(all.Hits) > 0
		r.idle = e.idle(opts.Filter)
	}
	for _, h := range res.Hits {
		i, ok := e.snippetIndex(h.ID)
		if !ok {
			return nil, fmt.Errorf("search: index holds unknown snippet %q", h.ID)
		}
		hit := Hit{Index: i, Snippet: e.snippets.Snippet(i), Score: h.Score}
		if opts.Explain {
			hit.Explain = explain(h.Expl, p)
		}
		r.Hits = append(r.Hits, hit)
	}
	r.Hits = e.rerank(p, r.Hits, r.docs, opts.Explain, lean)
	if len(r.Hits) > opts.Limit {
		r.rest = r.Hits[opts.Limit:]
		r.Hits = r.Hits[:opts.Limit]
	}
	return r, nil
}

// Answer decorates a ranking for showing: the services each hit names,
// the words to highlight, the items under a list intro, and the services
// worth reading next.
func (e *Engine) Answer(r *Ranking) *Answer {
	p := r.plan
	why := r.notCovered()
	ans := &Answer{Question: r.Question, Services: p.services, Corrections: p.corrected, Covered: why == "", Declined: why, Unknown: e.unknown(p, why != ""), Idle: r.idle}
	if len(p.expansion) > 0 {
		ans.Expansion = &Expansion{From: slices.Clone(p.expandedFrom)}
		for _, c := range p.expansion {
			ans.Expansion.Words = append(ans.Expansion.Words, c.Label)
		}
	}
	if len(r.Hits) > 0 {
		ans.Missing = e.missing(p, score.Own(r.docs.Analyze(r.Hits[0].Index, r.Hits[0].Snippet)))
	}
	shown, withItems := e.onePerPlace(append(slices.Clip(r.Hits), r.rest...))
	for i, h := range shown[:min(len(shown), len(r.Hits))] {
		res := Result{Hit: h, Rank: i + 1, Services: e.servicesOf(h.Index, h.Snippet.Text), Matches: highlight(h.Snippet.Text, p)}
		if withItems[h.Index] {
			res.Items = e.childIndices(h.Index)
			for _, c := range res.Items {
				res.Children = append(res.Children, e.snippets.Snippet(c).Text)
			}
		}
		ans.Results = append(ans.Results, res)
	}
	if ans.Covered {
		// Services beside weak guesses would be guesses too: "pizza
		// dough" listed Auto Scaling and SQS.
		ans.Related = e.related(p, ans.Results)
	}
	return ans
}

// snippetIndex reads a hit's id as the position of its snippet in the
// notes, and says whether the notes have one there.
func (e *Engine) snippetIndex(id string) (int, bool) {
	i, err := strconv.Atoi(id)
	return i, err == nil && i >= 0 && i < e.snippets.Len()
}

func less(a, b corpus.Snippet) bool {
	if a.Source != b.Source {
		return a.Source < b.Source
	}
	return a.Line < b.Line
}

// servicesIn returns the canonical names of the services text names.
func (e *Engine) servicesIn(text string) []string { return e.th.ServicesIn(text) }

// servicesOf returns the services snippet i names: those stored with it
// when it was, if they were found with the engine's thesaurus, else
// servicesIn of its text.
func (e *Engine) servicesOf(i int, text string) []string {
	if ss, ok := e.snippets.(ServiceSource); ok && e.th.builtin {
		return ss.Services(i)
	}
	return e.servicesIn(text)
}

// ServicesIn returns the canonical names of the services text names, in
// the order it first names them.
func (th *Thesaurus) ServicesIn(text string) []string {
	var out []string
	for _, m := range th.Dict.Expand(analysis.PhraseTerms(text)) {
		if m.Service != "" {
			out = appendUnique(out, m.Service)
		}
	}
	return out
}

// highlight finds the words of text that the question, or its synonyms,
// matched.
func highlight(text string, p *plan) []Span {
	var out []Span
	lastEnd := -1
	for _, t := range analysis.Analyze(text) {
		if t.Start < lastEnd {
			continue
		}
		switch {
		case p.userTerms[t.Term] && !analysis.IsBoilerplate(t.Term):
			out = append(out, Span{Start: t.Start, End: t.End})
		case p.synonymSet[t.Term]:
			out = append(out, Span{Start: t.Start, End: t.End, Synonym: true})
		default:
			continue
		}
		lastEnd = t.End
	}
	return out
}

// maxChildren bounds the items shown under a list intro.
const maxChildren = 16

// childIndices returns the positions of the items nested directly under
// snippet i: the snippets that follow it in its file with it as their
// nearest parent. Context holds only the nearest few ancestors, so a
// deeper descendant may not name the snippet; it is passed over, since
// only a full context can be that deep.
func (e *Engine) childIndices(i int) []int {
	parent := e.snippets.Snippet(i)
	var out []int
	for j := i + 1; j < e.snippets.Len() && len(out) < maxChildren; j++ {
		s := e.snippets.Snippet(j)
		under := slices.Contains(s.Context, parent.Text) || len(s.Context) >= corpus.MaxContextItems
		if s.Source != parent.Source || !under {
			break
		}
		if s.Context[len(s.Context)-1] == parent.Text {
			out = append(out, j)
		}
	}
	return out
}

// onePerPlace shows a list once: when two or more hits are items of one
// list intro ("Replication needs:"), the intro takes the place of the
// first of them, with its items under it, and the others go. A parent
// line and one of its items that both rank in the first three are one
// place too: the parent takes the better rank, with its items under it.
// A family's members score alike (an item is read with its parent's
// words), so which of them ranks first says little; shown together, the
// general line and the detail both answer. It returns the hits and the
// parents shown with their items.
func (e *Engine) onePerPlace(hits []Hit) ([]Hit, map[int]bool) {
	parents := map[int]int{} // parent snippet -> hits under it
	for _, h := range hits {
		if pi, ok := e.parentOf(h.Index); ok {
			parents[pi]++
		}
	}
	family := e.families(hits[:min(len(hits), familyRanks)])
	var out []Hit
	shown := map[int]bool{}
	withItems := map[int]bool{}
	for _, h := range hits {
		pi, ok := e.parentOf(h.Index)
		fp, in := family[h.Index]
		if in && fp >= 0 {
			pi, ok = fp, true
			parents[pi] = max(parents[pi], 2)
		}
		switch {
		case shown[h.Index]:
		case in && fp < 0:
			shown[h.Index] = true
			withItems[h.Index] = true
			out = append(out, h)
		case ok && parents[pi] >= 2 && shown[pi]:
		case ok && parents[pi] >= 2:
			shown[pi] = true
			withItems[pi] = true
			intro := Hit{Index: pi, Snippet: e.snippets.Snippet(pi), Score: h.Score, Confidence: h.Confidence, Anchored: h.Anchored, Explain: h.Explain}
			if len(h.Explain) > 0 {
				intro.ExplainedBy = h.Snippet.Line
			}
			out = append(out, intro)
		default:
			shown[h.Index] = true
			out = append(out, h)
		}
	}
	// An item shown under its parent is not shown again on its own, and
	// what a better result already said, word for word (placeWords), is
	// not shown twice: notes copied into a summary ("ASG lifecycle
	// states:" and its list, in two sections) took two of the first three
	// places with one answer.
	listed := map[int]bool{}
	said := map[string]bool{}
	kept := out[:0]
	for _, h := range out {
		if listed[h.Index] {
			continue
		}
		if introduces(h.Snippet.Text) {
			withItems[h.Index] = true // a list intro is shown with its items wherever it ranks
		}
		var items []int
		if withItems[h.Index] {
			items = e.childIndices(h.Index)
		}
		key := e.placeWords(h.Snippet, items)
		if said[key] {
			continue
		}
		said[key] = true
		kept = append(kept, h)
		for _, c := range items {
			listed[c] = true
			// An item shown in its list has said what a copy of it
			// elsewhere would.
			said[e.placeWords(e.snippets.Snippet(c), nil)] = true
		}
	}
	return kept, withItems
}

// placeWords is what a result says, as the runs of letters and digits of
// its words in lower case, so that case, spacing, punctuation and markup
// do not tell copies apart ("_time-based_" and "time-based",
// "WillReplace:true" and "`WillReplace` `true`") while every word still
// does ("can" and "can't", "and" and "or"). What a note says is its text,
// or, shown with items, the items. Said at length (copyWords or more),
// that alone is the answer wherever it sits: a summary section that
// repeats a list under another intro ("Failover:" and "RDS:") or a
// sentence under other parents repeats the answer. Said briefly, where
// it sits tells copies apart: "Default is 30 seconds" under "Visibility
// timeout:" and under "Health check interval:" are two answers, so the
// key holds the intro with the items, or the parent lines of a line
// shown alone.
func (e *Engine) placeWords(s corpus.Snippet, items []int) string {
	said, where := []string{s.Text}, s.Context
	if len(items) > 0 {
		said, where = nil, []string{"list", s.Text}
		for _, c := range items {
			said = append(said, e.snippets.Snippet(c).Text)
		}
	}
	key, n := lowerWords(said)
	if n >= copyWords {
		return key
	}
	at, _ := lowerWords(where)
	return key + "\n^" + at
}

// lowerWords joins texts, one per line, as the runs of letters and digits
// of their words in lower case, and counts the words.
func lowerWords(texts []string) (string, int) {
	var b strings.Builder
	n := 0
	for _, t := range texts {
		w := strings.FieldsFunc(strings.ToLower(t), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		})
		n += len(w)
		b.WriteString("\n")
		b.WriteString(strings.Join(w, " "))
	}
	return b.String(), n
}

// copyWords is how many words a note must say for a word-for-word copy
// of it elsewhere in the notes to be the same answer (see placeWords).
const copyWords = 12

// introduces reports whether a note's text introduces a list: it ends in
// ":" ("Replication needs:"), or in a word that cannot end a sentence,
// so that its items finish it ("Global tables require", "Can set up
// trails for"): notes drop the colon as often as they write it.
func introduces(text string) bool {
	t := strings.TrimSpace(text)
	if strings.HasSuffix(t, ":") {
		return true
	}
	words := strings.Fields(strings.ToLower(t))
	return len(words) > 1 && unfinished[words[len(words)-1]]
}

// unfinished are words a sentence does not end with: prepositions, and
// the verbs a note's list follows, which want their object.
var unfinished = map[string]bool{
	"for": true, "to": true, "of": true, "with": true, "by": true, "from": true,
	"in": true, "on": true, "into": true, "via": true, "like": true, "between": true,
	"as": true, "than": true, "including": true, "include": true, "includes": true,
	"require": true, "requires": true, "need": true, "needs": true, "are": true,
	"is": true, "e.g.": true, "the": true, "a": true, "an": true, "and": true, "or": true,
}

// familyRanks is how many of the first hits a parent and its item must
// both be among to show as one place.
const familyRanks = 3

// families maps each hit among top whose direct parent is also among
// top, or that has a sibling among top, to that parent, and each parent
// among top to -1.
func (e *Engine) families(top []Hit) map[int]int {
	in := map[int]bool{}
	for _, h := range top {
		in[h.Index] = true
	}
	under := map[int]int{} // direct parent -> its items among top
	for _, h := range top {
		if pi, ok := e.directParent(h.Index); ok {
			under[pi]++
		}
	}
	out := map[int]int{}
	for _, h := range top {
		// An item and its parent, or two items of one parent (each
		// repeating it), are one place: the parent, with its items.
		if pi, ok := e.directParent(h.Index); ok && (in[pi] || under[pi] >= 2) {
			out[h.Index] = pi
			if in[pi] {
				out[pi] = -1
			}
		}
	}
	return out
}

// parentOf finds the list intro snippet i sits under: the nearest earlier
// snippet of its file whose text is its nearest parent and ends in ":".
func (e *Engine) parentOf(i int) (int, bool) {
	s := e.snippets.Snippet(i)
	if len(s.Context) == 0 || !introduces(s.Context[len(s.Context)-1]) {
		return 0, false
	}
	return e.directParent(i)
}

// directParent finds the snippet i sits under: the nearest earlier
// snippet of its file whose text is its nearest parent.
func (e *Engine) directParent(i int) (int, bool) {
	s := e.snippets.Snippet(i)
	if len(s.Context) == 0 {
		return 0, false
	}
	parent := s.Context[len(s.Context)-1]
	for j := i - 1; j >= 0 && e.snippets.Snippet(j).Source == s.Source; j-- {
		if e.snippets.Snippet(j).Text == parent {
			return j, true
		}
	}
	return 0, false
}

// saysAll reports whether a hit says every concept of the question's
// subject, in any of its fields and however weakly.
func (r *Ranking) saysAll(h Hit) bool {
	d := score.Own(r.docs.Analyze(h.Index, h.Snippet))
	for _, c := range score.Subject(r.plan.concepts) {
		if c.Weight > 0 && c.Found(d).Value == 0 {
			return false
		}
	}
	return true
}
