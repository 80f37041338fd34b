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
// neighbouring results of one section share its heading, and each result shows its rank, the note with matched words
// highlighted, the items it sits under, its source and score. The related
// services follow.
func renderTerminal(w io.Writer, ans *search.Answer, st Styler, width int) {
	const indent = "     "
	for gi, g := range groupBySection(ans.Results) {
		if gi > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s\n", st.Style(RoleHeading, fitCrumb(g[0].Snippet.Heading, width)))
		for _, r := range g {
			words := highlightWords(r.Snippet.Text, r.Matches, st)
			fmt.Fprintf(w, "  %s", st.Style(RoleRank, fmt.Sprintf("%2d", r.Rank)))
			// The rank is as wide as indent: the text continues its line.
			fmt.Fprintf(w, " %s\n", strings.Join(wrap(words, width-len(indent)), "\n"+indent))
			for _, c := range r.Children {
				for k, line := range wrapText(c, width-len(indent)-2) {
					bullet := "• "
					if k > 0 {
						bullet = "  "
					}
					fmt.Fprintf(w, "%s%s%s\n", indent, bullet, line)
				}
			}
			if len(r.Snippet.Context) > 0 {
				ctx := "under: " + strings.Join(r.Snippet.Context, " › ")
				for _, line := range wrapText(ctx, width-len(indent)) {
					fmt.Fprintf(w, "%s%s\n", indent, st.Style(RoleDim, line))
				}
			}
			fmt.Fprintf(w, "%s%s\n", indent, st.Style(RoleScore, fmt.Sprintf("%s:%d · %.2f", r.Snippet.Source, r.Snippet.Line, r.Score)))
			renderExplain(w, r.Explain, st, indent)
		}
	}
	renderRelated(w, ans.Related, st, width)
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

func renderExplain(w io.Writer, cs []search.Contribution, st Styler, indent string) {
	for _, c := range cs {
		origin := ""
		if c.Origin != "" && c.Origin != c.Term {
			origin = "  for " + c.Origin
		}
		line := fmt.Sprintf("+%.3f %-8s %-7s %-7s %s%s", c.Score, c.Share, c.Field, c.Kind, c.Term, origin)
		fmt.Fprintf(w, "%s%s\n", indent, st.Style(RoleDim, line))
	}
}

func renderRelated(w io.Writer, rel []search.Related, st Styler, width int) {
	if len(rel) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s\n", st.Style(RoleTitle, "Related:"))
	nameWidth := 0
	for _, r := range rel {
		nameWidth = max(nameWidth, textWidth(r.Service))
	}
	indent := strings.Repeat(" ", nameWidth+4)
	for _, r := range rel {
		pad := strings.Repeat(" ", nameWidth-textWidth(r.Service))
		lines := wrapText(r.Why, max(20, width-len(indent)))
		if len(lines) == 0 {
			lines = []string{""}
		}
		fmt.Fprintf(w, "  %s%s  %s\n", st.Style(RoleService, r.Service), pad, st.Style(RoleDim, lines[0]))
		for _, l := range lines[1:] {
			fmt.Fprintf(w, "%s%s\n", indent, st.Style(RoleDim, l))
		}
	}
}
