package index

import (
	blevedocument "github.com/blevesearch/bleve/v2/document"

	"github.com/crib-dev/crib/corpus"
)

// A docBatch is the documents of snippets[start:end].
type docBatch struct {
	start, end int
	docs       []*blevedocument.Document
}

// accumulate makes the documents of snippets[first:] on the indexing
// workers and adds them to an accumulator in snippet order, on a
// goroutine of its own, as the batches are done: a batch done ahead of
// its turn waits, made, until the batches before it are added.
func accumulate(snippets []corpus.Snippet, first int, progress func(int), analysed Analysed) (*accumulator, *Vocabulary, error) {
	acc := newAccumulator(first)
	in := make(chan docBatch, 2*indexWorkers())
	done := make(chan struct{})
	go func() {
		defer close(done)
		pending, next := map[int]docBatch{}, first
		for b := range in {
			pending[b.start] = b
			for {
				b, ok := pending[next]
				if !ok {
					break
				}
				delete(pending, next)
				for _, d := range b.docs {
					acc.add(d)
				}
				next = b.end
			}
		}
	}()
	voc, err := indexRange(snippets, first, progress, analysed, func(start, end int, docs []*blevedocument.Document) error {
		in <- docBatch{start: start, end: end, docs: docs}
		return nil
	})
	close(in)
	<-done
	return acc, voc, err
}
