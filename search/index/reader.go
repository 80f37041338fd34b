package index

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/RoaringBitmap/roaring/v2"
	bleveindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// reader is bleve's IndexReader over one zap segment, the whole index:
// what crib's queries ask of an index (term readers with frequencies,
// norms and term vectors, the documents of a filter, ids both ways) and
// nothing else. A document's internal id is its number in the segment,
// as scorch numbers the documents of its first segment. A search has a
// reader of its own (Index.reader), which keeps the dictionaries and
// postings lists it has looked up: a long question asks for a term in
// several clauses (its word, the pairs it stands in, a phrase's readers
// of numbers and of positions) and each in four fields, and zap makes a
// dictionary and reads a postings list anew at every ask.
type reader struct {
	seg   segment.Segment
	dicts map[string]segment.TermDictionary
	lists map[fieldTerm]segment.PostingsList
	nums  map[fieldTerm]*roaring.Bitmap
	// scratch is the iterator DocNumbers makes to reach a postings
	// list's bitmap, reused.
	scratch segment.PostingsIterator
}

type fieldTerm struct{ field, term string }

// postings returns the postings list of term in field, looked up once
// per reader. Its iterators are separate, so term readers share it.
func (r *reader) postings(term []byte, field string) (segment.PostingsList, error) {
	k := fieldTerm{field, string(term)}
	if pl, ok := r.lists[k]; ok {
		return pl, nil
	}
	dict, ok := r.dicts[field]
	if !ok {
		var err error
		if dict, err = r.seg.Dictionary(field); err != nil {
			return nil, damaged(err)
		}
		if r.dicts == nil {
			r.dicts, r.lists = map[string]segment.TermDictionary{}, map[fieldTerm]segment.PostingsList{}
		}
		r.dicts[field] = dict
	}
	pl, err := dict.PostingsList(term, nil, nil)
	if err != nil {
		return nil, damaged(err)
	}
	r.lists[k] = pl
	return pl, nil
}

// damaged wraps an error zap meets reading a segment, which a whole one
// never gives, in ErrDamaged; nil stays nil.
func damaged(err error) error {
	if err == nil || errors.Is(err, ErrDamaged) {
		return err
	}
	return fmt.Errorf("%w (%v)", ErrDamaged, err)
}

// unsupported says what crib's reader does not do.
func unsupported(what string) error {
	return errors.New(what + " is not supported by crib's index reader")
}

func (r *reader) TermFieldReader(_ context.Context, term []byte, field string, freq, norm, vectors bool) (bleveindex.TermFieldReader, error) {
	pl, err := r.postings(term, field)
	if err != nil {
		return nil, err
	}
	if pl.Count() == 0 {
		return &termReader{postings: pl, at: -1}, nil // no iterator to make
	}
	return &termReader{postings: pl, it: pl.Iterator(freq, norm, vectors, nil), freq: freq, norm: norm, vectors: vectors, at: -1, norms: normTable()}, nil
}

func (r *reader) DocIDReaderAll() (bleveindex.DocIDReader, error) {
	all := roaring.New()
	all.AddRange(0, r.seg.Count())
	return &docReader{it: all.Iterator()}, nil
}

func (r *reader) DocIDReaderOnly(ids []string) (bleveindex.DocIDReader, error) {
	docs, err := r.seg.DocNumbers(ids)
	if err != nil {
		return nil, damaged(err)
	}
	return &docReader{it: docs.Iterator()}, nil
}

// FieldDict is bleve's, but the queries crib makes never ask for one.
func (r *reader) FieldDict(string) (bleveindex.FieldDict, error) {
	return nil, unsupported("FieldDict")
}

func (r *reader) FieldDictRange(string, []byte, []byte) (bleveindex.FieldDict, error) {
	return nil, unsupported("FieldDictRange")
}

func (r *reader) FieldDictPrefix(string, []byte) (bleveindex.FieldDict, error) {
	return nil, unsupported("FieldDictPrefix")
}

func (r *reader) Document(string) (bleveindex.Document, error) { return nil, unsupported("Document") }

// DocValueReader visits nothing: crib's fields keep no doc values. bleve's
// collector asks for one whatever it sorts by.
func (r *reader) DocValueReader([]string) (bleveindex.DocValueReader, error) {
	return noDocValues{}, nil
}

type noDocValues struct{}

func (noDocValues) VisitDocValues(bleveindex.IndexInternalID, bleveindex.DocValueVisitor) error {
	return nil
}
func (noDocValues) BytesRead() uint64 { return 0 }

func (r *reader) Fields() ([]string, error) { return r.seg.Fields(), nil }

func (r *reader) GetInternal([]byte) ([]byte, error) { return nil, nil }

func (r *reader) DocCount() (uint64, error) { return r.seg.Count(), nil }

