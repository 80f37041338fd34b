package cmd

import (
	"fmt"
	"io"
	"strings"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search"
)

// jsonAnswer is the stable --json schema. Fields may be added, never
// removed or renamed.
type jsonAnswer struct {
	Query       string            `json:"query"`
	Results     []jsonResult      `json:"results"`
	Related     []search.Related  `json:"related"`
	Corrections map[string]string `json:"corrections,omitempty"`
	Filters     *search.Filter    `json:"filters,omitempty"`
	// Covered is false when no note covers the question's subject: the
	// results are then weak guesses, each marked weak.
	Covered bool `json:"covered"`
	// Unmatched lists the question's subject words no note holds; [] when
	// there are none, so that the keys are the same for every answer.
	Unmatched []string `json:"unmatched"`
	// Expansion, with --explain, is what the question was widened with
	// from the built-in notes.
	Expansion *search.Expansion `json:"expansion,omitempty"`
}

type jsonResult struct {
	Rank  int     `json:"rank"`
	Score float64 `json:"score"`
	// Confidence is the share of the question's subject the note covers,
	// 0 to 1; unlike score it means the same for every question.
	Confidence float64               `json:"confidence"`
	Weak       bool                  `json:"weak,omitempty"`
	Text       string                `json:"text"`
	Heading    []string              `json:"heading"`
	Context    []string              `json:"context"`
	Source     string                `json:"source"`
	Line       int                   `json:"line"`
	Services   []string              `json:"services"`
	Children   []string              `json:"children,omitempty"`
	Explain    []search.Contribution `json:"explain,omitempty"`
	// ExplainedBy is the line of the item a list intro stands for, whose
	// words explain says (with --explain).
	ExplainedBy int             `json:"explained_by,omitempty"`
	Before      []jsonNeighbour `json:"before,omitempty"` // with -C
	After       []jsonNeighbour `json:"after,omitempty"`
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func renderJSON(w io.Writer, ans *search.Answer, x answerExtras) error {
	out := jsonAnswer{Query: ans.Question, Results: []jsonResult{}, Related: ans.Related, Corrections: ans.Corrections, Filters: filterEcho(x.filter),
		Covered: ans.Covered, Unmatched: orEmpty(ans.Unknown)}
	if x.explain {
		out.Expansion = ans.Expansion
	}
	if out.Related == nil {
		out.Related = []search.Related{}
	}
	if len(out.Corrections) == 0 {
		out.Corrections = nil
	}
	for _, r := range ans.Results {
		out.Results = append(out.Results, jsonResult{
			Rank: r.Rank, Score: round(r.Score), Confidence: round(r.Confidence), Weak: !ans.Covered, Text: r.Snippet.Text,
			Heading: orEmpty(r.Snippet.Heading), Context: orEmpty(r.Snippet.Context),
			Source: r.Snippet.Source, Line: r.Snippet.Line, Services: orEmpty(r.Services),
			Children: r.Children, Explain: r.Explain, ExplainedBy: r.ExplainedBy,
			Before: jsonNeighbours(x.around[r.Index].before), After: jsonNeighbours(x.around[r.Index].after),
		})
	}
	return writeJSON(w, out)
}

// expansionLine says what a question was widened with, for --explain:
// the words (as analysed) and the built-in notes they came from.
func expansionLine(x *search.Expansion) string {
	if x == nil {
		return ""
	}
	return visible(fmt.Sprintf("expanded with %s (from %s)", strings.Join(x.Words, ", "), strings.Join(x.From, ", ")))
}

// underParent names the item a bare list item sits under ("`BeforeInstall`"
// under "CodeDeploy lifecycle hooks:"), for piped output, which has no
// room for the terminal's "under:" line: a note of a few words says little
// on its own.
func underParent(s corpus.Snippet) string {
	if len(s.Context) == 0 || len(strings.Fields(s.Text)) > bareItemWords {
		return ""
	}
	return " (under: " + oneLine(s.Context[len(s.Context)-1]) + ")"
}

// bareItemWords is the most words a list item has for piped output to
// name its parent.
const bareItemWords = 3

// round keeps scores readable and stable across platforms.
func round(f float64) float64 {
	return float64(int64(f*10000+0.5)) / 10000
}

// renderPlain prints one result per line, grep style: source:line: text,
// a code block folded onto its one line. With --explain, each result's
// contributions follow it, indented; with -C, its neighbours surround it.
func renderPlain(w io.Writer, ans *search.Answer, x answerExtras) {
	if line := expansionLine(ans.Expansion); x.explain && line != "" {
		fmt.Fprintln(w, line)
	}
	for i, r := range ans.Results {
		plainBefore(w, i, r, x)
		fmt.Fprintf(w, "%s:%d: %s%s\n", r.Snippet.Source, r.Snippet.Line, oneLine(r.Snippet.Text), underParent(r.Snippet))
		for _, c := range r.Children {
			// A list intro answers with its items, indented under it.
			fmt.Fprintf(w, "    - %s\n", oneLine(c))
		}
		renderExplain(w, r, plainStyler{}, "    ")
		plainAfter(w, r, x)
	}
}

// highlightWords splits text into words, each with its matched parts
// styled, for wrapping by visible width.
func highlightWords(text string, spans []search.Span, st Styler) []styledWord {
	var words []styledWord
	i := 0
	for i < len(text) {
		for i < len(text) && text[i] == ' ' {
			i++
		}
		if i >= len(text) {
			break
		}
		j := strings.IndexByte(text[i:], ' ')
		if j < 0 {
			j = len(text)
		} else {
			j += i
		}
		words = append(words, styledWord{text: styleRange(text, i, j, spans, st), width: textWidth(text[i:j])})
		i = j
	}
	return words
}

func styleRange(text string, from, to int, spans []search.Span, st Styler) string {
	var b strings.Builder
	at := from
	for _, s := range spans {
		if s.End <= from || s.Start >= to {
			continue
		}
		start, end := max(s.Start, from), min(s.End, to)
		b.WriteString(text[at:start])
		role := RoleMatch
		if s.Synonym {
			role = RoleSynonym
		}
		b.WriteString(st.Style(role, text[start:end]))
		at = end
	}
	b.WriteString(text[at:to])
	return b.String()
}
