package corpus

import (
	"bytes"
	"regexp"
	"strings"
	"sync"
)

// MaxSnippetBytes bounds the text of one snippet. A longer paragraph (a
// whole export pasted on one line, say) is split at word boundaries into
// several snippets that share its line, so nothing is lost and no single
// result floods the screen.
const MaxSnippetBytes = 2000

// maxHeadingBytes bounds the text of one heading.
const maxHeadingBytes = 500

// lazyRE returns expr compiled when first used: a question answered
// from the cache parses no markdown, and compiling these at start was 1%
// of its time.
func lazyRE(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

var (
	// The closing #s of a heading need a space before them ("# C#" is
	// about C#), and seven #s make no heading.
	atxHeading  = lazyRE(`^(#{1,6})(?:[ \t]+(.*?))??(?:[ \t]+#+)?[ \t]*$`)
	thematic    = lazyRE(`^(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$`)
	setextLine  = lazyRE(`^(?:=+|-+)[ \t]*$`)
	listMarker  = lazyRE(`^(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)`)
	tableDelim  = lazyRE(`^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?$`)
	fenceMarker = lazyRE("^(```+|~~~+)")
)

type openItem struct {
	indent  int // column of the list marker
	content int // column where the item's text starts
	text    string
	snippet int // index into parser.out, or -1 while the item has no text
}

type parser struct {
	source   string
	out      []Snippet
	headings []string // headings[i] is the text at level i+1; "" where none
	items    []openItem

	para      []string // lines of the paragraph being read
	paraLine  int
	prevBlank bool

	fence code // the open code fence, if any

	tableHeader string
	rowLine     int // line of the last table row, to find a table's header

	// The heading path and context of the last snippet, shared by the
	// snippets after it while they stay the same.
	lastHeading, lastContext []string
}

// ParseMarkdown splits markdown into snippets: one per list item, paragraph,
// table row and fenced code block. A code block keeps its lines (see
// Snippet.Text). YAML front matter at the top of the file is no snippet;
// the tags it names are given to every snippet of the file (see
// Snippet.Tags). source is recorded in every snippet.
// It accepts any input: CRLF or CR line ends, a byte-order mark, tabs and
// spaces mixed in indentation, non-breaking spaces.
func ParseMarkdown(source string, data []byte) []Snippet {
	p := &parser{source: source, prevBlank: true}
	lines := splitLines(data)
	skip, tags := frontMatter(lines)
	// A snippet starts on a line that is not blank: room for one per such
	// line spares a long list's slice of snippets growing a dozen times
	// (a million items: 0.6 GB allocated for 0.1 GB kept).
	p.out = make([]Snippet, 0, textLines(lines[skip:]))
	for i, line := range lines[skip:] {
		p.line(skip+i+1, line)
	}
	p.flushPara()
	p.closeFence() // one left open runs to the end
	for i := range p.out {
		p.out[i].Tags = tags
	}
	return p.out
}

// splitLines normalises line ends, the byte-order mark and Unicode spaces
// that editors insert, and splits the text into lines.
func splitLines(data []byte) []string {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	s := string(data)
	if bytes.IndexByte(data, '\r') >= 0 || bytes.Contains(data, []byte("\u00A0")) || bytes.Contains(data, []byte("\u2007")) ||
		bytes.Contains(data, []byte("\u202F")) || bytes.Contains(data, []byte("\uFEFF")) {
		// Replacing copies the text twice more: only when it must.
		s = normaliser.Replace(s)
	}
	return strings.Split(s, "\n")
}

var normaliser = strings.NewReplacer("\r\n", "\n", "\r", "\n",
	"\u00A0", " ", "\u2007", " ", "\u202F", " ", "\uFEFF", "")

// textLines counts the lines that are not blank.
func textLines(lines []string) int {
	n := 0
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			n++
		}
	}
	return n
}

func (p *parser) line(n int, line string) {
	if p.fence.marker != "" {
		if p.fence.add(line) {
			p.closeFence()
			p.prevBlank = true // a code block ends lazy continuation like a blank line
		}
		return
	}
	col, rest := indentation(line)
	quoted := strings.HasPrefix(rest, ">")
	if quoted {
		col, rest = indentation(stripQuote(rest))
	}
	if rest == "" {
		p.flushPara()
		p.tableHeader = ""
		p.prevBlank = true
		return
	}
	defer func() { p.prevBlank = false }()
	switch {
	case isFence(rest):
		p.flushPara()
		p.fence = code{marker: fenceMarker().FindString(rest), line: n, indent: col, quoted: quoted}
	case atxHeading().MatchString(rest):
		m := atxHeading().FindStringSubmatch(rest)
		p.flushPara()
		p.setHeading(len(m[1]), m[2])
	case len(p.para) > 0 && setextLine().MatchString(rest):
		level := 2
		if rest[0] == '=' {
			level = 1
		}
		text := strings.Join(p.para, " ")
		p.para = nil
		p.setHeading(level, text)
	case thematic().MatchString(rest):
		p.flushPara()
		p.items = nil
	case strings.HasPrefix(rest, "|"):
		p.tableRow(n, rest)
	case listMarker().MatchString(rest):
		p.listItem(n, col, rest)
	default:
		p.text(n, col, rest)
	}
}