func (r *reader) ExternalID(id bleveindex.IndexInternalID) (string, error) {
	v, err := r.seg.DocID(id.Value())
	if err != nil {
		return "", damaged(err)
	}
	if v == nil {
		return "", damaged(errors.New("document number " + strconv.FormatUint(id.Value(), 10) + " not found"))
	}
	return string(v), nil
}

func (r *reader) InternalID(id string) (bleveindex.IndexInternalID, error) {
	docs, err := r.seg.DocNumbers([]string{id})
	if err != nil {
		return nil, damaged(err)
	}
	if docs.IsEmpty() {
		return nil, nil
	}
	return bleveindex.NewIndexInternalID(nil, uint64(docs.Minimum())), nil
}

// Close does nothing: the segment belongs to the Index.
func (r *reader) Close() error { return nil }

// termReader reads the postings of one term in one field. A term the
// field lacks has no iterator: a long question's field searchers find
// nothing for about one in six.
type termReader struct {
	postings            segment.PostingsList
	it                  segment.PostingsIterator // nil when there are no postings
	freq, norm, vectors bool
	at                  int64 // the document last read, -1 before the first
	norms               *[normLengths]float64
}

func (t *termReader) Next(pre *bleveindex.TermFieldDoc) (*bleveindex.TermFieldDoc, error) {
	if t.it == nil {
		return nil, nil
	}
	p, err := t.it.Next()
	if err != nil || p == nil {
		return nil, damaged(err)
	}
	return t.doc(p, pre), nil
}

// NextPosting is Next without a TermFieldDoc: the next posting's
// document number, frequency and norm, for a reader of frequencies and
// norms; ok is false when there are no more. A question's term searcher
// reads it for every posting.
func (t *termReader) NextPosting() (doc, freq uint64, norm float64, ok bool, err error) {
	if t.it == nil {
		return 0, 0, 0, false, nil
	}
	p, err := t.it.Next()
	if err != nil || p == nil {
		return 0, 0, 0, false, damaged(err)
	}
	doc = p.Number()
	t.at = int64(doc)
	return doc, p.Frequency(), t.normOf(p), true, nil
}

// Advance moves to the first document at id or after. A step back, or
// to the document last read, starts the postings over, as scorch does:
// zap's iterator has moved past it.

func (t *termReader) Advance(id bleveindex.IndexInternalID, pre *bleveindex.TermFieldDoc) (*bleveindex.TermFieldDoc, error) {
	if t.it == nil {
		return nil, nil
	}
	if t.at >= 0 && uint64(t.at) >= id.Value() {
		t.it = t.postings.Iterator(t.freq, t.norm, t.vectors, nil)
	}
	p, err := t.it.Advance(id.Value())
	if err != nil || p == nil {
		return nil, damaged(err)
	}
	return t.doc(p, pre), nil
}

// doc fills a TermFieldDoc as scorch's term reader does.
func (t *termReader) doc(p segment.Posting, rv *bleveindex.TermFieldDoc) *bleveindex.TermFieldDoc {
	if rv == nil {
		rv = &bleveindex.TermFieldDoc{}
	}
	rv.ID = bleveindex.NewIndexInternalID(rv.ID, p.Number())
	t.at = int64(p.Number())
	if t.freq {
		rv.Freq = p.Frequency()
	}
	if t.norm {
		rv.Norm = t.normOf(p)
	}
	if t.vectors {
		locs := p.Locations()
		if cap(rv.Vectors) < len(locs) {
			rv.Vectors = make([]*bleveindex.TermFieldVector, len(locs))
			backing := make([]bleveindex.TermFieldVector, len(locs))
			for i := range backing {
				rv.Vectors[i] = &backing[i]
			}
		}
		rv.Vectors = rv.Vectors[:len(locs)]
		for i, loc := range locs {
			*rv.Vectors[i] = bleveindex.TermFieldVector{
				Start:          loc.Start(),
				End:            loc.End(),
				Pos:            loc.Pos(),
				ArrayPositions: loc.ArrayPositions(),
				Field:          loc.Field(),
			}
		}
	}
	return rv
}

func (t *termReader) Count() uint64 { return t.postings.Count() }
func (t *termReader) Close() error  { return nil }
func (t *termReader) Size() int {
	if t.it == nil {
		return t.postings.Size()
	}
	return t.postings.Size() + t.it.Size()
}

// docReader lists documents in order.
type docReader struct {
	it roaring.IntPeekable
}

func (d *docReader) Next() (bleveindex.IndexInternalID, error) {
	if !d.it.HasNext() {
		return nil, nil
	}
	return bleveindex.NewIndexInternalID(nil, uint64(d.it.Next())), nil
}

func (d *docReader) Advance(id bleveindex.IndexInternalID) (bleveindex.IndexInternalID, error) {
	d.it.AdvanceIfNeeded(uint32(id.Value()))
	return d.Next()
}

func (d *docReader) Size() int    { return 64 }
func (d *docReader) Close() error { return nil }
