package index

import (
	"math"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zap "github.com/blevesearch/zapx/v17"
)

// DocNumbers returns the documents holding term in field, as a bitmap
// the caller must not change, and their count as a term reader gives it
// (the bitmap's cardinality: the segment deletes nothing). A phrase
// intersects its terms' bitmaps where walking readers of document
// numbers stepped through every posting; one term is in several phrases.
func (r *reader) DocNumbers(term []byte, field string) (*roaring.Bitmap, uint64, error) {
	pl, err := r.postings(term, field)
	if err != nil {
		return nil, 0, err
	}
	k := fieldTerm{field, string(term)}
	if bm, ok := r.nums[k]; ok {
		return bm, pl.Count(), nil
	}
	var bm *roaring.Bitmap
	if pl.Count() > 0 {
		it := pl.Iterator(false, false, false, r.scratch)
		r.scratch = it
		opt, ok := it.(segment.OptimizablePostingsIterator)
		if !ok {
			return nil, 0, unsupported("DocNumbers of a postings list that is not zap's")
		}
		bm = opt.ActualBitmap() // the list's own: the segment deletes nothing
		if d, one := opt.DocNum1Hit(); one {
			bm = roaring.BitmapOf(uint32(d))
		}
	}
	if bm == nil {
		bm = roaring.New()
	}
	if r.nums == nil {
		r.nums = map[fieldTerm]*roaring.Bitmap{}
	}
	r.nums[k] = bm
	return bm, pl.Count(), nil
}

// normLengths bounds the field lengths whose norms normTable holds.
const normLengths = 4096

// normTable holds zap's norm of each field length below normLengths, as
// Posting.Norm computes it (zap stores a posting's field length as its
// norm's bits): a square root and a division per posting read were 3% of
// a long question.
var normTable = sync.OnceValue(func() *[normLengths]float64 {
	var t [normLengths]float64
	for n := range t {
		t[n] = float64(float32(1.0 / math.Sqrt(float64(uint32(n)))))
	}
	return &t
})

// normOf is p.Norm(), from normTable when the field length is in it.
func (t *termReader) normOf(p segment.Posting) float64 {
	if z, ok := p.(*zap.Posting); ok {
		if n := z.NormUint64(); n < normLengths {
			return t.norms[n]
		}
	}
	return p.Norm()
}
