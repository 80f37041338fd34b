package cmd

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/crib-dev/crib/corpus"
)

// Text from the notes, the question, the synonyms files and file names
// reaches the terminal, and a terminal acts on control characters: a note
// holding "\x1b]52;c;…\a" would set the clipboard, others retitle the
// window, clear the screen or plant a hyperlink (issue 15.4). So every
// string crib did not write itself passes through visible before it is
// printed, in every mode; JSON keeps the text exact but escaped
// (jsonVisible). crib's own colours are added after, by the Styler. The
// notes readers already drop escape sequences, which are not text (see
// corpus.EscapeLen); a note's other control characters, the question and
// file names still pass through here.

// visible returns s made safe to print: escape sequences (CSI, OSC, DCS,
// SOS, PM, APC and two-byte escapes, introduced by ESC or a C1 code) are
// removed whole; any other control character but tab and newline is
// shown in caret notation (^[, ^M, ^?) or, for C1, as \u0085; bytes that
// are not UTF-8 are shown as \xff. Text without any is returned as is.
func visible(s string) string {
	out, _ := sanitize(s, false)
	return out
}

// sanitize does visible's work and, when offsets is set, also returns
// where each byte offset of s (and len(s)) lands in the result, to move
// highlight spans with the text.
func sanitize(s string, offsets bool) (string, []int) {
	if isVisible(s) {
		return s, nil
	}
	var b strings.Builder
	var at []int
	if offsets {
		at = make([]int, len(s)+1)
	}
	mark := func(from, to int) {
		for ; offsets && from < to; from++ {
			at[from] = b.Len()
		}
	}
	for i := 0; i < len(s); {
		if n := corpus.EscapeLen(s, i); n > 0 {
			mark(i, i+n)
			i += n
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		mark(i, i+n)
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r < 0x20 && r != '\t' && r != '\n':
			b.WriteByte('^')
			b.WriteByte(byte(r) + 0x40)
		case r == 0x7f:
			b.WriteString("^?")
		case r >= 0x80 && r < 0xa0, bidiControl(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	mark(len(s), len(s)+1)
	return b.String(), at
}

// withoutEscapes returns a question as the user meant it: text pasted
// from a terminal keeps the escape sequences that coloured it
// ("\x1b[31mpool\x1b[0m"), which are removed whole; other control
// characters become spaces.
func withoutEscapes(s string) string {
	if isVisible(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if n := corpus.EscapeLen(s, i); n > 0 {
			i += n
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r < 0x20 && r != '\n' || r == 0x7f || r >= 0x80 && r < 0xa0 || bidiControl(r) {
			b.WriteByte(' ')
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// isVisible reports whether s is already safe to print.
func isVisible(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || r < 0xa0 || bidiControl(r) {
			return false
		}
		i += n
	}
	return true
}

// jsonEscaped reports whether jsonVisible writes r as \uXXXX: DEL, a C1
// control or a bidi control (a byte that is not UTF-8 decodes as U+FFFD,
// none of them).
func jsonEscaped(r rune) bool { return r == 0x7f || r >= 0x80 && r < 0xa0 || bidiControl(r) }

// bidiControl reports whether r is a bidirectional embedding, override
// or isolate control (U+202A-U+202E, U+2066-U+2069): a terminal that
// lays out text both ways reorders the rest of the line by it, so a note
// could make a result line and its file:line read otherwise than they
// are (review 14). They are shown as \u202e, like the C1 controls.
func bidiControl(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// visibleLine is visible for a field printed on one line (a file name, a
// heading, a service name): a newline is shown too, as ^J, since a file
// named "b\nx.md" split a piped result line in two.
func visibleLine(s string) string {
	return strings.ReplaceAll(visible(s), "\n", "^J")
}

// visibleLines applies visibleLine to each string of ss, in a new slice.
func visibleLines(ss []string) []string { return mapStrings(ss, visibleLine) }

// visibleAll applies visible to each string of ss, in a new slice.
func visibleAll(ss []string) []string { return mapStrings(ss, visible) }

// mapStrings applies f to each string of ss, in a new slice, so that
// the caller's slice is left as it was; nil stays nil (JSON null).
func mapStrings(ss []string, f func(string) string) []string {
	if ss == nil {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = f(s)
	}
	return out
}

// jsonVisible escapes what encoding/json leaves raw and a terminal may
// act on: DEL and the C1 controls U+0080–U+009F. Outside strings JSON is
// ASCII, so each can only sit inside a string, where \u00XX means the
// same character.
func jsonVisible(b []byte) []byte {
	if !bytes.ContainsFunc(b, jsonEscaped) {
		return b
	}
	var out bytes.Buffer
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if jsonEscaped(r) {
			fmt.Fprintf(&out, `\u%04x`, r)
		} else {
			out.Write(b[i : i+n])
		}
		i += n
	}
	return out.Bytes()
}
