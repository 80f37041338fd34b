package corpus

import "strings"

// code is a fenced code block being read.
type code struct {
	marker string // the opening fence: ``` or ~~~, or longer; "" when none is open
	line   int    // the line of the opening fence
	indent int    // its column, removed from the body's lines as CommonMark does
	quoted bool   // it opened inside a blockquote, so its lines carry '>'
	body   []string
}

// isFence says whether rest, a line without its indentation, opens a code
// fence. A backtick fence's info string holds no backtick, so a line such
// as "```inline``` code" is text.
func isFence(rest string) bool {
	m := fenceMarker().FindString(rest)
	return m != "" && (m[0] == '~' || !strings.Contains(rest[len(m):], "`"))
}

// add takes one line inside the fence and reports whether it closes the
// fence: a run of the fence's character at least as long as the opening
// one, with nothing else on the line.
func (c *code) add(line string) bool {
	if c.quoted {
		if t := strings.TrimLeft(line, " \t"); strings.HasPrefix(t, ">") {
			line = stripQuote(t)
		}
	}
	if t := strings.TrimSpace(line); len(t) >= len(c.marker) && strings.Trim(t, c.marker[:1]) == "" {
		return true
	}
	c.body = append(c.body, strings.TrimRight(dedent(line, c.indent), " \t"))
	return false
}

// dedent removes up to n columns of leading white space from line, tabs
// advancing to the next multiple of four.
func dedent(line string, n int) string {
	col := 0
	for i, r := range line {
		switch {
		case col >= n:
			return line[i:]
		case r == ' ':
			col++
		case r == '\t':
			col += 4 - col%4
		default:
			return line[i:]
		}
	}
	return ""
}

// closeFence records the open code block, if any, as snippets whose text
// keeps its lines: one snippet while it fits in MaxSnippetBytes, else one
// per run of lines that fits, each at the line it starts on.
func (p *parser) closeFence() {
	c := p.fence
	p.fence = code{}
	if c.marker == "" {
		return
	}
	for _, ch := range codeChunks(c.body, MaxSnippetBytes) {
		p.record(c.line+1+ch.offset, ch.text) // the body starts on the line after the fence
	}
}

// codeChunk is a run of a code block's lines; offset is the index of its
// first line in the block.
type codeChunk struct {
	offset int
	text   string
}

// codeChunks cuts lines into runs of at most max bytes joined by "\n",
// with no blank line at either end. A line longer than max is split as
// a long paragraph is.
func codeChunks(lines []string, max int) []codeChunk {
	var out []codeChunk
	var cur []string
	start, size := 0, 0
	flush := func() {
		for len(cur) > 0 && cur[len(cur)-1] == "" {
			cur = cur[:len(cur)-1]
		}
		if len(cur) > 0 {
			out = append(out, codeChunk{start, strings.Join(cur, "\n")})
		}
		cur, size = nil, 0
	}
	for i, l := range lines {
		if len(l) > max {
			flush()
			for _, part := range splitLong(l, max) {
				out = append(out, codeChunk{i, part})
			}
			continue
		}
		if len(cur) > 0 && size+1+len(l) > max {
			flush()
		}
		if len(cur) == 0 {
			if strings.TrimSpace(l) == "" {
				continue
			}
			start, size = i, -1
		}
		cur = append(cur, l)
		size += 1 + len(l)
	}
	flush()
	return out
}
