package corpus

import "slices"

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
