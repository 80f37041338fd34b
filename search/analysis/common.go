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
	ratio := spoken / max(aws, generalAWSFloor)
	if ratio <= 1 {
		return 1
	}
	return max(generalMin, 1-generalSlope*math.Log10(ratio))
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
	lo, hi := commonStart(), len(commonTable)
	for lo < hi {
		mid := lo + (hi-lo)/2
		start := strings.LastIndexByte(commonTable[:mid], '\n') + 1
		end := strings.IndexByte(commonTable[start:], '\n')
		if end < 0 {
			end = len(commonTable) - start
		}
		line := commonTable[start : start+end]
		t, w, _ := strings.Cut(line, " ")
		switch {
		case t == term:
			f, err := strconv.ParseFloat(w, 64)
			if err != nil {
				return 1
			}
			return f
		case t < term:
			lo = start + end + 1
		default:
			hi = start
		}
	}
	return 1
}

// commonStart is the offset of the table's first line after its header.
var commonStart = sync.OnceValue(func() int {
	at := 0
	for strings.HasPrefix(commonTable[at:], "#") {
		nl := strings.IndexByte(commonTable[at:], '\n')
		if nl < 0 {
			return len(commonTable)
		}
		at += nl + 1
	}
	return at
})
