package question

import (
	"slices"
	"strings"

	"github.com/crib-dev/crib/search/analysis"
)

// The user's words are searched as written. A camelCase or joined name
// typed as plain text ("BeforeInstall", "BlockTraffic") is analysed as one
// stemmed word, while the notes, which quote such names in code spans,
// index it whole and in parts; literalForms gives each such word of the
// question the forms the notes index it under, so that the question finds
// it however it was typed. They are alternatives of the word, at its full
// weight: nothing replaces what the user typed.

// LiteralForms returns, by position in the question's term sequence, the
// forms the notes index a word of the question under when they write it
// as a name: the word as quoted in code (`Catch`, `DELETED`), a camelCase
// name typed as plain text whole and as its parts ("BeforeInstall"), and
// a compound's whole form (PARAMETER_STORE), given at its first part.
// Only forms some note holds are returned, besides the parts. named marks
// the words typed as names (a capital inside, or the whole question) that
// notes quote as code: for those the quoted form outranks the stemmed word.
func LiteralForms(q string, toks []analysis.Token, df func(string) int) (forms map[int][][]string, named map[int]bool) {
	out := map[int][][]string{}
	named = map[int]bool{}
	words := 0
	for _, t := range toks {
		if !t.Whole && !t.Part {
			words++
		}
	}
	add := func(at int, f []string) {
		for _, g := range out[at] {
			if slices.Equal(f, g) {
				return
			}
		}
		out[at] = append(out[at], f)
	}
	i := 0
	var whole []string // a compound's whole form, waiting for its first part
	for _, t := range toks {
		if t.Whole {
			if df(t.Term) > 0 {
				whole = []string{t.Term}
			}
			continue
		}
		at := i
		i++
		if whole != nil {
			add(at, whole)
			whole = nil
		}
		if t.Part {
			continue
		}
		word := q[t.Start:t.End]
		if code := analysis.CodeMark + strings.ToLower(word); df(code) > 0 {
			add(at, []string{code})
			// A word typed like a name, or alone, asks for the name.
			named[at] = IdentifierLike(word) || words == 1
		}
		if lw := strings.ToLower(word); lw != t.Term && df(lw) > 0 {
			// A name of several parts typed in one case (beforeinstall)
			// is the name the notes write whole (BeforeInstall).
			add(at, []string{lw})
			named[at] = true
		}
		if !IdentifierLike(word) {
			continue
		}
		var parts []string
		for _, c := range analysis.Analyze("`" + word + "`") {
			switch {
			case c.Whole && df(c.Term) > 0 && !strings.HasPrefix(c.Term, analysis.CodeMark):
				add(at, []string{c.Term})
			case !c.Whole:
				parts = append(parts, c.Term)
			}
		}
		if len(parts) > 1 {
			add(at, parts)
		}
	}
	return out, named
}

// IdentifierLike reports a word written like a name in code: a capital
// after its first letter (BeforeInstall, DynamoDB, WARN).
func IdentifierLike(word string) bool {
	return strings.ContainsFunc(word[1:], func(r rune) bool { return r >= 'A' && r <= 'Z' })
}
