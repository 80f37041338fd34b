package main

import (
	"fmt"
	"hash/fnv"
	"sort"
	"strings"

	"github.com/crib-dev/crib/search/check"
)

// examStats measures crib check the way a candidate uses it: does the
// best-scored option belong to the key (top-1), and are the N options it
// picks exactly the key (strict), beside two baselines that know nothing:
// a random pick and "pick the longest option".
type examStats struct {
	n                 int
	top1, strict      int
	rand1, randStrict float64 // expected counts under a random pick
	long1, longStrict int     // the longest option(s)
}

func (st *examStats) String() string {
	if st.n == 0 {
		return "no questions"
	}
	n := float64(st.n)
	return fmt.Sprintf("n=%-3d top-1 %.3f  strict %.3f   random %.2f / %.2f   longest %.2f / %.2f",
		st.n, float64(st.top1)/n, float64(st.strict)/n, st.rand1/n, st.randStrict/n,
		float64(st.long1)/n, float64(st.longStrict)/n)
}

// heldOut splits a set in two halves by a hash of each question's id, so
// that rules tuned on one half ("tune") can be judged on the other
// ("held"), which nobody looks at question by question.
func heldOut(id string) bool {
	h := fnv.New32a()
	h.Write([]byte(id))
	return h.Sum32()%2 == 1
}

// reportExam prints check accuracy for the questions of a set that have
// options and a key, overall, by how many options they ask for, and by
// half (tune / held).
func reportExam(set string, qs []question, ck *check.Checker, verbose bool) error {
	stats := map[string]*examStats{}
	get := func(k string) *examStats {
		if stats[k] == nil {
			stats[k] = &examStats{}
		}
		return stats[k]
	}
	for _, q := range qs {
		if len(q.Options) < 2 || q.Answer == "" {
			continue
		}
		correct := map[string]bool{}
		for _, a := range strings.Split(q.Answer, " || ") {
			correct[norm(a)] = true
		}
		k := q.Choose
		if k == 0 {
			k = len(correct)
		}
		pq := &check.Question{Stem: q.Query, Choose: k}
		for i, o := range q.Options {
			pq.Options = append(pq.Options, check.Option{Letter: string(rune('A' + i)), Text: o})
		}
		res, err := ck.Check(pq)
		if err != nil {
			return fmt.Errorf("%s %s: %w", set, q.ID, err)
		}
		half := "tune"
		if heldOut(q.ID) {
			half = "held"
		}
		for _, key := range []string{"all", fmt.Sprintf("choose %d", k), half} {
			get(key).add(q, res, correct, k)
		}
		if verbose && !correct[norm(res.Options[0].Text)] && half == "tune" {
			fmt.Printf("  wrong %s: picked %q\n", q.ID, res.Options[0].Text)
		}
	}
	if len(stats) == 0 {
		return nil
	}
	keys := make([]string, 0, len(stats))
	for k := range stats {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Printf("%-9s %-8s %-9s %s\n", set, "check", k, stats[k])
	}
	return nil
}

func (st *examStats) add(q question, res *check.Result, correct map[string]bool, k int) {
	total := len(q.Options)
	st.n++
	st.rand1 += float64(min(k, len(correct))) / float64(total)
	st.randStrict += 1 / choose(total, k)
	if correct[norm(res.Options[0].Text)] {
		st.top1++
	}
	if exactly(res.Options[:min(k, len(res.Options))], correct) {
		st.strict++
	}
	long := append([]string(nil), q.Options...)
	sort.SliceStable(long, func(i, j int) bool { return len(long[i]) > len(long[j]) })
	if correct[norm(long[0])] {
		st.long1++
	}
	all := true
	for _, o := range long[:min(k, len(long))] {
		all = all && correct[norm(o)]
	}
	if all && k == len(correct) {
		st.longStrict++
	}
}

// exactly reports whether the picked options are the key, no more, no less.
func exactly(picked []check.OptionEvidence, correct map[string]bool) bool {
	if len(picked) != len(correct) {
		return false
	}
	for _, o := range picked {
		if !correct[norm(o.Text)] {
			return false
		}
	}
	return true
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
