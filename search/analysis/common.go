package analysis

import (
	_ "embed"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// commonTable lists the terms people say often in everyday English, with
// the weight each keeps as the subject of a question (see
// data/common.LICENSE; tools/genfreq derives it).
//
//go:embed data/common.txt
var commonTable string

// Subject weights of common words: a term said at most commonFloorAt
// times per million spoken words is a subject word (weight 1); each ten
// times more frequent takes commonSlope off, down to commonMin.
const (
	commonFloorAt = 20.0
	commonSlope   = 0.45
	commonMin     = 0.25
)

// CommonWeight is the subject weight of a term said perMillion times per
// million words of spoken English: 1 for words rarely said outside their
// subject ("throttled", "credentials"), less for words any question has
// ("happen", "long", "way").
func CommonWeight(perMillion float64) float64 {
	if perMillion <= commonFloorAt {
		return 1
	}
	return max(commonMin, 1-commonSlope*math.Log10(perMillion/commonFloorAt))
}

type commonEntry struct {
	term   string
	weight float64
}

var commonTerms = sync.OnceValue(func() []commonEntry {
	var out []commonEntry
	for _, line := range strings.Split(commonTable, "\n") {
		term, w, ok := strings.Cut(line, " ")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		if f, err := strconv.ParseFloat(w, 64); err == nil {
			out = append(out, commonEntry{term, f})
		}
	}
	return out // the table is sorted by term
})

// SubjectWeight is how much an analysed term says about what a question
// is about, from how common it is in everyday speech: 1 for a term people
// rarely say outside its subject, down to commonMin for the commonest.
func SubjectWeight(term string) float64 {
	es := commonTerms()
	i := sort.Search(len(es), func(i int) bool { return es[i].term >= term })
	if i < len(es) && es[i].term == term {
		return es[i].weight
	}
	return 1
}