// indentation returns the column of the first non-blank character, with
// tabs advancing to the next multiple of four, and the rest of the line.
func indentation(line string) (int, string) {
	col := 0
	for i, r := range line {
		switch r {
		case ' ':
			col++
		case '\t':
			col += 4 - col%4
		default:
			return col, strings.TrimRight(line[i:], " \t")
		}
	}
	return col, ""
}

// stripQuote removes blockquote markers but keeps the indentation after
// the last one (less the space that belongs to the marker), so that lists
// inside a quote still nest.
func stripQuote(s string) string {
	for strings.HasPrefix(s, ">") {
		s = strings.TrimPrefix(s[1:], " ")
		if t := strings.TrimLeft(s, " \t"); strings.HasPrefix(t, ">") {
			s = t
		}
	}
	return s
}

func (p *parser) setHeading(level int, text string) {
	for len(p.headings) < level {
		p.headings = append(p.headings, "")
	}
	p.headings = p.headings[:level]
	p.headings[level-1] = clip(foldSpace(text), maxHeadingBytes)
	p.items = nil
}

func (p *parser) listItem(n, col int, rest string) {
	p.flushPara()
	marker := listMarker().FindString(rest)
	text := rest[len(marker):]
	for len(p.items) > 0 && p.items[len(p.items)-1].indent >= col {
		p.items = p.items[:len(p.items)-1]
	}
	full := foldSpace(text)
	it := openItem{indent: col, content: col + len(marker), text: clip(full, MaxContextBytes), snippet: -1}
	if full != "" {
		p.emit(n, full)
		it.snippet = len(p.out) - 1
	}
	p.items = append(p.items, it)
}

// text handles a line that is neither a heading nor a list item: the
// continuation of an open list item, or part of a paragraph.
func (p *parser) text(n, col int, rest string) {
	if len(p.para) == 0 && len(p.items) > 0 {
		last := &p.items[len(p.items)-1]
		if !p.prevBlank || col >= last.content {
			p.continueItem(n, last, rest)
			return
		}
		for len(p.items) > 0 && p.items[len(p.items)-1].content > col {
			p.items = p.items[:len(p.items)-1]
		}
		if len(p.items) > 0 {
			p.continueItem(n, &p.items[len(p.items)-1], rest)
			return
		}
	}
	if len(p.para) == 0 {
		p.paraLine = n
	}
	p.para = append(p.para, rest)
}

// continueItem adds rest to the item's last snippet, or starts a new one
// when the item had no text yet or the snippet would grow too long. The
// new snippet is emitted before the item's text grows, so that an item is
// not its own context.
func (p *parser) continueItem(n int, it *openItem, rest string) {
	rest = foldSpace(rest)
	if it.snippet >= 0 && len(p.out[it.snippet].Text)+1+len(rest) <= MaxSnippetBytes {
		p.out[it.snippet].Text += " " + rest
	} else {
		p.emit(n, rest)
		it.snippet = len(p.out) - 1
	}
	if len(it.text) < MaxContextBytes {
		it.text = clip(foldSpace(it.text+" "+rest), MaxContextBytes)
	}
}

func (p *parser) tableRow(n int, rest string) {
	p.flushPara()
	if tableDelim().MatchString(rest) {
		if p.rowLine == n-1 && len(p.out) > 0 && p.out[len(p.out)-1].Line == n-1 {
			p.tableHeader = p.out[len(p.out)-1].Text
			p.out = p.out[:len(p.out)-1]
		}
		return
	}
	cells := strings.Split(strings.Trim(rest, "|"), "|")
	for i := range cells {
		cells[i] = strings.TrimSpace(cells[i])
	}
	text := foldSpace(strings.Join(cells, " | "))
	if strings.Trim(text, "| ") == "" {
		return
	}
	p.rowLine = n
	for i := p.emit(n, text); i < len(p.out) && p.tableHeader != ""; i++ {
		p.out[i].Context = append(p.out[i].Context, p.tableHeader)
	}
}

func (p *parser) flushPara() {
	if len(p.para) == 0 {
		return
	}
	p.emit(p.paraLine, strings.Join(p.para, " "))
	p.para = nil
	p.items = nil
}

// emit records a snippet for text at line n with the current headings and
// open list items as context, splitting text that is too long. It returns
// the index of the first snippet it recorded.
func (p *parser) emit(n int, text string) int {
	return p.record(n, splitLong(foldSpace(text), MaxSnippetBytes)...)
}

// record records a snippet for each of texts at line n with the current
// headings and open list items as context, and returns the index of the
// first.
func (p *parser) record(n int, texts ...string) int {
	first := len(p.out)
	heading, context := p.heading(), p.context()
	for _, t := range texts {
		p.out = append(p.out, Snippet{Source: p.source, Line: n, Text: t, Heading: heading, Context: context})
	}
	return first
}
