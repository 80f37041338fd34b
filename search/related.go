package search

import (
	"fmt"
	"sort"
)

// Related is an AWS service worth reading about after an answer.
type Related struct {
	Service string  `json:"service"`
	Why     string  `json:"why"`
	Score   float64 `json:"score"`
}

// maxRelated bounds the services suggested after one answer.
const maxRelated = 5

// related ranks the services that the top results name and that the
// catalogue links to the question's services, leaving out the services
// the question names itself.
func (e *Engine) related(p *plan, rs []Result) []Related {
	asked := map[string]bool{}
	for _, s := range p.services {
		asked[s] = true
	}
	byName := map[string]*Related{}
	named := map[string]int{}
	for _, r := range rs {
		for _, s := range r.Services {
			named[s]++
		}
	}
	for s, n := range named {
		if asked[s] {
			continue
		}
		why := "named in 1 result"
		if n > 1 {
			why = fmt.Sprintf("named in %d results", n)
		}
		byName[s] = &Related{Service: s, Why: why, Score: float64(n)}
	}
	for _, s := range p.services {
		svc, ok := e.th.Catalog.Lookup(s)
		if !ok {
			continue
		}
		for _, rel := range svc.Related {
			if asked[rel.Service] {
				continue
			}
			if r := byName[rel.Service]; r != nil {
				r.Score += 1
				continue
			}
			byName[rel.Service] = &Related{Service: rel.Service, Why: s + ": " + rel.Why, Score: 0.75}
		}
	}
	out := make([]Related, 0, len(byName))
	for _, r := range byName {
		out = append(out, *r)
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
