package check

import (
	"regexp"
	"strings"

	"github.com/crib-dev/crib/search/analysis"
)

// Need is a requirement a question's stem states, which decides between
// options that would all work.
type Need string

// The needs ParseAsk recognises.
const (
	NeedLeastOverhead Need = "least operational overhead"
	NeedServerless    Need = "without managing servers"
	NeedCost          Need = "most cost-effective"
	NeedDowntime      Need = "minimal downtime"
)

// Ask is a stem split into the situation it describes and the sentence
// that asks, with what the asking sentence requires.
type Ask struct {
	Scenario string
	Question string // the sentence that asks: "Which solution …?"
	// Negative marks a NOT / EXCEPT question: the option the notes do not
	// support is the answer, so options rank least supported first.
	Negative bool
	Needs    []Need
}

var (
	sentenceRE = lazyRE(`[^.?!]+(?:[.?!]+|$)`)
	askStartRE = lazyRE(`(?i)^\s*(which|what|how|where|when|why|who)\b`)
	// NOT and EXCEPT in capitals are how exams mark an inverted question;
	// in small letters "not" is too common to trust, "except" is not.
	negativeRE = lazyRE(`\b(NOT|EXCEPT)\b|(?i:\bexcept\b)|(?i:\bwhich\b[^?]{0,60}\b(is|are|does|do|would|will|can|could|should) not\b)`)
	needREs    = []struct {
		need Need
		re   func() *regexp.Regexp
	}{
		{NeedLeastOverhead, lazyRE(`(?i)\b(least|lowest|minimal|minimum|minimi[sz]es?|reduces?|less)\b[\w\s-]{0,30}\b(operational|management|administrative|maintenance|development)?\s*(overhead|effort)\b`)},
		{NeedServerless, lazyRE(`(?i)\bwithout (managing|provisioning|maintaining) (any )?(servers|infrastructure|instances)\b|\bserverless\b`)},
		{NeedCost, lazyRE(`(?i)\b(most|more|least|lowest)[\s-]+(cost[\s-]*effective|expensive|cost)\b|\bminimi[sz]e (the )?costs?\b|\bcost[\s-]*effective\b`)},
		{NeedDowntime, lazyRE(`(?i)\b(no|zero|minimal|minimum|least|without|minimi[sz]e|reduce)\b[\w\s-]{0,20}\b(downtime|interruption|outage)\b`)},
	}
)

// ParseAsk splits a stem into scenario and ask: the ask is the last
// sentence that ends in a question mark or starts with which, what, how;
// a stem with none is all ask. Needs and NOT / EXCEPT are looked for in
// the ask, and needs also in the scenario's last sentence ("… with the
// LEAST operational overhead. Which solution …?").
func ParseAsk(stem string) Ask {
	sents := sentenceRE().FindAllString(stem, -1)
	at := -1
	for i := len(sents) - 1; i >= 0 && at < 0; i-- {
		if s := strings.TrimSpace(sents[i]); strings.HasSuffix(s, "?") || askStartRE().MatchString(s) {
			at = i
		}
	}
	if at < 0 {
		return Ask{Question: strings.TrimSpace(stem), Negative: negativeRE().MatchString(stem), Needs: needsIn(stem)}
	}
	a := Ask{
		Scenario: strings.TrimSpace(strings.Join(sents[:at], "")),
		Question: strings.TrimSpace(strings.Join(sents[at:], "")),
	}
	a.Negative = negativeRE().MatchString(a.Question)
	near := a.Question
	if at > 0 {
		near = sents[at-1] + " " + near
	}
	a.Needs = needsIn(near)
	return a
}

func needsIn(text string) []Need {
	var out []Need
	for _, n := range needREs {
		if n.re().MatchString(text) {
			out = append(out, n.need)
		}
	}
	return out
}

// needTerms are the words a note uses to say a service meets a need: it
// is managed, serverless or automatic; it is cheap; it avoids downtime.
var needTerms = map[Need][]string{
	NeedLeastOverhead: strings.Fields("managed serverless automatic automatically automates native built-in no-code"),
	NeedServerless:    strings.Fields("serverless managed Fargate Lambda"),
	NeedCost:          strings.Fields("cheap cheaper cheapest cost-effective free inexpensive low-cost savings Spot"),
	NeedDowntime:      strings.Fields("downtime zero-downtime blue/green traffic shifting swap immutable rolling"),
}

// needSet returns the analysed terms of the needs' words.
func needSet(needs []Need) map[string]bool {
	set := map[string]bool{}
	for _, n := range needs {
		for _, w := range needTerms[n] {
			for _, t := range analysis.PhraseTerms(w) {
				set[t] = true
			}
		}
	}
	return set
}
