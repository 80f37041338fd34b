package main

import (
	"fmt"
	"strings"

	"github.com/crib-dev/crib/search"
	"github.com/crib-dev/crib/search/check"
)

// optionStats counts how well crib check ranks the options of practice
// questions, beside what random order would get.
type optionStats struct {
	n             int
	top1, topN    int     // rank 1 is correct; some correct option is in the top N
	rand1, randN  float64 // expected counts under random order
	noEvidence    []string
	wrongEvidence []string
}

// reportOptions prints option accuracy for the questions of a set that
// have options: the share whose top-ranked option is a correct one, and
// the share with a correct option among the top N for "choose N", each
// beside the share random order would get.
func reportOptions(set string, qs []question, eng *search.Engine) error {
	ck := check.New(eng)
	var st optionStats
	for _, q := range qs {
		if len(q.Options) < 2 || q.Answer == "" {
			continue
		}
		if err := st.add(ck, q); err != nil {
			return fmt.Errorf("%s %s: %w", set, q.ID, err)
		}
	}
	if st.n == 0 {
		return nil
	}
	n := float64(st.n)
	fmt.Printf("%-9s %-8s n=%-3d top-1 correct %.2f (random %.2f)  correct in top N %.2f (random %.2f)\n",
		set, "options", st.n, float64(st.top1)/n, st.rand1/n, float64(st.topN)/n, st.randN/n)
	if len(st.noEvidence) > 0 {
		fmt.Printf("%-9s %-8s no evidence in the notes for any correct option: %s\n", set, "options", strings.Join(st.noEvidence, " "))
	}
	if len(st.wrongEvidence) > 0 {
		fmt.Printf("%-9s %-8s a wrong option ranked first: %s\n", set, "options", strings.Join(st.wrongEvidence, " "))
	}
	return nil
}

func (st *optionStats) add(ck *check.Checker, q question) error {
	correct := map[string]bool{}
	for _, a := range strings.Split(q.Answer, " || ") {
		correct[norm(a)] = true
	}
	pq := &check.Question{Stem: q.Query, Choose: len(correct)}
	for i, o := range q.Options {
		pq.Options = append(pq.Options, check.Option{Letter: string(rune('A' + i)), Text: o})
	}
	res, err := ck.Check(pq)
	if err != nil {
		return err
	}
	k, total := len(correct), len(q.Options)
	st.n++
	st.rand1 += float64(k) / float64(total)
	st.randN += 1 - choose(total-k, k)/choose(total, k)
	if correct[norm(res.Options[0].Text)] {
		st.top1++
	} else {
		st.wrongEvidence = append(st.wrongEvidence, q.ID)
	}
	for _, o := range res.Options[:min(k, len(res.Options))] {
		if correct[norm(o.Text)] {
			st.topN++
			break
		}
	}
	evidence := false
	for _, o := range res.Options {
		evidence = evidence || (correct[norm(o.Text)] && len(o.Support) > 0)
	}
	if !evidence {
		st.noEvidence = append(st.noEvidence, q.ID)
	}
	return nil
}

// choose is the binomial coefficient n over k.
func choose(n, k int) float64 {
	if k < 0 || k > n {
		return 0
	}
	r := 1.0
	for i := 1; i <= k; i++ {
		r = r * float64(n-k+i) / float64(i)
	}
	return r
}
