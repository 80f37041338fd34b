package search

import "github.com/crib-dev/crib/search/score"

// How a phrase of two words said apart counts (see addLoosePairs).
const (
	// loosePair is what a phrase of two words counts for when the
	// question holds its words apart (see addLoosePairs).
	loosePair    = 0.5
	loosePairGap = 3 // at most this many words between them
	// loosePairWords is the longest question, in terms, whose words are
	// paired apart: in a scenario, words near each other often belong to
	// different sentences.
	loosePairWords = 12
)

// addLoosePairs lets two words of the question that the thesaurus knows
// as a phrase of two ("central account") say it though other words stand
// between them or their order differs ("which account should run
// GuardDuty centrally"): the phrase's alternatives become forms of the
// heavier of the two words' concepts, at loosePair of a synonym's scale.
func (e *Engine) addLoosePairs(p *plan, out []score.Concept, at map[string]int) {
	single := func(i int) int { // the concept of the question's i-th word alone, or -1
		if !e.th.Dict.Known(p.seq[i]) {
			return -1 // in no phrase of the thesaurus
		}
		if k, ok := at[p.seq[i]]; ok {
			return k
		}
		return -1
	}
	if len(p.seq) > loosePairWords {
		return
	}
	for i := range p.seq {
		for j := i + 1; j < len(p.seq) && j <= i+1+loosePairGap; j++ {
			a, b := single(i), single(j)
			if a < 0 || b < 0 || a == b || out[a].Service || out[b].Service {
				continue
			}
			for _, pair := range [][]string{{p.seq[i], p.seq[j]}, {p.seq[j], p.seq[i]}} {
				ms := e.th.Dict.Expand(pair)
				if len(ms) != 1 || ms[0].Start != 0 || ms[0].End != 2 || ms[0].Service != "" {
					continue
				}
				k := a
				if out[b].Weight > out[a].Weight {
					k = b
				}
				for n, alt := range ms[0].Alts {
					w := loosePair * foundSynonym * ms[0].Weights[n]
					if e.partService(alt, pair, "") {
						w *= innerPhrase
					}
					out[k].Forms = append(out[k].Forms, alt)
					out[k].Scales = append(out[k].Scales, w)
				}
			}
		}
	}
}
