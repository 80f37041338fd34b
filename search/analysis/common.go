package analysis

import (
	_ "embed"
	"math"
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

// GeneralWeight is the subject weight of a term said spoken times per
// million words of spoken English and written aws times per million words
// of AWS documentation: 1 for a term AWS writing uses at least as much as
// people say it ("throttle", "key", "automatically"), less the more
// speech outweighs it ("happen", "way", "pizza"), down to generalMin.
// Terms people rarely say (under generalFloor per million) weigh 1: too
// rare in speech to tell.
func GeneralWeight(spoken, aws float64) float64 {
	if spoken < generalFloor {
		return 1
	}
	return Decay(spoken/max(aws, generalAWSFloor), generalSlope, generalMin)
}

// Decay is a weight that falls with the order of magnitude of ratio: 1 up
// to a ratio of 1, then slope less for each tenfold more, down to floor.
func Decay(ratio, slope, floor float64) float64 {
	if ratio <= 1 {
		return 1
	}
	return max(floor, 1-slope*math.Log10(ratio))
}

// Shape of GeneralWeight: each tenfold excess of speech over AWS writing
// takes generalSlope off the weight.
const (
	generalFloor    = 1.0
	generalAWSFloor = 0.5
	generalSlope    = 0.3
	generalMin      = 0.2
)

// SubjectWeight is how much an analysed term says about what a question
// about AWS is about (see GeneralWeight): 1 for terms of the domain, less
// for words of everyday speech. It looks the term up in the embedded
// table in place: a binary search over its sorted lines, nothing decoded.
func SubjectWeight(term string) float64 {
	if w, ok := lookup(commonTable, commonStart(), term); ok {
		return w
	}
	return 1
}

// DomainFrequency is how many times per million words AWS writing (the
// AWS API documentation and crib's built-in notes) uses an analysed term:
// 0 for terms it uses less than once in two million words.
func DomainFrequency(term string) float64 {
	f, _ := lookup(domainTable, domainStart(), term)
	return f
}

// Specificity is log10 of how many times more often AWS writing uses an
// analysed term than people say it (per million words, plus one): 2.2
// for "bucket", 3.0 for "lambda"; 0 for terms under a tenfold excess and
// numbers, which the table does not list ("release" and "change" are
// DevOps words people say too). A question none of whose words is
// specific is asked in everyday words.
func Specificity(term string) float64 {
	f, _ := lookup(specificTable, specificStart(), term)
	return f
}

// specificTable lists the terms AWS writing uses far more than speech
// (see data/common.LICENSE; tools/genfreq derives it).
//
//go:embed data/specific.txt
var specificTable string

// domainTable lists the terms of AWS writing with their frequencies (see
// data/common.LICENSE; tools/genfreq derives it).
//
//go:embed data/domain.txt
var domainTable string

var (
	commonStart   = sync.OnceValue(func() int { return bodyStart(commonTable) })
	domainStart   = sync.OnceValue(func() int { return bodyStart(domainTable) })
	specificStart = sync.OnceValue(func() int { return bodyStart(specificTable) })
)

// lookup finds term in a table of sorted "term number" lines from offset
// start on, by binary search in place, and returns its number.
func lookup(table string, start int, term string) (float64, bool) {
	lo, hi := start, len(table)
	for lo < hi {
		mid := lo + (hi-lo)/2
		from := strings.LastIndexByte(table[:mid], '\n') + 1
		n := strings.IndexByte(table[from:], '\n')
		if n < 0 {
			n = len(table) - from
		}
		t, v, _ := strings.Cut(table[from:from+n], " ")
		switch {
		case t == term:
			f, err := strconv.ParseFloat(v, 64)
			return f, err == nil
		case t < term:
			lo = from + n + 1
		default:
			hi = from
		}
	}
	return 0, false
}

// bodyStart is the offset of a table's first line after its "#" header.
func bodyStart(table string) int {
	at := 0
	for strings.HasPrefix(table[at:], "#") {
		nl := strings.IndexByte(table[at:], '\n')
		if nl < 0 {
			return len(table)
		}
		at += nl + 1
	}
	return at
}
