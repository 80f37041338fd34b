package cmd

import (
	"strings"

	"github.com/mattn/go-runewidth"
)

// styledWord is a word ready to print and how wide it shows: the width
// of its text, not of the escapes or tags a Styler wrapped it in.
type styledWord struct {
	text  string
	width int
}

// widthCond measures text as terminals show it: CJK ideographs and most
// emoji take two columns, combining marks none. Characters of ambiguous
// width take one whatever the locale, so output does not depend on it.
var widthCond = &runewidth.Condition{StrictEmojiNeutral: true}

// textWidth is how many columns s takes on a terminal.
func textWidth(s string) int { return widthCond.StringWidth(s) }

// plainWords splits s into unstyled words.
func plainWords(s string) []styledWord {
	var out []styledWord
	for _, f := range strings.Fields(s) {
		out = append(out, styledWord{text: f, width: textWidth(f)})
	}
	return out
}

// wrap lays words out in lines of at most width columns, one space
// apart; a word wider than that gets a line of its own. It is crib's one
// word wrapper.
func wrap(words []styledWord, width int) []string {
	var lines []string
	var b strings.Builder
	col := 0
	for _, wd := range words {
		if col > 0 && col+1+wd.width > width {
			lines = append(lines, b.String())
			b.Reset()
			col = 0
		}
		if col > 0 {
			b.WriteByte(' ')
			col++
		}
		b.WriteString(wd.text)
		col += wd.width
	}
	if col > 0 {
		lines = append(lines, b.String())
	}
	return lines
}

// wrapText wraps plain text.
func wrapText(s string, width int) []string { return wrap(plainWords(s), width) }
