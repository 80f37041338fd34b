package corpus_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/crib-dev/crib/corpus"
)

// nestedList returns a list nested depth levels deep, one tab more per
// level, each item "lvlN" and words more words: the file of issue 15.3.
func nestedList(depth, words int) string {
	var b strings.Builder
	for d := range depth {
		b.WriteString(strings.Repeat("\t", d) + fmt.Sprintf("- lvl%d", d))
		for k := range words {
			fmt.Fprintf(&b, " w%d", (d*37+k)%5000)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func TestParseMarkdownContextBounds(t *testing.T) {
	h := func(s ...string) []string { return s }
	x := func(n int) string { return strings.Repeat("x", n) }
	tests := []struct {
		name string
		in   string
		line int      // the snippet checked
		want []string // its context
	}{
		{"three levels above are all kept", nestedList(4, 0), 4,
			h("lvl0", "lvl1", "lvl2")},
		{"only the three nearest of four are kept, nearest last", nestedList(5, 0), 5,
			h("lvl1", "lvl2", "lvl3")},
		{"deep in a thousand levels", nestedList(1000, 0), 1000,
			h("lvl996", "lvl997", "lvl998")},
		{"a parent longer than the cap is cut, and alone", "- ab\n  - " + x(9000) + "\n    - child\n", 3,
			h(x(corpus.MaxContextBytes))},
		{"ancestors beyond the byte cap are dropped", "- " + x(5000) + "\n  - " + x(3001) + "\n    - child\n", 3,
			h(x(3001))},
		{"ancestors up to the byte cap are kept", "- " + x(5000) + "\n  - " + x(3000) + "\n    - child\n", 3,
			h(x(5000), x(3000))},
		{"empty items are skipped, not counted", "- a\n  -\n    -\n      - b\n        - c\n          - d\n", 6,
			h("a", "b", "c")},
		{"back out of a deep list, far ancestors return", nestedList(9, 0) + "\t- back at one\n", 10,
			h("lvl0")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, s := range corpus.ParseMarkdown("n.md", []byte(tt.in)) {
				if s.Line != tt.line {
					continue
				}
				if d := diffLines(short(tt.want), short(s.Context)); d != "" {
					t.Errorf("context of line %d differs (-want +got):\n%s", tt.line, d)
				}
				return
			}
			t.Fatalf("no snippet on line %d", tt.line)
		})
	}
}

// short describes each string by its length and start, so that a diff of
// long contexts stays readable.
func short(l []string) []string {
	out := make([]string, len(l))
	for i, s := range l {
		out[i] = fmt.Sprintf("%d bytes %.12q", len(s), s)
	}
	return out
}

// TestParseMarkdownContextShared checks that snippets share their
// context without one snippet's slice writing into another's.
func TestParseMarkdownContextShared(t *testing.T) {
	got := corpus.ParseMarkdown("n.md", []byte("- parent\n  - one\n  - two\n"))
	if len(got) != 3 {
		t.Fatalf("got %d snippets, want 3", len(got))
	}
	_ = append(got[1].Context, "written by a caller")
	_ = append(got[1].Heading, "written by a caller")
	if fmt.Sprint(got[2].Context) != "[parent]" || got[2].Heading != nil {
		t.Errorf("appending to one snippet's slices changed the next: %q %q", got[2].Context, got[2].Heading)
	}
}

// TestParseMarkdownDeepNestingIsLinear parses the 1,000-level list of
// issue 15.3 (739 KB) and bounds what it costs: the context the index
// sees (it was 118 MB, the square of the depth) and the memory parsing
// allocates.
func TestParseMarkdownDeepNestingIsLinear(t *testing.T) {
	data := []byte(nestedList(1000, 40))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	got := corpus.ParseMarkdown("nest.md", data)
	runtime.ReadMemStats(&after)
	if len(got) != 1000 {
		t.Fatalf("got %d snippets, want 1000", len(got))
	}
	contextBytes := 0
	for _, s := range got {
		for _, c := range s.Context {
			contextBytes += len(c)
		}
	}
	if limit := 4 * len(data); contextBytes > limit {
		t.Errorf("context of all snippets is %d bytes, want at most %d (4 × the file)", contextBytes, limit)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 32<<20 {
		t.Errorf("parsing allocated %d MB, want at most 32", alloc>>20)
	}
}
