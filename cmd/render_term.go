package cmd

import (
	"fmt"
	"io"
	"strings"

	"github.com/crib-dev/crib/search"
)

// maxCrumbs is how many heading levels a breadcrumb shows; outer levels
// (usually a file's title) are elided.
const maxCrumbs = 3

// renderTerminal prints answers for people, answer first, in rank order:
// neighbouring results of one section share its heading, and each result
// shows its rank, the note with matched words
// highlighted, the items it sits under, its source and score. The related
// services follow.
func renderTerminal(w io.Writer, ans *search.Answer, st Styler, width int, x answerExtras, related bool) {
	const indent = "     "
	lc := &lineCounter{w: w}
	w = lc
	if line := expansionLine(ans.Expansion); x.explain && line != "" {
		for _, l := range wrapText(line, width) {
			fmt.Fprintf(w, "%s\n", st.Style(RoleDim, l))
		}
	}
	for gi, g := range groupBySection(ans.Results) {
		if gi > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s\n", st.Style(RoleHeading, fitCrumb(g[0].Snippet.Heading, width)))
		for _, r := range g {
			termAround(w, x.around[r.Index].before, nil, st, indent, width)
			// The rank is as wide as indent: the text continues its line.
			rank := "  " + st.Style(RoleRank, fmt.Sprintf("%2d", r.Rank)) + " "
			printNote(w, noteLines(r.Snippet.Text, r.Matches, st, width-len(indent)), rank, indent)
			for _, c := range r.Children {
				for k, line := range wrapText(c, width-len(indent)-2) {
					bullet := "• "
					if k > 0 {
						bullet = "  "
					}
					fmt.Fprintf(w, "%s%s%s\n", indent, bullet, line)
				}
			}
			termAround(w, x.around[r.Index].after, r.Children, st, indent, width)
			if len(r.Snippet.Context) > 0 {
				ctx := "under: " + strings.Join(r.Snippet.Context, " › ")
				for _, line := range wrapText(ctx, width-len(indent)) {
					fmt.Fprintf(w, "%s%s\n", indent, st.Style(RoleDim, line))
				}
			}
			fmt.Fprintf(w, "%s%s\n", indent, st.Style(RoleScore, fmt.Sprintf("%s · %.2f", x.ref(r.Snippet), r.Score)))
			renderExplain(w, r, st, indent)
		}
	}
	if related {
		renderRelated(w, ans.Related, st, width, lc.n)
	}
}

// noteLines lays out a note's text in width columns, matched words
// styled. A code block (the only text with line breaks) keeps its lines,
// indented two more columns, and is not wrapped.
func noteLines(text string, spans []search.Span, st Styler, width int) []string {
	if !strings.Contains(text, "\n") {
		return wrap(highlightWords(text, spans, st), width)
	}
	var lines []string
	at := 0
	for _, l := range strings.Split(text, "\n") {
		lines = append(lines, "  "+styleRange(text, at, at+len(l), spans, st))
		at += len(l) + 1
	}
	return lines
}

// printNote prints a note's lines, the first after first, the others
// after indent.
func printNote(w io.Writer, lines []string, first, indent string) {
	if len(lines) == 0 {
		lines = []string{""}
	}
	fmt.Fprintf(w, "%s%s\n", first, lines[0])
	for _, l := range lines[1:] {
		fmt.Fprintf(w, "%s%s\n", indent, l)
	}
}

// lineCounter counts the lines written through it.
type lineCounter struct {
	w io.Writer
	n int
}

func (c *lineCounter) Write(p []byte) (int, error) {
	c.n += strings.Count(string(p), "\n")
	return c.w.Write(p)
}

// groupBySection puts neighbouring results of one section under one
// heading. Only neighbours: ranks print in order, and a section that
// comes back further down gets its heading again.
func groupBySection(rs []search.Result) [][]search.Result {
	var groups [][]search.Result
	last := ""
	for _, r := range rs {
		k := r.Snippet.Source + "\x00" + strings.Join(r.Snippet.Heading, "\x00")
		if len(groups) == 0 || k != last {
			groups = append(groups, nil)
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], r)
		last = k
	}
	return groups
}

