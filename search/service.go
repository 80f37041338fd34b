package search

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search/analysis"
	"github.com/crib-dev/crib/synonyms"
)

// ErrUnknownService is returned (wrapped) when a name resolves to no
// catalogued service.
var ErrUnknownService = errors.New("unknown service")

// ServiceReport is everything the notes say about one service.
type ServiceReport struct {
	Service synonyms.Service
	// Corrected is set when the name given was a misspelling.
	Corrected string
	Sections  []Section
	Related   []Related
}

// Section is the notes of one heading path of one file.
type Section struct {
	Source   string
	Heading  []string
	Snippets []corpus.Snippet
}

// maxServiceNotes bounds the notes a service report lists for each of
// the service and its parts.
const maxServiceNotes = 200

// Service resolves name (any alias, phrase or small misspelling the
// thesaurus knows) and gathers the notes that name the service or one of
// its parts (Parameter Store for Systems Manager), grouped by section, the
// sections most about the service first, with related services.
func (e *Engine) Service(name string) (*ServiceReport, error) {
	svc, corrected, err := e.resolveService(name)
	if err != nil {
		return nil, err
	}
	rep := &ServiceReport{Service: *svc, Corrected: corrected}
	ids := e.notesNaming(svc)
	var current *Section
	var firsts []int // per section, its first note
	for _, i := range ids {
		s := e.snippets.Snippet(i)
		if current == nil || current.Source != s.Source || strings.Join(current.Heading, "\x00") != strings.Join(s.Heading, "\x00") {
			rep.Sections = append(rep.Sections, Section{Source: s.Source, Heading: s.Heading})
			current = &rep.Sections[len(rep.Sections)-1]
			firsts = append(firsts, i)
		}
		current.Snippets = append(current.Snippets, s)
	}
	e.sortByCentrality(svc, rep.Sections, firsts)
	rep.Related = e.serviceRelated(svc, ids)
	return rep, nil
}

// sortByCentrality puts first the sections most about svc: a heading
// that is its name (the shallowest first), then one that names it (the
// innermost counts most), then the share of the section's notes that name
// it, then how many do. Ties keep source order.
// firsts holds a note of each section, to find the section's others by.
func (e *Engine) sortByCentrality(svc *synonyms.Service, secs []Section, firsts []int) {
	type rank struct{ named, v float64 }
	score := make(map[string]rank, len(secs))
	for k, sec := range secs {
		var r rank
		for lvl, h := range sec.Heading {
			if !slices.Contains(e.servicesIn(h), svc.Name) {
				continue
			}
			r.v = max(r.v, 1+float64(lvl+1)/float64(len(sec.Heading)))
			if namesOnly(h, svc) {
				// A heading that is the name ("## CloudFormation") heads
				// what the notes say of the service, the shallower the
				// more of it; "CloudFormation failures" one side of it.
				r.named = max(r.named, 1/float64(lvl+1))
			}
		}
		all := len(e.section(firsts[k]))
		r.v += float64(len(sec.Snippets)) / float64(max(all, len(sec.Snippets)))
		r.v += float64(min(len(sec.Snippets), 10)) / 20
		score[sectionKey(sec.Source, sec.Heading)] = r
	}
	sort.SliceStable(secs, func(i, j int) bool {
		a, b := score[sectionKey(secs[i].Source, secs[i].Heading)], score[sectionKey(secs[j].Source, secs[j].Heading)]
		if a.named != b.named {
			return a.named > b.named
		}
		return a.v > b.v
	})
}

// namesOnly reports whether heading h says nothing but names of svc
// ("CloudFormation", "Systems Manager (SSM)", "EventBridge (CloudWatch
// Events)": a name and a former one).
func namesOnly(h string, svc *synonyms.Service) bool {
	var names []string
	for _, n := range append([]string{svc.Name}, svc.Aliases...) {
		names = append(names, analysis.PhraseTerms(n)...)
	}
	for _, t := range analysis.PhraseTerms(h) {
		if !slices.Contains(names, t) {
			return false
		}
	}
	return true
}

// ResolveServices reads a list of service names, as "crib service lambda
// eventbridge" gives it: the whole of name when it names one service (a
// misspelling included), else runs of words that each name a service
// exactly, longest first, or one misspelt word each. corrected, the
// names as corrected, is set when some were misspelt. It returns ErrUnknownService (wrapped) when some words
// name none.
func (e *Engine) ResolveServices(name string) (names []string, corrected string, err error) {
	svc, corrected, err := e.resolveService(name)
	if err == nil {
		return []string{svc.Name}, corrected, nil
	}
	words := strings.Fields(name)
	var out []string
	fixed := false
	for i := 0; i < len(words); {
		j := len(words)
		for ; j > i; j-- {
			if s := e.exactService(strings.Join(words[i:j], " ")); s != nil {
				out = appendUnique(out, s.Name)
				break
			}
		}
		if j == i {
			// One word misspelt among several services ("eventbrige
			// lambda"), corrected as a typo only: a word the notes hold
			// is no misspelling ("ec2 spot", "s3 lifecycle" are
			// questions, not EC2 and Data Lifecycle Manager).
			s := e.misspeltService(words[i])
			if s == nil {
				return nil, "", err
			}
			out, fixed, j = appendUnique(out, s.Name), true, i+1
		}
		i = j
	}
	if fixed {
		corrected = strings.Join(out, ", ")
	}
	return out, corrected, nil
}

