package search

import (
	"sort"
	"strings"
	"sync"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search/analysis"
	"github.com/crib-dev/crib/search/score"
)

// Note expansion (document expansion) is the other half of ExpandFrom: a
// user's note is widened, for ranking only, with words of the richer
// notes' note closest to it. A terse note says only names ("Patching =>
// SSM Patch Manager"); the built-in notes say what they are for ("...
// automates operating system patching of EC2 and on-premises servers")
// in the words questions use. On paraphrases nobody here had studied it
// raised R@1 by 0.03-0.04 (docs/quality.md, "Note expansion").

// ExpansionSource is a SnippetSource that also keeps each snippet's note
// expansion, made when the snippets were stored (see
// Engine.NoteExpansion). Expanded is false when they were stored without
// (too many notes, no richer engine at hand): its notes then go
// unexpanded, since making expansions while answering costs about 2 ms a
// note looked at. Snippets held in memory (SnippetSlice) are expanded as
// questions first look at them.
type ExpansionSource interface {
	SnippetSource
	Expanded() bool
	Expansion(i int) []string
}

// noteExpandWords is how many words a note gains at most.
const noteExpandWords = 8

// MaxExpandedNotes bounds the notes that are expanded: each takes about
// 2 ms when the index is built, a second a thousand notes on two cores,
// so larger notes are searched without their expansions rather than
// wait for them. Notes held in memory are bound alike, so that a
// question ranks the same with and without the cache.
const MaxExpandedNotes = 5000

// inDomain reports whether text is written in the richer notes' domain:
// it names a service or says a term of AWS writing. A note about
// something else (a recipe, Kubernetes in everyday words) is not widened
// with AWS words, and asking e about each such note made the first build
// of 2,000 small notes take 2.6 s instead of 0.3 s.
func (e *Engine) inDomain(text string) bool {
	if score.SaysTerm(text) {
		return true
	}
	for _, m := range e.th.Dict.Expand(analysis.PhraseTerms(text)) {
		if m.Service != "" {
			return true
		}
	}
	return false
}

// NoteExpansion returns the words e, the richer engine, widens note s
// with: of e's best note for s's text (with the items it sits under),
// the words s does not say, at most noteExpandWords, the rarest in e's
// notes first; no words of everyday speech, padding or code. It is
// empty when e finds nothing for s, or s is not in e's domain.
func (e *Engine) NoteExpansion(s corpus.Snippet) []string {
	q := s.Text
	if len(s.Context) > 0 {
		q = strings.Join(s.Context, " ") + " " + q
	}
	if !e.inDomain(q) {
		return nil
	}
	r, err := e.rank(q, Options{Limit: 1, NoExpand: true}, true)
	if err != nil || len(r.Hits) == 0 {
		return nil
	}
	own := map[string]bool{}
	for _, t := range analysis.PhraseTerms(q) {
		own[t] = true
	}
	type word struct {
		term   string
		weight float64
	}
	var words []word
	for _, t := range analysis.PhraseTerms(r.Hits[0].Snippet.Text) {
		if own[t] || !widening(t) {
			continue
		}
		own[t] = true
		words = append(words, word{t, e.termWeight(t)})
	}
	sort.SliceStable(words, func(i, j int) bool { return words[i].weight > words[j].weight })
	out := make([]string, 0, min(len(words), noteExpandWords))
	for _, w := range words[:min(len(words), noteExpandWords)] {
		out = append(out, w.term)
	}
	return out
}

// noteExpansions holds the note expansions an engine made itself, one
// per snippet as a question first looks at it.
type noteExpansions struct {
	mu    sync.Mutex
	words map[int][]string
}

// noteExpansion returns snippet i's note expansion: the one stored with
// the snippets, or made from the expander and kept.
func (e *Engine) noteExpansion(i int) []string {
	if src, ok := e.snippets.(ExpansionSource); ok {
		if !src.Expanded() {
			return nil
		}
		return src.Expansion(i)
	}
	if e.expander == nil || e.snippets.Len() > MaxExpandedNotes {
		return nil
	}
	e.expanded.mu.Lock()
	defer e.expanded.mu.Unlock()
	if w, ok := e.expanded.words[i]; ok {
		return w
	}
	if e.expanded.words == nil {
		e.expanded.words = map[int][]string{}
	}
	w := e.expander.NoteExpansion(e.snippets.Snippet(i))
	e.expanded.words[i] = w
	return w
}
