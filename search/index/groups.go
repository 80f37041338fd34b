package index

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/RoaringBitmap/roaring/v2"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// groupSize is how many batch segments, consecutive in snippet order, are
// merged into one group's segment file while indexing goes on. The final
// merge then opens each term's postings in a few groups rather than in
// every batch (about 200 at 100k snippets), and the batches' files are
// removed as soon as their group is written instead of staying mapped
// until the end. A variable so that tests can make groups of the few
// batches of the built-in notes.
var groupSize = 20

// A batchSeg is the segment of snippets[start:end], in file.
type batchSeg struct {
	start, end int
	seg        segment.Segment
	file       string
}

// merger merges batch segments into groups in the background, in
// snippet order, as the workers hand them over.
type merger struct {
	dir     string
	in      chan batchSeg
	done    chan struct{}
	next    int              // where the next batch in snippet order starts
	pending map[int]batchSeg // batches done ahead of next, by start
	run     []batchSeg       // consecutive batches not yet merged
	groups  []batchSeg       // merged groups, in order
	err     error            // the first merge that failed; none is tried after it
}

// startMerger starts merging the batches from snippet first on.
func startMerger(dir string, first int) *merger {
	m := &merger{dir: dir, in: make(chan batchSeg, 64), done: make(chan struct{}), next: first, pending: map[int]batchSeg{}}
	go m.loop()
	return m
}

func (m *merger) loop() {
	defer close(m.done)
	for b := range m.in {
		m.pending[b.start] = b
		for {
			b, ok := m.pending[m.next]
			if !ok {
				break
			}
			delete(m.pending, m.next)
			m.run, m.next = append(m.run, b), b.end
			if len(m.run) == groupSize && m.err == nil {
				m.mergeRun()
			}
		}
	}
}

// mergeRun merges the run into a group's file and drops its batches.
func (m *merger) mergeRun() {
	g := batchSeg{start: m.run[0].start, end: m.run[len(m.run)-1].end, file: groupPath(m.dir, m.run[0].start)}
	segs := make([]segment.Segment, len(m.run))
	for i, b := range m.run {
		segs[i] = b.seg
	}
	if _, _, err := zapPlugin.Merge(segs, make([]*roaring.Bitmap, len(segs)), g.file, nil, nil); err != nil {
		os.Remove(g.file)
		m.err = fmt.Errorf("merge index: %w", err)
		return
	}
	for _, b := range m.run {
		b.seg.Close()
		os.Remove(b.file)
	}
	m.groups, m.run = append(m.groups, g), m.run[:0]
}

// finish waits for the merges and returns every segment, groups and
// batches left, in snippet order (batches never reached stay behind a
// failed build, at the end), and the merges' error. Groups are opened
// only now: opening a segment reads about half its file, which would
// stay resident while indexing goes on (20 MiB at 100k snippets).
func (m *merger) finish() ([]batchSeg, error) {
	close(m.in)
	<-m.done
	var out []batchSeg
	for _, g := range m.groups {
		seg, err := openSegment(g.file)
		if err != nil {
			if m.err == nil {
				m.err = fmt.Errorf("merge index: %w", err)
			}
			os.Remove(g.file)
			continue
		}
		g.seg = seg
		out = append(out, g)
	}
	out = append(out, m.run...)
	for _, b := range m.pending {
		out = append(out, b)
	}
	return out, m.err
}

// groupPath names the segment file of the group from snippet start.
func groupPath(dir string, start int) string {
	return filepath.Join(dir, fmt.Sprintf("group-%08d.zap", start))
}