// misspeltService finds the service a word of a list misspells, if the
// notes do not hold the word (see closestService).
func (e *Engine) misspeltService(word string) *synonyms.Service {
	lw := strings.ToLower(word)
	if e.holdsWhole(lw) || e.knownWord(lw) {
		return nil
	}
	return e.closestService(lw)
}

// exactService finds the service name names without correcting it.
func (e *Engine) exactService(name string) *synonyms.Service {
	for _, n := range []string{name, "AWS " + name, "Amazon " + name} {
		if svc, ok := e.th.Catalog.Lookup(n); ok {
			return svc
		}
	}
	if s := e.th.Dict.Service(analysis.PhraseTerms(name)); s != "" {
		svc, _ := e.th.Catalog.Lookup(s)
		return svc
	}
	return nil
}

func (e *Engine) resolveService(name string) (*synonyms.Service, string, error) {
	// Services whose short name is an everyday word ("Glue", "Config")
	// are catalogued under their full name.
	if svc := e.exactService(name); svc != nil {
		return svc, "", nil
	}
	lname := strings.ToLower(strings.Join(strings.Fields(name), " "))
	if svc := e.closestService(lname); svc != nil {
		return svc, svc.Name, nil
	}
	if svc := e.serviceNamedBy(lname); svc != nil {
		return svc, svc.Name, nil
	}
	return nil, "", fmt.Errorf("%w %q (try its official name, e.g. \"crib service eventbridge\")", ErrUnknownService, name)
}

// closestService finds the service whose name lname, lower case,
// misspells, within typoEdits edits, as the typo corrector takes a
// misspelling. Trial 10 saw "dns" as DMS, "iot" as ADOT and "wifi", two
// edits from a 4-letter word, as WAF.
func (e *Engine) closestService(lname string) *synonyms.Service {
	maxDist := typoEdits(len(lname))
	best, bestDist := "", maxDist+1
	for _, n := range e.th.Catalog.Names() {
		if abs(len(n)-len(lname)) >= bestDist {
			continue
		}
		if d := editDistance(lname, n, maxDist); d < bestDist {
			best, bestDist = n, d
		}
	}
	if best == "" {
		return nil
	}
	svc, _ := e.th.Catalog.Lookup(best)
	return svc
}

// serviceNamedBy finds the one service whose names hold word as a word of
// their own, word being no everyday English: "kubernetes" is EKS (Amazon
// Elastic Kubernetes Service), "quicksight" nothing more than itself. It
// is nil when no service, or more than one, has the word.
func (e *Engine) serviceNamedBy(word string) *synonyms.Service {
	if len(word) < 5 || strings.Contains(word, " ") || analysis.IsEnglish(word) {
		return nil
	}
	var found *synonyms.Service
	for _, n := range e.th.Catalog.Names() {
		if !slices.Contains(strings.Fields(n), word) {
			continue
		}
		svc, _ := e.th.Catalog.Lookup(n)
		if found != nil && found.Name != svc.Name {
			return nil
		}
		found = svc
	}
	return found
}

// notesNaming returns, in source order, the snippets whose text names svc
// or one of its parts, found through the index by their names and aliases.
func (e *Engine) notesNaming(svc *synonyms.Service) []int {
	family := []*synonyms.Service{svc}
	for _, p := range e.th.Catalog.Parts(svc.Name) {
		if ps, ok := e.th.Catalog.Lookup(p); ok {
			family = append(family, ps)
		}
	}
	seen := map[int]bool{}
	var ids []int
	for _, s := range family {
		r, err := e.Rank(strings.Join(append([]string{s.Name}, s.Aliases...), ", "), Options{Limit: maxServiceNotes})
		if err != nil {
			continue
		}
		for _, h := range r.Hits {
			if !seen[h.Index] && slices.Contains(e.servicesOf(h.Index, h.Snippet.Text), s.Name) {
				seen[h.Index] = true
				ids = append(ids, h.Index)
			}
		}
	}
	sort.Ints(ids)
	return ids
}

// serviceRelated ranks the services related to svc: the catalogue's links
// and the services named beside it in the notes.
func (e *Engine) serviceRelated(svc *synonyms.Service, ids []int) []Related {
	scores := map[string]*relatedScore{}
	get := func(s string) *relatedScore {
		if scores[s] == nil {
			scores[s] = &relatedScore{}
		}
		return scores[s]
	}
	e.addCurated(svc.Name, relCurated, get)
	counts := map[string]int{}
	for _, i := range ids {
		for _, s := range e.servicesOf(i, e.snippets.Snippet(i).Text) {
			counts[s]++
		}
	}
	for s, n := range counts {
		get(s).add(relNamedInResult*float64(n)/2, plural(n, "named beside it in %d notes", "named beside it in one note"))
	}
	return rankRelated(scores, map[string]bool{svc.Name: true})
}
