package main

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/crib-dev/crib/search"
)

// searcher returns the texts of the top results for a query, best first.
type searcher interface {
	top(q string, n int) ([]string, error)
}

type crib struct{ eng *search.Engine }

func (c crib) top(q string, n int) ([]string, error) {
	ans, err := c.eng.Search(q, search.Options{Limit: n})
	if err != nil {
		return nil, err
	}
	var out []string
	for _, r := range ans.Results {
		// A list intro answers with its items: they are part of what is shown.
		out = append(out, strings.Join(append([]string{r.Snippet.Text}, r.Children...), " "))
	}
	return out, nil
}

var markup = regexp.MustCompile("[`*_]")

// norm folds case, markup and white space, as hits are compared.
func norm(s string) string {
	return strings.Join(strings.Fields(markup.ReplaceAllString(strings.ToLower(s), "")), " ")
}

// rank returns the 1-based rank of the first hit among texts, or 0.
func rank(texts []string, relevant []string) int {
	for i, t := range texts {
		nt := norm(t)
		for _, r := range relevant {
			if strings.Contains(nt, norm(r)) {
				return i + 1
			}
		}
	}
	return 0
}

type metrics struct {
	n, r1, r3 int
	mrr       float64
}

func (m *metrics) add(rk int) {
	m.n++
	if rk == 1 {
		m.r1++
	}
	if rk >= 1 && rk <= 3 {
		m.r3++
	}
	if rk >= 1 {
		m.mrr += 1 / float64(rk)
	}
}

func (m metrics) String() string {
	if m.n == 0 {
		return "no questions"
	}
	n := float64(m.n)
	return fmt.Sprintf("n=%-3d R@1 %.2f  R@3 %.2f  MRR@10 %.3f", m.n, float64(m.r1)/n, float64(m.r3)/n, m.mrr/n)
}

func report(set, engine string, qs []question, s searcher, verbose bool) error {
	if !hasRelevant(qs) {
		return nil
	}
	all := metrics{}
	byKind := map[string]*metrics{}
	for _, q := range qs {
		if len(q.Relevant) == 0 {
			continue // an off-topic question: measured by reportOfftopic
		}
		texts, err := s.top(q.Query, 10)
		if err != nil {
			texts = nil
		}
		rk := rank(texts, q.Relevant)
		all.add(rk)
		if byKind[q.Kind] == nil {
			byKind[q.Kind] = &metrics{}
		}
		byKind[q.Kind].add(rk)
		if verbose && rk != 1 {
			first := ""
			if len(texts) > 0 {
				first = texts[0]
			}
			fmt.Printf("  miss %s rank=%d %q\n      top: %.110s\n", q.ID, rk, q.Query, first)
		}
	}
	fmt.Printf("%-9s %-8s all       %s\n", set, engine, all)
	kinds := make([]string, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		fmt.Printf("%-9s %-8s %-9s %s\n", set, engine, k, *byKind[k])
	}
	return nil
}

// hasRelevant reports whether any question of a set names the notes that
// answer it; sets without (exam questions, off-topic ones) are measured
// otherwise.
func hasRelevant(qs []question) bool {
	for _, q := range qs {
		if len(q.Relevant) > 0 {
			return true
		}
	}
	return false
}

// reportCovered prints how crib judges whether its notes cover a question
// (search.Ranking.Covered): the share of off-topic questions (no relevant
// note) it declines, and of on-topic ones it answers.
func reportCovered(set string, qs []question, eng *search.Engine) {
	var on, onOK, off, offOK int
	for _, q := range qs {
		if len(q.Options) > 0 {
			continue
		}
		r, err := eng.Rank(q.Query, search.Options{Limit: search.DefaultLimit})
		covered := err == nil && r.Covered()
		if len(q.Relevant) == 0 {
			off++
			if !covered {
				offOK++
			}
		} else {
			on++
			if covered {
				onOK++
			}
		}
	}
	if off > 0 {
		fmt.Printf("%-9s %-8s off-topic declined (exit 1) %d/%d = %.2f\n", set, "covered", offOK, off, float64(offOK)/float64(off))
	}
	if on > 0 {
		fmt.Printf("%-9s %-8s on-topic answered  (exit 0) %d/%d = %.3f\n", set, "covered", onOK, on, float64(onOK)/float64(on))
	}
}
