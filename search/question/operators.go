// Package question reads a question before it is searched: the operators
// people type ("exact phrase", -word, a OR b) and, for each word, the forms
// the notes may write it in (a camelCase name typed as plain text, a word
// the notes quote as code). It is pure text processing over package
// analysis; it knows nothing of bleve or the engine.
package question

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Operators is a question split into the words to rank by and the
// constraints its operators set: "exact phrase", -word, -"phrase" and
// a OR b.
type Operators struct {
	// Text is what is searched and ranked as any question is: the plain
	// words, the words of quoted phrases and of OR groups, in order. It is
	// the question itself, byte for byte, when it uses no operator.
	Text string
	// Require holds groups of which a note must say at least one phrase
	// each: a quoted phrase is a group of one, a OR b a group of two.
	Require [][]string
	// Exclude holds the words and phrases a note must not say.
	Exclude []string
	// Notes say how an operator that could not be read was taken: a
	// quote without its partner, an OR without a word on each side.
	Notes []string
}

// Any reports whether the question used an operator.
func (o Operators) Any() bool { return len(o.Require) > 0 || len(o.Exclude) > 0 }

// opToken is one word or quoted phrase of a question.
type opToken struct {
	text   string
	quoted bool
	neg    bool // written with a leading -
}

// ParseOperators splits a question into plain words and constraints.
// Quotes are straight (") or curly (“ ”); a quote without its partner is
// an ordinary character. A dash starts an exclusion only before a letter
// or digit, and not in a number ("-1"), so "blue-green" and "-" are
// words. OR, in capitals, between two words or phrases makes them
// alternatives; anywhere else it is the word "or".
func ParseOperators(q string) Operators {
	toks, unclosed := tokenizeOperators(q)
	var notes []string
	if unclosed {
		notes = append(notes, noteUnclosed)
	}
	for i, t := range toks {
		if isOR(t) && !orBetween(toks, i) {
			notes = append(notes, noteOR)
			break
		}
	}
	if !hasOperator(toks) {
		return Operators{Text: q, Notes: notes}
	}
	o := Operators{Notes: notes}
	var text []string
	var group []opToken // the OR group being read
	flush := func() {
		if len(group) > 1 || len(group) == 1 && group[0].quoted {
			var g []string
			for _, t := range group {
				g = append(g, t.text)
			}
			o.Require = append(o.Require, g)
		}
		group = nil
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.neg {
			o.Exclude = append(o.Exclude, t.text)
			continue
		}
		text = append(text, t.text)
		group = append(group, t)
		if i+2 < len(toks) && isOR(toks[i+1]) && !toks[i+2].neg && !isOR(toks[i+2]) {
			i++ // the OR; the next operand joins the group
			continue
		}
		flush()
	}
	o.Text = strings.Join(text, " ")
	return o
}

// The notes ParseOperators gives for operators it could not read.
const (
	noteUnclosed = "a quote is not closed: it is searched as an ordinary character"
	noteOR       = `OR needs a word or "phrase" on each side: read as the word "or"`
)

func isOR(t opToken) bool { return t.text == "OR" && !t.quoted && !t.neg }

// hasOperator reports whether tokens hold a quoted phrase, an exclusion
// or an OR between two operands.
func hasOperator(toks []opToken) bool {
	for i, t := range toks {
		if t.quoted || t.neg {
			return true
		}
		if orBetween(toks, i) {
			return true
		}
	}
	return false
}

// orBetween reports whether toks[i] is an OR between two operands: a
// word or phrase on each side, neither an exclusion nor another OR.
func orBetween(toks []opToken, i int) bool {
	return isOR(toks[i]) && i > 0 && i+1 < len(toks) &&
		!toks[i-1].neg && !isOR(toks[i-1]) && !toks[i+1].neg && !isOR(toks[i+1])
}

// closingQuote returns the quote that closes r, or 0 when r opens none.
func closingQuote(r rune) rune {
	switch r {
	case '"':
		return '"'
	case '“':
		return '”'
	}
	return 0
}

// tokenizeOperators splits q at white space into words, keeping a quoted
// phrase (which may follow a dash) as one token. unclosed reports a quote
// without its partner.
func tokenizeOperators(q string) (toks []opToken, unclosed bool) {
	i := 0
	for i < len(q) {
		r, n := utf8.DecodeRuneInString(q[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		neg := false
		start := i
		if r == '-' && i+1 < len(q) {
			if r2, _ := utf8.DecodeRuneInString(q[i+1:]); closingQuote(r2) != 0 {
				neg, r, n = true, r2, utf8.RuneLen(r2)
				i++
			}
		}
		if cq := closingQuote(r); cq != 0 {
			if end := strings.IndexRune(q[i+n:], cq); end >= 0 {
				phrase := strings.TrimSpace(q[i+n : i+n+end])
				i += n + end + utf8.RuneLen(cq)
				if phrase != "" {
					toks = append(toks, opToken{text: phrase, quoted: true, neg: neg})
				}
				continue
			}
			i, unclosed = start, true // no partner: an ordinary character
		}
		j := i
		for j < len(q) {
			r, n := utf8.DecodeRuneInString(q[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += n
		}
		toks = append(toks, wordToken(q[i:j]))
		i = j
	}
	return toks, unclosed
}

// wordToken reads one unquoted word: -word excludes word.
func wordToken(w string) opToken {
	if len(w) < 2 || w[0] != '-' {
		return opToken{text: w}
	}
	r, _ := utf8.DecodeRuneInString(w[1:])
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) || isNumber(w[1:]) {
		return opToken{text: w}
	}
	return opToken{text: w[1:], neg: true}
}

func isNumber(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) && r != '.' && r != ',' && r != '%' {
			return false
		}
	}
	return true
}
