package cmd

import (
	"sync"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search"
	"github.com/crib-dev/crib/search/cache"
)

// builtinEngine is the built-in notes' engine beside the user's, opened
// on first use: from pre, when the cache held it up to date, else after
// the user's notes. It is nil when it cannot be opened.
type builtinEngine struct {
	pre  <-chan *search.Engine // see openBuiltinCached; nil: not looked for
	open func() (*search.Engine, error)
	once sync.Once
	eng  *search.Engine
}

// lazyBuiltin returns the built-in notes' engine with thesaurus th,
// opened (from the cache, built if need be) when first asked for.
func (o *sourceOptions) lazyBuiltin(ios *IOStreams, th func() (*search.Thesaurus, error)) *builtinEngine {
	return &builtinEngine{open: func() (*search.Engine, error) { return o.open(ios, cache.Notes{}, th, false, nil) }}
}

func (b *builtinEngine) get() *search.Engine {
	b.once.Do(func() {
		if b.pre != nil {
			if b.eng = <-b.pre; b.eng != nil {
				return
			}
		}
		b.eng, _ = b.open()
	})
	return b.eng
}

// close closes the engine when it was opened, and one looked for beside
// the user's notes but not used.
func (b *builtinEngine) close() {
	b.once.Do(func() {
		if b.pre != nil {
			b.eng = <-b.pre
		}
	})
	if b.eng != nil {
		b.eng.Close()
	}
}

// noteExpansionEngine returns the built-in engine a build of the user's
// notes expands them from: b, unless the user's synonyms files widen the
// thesaurus, which the stored expansions must not depend on (the cache
// keys an index by the notes alone); then one with crib's own thesaurus.
func (o *sourceOptions) noteExpansionEngine(ios *IOStreams, b *builtinEngine) *builtinEngine {
	if len(o.synonymFiles(ios)) == 0 {
		return b
	}
	return o.lazyBuiltin(ios, sync.OnceValues(func() (*search.Thesaurus, error) { return search.NewThesaurus() }))
}

// noteExpander gives a build of the user's notes the built-in notes'
// note expansion (see cache.Cache.NoteExpander).
func (b *builtinEngine) noteExpander() func(corpus.Snippet) []string {
	if eng := b.get(); eng != nil {
		return eng.NoteExpansion
	}
	return nil
}

// openBuiltinCached opens the built-in notes' index beside the user's,
// when the cache holds it up to date; the channel gets nil otherwise, and
// the index is opened after the user's. It never builds: two builds at
// once would add up their memory.
func (o *sourceOptions) openBuiltinCached(ios *IOStreams, th func() (*search.Thesaurus, error)) <-chan *search.Engine {
	pre := make(chan *search.Engine, 1)
	c := newCache(ios)
	if o.NoCache || c == nil {
		pre <- nil
		return pre
	}
	go func() {
		eng, _ := c.OpenCached(cache.Notes{}, th)
		pre <- eng
	}()
	return pre
}
