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

// maxServiceNotes bounds the notes a service report lists.
const maxServiceNotes = 200

// Service resolves name (any alias, phrase or small misspelling the
// thesaurus knows) and gathers the notes that name the service, grouped by
// section in source order, with related services.
func (e *Engine) Service(name string) (*ServiceReport, error) {
	svc, corrected, err := e.resolveService(name)
	if err != nil {
		return nil, err
	}
	rep := &ServiceReport{Service: *svc, Corrected: corrected}
	ids := e.notesNaming(svc)
	var current *Section
	for _, i := range ids {
		s := e.snippets[i]
		if current == nil || current.Source != s.Source || strings.Join(current.Heading, "\x00") != strings.Join(s.Heading, "\x00") {
			rep.Sections = append(rep.Sections, Section{Source: s.Source, Heading: s.Heading})
			current = &rep.Sections[len(rep.Sections)-1]
		}
		current.Snippets = append(current.Snippets, s)
	}
	rep.Related = e.serviceRelated(svc, ids)
	return rep, nil
}

func (e *Engine) resolveService(name string) (*synonyms.Service, string, error) {
	// Services whose short name is an everyday word ("Glue", "Config")
	// are catalogued under their full name.
	for _, n := range []string{name, "AWS " + name, "Amazon " + name} {
		if svc, ok := e.th.Catalog.Lookup(n); ok {
			return svc, "", nil
		}
	}
	if s := e.th.Dict.Service(analysis.PhraseTerms(name)); s != "" {
		svc, _ := e.th.Catalog.Lookup(s)
		return svc, "", nil
	}
	best, bestDist := "", 3
	lname := strings.ToLower(strings.Join(strings.Fields(name), " "))
	for _, n := range e.th.Catalog.Names() {
		if abs(len(n)-len(lname)) >= bestDist {
			continue
		}
		if d := editDistance(lname, n, 2); d < bestDist {
			best, bestDist = n, d
		}
	}
	if best != "" && len(lname) >= 3 {
		svc, _ := e.th.Catalog.Lookup(best)
		return svc, svc.Name, nil
	}
	return nil, "", fmt.Errorf("%w %q (try its official name, e.g. \"crib service eventbridge\")", ErrUnknownService, name)
}

// notesNaming returns, in source order, the snippets whose text names svc,
// found through the index by its name and aliases.
func (e *Engine) notesNaming(svc *synonyms.Service) []int {
	r, err := e.Rank(strings.Join(append([]string{svc.Name}, svc.Aliases...), ", "), Options{Limit: maxServiceNotes})
	if err != nil {
		return nil
	}
	var ids []int
	for _, h := range r.Hits {
		if slices.Contains(e.servicesIn(h.Snippet.Text), svc.Name) {
			ids = append(ids, h.Index)
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
		for _, s := range e.servicesIn(e.snippets[i].Text) {
			counts[s]++
		}
	}
	for s, n := range counts {
		get(s).add(relNamedInResult*float64(n)/2, plural(n, "named beside it in %d notes", "named beside it in one note"))
	}
	return rankRelated(scores, map[string]bool{svc.Name: true})
}
