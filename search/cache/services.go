package cache

import (
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search"
	"github.com/crib-dev/crib/search/analysis"
)

// servicesOf finds the services each snippet's text names, with the
// built-in thesaurus, on every core, where found has not: a question then
// reads them instead of analysing the notes beside its answers (see
// search.ServiceSource).
func servicesOf(snippets []corpus.Snippet, found *serviceFinder) ([][]string, error) {
	if found == nil {
		var err error
		if found, err = newServiceFinder(len(snippets)); err != nil {
			return nil, err
		}
	}
	workers := min(runtime.GOMAXPROCS(0), 1+len(snippets)/500)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(snippets); i += workers {
				if !found.done[i] {
					found.analysed(i, analysis.Analyze(snippets[i].Text))
				}
			}
		})
	}
	wg.Wait()
	return found.out, nil
}

// serviceFinder finds the services of snippets from the tokens of their
// text, as search.Thesaurus.ServicesIn does: the build hands it the
// tokens it analysed for the index, rather than analysing every text a
// second time. Snippets are found concurrently, each once.
//
// Every term of a phrase is a known term (Dictionary.Known), so a phrase
// lies inside one run of known terms, and the dictionary's longest-first
// matches over a snippet are those over each of its runs in turn. The
// notes repeat their runs ("s3 bucket", "lambda function") and their
// terms, so both are remembered: expanding every snippet's terms, and
// looking up each term in the thesaurus, took a tenth of a build.
type serviceFinder struct {
	th   *search.Thesaurus
	out  [][]string
	done []bool

	mu    sync.RWMutex
	known map[string]bool     // term -> Dict.Known(term)
	runs  map[string][]string // run of known terms, joined by " " -> its services
	// knownFull and runsFull say that known and runs hold serviceMemo
	// entries: they are only read from then on, without mu, which the
	// workers' every snippet took twice or more, and once more to add
	// nothing when it missed a term or a run
	knownFull, runsFull atomic.Bool
}

// serviceMemo bounds each memo of serviceFinder: past it, terms and runs
// are looked up in the thesaurus every time. The notes' common terms and
// runs come first: at 100k realistic snippets 8,192 of each did the work
// of all 28,660 terms and 51,822 runs, for 1.4 MB instead of 5.8 MB.
const serviceMemo = 1 << 13

func newServiceFinder(n int) (*serviceFinder, error) {
	th, err := search.NewThesaurus()
	if err != nil {
		return nil, err
	}
	return &serviceFinder{th: th, out: make([][]string, n), done: make([]bool, n),
		known: map[string]bool{}, runs: map[string][]string{}}, nil
}

// serviceScratch is one call's working room, reused through a pool.
type serviceScratch struct {
	terms  []string
	known  []bool
	missed []int // the indexes of terms not in the memo
	key    []byte
}

var serviceScratchPool = sync.Pool{New: func() any { return new(serviceScratch) }}

// analysed finds the services of snippet i, whose text has tokens toks.
func (f *serviceFinder) analysed(i int, toks []analysis.Token) {
	f.done[i] = true
	sc := serviceScratchPool.Get().(*serviceScratch)
	defer serviceScratchPool.Put(sc)
	sc.terms = sc.terms[:0]
	for _, t := range toks {
		if !t.Whole {
			sc.terms = append(sc.terms, t.Term)
		}
	}
	if !f.knownTerms(sc) {
		return // every phrase is made of known terms: none is here
	}
	var out []string
	for start := 0; start < len(sc.terms); {
		if !sc.known[start] {
			start++
			continue
		}
		end := start + 1
		for end < len(sc.terms) && sc.known[end] {
			end++
		}
		for _, s := range f.runServices(sc, sc.terms[start:end]) {
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
		start = end
	}
	f.out[i] = out
}

// knownTerms sets sc.known for sc.terms and says whether any is known.
func (f *serviceFinder) knownTerms(sc *serviceScratch) bool {
	sc.known = slices.Grow(sc.known[:0], len(sc.terms))[:len(sc.terms)]
	sc.missed = sc.missed[:0]
	full := f.knownFull.Load()
	if !full {
		f.mu.RLock()
	}
	for j, t := range sc.terms {
		k, ok := f.known[t]
		if sc.known[j] = k; !ok {
			sc.missed = append(sc.missed, j)
		}
	}
	if !full {
		f.mu.RUnlock()
	}
	if len(sc.missed) > 0 {
		for _, j := range sc.missed {
			sc.known[j] = f.th.Dict.Known(sc.terms[j])
		}
		if !full {
			f.mu.Lock()
			for _, j := range sc.missed {
				if len(f.known) < serviceMemo {
					f.known[sc.terms[j]] = sc.known[j]
				}
			}
			if len(f.known) >= serviceMemo {
				f.knownFull.Store(true)
			}
			f.mu.Unlock()
		}
	}
	return slices.Contains(sc.known, true)
}

// runServices returns the services named by the longest-first matches of
// the dictionary over run, a run of known terms, in order.
func (f *serviceFinder) runServices(sc *serviceScratch, run []string) []string {
	sc.key = sc.key[:0]
	for j, t := range run {
		if j > 0 {
			sc.key = append(sc.key, ' ')
		}
		sc.key = append(sc.key, t...)
	}
	full := f.runsFull.Load()
	if !full {
		f.mu.RLock()
	}
	out, ok := f.runs[string(sc.key)]
	if !full {
		f.mu.RUnlock()
	}
	if ok {
		return out
	}
	for _, m := range f.th.Dict.Expand(run) {
		if m.Service != "" && !slices.Contains(out, m.Service) {
			out = append(out, m.Service)
		}
	}
	if !full {
		f.mu.Lock()
		if len(f.runs) < serviceMemo {
			f.runs[string(sc.key)] = out
		}
		if len(f.runs) >= serviceMemo {
			f.runsFull.Store(true)
		}
		f.mu.Unlock()
	}
	return out
}