func breadcrumb(h []string) string {
	if len(h) == 0 {
		return "(no heading)"
	}
	if len(h) > maxCrumbs {
		return "… › " + strings.Join(h[len(h)-maxCrumbs:], " › ")
	}
	return strings.Join(h, " › ")
}

// fitCrumb shows as many inner heading levels as fit in width columns,
// cutting the outermost one shown when even one level is too long.
func fitCrumb(h []string, width int) string {
	for n := min(len(h), maxCrumbs); n >= 1; n-- {
		c := breadcrumb(h[len(h)-n:])
		if n < len(h) {
			c = "… › " + c
		}
		if textWidth(c) <= width || n == 1 {
			return widthCond.Truncate(c, width, "…")
		}
	}
	return breadcrumb(h)
}

// renderExplain prints what each term added to r's score; a list intro
// shown for its item says the item's line first, since the terms are its.
func renderExplain(w io.Writer, r search.Result, st Styler, indent string) {
	if by := r.ExplainedBy; by > 0 {
		fmt.Fprintf(w, "%s%s\n", indent, st.Style(RoleDim, fmt.Sprintf("scored as its item at line %d:", by)))
	}
	for _, c := range r.Explain {
		origin := ""
		if c.Origin != "" && c.Origin != c.Term {
			origin = "  for " + c.Origin
		}
		line := fmt.Sprintf("+%.3f %-8s %-7s %-7s %s%s", c.Score, c.Share, c.Field, c.Kind, c.ShownTerm(), origin)
		fmt.Fprintf(w, "%s%s\n", indent, st.Style(RoleDim, line))
	}
}

// maxRelatedShown bounds the services of a Related block.
const maxRelatedShown = 5

// renderRelated prints the services worth reading next, one line each,
// at most one for every two lines of the answer above (so the block stays
// within about a third of what is printed) and maxRelatedShown; each
// reason is cut to fit its line.
func renderRelated(w io.Writer, rel []search.Related, st Styler, width, answerLines int) {
	n := min(len(rel), maxRelatedShown, max(1, answerLines/2))
	if n == 0 {
		return
	}
	rel = rel[:n]
	fmt.Fprintf(w, "\n%s\n", st.Style(RoleTitle, "Related:"))
	nameWidth := 0
	for _, r := range rel {
		nameWidth = max(nameWidth, textWidth(r.Service))
	}
	for _, r := range rel {
		pad := strings.Repeat(" ", nameWidth-textWidth(r.Service))
		why := fitReasons(r.Why, max(10, width-nameWidth-4))
		fmt.Fprintf(w, "  %s%s  %s\n", st.Style(RoleService, r.Service), pad, st.Style(RoleDim, why))
	}
}

// fitReasons keeps the reasons (joined by " · ") that fit in width
// columns, and cuts the first at a word when even it does not fit.
func fitReasons(why string, width int) string {
	reasons := strings.Split(why, " · ")
	out := reasons[0]
	if textWidth(out) > width {
		return wrapText(out, width-1)[0] + "…"
	}
	for _, r := range reasons[1:] {
		if textWidth(out+" · "+r) > width {
			break
		}
		out += " · " + r
	}
	return out
}

// relatedWanted says whether to print the Related block: not with
// --no-related, nor when $CRIB_RELATED is 0, false, no or off.
func relatedWanted(ios *IOStreams, noRelated bool) bool {
	return !noRelated && !envOff(ios, "CRIB_RELATED")
}

// envOff reports whether the environment variable name turns a default
// off: 0, false, no or off, in any case.
func envOff(ios *IOStreams, name string) bool {
	switch strings.ToLower(strings.TrimSpace(ios.Getenv(name))) {
	case "0", "false", "no", "off":
		return true
	}
	return false
}
