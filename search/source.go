package search

import (
	"sync"

	"github.com/crib-dev/crib/corpus"
)

// SnippetSource gives an engine its snippets by position. Open takes one
// so that a caller keeping the snippets on disk decodes only those a
// question shows: package cache reads them from its snapshot file as
// they are asked for. The snippets of one file must be contiguous and
// in order, as for Build.
type SnippetSource interface {
	// Len returns the number of snippets.
	Len() int
	// Snippet returns snippet i, 0 <= i < Len().
	Snippet(i int) corpus.Snippet
}

// ServiceSource is a SnippetSource that also knows the services each
// snippet's text names, as crib's built-in thesaurus finds them
// (Thesaurus.ServicesIn of NewThesaurus()), found when the snippets were
// stored. An engine whose thesaurus is the built-in one uses them instead
// of analysing the text of every note it looks at.
type ServiceSource interface {
	SnippetSource
	Services(i int) []string
}

// SnippetSlice is a SnippetSource over snippets held in memory.
type SnippetSlice []corpus.Snippet

// Len returns the number of snippets.
func (s SnippetSlice) Len() int { return len(s) }

// Snippet returns snippet i.
func (s SnippetSlice) Snippet(i int) corpus.Snippet { return s[i] }

// allSnippets returns every snippet of src, decoding them once.
type allSnippets struct {
	once sync.Once
	all  []corpus.Snippet
}

func (a *allSnippets) get(src SnippetSource) []corpus.Snippet {
	a.once.Do(func() {
		if s, ok := src.(SnippetSlice); ok {
			a.all = s
			return
		}
		a.all = make([]corpus.Snippet, src.Len())
		for i := range a.all {
			a.all[i] = src.Snippet(i)
		}
	})
	return a.all
}
