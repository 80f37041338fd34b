package cmd

import (
	"fmt"
	"io"
	"strings"

	"github.com/crib-dev/crib/search"
)

// maxWidth bounds the text width on wide terminals, for readability.
const maxWidth = 100

// renderTerminal prints answers for people: rank, breadcrumb and score,
// the note with matched words highlighted, the items it sits under, its
// source, and then the related services.
func renderTerminal(w io.Writer, ans *search.Answer, st Styler, width int) {
	if width <= 0 || width > maxWidth {
		width = maxWidth
	}
	const indent = "    "
	for i, r := range ans.Results {
		if i > 0 {
			fmt.Fprintln(w)
		}
		crumb := strings.Join(r.Snippet.Heading, " › ")
		fmt.Fprintf(w, "%s  %s  %s\n", st.Style(RoleRank, fmt.Sprintf("%2d", r.Rank)),
			st.Style(RoleHeading, crumb), st.Style(RoleScore, fmt.Sprintf("%.2f", r.Score)))
		wrap(w, highlightWords(r.Snippet.Text, r.Matches, st), indent, width)
		if len(r.Snippet.Context) > 0 {
			ctx := "under: " + strings.Join(r.Snippet.Context, " › ")
			for _, line := range wrapText(ctx, width-len(indent)) {
				fmt.Fprintf(w, "%s%s\n", indent, st.Style(RoleDim, line))
			}
		}
		fmt.Fprintf(w, "%s%s\n", indent, st.Style(RoleDim, fmt.Sprintf("%s:%d", r.Snippet.Source, r.Snippet.Line)))
		renderExplain(w, r.Explain, st, indent)
	}
	renderRelated(w, ans.Related, st, width)
}

// wrapText breaks s into lines of at most width columns.
func wrapText(s string, width int) []string {
	var lines []string
	var cur strings.Builder
	col := 0
	for _, f := range strings.Fields(s) {
		n := len([]rune(f))
		if col > 0 && col+1+n > width {
			lines = append(lines, cur.String())
			cur.Reset()
			col = 0
		}
		if col > 0 {
			cur.WriteByte(' ')
			col++
		}
		cur.WriteString(f)
		col += n
	}
	if col > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}

func renderExplain(w io.Writer, cs []search.Contribution, st Styler, indent string) {
	for _, c := range cs {
		origin := ""
		if c.Origin != "" {
			origin = " for " + c.Origin
		}
		fmt.Fprintf(w, "%s%s\n", indent, st.Style(RoleDim, fmt.Sprintf("+%.3f  %-7s %s:%s%s", c.Score, c.Kind, c.Field, c.Term, origin)))
	}
}

func renderRelated(w io.Writer, rel []search.Related, st Styler, width int) {
	if len(rel) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s\n", st.Style(RoleTitle, "Related:"))
	for _, r := range rel {
		fmt.Fprintf(w, "  %s  %s\n", st.Style(RoleService, r.Service), st.Style(RoleDim, r.Why))
	}
}
