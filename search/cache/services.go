package cache

import (
	"runtime"
	"slices"
	"sync"

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
type serviceFinder struct {
	th   *search.Thesaurus
	out  [][]string
	done []bool
}

func newServiceFinder(n int) (*serviceFinder, error) {
	th, err := search.NewThesaurus()
	if err != nil {
		return nil, err
	}
	return &serviceFinder{th: th, out: make([][]string, n), done: make([]bool, n)}, nil
}

// analysed finds the services of snippet i, whose text has tokens toks.
func (f *serviceFinder) analysed(i int, toks []analysis.Token) {
	f.done[i] = true
	known := false
	for _, t := range toks {
		if !t.Whole && f.th.Dict.Known(t.Term) {
			known = true
			break
		}
	}
	if !known {
		return // every phrase is made of known terms: none is here
	}
	terms := make([]string, 0, len(toks))
	for _, t := range toks {
		if !t.Whole {
			terms = append(terms, t.Term)
		}
	}
	var out []string
	for _, m := range f.th.Dict.Expand(terms) {
		if m.Service != "" && !slices.Contains(out, m.Service) {
			out = append(out, m.Service)
		}
	}
	f.out[i] = out
}
