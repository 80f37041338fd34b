// Package synonyms reads crib's thesaurus (a synonyms file in the Solr
// format and the AWS service catalogue) and expands analysed questions with
// the equivalent words and phrases it knows.
//
// It is pure: it reads no files itself beyond what callers hand it, and it
// does not know how text is analysed; callers pass their analyser in.
package synonyms

import (
	"bufio"
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// Bounds on a synonyms file. Every question compiles the user's files, so
// they bound what a question costs: the built-in files stay well inside
// them (longest line 451 bytes, 22 terms, 8 words in a term).
const (
	MaxFileBytes = 4 << 20 // a whole file
	MaxLineBytes = 4 << 10 // one line
	MaxRuleTerms = 64      // terms on one line, both sides of "=>" together
	MaxTermWords = 16      // words in one term
	// MaxFileTerms bounds the terms of a whole file: compiling costs about
	// 10 µs a term, on every question (100,000 lines of three terms: 3 s).
	MaxFileTerms = 20000
)

// Rule is one line of a synonyms file. When OneWay is false every term of
// From is equivalent to every other; when it is true a question naming a
// term of From also looks for the terms of To, not the other way round.
type Rule struct {
	From   []string
	To     []string
	OneWay bool
	// Service is the canonical service name when the rule comes from the
	// service catalogue, else "".
	Service string
	// Weight scales how much the rule's expansions count, 1 when 0. A
	// file sets it for the lines that follow with "#@weight 0.5".
	Weight float64
	Source string // file name, for error messages
	Line   int
}

// ParseError reports a malformed line of a dictionary file.
type ParseError struct {
	File string
	Line int
	Msg  string
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// ParseSolr parses a synonyms file in the Solr format:
//
//	# a comment
//	cloudwatch events, eventbridge, cwe     (equivalent terms)
//	page, text message => sns                (one-way)
//	#@weight 0.5                             (the lines below count half)
//
// A weight is a number in (0, 1]. A file holds at most MaxFileBytes and
// MaxFileTerms terms, a line at most MaxLineBytes and MaxRuleTerms terms
// of at most MaxTermWords words each. name labels the rules and errors.
func ParseSolr(name string, data []byte) ([]Rule, error) {
	if len(data) > MaxFileBytes {
		return nil, &ParseError{File: name, Line: 1, Msg: fmt.Sprintf("the file is larger than %d MiB", MaxFileBytes>>20)}
	}
	var rules []Rule
	weight := 1.0
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, MaxLineBytes+1), MaxLineBytes+1)
	n, terms := 0, 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\uFEFF"))
		if len(line) > MaxLineBytes {
			return nil, &ParseError{File: name, Line: n, Msg: fmt.Sprintf("line too long: over %d bytes", MaxLineBytes)}
		}
		if w, ok := strings.CutPrefix(line, "#@weight"); ok {
			v, err := parseWeight(w)
			if err != nil {
				return nil, &ParseError{File: name, Line: n, Msg: err.Error()}
			}
			weight = v
			continue
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		r, err := parseSolrLine(line)
		if err != nil {
			return nil, &ParseError{File: name, Line: n, Msg: err.Error()}
		}
		if terms += len(r.From) + len(r.To); terms > MaxFileTerms {
			return nil, &ParseError{File: name, Line: n, Msg: fmt.Sprintf("more than %d terms in the file; crib compiles them for every question", MaxFileTerms)}
		}
		r.Source, r.Line = name, n
		if weight != 1 {
			r.Weight = weight
		}
		rules = append(rules, r)
	}
	if err := sc.Err(); err != nil {
		msg := err.Error()
		if err == bufio.ErrTooLong {
			msg = fmt.Sprintf("line too long: over %d bytes", MaxLineBytes)
		}
		return nil, &ParseError{File: name, Line: n + 1, Msg: msg}
	}
	return rules, nil
}

// parseWeight reads the number of a "#@weight" line: finite, in (0, 1].
// The test is written so that NaN, which every comparison rejects, fails
// it: a NaN weight makes every score NaN.
func parseWeight(s string) (float64, error) {
	s = strings.TrimSpace(s)
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || !(v > 0 && v <= 1) {
		return 0, fmt.Errorf("#@weight wants a number in (0, 1], got %q", s)
	}
	return v, nil
}

func parseSolrLine(line string) (Rule, error) {
	if n := strings.Count(line, ",") + strings.Count(line, "=>") + 1; n > MaxRuleTerms {
		return Rule{}, fmt.Errorf("%d terms on one line, more than %d", n, MaxRuleTerms)
	}
	sides := strings.Split(line, "=>")
	switch len(sides) {
	case 1:
		terms, err := splitTerms(sides[0])
		if err != nil {
			return Rule{}, err
		}
		if len(terms) < 2 {
			return Rule{}, fmt.Errorf("a synonym line needs at least two terms separated by commas, or \"=>\": %q", line)
		}
		return Rule{From: terms}, nil
	case 2:
		from, err := splitTerms(sides[0])
		if err != nil {
			return Rule{}, fmt.Errorf("left of \"=>\": %w", err)
		}
		to, err := splitTerms(sides[1])
		if err != nil {
			return Rule{}, fmt.Errorf("right of \"=>\": %w", err)
		}
		return Rule{From: from, To: to, OneWay: true}, nil
	default:
		return Rule{}, fmt.Errorf("more than one \"=>\" in %q", line)
	}
}

func splitTerms(s string) ([]string, error) {
	var out []string
	for _, t := range strings.Split(s, ",") {
		t = foldSpace(t)
		if t == "" {
			return nil, fmt.Errorf("empty term in %q", strings.TrimSpace(s))
		}
		if n := strings.Count(t, " ") + 1; n > MaxTermWords {
			return nil, fmt.Errorf("a term of %d words, more than %d", n, MaxTermWords)
		}
		out = append(out, t)
	}
	return out, nil
}
