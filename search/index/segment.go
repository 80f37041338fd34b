package index

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"strconv"

	"github.com/RoaringBitmap/roaring/v2"
	blevedocument "github.com/blevesearch/bleve/v2/document"
	bleveindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zap "github.com/blevesearch/zapx/v17"
)

// An index on disk is one zap segment file in its folder, of the zap
// version scorch wrote for crib before (v17). crib writes it once, itself
// (see accumulator; an update zap-merges the old one with the new
// snippets' segment), and then only reads it:
// it needs none of scorch's persister, merger, bolt root or background
// goroutines, and no process that only asks questions runs scorch's
// package init (Levenshtein automata: a fifth of a one-shot question).
const segmentName = "segment.zap"

var zapPlugin = &zap.ZapPlugin{}

// newSegment makes an in-memory segment of docs, as scorch makes one of a
// batch: each document gets its "_id" field, which the segment stores
// and indexes, and its fields analysed (crib's own fields are already).
func newSegment(docs []*blevedocument.Document) (segment.Segment, error) {
	results := make([]bleveindex.Document, len(docs))
	for i, d := range docs {
		d.AddIDField()
		d.Fields[len(d.Fields)-1].Analyze()
		results[i] = d
	}
	seg, _, err := zapPlugin.New(results)
	return seg, err
}

// openSegment opens a segment file, memory-mapped. A file too short to
// hold zap's footer, or one zap panics on, is damaged.
func openSegment(path string) (seg segment.Segment, err error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if info.Size() < zap.FooterSize {
		return nil, fmt.Errorf("%w: %s holds %d bytes", ErrDamaged, filepath.Base(path), info.Size())
	}
	defer func() {
		if r := recover(); r != nil {
			seg, err = nil, fmt.Errorf("%w: %s: %v", ErrDamaged, filepath.Base(path), r)
		}
	}()
	return zapPlugin.Open(path)
}

// checkCRC reads the segment file at path and checks it against the
// CRC-32 (IEEE) of every byte before it that zap writes last.
func checkCRC(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if len(data) < zap.FooterSize {
		return fmt.Errorf("%w: %s holds %d bytes", ErrDamaged, filepath.Base(path), len(data))
	}
	n := len(data) - 4
	if crc32.ChecksumIEEE(data[:n]) != binary.BigEndian.Uint32(data[n:]) {
		return fmt.Errorf("%w: %s does not match its checksum", ErrDamaged, filepath.Base(path))
	}
	return nil
}

// mergeTemp merges segs, less the documents drops names in each, into a
// temporary file of folder dir, and returns its name: publish makes it
// the index, so that a crash never leaves half a file under that name.
func mergeTemp(dir string, segs []segment.Segment, drops []*roaring.Bitmap) (string, error) {
	tmp := filepath.Join(dir, segmentName+".tmp")
	if _, _, err := zapPlugin.Merge(segs, drops, tmp, nil, nil); err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("merge index: %w", err)
	}
	return tmp, nil
}

// publish renames the merged file tmp to the index's segment file.
func publish(tmp, path string) error {
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("merge index: %w", err)
	}
	return nil
}

// replaced returns the documents of seg whose snippets are indexed again
// or deleted: those numbered keep or more.
func replaced(seg segment.Segment, keep int) (*roaring.Bitmap, error) {
	drop := roaring.New()
	for n := range seg.Count() {
		id, err := seg.DocID(n)
		if err != nil {
			return nil, err
		}
		i, err := strconv.Atoi(string(id))
		if err != nil {
			return nil, fmt.Errorf("%w: snippet id %q", ErrDamaged, id)
		}
		if i >= keep {
			drop.Add(uint32(n))
		}
	}
	return drop, nil
}
