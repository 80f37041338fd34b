package corpus

import (
	"bytes"
	"strings"
)

// Terminal escape sequences (colours, window titles, hyperlinks) in a
// notes file are not text: a terminal acts on them and shows nothing.
// Read as text they glued "\x1b[31mDANGER" into one word "31mdanger",
// so the word the user saw could not be found while a hidden window
// title could (trial 13). The readers remove them whole before parsing.

// withoutEscapes returns data without its escape sequences (see
// EscapeLen; none spans lines, so line numbers stay those of the file).
// Data without an escape introducer is returned as is.
func withoutEscapes(data []byte) []byte {
	if !hasIntroducer(data) {
		return data
	}
	s := string(data)
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		if n := EscapeLen(s, i); n > 0 {
			i += n
			continue
		}
		out = append(out, s[i])
		i++
	}
	return out
}

// hasIntroducer reports whether data holds ESC or a C1 introducer (CSI,
// OSC, DCS, SOS, PM or APC, in UTF-8).
func hasIntroducer(data []byte) bool {
	if bytes.IndexByte(data, 0x1b) >= 0 {
		return true
	}
	for i := bytes.IndexByte(data, 0xc2); i >= 0 && i+1 < len(data); {
		switch data[i+1] {
		case 0x90, 0x98, 0x9b, 0x9d, 0x9e, 0x9f:
			return true
		}
		j := bytes.IndexByte(data[i+1:], 0xc2)
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// EscapeLen returns the length of the whole escape sequence that starts
// at s[i], or 0 when none does (or it is cut short: then its introducer
// is shown as a control character and the rest as text).
func EscapeLen(s string, i int) int {
	switch {
	case s[i] == 0x1b && i+1 < len(s):
		c := s[i+1]
		switch {
		case c == '[':
			return csiLen(s, i, i+2)
		case c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_':
			return stringLen(s, i, i+2)
		case c >= 0x21 && c <= 0x2f:
			// nF: intermediates, then a final byte ("ESC ( B"). Not
			// after a space: a stray ESC before a space in text is far
			// likelier than ESC SP F, and took the next word's first
			// letter ("ESC byte" read "yte", trial 15); the ESC is shown.
			j := i + 1
			for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
				j++
			}
			if j < len(s) && s[j] >= 0x30 && s[j] <= 0x7e {
				return j + 1 - i
			}
		case c >= 0x30 && c <= 0x7e: // ESC 7, ESC c (reset), …
			return 2
		}
	case strings.HasPrefix(s[i:], "\u009b"):
		return csiLen(s, i, i+2)
	case strings.HasPrefix(s[i:], "\u009d"), strings.HasPrefix(s[i:], "\u0090"), strings.HasPrefix(s[i:], "\u0098"),
		strings.HasPrefix(s[i:], "\u009e"), strings.HasPrefix(s[i:], "\u009f"):
		return stringLen(s, i, i+2)
	}
	return 0
}

// csiLen: parameter bytes, intermediate bytes, one final byte.
func csiLen(s string, start, j int) int {
	for j < len(s) && s[j] >= 0x30 && s[j] <= 0x3f {
		j++
	}
	for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
		j++
	}
	if j < len(s) && s[j] >= 0x40 && s[j] <= 0x7e {
		return j + 1 - start
	}
	return 0
}

// stringLen: a control string (OSC, DCS, …) up to BEL or the string
// terminator, ESC \ or C1 ST, on one line and at most maxControlString
// bytes long. A stray "ESC ]" is no sequence: searching on to the end of
// the notes for its terminator cost time with the square of their size,
// and a BEL further down took every note before it (review 15). Its
// introducer is shown, not acted on.
func stringLen(s string, start, j int) int {
	for end := min(len(s), start+maxControlString); j < end; j++ {
		switch {
		case s[j] == '\n' || s[j] == '\r':
			return 0
		case s[j] == 0x07:
			return j + 1 - start
		case s[j] == 0x1b && j+1 < len(s) && s[j+1] == '\\':
			return j + 2 - start
		case strings.HasPrefix(s[j:], "\u009c"):
			return j + 2 - start
		}
	}
	return 0
}

// maxControlString bounds a control string: window titles and hyperlinks
// are short, and what is longer is shown as text.
const maxControlString = 4096
