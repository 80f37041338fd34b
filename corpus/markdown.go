package corpus

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
)

// MaxSnippetBytes bounds the text of one snippet. A longer paragraph (a
// whole export pasted on one line, say) is split at word boundaries into
// several snippets that share its line, so nothing is lost and no single
// result floods the screen.
const MaxSnippetBytes = 2000

// MaxContextItems and MaxContextBytes bound the context a snippet carries:
// at most the MaxContextItems nearest list items above it, and only as
// many of them, nearest first, as fit in MaxContextBytes (the nearest
// parent always, cut to MaxContextBytes). Every snippet is indexed with
// its context, so a deeply nested list or a parent pages long would
// otherwise make a file's cost grow with the square of its length (a
// 1,000-level list: 118 MB of context; bounded, 0.7 MB). Three levels keep
// whole the outlines people write (the user notes crib was written for
// nest four deep, so three above the deepest item) and search's child
// lookup, which takes the length of Context as an item's depth.
const (
	MaxContextItems = 3
	MaxContextBytes = 4 * MaxSnippetBytes
)

// maxHeadingBytes bounds the text of one heading.
const maxHeadingBytes = 500

var (
	// The closing #s of a heading need a space before them ("# C#" is
	// about C#), and seven #s make no heading.
	atxHeading  = regexp.MustCompile(`^(#{1,6})(?:[ \t]+(.*?))??(?:[ \t]+#+)?[ \t]*$`)
	thematic    = regexp.MustCompile(`^(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$`)
	setextLine  = regexp.MustCompile(`^(?:=+|-+)[ \t]*$`)
	listMarker  = regexp.MustCompile(`^(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)`)
	tableDelim  = regexp.MustCompile(`^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?$`)
	fenceMarker = regexp.MustCompile("^(```+|~~~+)")
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
// Snippet.Text). source is recorded in every snippet.
// It accepts any input: CRLF or CR line ends, a byte-order mark, tabs and
// spaces mixed in indentation, non-breaking spaces.
func ParseMarkdown(source string, data []byte) []Snippet {
	p := &parser{source: source, prevBlank: true}
	for i, line := range splitLines(data) {
		p.line(i+1, line)
	}
	p.flushPara()
	p.closeFence() // one left open runs to the end
	return p.out
}

// splitLines normalises line ends, the byte-order mark and Unicode spaces
// that editors insert, and splits the text into lines.
func splitLines(data []byte) []string {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	s := strings.NewReplacer("\r\n", "\n", "\r", "\n",
		"\u00A0", " ", "\u2007", " ", "\u202F", " ", "\uFEFF", "").Replace(string(data))
	return strings.Split(s, "\n")
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
		p.fence = code{marker: fenceMarker.FindString(rest), line: n, indent: col, quoted: quoted}
	case atxHeading.MatchString(rest):
		m := atxHeading.FindStringSubmatch(rest)
		p.flushPara()
		p.setHeading(len(m[1]), m[2])
	case len(p.para) > 0 && setextLine.MatchString(rest):
		level := 2
		if rest[0] == '=' {
			level = 1
		}
		text := strings.Join(p.para, " ")
		p.para = nil
		p.setHeading(level, text)
	case thematic.MatchString(rest):
		p.flushPara()
		p.items = nil
	case strings.HasPrefix(rest, "|"):
		p.tableRow(n, rest)
	case listMarker.MatchString(rest):
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
	marker := listMarker.FindString(rest)
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
	if tableDelim.MatchString(rest) {
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

// heading returns the current heading path, the last snippet's slice when
// it is the same.
func (p *parser) heading() []string {
	var buf [6]string
	h := buf[:0]
	for _, t := range p.headings {
		if t != "" {
			h = append(h, t)
		}
	}
	p.lastHeading = reuse(p.lastHeading, h)
	return p.lastHeading
}

// context returns the texts of the nearest open items, within
// MaxContextItems and MaxContextBytes, outermost first; the last
// snippet's slice when it is the same. Sharing it keeps a file's context
// from costing more than its text.
func (p *parser) context() []string {
	var buf [MaxContextItems]string
	n, size := 0, 0
	for i := len(p.items) - 1; i >= 0 && n < MaxContextItems; i-- {
		t := p.items[i].text
		if t == "" {
			continue
		}
		if size += len(t); size > MaxContextBytes && n > 0 {
			break
		}
		n++
		buf[MaxContextItems-n] = t
	}
	p.lastContext = reuse(p.lastContext, buf[MaxContextItems-n:])
	return p.lastContext
}

// reuse returns last when it holds the strings of cur, else a copy of
// cur; nil when cur is empty. The copy's capacity is its length, so that
// appending to one snippet's slice never writes into another's.
func reuse(last, cur []string) []string {
	if len(cur) == 0 {
		return nil
	}
	if slices.Equal(last, cur) {
		return last
	}
	return slices.Clip(slices.Clone(cur))
}

// splitLong cuts s into pieces of at most max bytes, at spaces where it can
// and never inside a UTF-8 sequence.
func splitLong(s string, max int) []string {
	var parts []string
	for len(s) > max {
		cut := cutPoint(s, max)
		parts = append(parts, strings.TrimSpace(s[:cut]))
		s = strings.TrimSpace(s[cut:])
	}
	if s != "" {
		parts = append(parts, s)
	}
	return parts
}

// cutPoint says where to cut s, longer than max bytes: at the last space
// before max, else at the last rune start.
func cutPoint(s string, max int) int {
	cut := strings.LastIndexByte(s[:max], ' ')
	if cut <= 0 {
		cut = max
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
		if cut == 0 { // no rune start: not UTF-8, cut anywhere
			cut = max
		}
	}
	return cut
}

// clip returns s, or its start up to max bytes cut as splitLong would.
func clip(s string, max int) string {
	if len(s) <= max {
		return s
	}
	return strings.TrimSpace(s[:cutPoint(s, max)])
}

// ParseText splits plain text into one snippet per paragraph.
func ParseText(source string, data []byte) []Snippet {
	p := &parser{source: source}
	for i, line := range splitLines(data) {
		if t := strings.TrimSpace(line); t != "" {
			if len(p.para) == 0 {
				p.paraLine = i + 1
			}
			p.para = append(p.para, t)
			continue
		}
		p.flushPara()
	}
	p.flushPara()
	return p.out
}
