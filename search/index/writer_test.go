package index

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	blevedocument "github.com/blevesearch/bleve/v2/document"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"github.com/crib-dev/crib/corpus"
)

// TestWriterAgreesWithZap checks that the segment crib writes itself
// holds what zap's own segment of the same documents holds: the same
// documents and ids, fields, terms, and postings with their frequencies,
// norms and locations.
func TestWriterAgreesWithZap(t *testing.T) {
	snippets := append(corpus.Embedded(),
		corpus.Snippet{Text: "odd `backquote carries", Heading: []string{"CamelCaseHeading", "a / b"}},
		corpus.Snippet{Text: ""},
		corpus.Snippet{Text: strings.Repeat("same word again ", 300), Context: []string{"x"}})
	for _, c := range []struct{ first, parts int }{{0, 1}, {7, 1}, {0, 2}, {7, 3}} {
		t.Run(fmt.Sprintf("first %d parts %d", c.first, c.parts), func(t *testing.T) {
			first := c.first
			m, direct := newDocMaker(), newDocMaker()
			acc := &accumulator{first: first, n: len(snippets)}
			var docs []*blevedocument.Document
			for i, s := range snippets {
				// runs of uneven lengths, dealt to the parts in turn
				if k := len(acc.parts); k < c.parts {
					acc.parts = append(acc.parts, newPostings())
				}
				docs = append(docs, m.document(first+i, s))
				direct.post(acc.parts[(i/(1+i%7))%c.parts], uint32(i), first+i, s)
			}
			path := filepath.Join(t.TempDir(), "w.zap")
			if err := acc.writeSegmentFile(path); err != nil {
				t.Fatal(err)
			}
			if err := checkCRC(path); err != nil {
				t.Fatal(err)
			}
			got, err := openSegment(path)
			if err != nil {
				t.Fatal(err)
			}
			defer got.Close()
			want, err := newSegment(docs)
			if err != nil {
				t.Fatal(err)
			}
			defer want.Close()
			g, w := dumpSegment(t, got), dumpSegment(t, want)
			t.Logf("%d bytes, %d lines", len(g), strings.Count(g, "\n"))
			if g != w {
				t.Errorf("segments differ:\n%s", firstDiff(g, w))
			}
		})
	}
}

func TestWriterEmpty(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.zap")
	if err := (&accumulator{}).writeSegmentFile(path); err != nil {
		t.Fatal(err)
	}
	got, err := openSegment(path)
	if err != nil {
		t.Fatal(err)
	}
	defer got.Close()
	want, err := newSegment(nil)
	if err != nil {
		t.Fatal(err)
	}
	if g, w := dumpSegment(t, got), dumpSegment(t, want); g != w {
		t.Errorf("segments differ:\n%s", firstDiff(g, w))
	}
}

// dumpSegment renders everything of seg that crib reads.
func dumpSegment(t *testing.T, seg segment.Segment) string {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "docs %d fields %v\n", seg.Count(), seg.Fields())
	for n := range seg.Count() {
		id, err := seg.DocID(n)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "doc %d %s\n", n, id)
	}
	for _, f := range seg.Fields() {
		d, err := seg.Dictionary(f)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "field %s terms %d\n", f, d.Cardinality())
		it := d.AutomatonIterator(nil, nil, nil)
		for e, err := it.Next(); e != nil || err != nil; e, err = it.Next() {
			if err != nil {
				t.Fatal(err)
			}
			pl, err := d.PostingsList([]byte(e.Term), nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "term %q count %d\n", e.Term, pl.Count())
			pi := pl.Iterator(true, true, true, nil)
			for p, err := pi.Next(); p != nil || err != nil; p, err = pi.Next() {
				if err != nil {
					t.Fatal(err)
				}
				if f == "_id" {
					fmt.Fprintf(&b, " %d\n", p.Number())
					continue
				}
				fmt.Fprintf(&b, " %d f%d n%v", p.Number(), p.Frequency(), p.Norm())
				for _, l := range p.Locations() {
					fmt.Fprintf(&b, " %s:%d:%d-%d%v", l.Field(), l.Pos(), l.Start(), l.End(), l.ArrayPositions())
				}
				b.WriteByte('\n')
			}
		}
	}
	return b.String()
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d:\ngot  %s\nwant %s", i, g[i], w[i])
		}
	}
	return fmt.Sprintf("lengths %d, %d", len(g), len(w))
}
