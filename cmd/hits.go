package cmd

import (
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"slices"
	"strings"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search"
)

// answerExtras is what a command adds to an answer besides the search:
// the filter it applied, the notes around each hit (-C) and whether
// file:line is a terminal hyperlink.
type answerExtras struct {
	filter  search.Filter
	around  map[int]neighbours // by Hit.Index; nil without -C
	links   bool
	explain bool // --explain: say what the question was widened with
}

// neighbours are the snippets of a hit's file just before and after it.
type neighbours struct{ before, after []corpus.Snippet }

// maxContext bounds -C: a few neighbours show where a note sits; more is
// reading the file, which --open is for.
const maxContext = 20

// aroundHits finds up to n snippets of the same file and section (the
// same headings) on each side of every result; after a result shown with
// its items, the n after them. A note under another heading is another
// subject: trial 13 saw Service Catalog and EC2 notes around an OpsWorks
// one.
func aroundHits(eng *search.Engine, rs []search.Result, n int) map[int]neighbours {
	if n <= 0 {
		return nil
	}
	out := map[int]neighbours{}
	for _, r := range rs {
		var nb neighbours
		near := func(s corpus.Snippet) bool {
			return s.Source == r.Snippet.Source && slices.Equal(s.Heading, r.Snippet.Heading)
		}
		for i := r.Index - 1; i >= 0 && i >= r.Index-n; i-- {
			s := eng.Snippet(i)
			if !near(s) {
				break
			}
			nb.before = append(nb.before, s)
		}
		slices.Reverse(nb.before)
		// After a list shown with its items, the lines after the last
		// item shown (trial 12: -C 1 showed the first item again).
		last := r.Index
		if k := len(r.Items); k > 0 {
			last = max(last, r.Items[k-1])
		}
		for i := last + 1; i < eng.Len() && i <= last+n; i++ {
			s := eng.Snippet(i)
			if !near(s) {
				break
			}
			nb.after = append(nb.after, s)
		}
		out[r.Index] = nb
	}
	return out
}

// hyperlinks decides whether file:line is an OSC 8 link: only on a
// terminal that says what it is (TERM set, not dumb), with colour on.
func hyperlinks(ios *IOStreams, colorMode string) bool {
	t := ios.Getenv("TERM")
	return ios.OutTTY && ios.ColorEnabled(colorMode) && t != "" && t != "dumb"
}

// ref is a snippet's file:line, as an OSC 8 hyperlink to the file when
// links are on. Built-in notes are embedded: no file to link to.
func (x answerExtras) ref(s corpus.Snippet) string {
	at := fmt.Sprintf("%s:%d", s.Source, s.Line)
	if !x.links || strings.HasPrefix(s.Source, corpus.EmbeddedPrefix) {
		return at
	}
	abs, err := filepath.Abs(s.Source)
	if err != nil {
		return at
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
	return "\x1b]8;;" + u.String() + "\x1b\\" + at + "\x1b]8;;\x1b\\"
}

// oneLine folds a snippet's text (a code block keeps its line breaks)
// onto one line for grep-style output.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// plainBefore starts a result's block with -C: "--" between blocks, as
// grep has it, then the snippets before it as file-line- text.
func plainBefore(w io.Writer, i int, r search.Result, x answerExtras) {
	nb, ok := x.around[r.Index]
	if !ok {
		return
	}
	if i > 0 {
		fmt.Fprintln(w, "--")
	}
	for _, s := range nb.before {
		fmt.Fprintf(w, "%s-%d- %s\n", s.Source, s.Line, oneLine(s.Text))
	}
}

// plainAfter ends a result's block with the snippets after it.
func plainAfter(w io.Writer, r search.Result, x answerExtras) {
	for _, s := range x.around[r.Index].after {
		fmt.Fprintf(w, "%s-%d- %s\n", s.Source, s.Line, oneLine(s.Text))
	}
}

// termAround prints neighbours dimmed, marked with a thin bar, under
// indent; after a list intro, the items already shown as its children
// are not repeated.
func termAround(w io.Writer, ss []corpus.Snippet, skip []string, st Styler, indent string, width int) {
	for _, s := range ss {
		if slices.Contains(skip, s.Text) {
			continue
		}
		for _, line := range wrapText(oneLine(s.Text), width-len(indent)-2) {
			fmt.Fprintf(w, "%s%s\n", indent, st.Style(RoleDim, "┊ "+line))
		}
	}
}

// jsonNeighbour is a snippet around a result in --json with -C.
type jsonNeighbour struct {
	Text string `json:"text"`
	Line int    `json:"line"`
}

func jsonNeighbours(ss []corpus.Snippet) []jsonNeighbour {
	out := []jsonNeighbour{}
	for _, s := range ss {
		out = append(out, jsonNeighbour{Text: s.Text, Line: s.Line})
	}
	return out
}
