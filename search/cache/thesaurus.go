package cache

import "github.com/crib-dev/crib/search"

// pendingThesaurus is a thesaurus being loaded.
type pendingThesaurus struct {
	done chan struct{}
	th   *search.Thesaurus
	err  error
}

// startThesaurus loads the thesaurus in the background; a nil f means
// crib's built-in thesaurus.
func startThesaurus(f ThesaurusFunc) *pendingThesaurus {
	p := &pendingThesaurus{done: make(chan struct{})}
	go func() {
		defer close(p.done)
		if f == nil {
			f = func() (*search.Thesaurus, error) { return search.NewThesaurus() }
		}
		p.th, p.err = f()
	}()
	return p
}

func (p *pendingThesaurus) wait() (*search.Thesaurus, error) {
	<-p.done
	return p.th, p.err
}
