package corpus

import "strings"

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
