package search

import (
	"context"

	"github.com/RoaringBitmap/roaring/v2"
	index "github.com/blevesearch/bleve_index_api"
)

// docNumberer is crib's index reader: the documents holding a term, as
// a bitmap, and their count.
type docNumberer interface {
	DocNumbers(term []byte, field string) (*roaring.Bitmap, uint64, error)
}

// numberReaders returns a reader of document numbers per term of q. With
// crib's index reader each reads the documents holding every term, the
// terms' bitmaps intersected (zap's readers stepped through every posting
// of every term to find them), and counts the term's own documents.
func numberReaders(ctx context.Context, r index.IndexReader, q *phraseQuery) ([]index.TermFieldReader, error) {
	readers := make([]index.TermFieldReader, 0, len(q.terms))
	dn, ok := r.(docNumberer)
	if !ok {
		for _, t := range q.terms {
			rd, err := r.TermFieldReader(ctx, []byte(t), q.field, false, false, false)
			if err != nil {
				return readers, err
			}
			readers = append(readers, rd)
		}
		return readers, nil
	}
	bms := make([]*roaring.Bitmap, len(q.terms))
	counts := make([]uint64, len(q.terms))
	for i, t := range q.terms {
		var err error
		if bms[i], counts[i], err = dn.DocNumbers([]byte(t), q.field); err != nil {
			return readers, err
		}
	}
	all := bms[0]
	if len(bms) > 1 {
		all = roaring.FastAnd(bms...)
	}
	for i := range q.terms {
		readers = append(readers, &numberReader{it: all.Iterator(), count: counts[i]})
	}
	return readers, nil
}

// numberReader reads document numbers from a bitmap, counting what its
// term's reader would count.
type numberReader struct {
	it    roaring.IntPeekable
	count uint64
}

func (n *numberReader) Next(pre *index.TermFieldDoc) (*index.TermFieldDoc, error) {
	if !n.it.HasNext() {
		return nil, nil
	}
	if pre == nil {
		pre = &index.TermFieldDoc{}
	}
	pre.ID = index.NewIndexInternalID(pre.ID, uint64(n.it.Next()))
	return pre, nil
}

func (n *numberReader) Advance(id index.IndexInternalID, pre *index.TermFieldDoc) (*index.TermFieldDoc, error) {
	n.it.AdvanceIfNeeded(uint32(id.Value()))
	return n.Next(pre)
}

func (n *numberReader) Count() uint64 { return n.count }
func (n *numberReader) Close() error  { return nil }
func (n *numberReader) Size() int     { return 64 }
