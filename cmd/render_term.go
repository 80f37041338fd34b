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

// renderTerminal prints answers for people, answer first: results are
// grouped by the section they sit in, sections ordered by their best
// result, and each result shows its rank, the note with matched words
// highlighted, the items it sits under, its source and score. The related
// services follow.
func renderTerminal(w io.Writer, ans *search.Answer, st Styler, width int, x answerExtras) {
	const indent = "     "
	for gi, g := range groupBySection(ans.Results) {
		if gi > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s\n", st.Style(RoleHeading, fitCrumb(g[0].Snippet.Heading, width)))
		for _, r := range g {
			words := highlightWords(r.Snippet.Text, r.Matches, st)
			termAround(w, x.around[r.Index].before, nil, st, indent, width)
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
			termAround(w, x.around[r.Index].after, r.Children, st, indent, width)
			if len(r.Snippet.Context) > 0 {
				ctx := "under: " + strings.Join(r.Snippet.Context, " › ")
				for _, line := range wrapText(ctx, width-len(indent)) {
					fmt.Fprintf(w, "%s%s\n", indent, st.Style(RoleDim, line))
				}
			}
			fmt.Fprintf(w, "%s%s\n", indent, st.Style(RoleScore, fmt.Sprintf("%s · %.2f", x.ref(r.Snippet), r.Score)))
			renderExplain(w, r.Explain, st, indent)
		}
	}
	renderRelated(w, ans.Related, st, width)
}

// groupBySection keeps results of one section together, sections in the
// order of their best result.
func groupBySection(rs []search.Result) [][]search.Result {
	var groups [][]search.Result
	at := map[string]int{}
	for _, r := range rs {
		k := r.Snippet.Source + "\x00" + strings.Join(r.Snippet.Heading, "\x00")
		i, ok := at[k]
		if !ok {
			i = len(groups)
			at[k] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], r)
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
