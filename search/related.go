package search

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Related is an AWS service worth reading about after an answer, with the
// strongest reason for it.
type Related struct {
	Service string  `json:"service"`
	Why     string  `json:"why"`
	Score   float64 `json:"score"`
}

// maxRelated bounds the services suggested after one answer.
const maxRelated = 5

// How much each kind of evidence adds to a related service's score.
const (
	relNamedInResult = 1.0  // per top result that names it
	relCurated       = 1.2  // the catalogue links it to a service of the question
	relCuratedResult = 0.5  // the catalogue links it to a service of the best result
	relSection       = 0.25 // per sibling note in a result's section naming it
	relSectionCap    = 0.75
	relImplied       = 1.2 // the thesaurus leads from the question's words to it
)

// relatedScore gathers the evidence for one service.
type relatedScore struct {
	score   float64
	reasons []reason
}

type reason struct {
	weight  float64
	text    string
	curated bool // from the catalogue: says how the services work together
}

func (r *relatedScore) add(w float64, text string) {
	r.score += w
	r.reasons = append(r.reasons, reason{weight: w, text: text})
}

// why tells the catalogue's reason first, when there is one, then the
// strongest evidence from the notes and the question: two reasons at most.
func (r *relatedScore) why() string {
	sort.SliceStable(r.reasons, func(i, j int) bool { return r.reasons[i].weight > r.reasons[j].weight })
	var texts []string
	for _, rs := range r.reasons {
		if rs.curated {
			texts = append(texts, rs.text)
			break
		}
	}
	for _, rs := range r.reasons {
		if !rs.curated && len(texts) < 2 {
			texts = append(texts, rs.text)
		}
	}
	return strings.Join(texts, " · ")
}

// related ranks services worth reading next. Only what the results lead
// to is a candidate: a service a top result names, or one named beside the
// results in their sections. The catalogue's links to the question's
// services and the best result's, and the thesaurus, add weight and
// reasons but no candidates of their own, so the suggestions follow the
// answer, not the question's words alone. The services the question names
// itself are left out.
func (e *Engine) related(p *plan, rs []Result) []Related {
	asked := map[string]bool{}
	for _, s := range p.services {
		asked[s] = true
	}
	scores := map[string]*relatedScore{}
	get := func(s string) *relatedScore {
		if scores[s] == nil {
			scores[s] = &relatedScore{}
		}
		return scores[s]
	}
	named := map[string]int{}
	for _, r := range rs {
		for _, s := range r.Services {
			named[s]++
		}
	}
	for s, n := range named {
		get(s).add(relNamedInResult*float64(n), plural(n, "named in %d of the top results", "named in one of the top results"))
	}
	for _, s := range p.services {
		e.addCurated(s, relCurated, get)
	}
	for s, words := range p.implied {
		get(s).add(relImplied, fmt.Sprintf("the thesaurus links %q in the question to it", words))
	}
	if len(rs) > 0 {
		for _, s := range rs[0].Services {
			if !asked[s] {
				e.addCurated(s, relCuratedResult, get)
			}
		}
	}
	led := e.addSections(rs, get)
	for s := range named {
		led[s] = true
	}
	for s := range scores {
		if !led[s] {
			delete(scores, s)
		}
	}
	return rankRelated(scores, asked)
}

func (e *Engine) addCurated(from string, w float64, get func(string) *relatedScore) {
	svc, ok := e.th.Catalog.Lookup(from)
	if !ok {
		return
	}
	for _, rel := range svc.Related {
		r := get(rel.Service)
		r.score += w
		r.reasons = append(r.reasons, reason{weight: w, text: from + ": " + rel.Why, curated: true})
	}
}

// addSections credits services named by other notes of the results'
// sections, what a student reads on the same page, and returns them.
func (e *Engine) addSections(rs []Result, get func(string) *relatedScore) map[string]bool {
	counts := map[string]int{}
	seen := map[int]bool{}
	for _, r := range rs {
		for _, i := range e.section(r.Index) {
			if seen[i] {
				continue
			}
			seen[i] = true
			for _, s := range e.servicesOf(i, e.snippets.Snippet(i).Text) {
				counts[s]++
			}
		}
	}
	named := map[string]bool{}
	for s, n := range counts {
		get(s).add(min(relSectionCap, relSection*float64(n)), plural(n, "named in %d notes of the same sections", "named in a note of the same section"))
		named[s] = true
	}
	return named
}

// maxSection bounds the notes of one section that are looked at.
const maxSection = 40

// section returns the indexes of the snippets that share snippet i's file
// and heading path, in source order, at most maxSection. A file's
// snippets are contiguous and in order, so only the file's own are
// looked at, not every snippet.
func (e *Engine) section(i int) []int {
	s := e.snippets.Snippet(i)
	first := i
	for first > 0 && e.snippets.Snippet(first-1).Source == s.Source {
		first--
	}
	var ids []int
	for j := first; j < e.snippets.Len() && len(ids) < maxSection; j++ {
		sn := e.snippets.Snippet(j)
		if sn.Source != s.Source {
			break
		}
		if slices.Equal(sn.Heading, s.Heading) {
			ids = append(ids, j)
		}
	}
	return ids
}

func sectionKey(source string, heading []string) string {
	return source + "\x00" + strings.Join(heading, "\x00")
}

func rankRelated(scores map[string]*relatedScore, asked map[string]bool) []Related {
	var out []Related
	for s, r := range scores {
		if asked[s] {
			continue
		}
		out = append(out, Related{Service: s, Why: r.why(), Score: float64(int(r.score*100+0.5)) / 100})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Service < out[j].Service
	})
	if len(out) > maxRelated {
		out = out[:maxRelated]
	}
	return out
}

func plural(n int, many, one string) string {
	if n == 1 {
		return one
	}
	return fmt.Sprintf(many, n)
}
