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
// name labels the rules and errors.
func ParseSolr(name string, data []byte) ([]Rule, error) {
	var rules []Rule
	weight := 1.0
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\uFEFF"))
		if w, ok := strings.CutPrefix(line, "#@weight"); ok {
			v, err := strconv.ParseFloat(strings.TrimSpace(w), 64)
			if err != nil || v <= 0 || v > 1 {
				return nil, &ParseError{File: name, Line: n, Msg: fmt.Sprintf("#@weight wants a number in (0, 1], got %q", strings.TrimSpace(w))}
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
		r.Source, r.Line = name, n
		if weight != 1 {
			r.Weight = weight
		}
		rules = append(rules, r)
	}
	if err := sc.Err(); err != nil {
		return nil, &ParseError{File: name, Line: n + 1, Msg: err.Error()}
	}
	return rules, nil
}

func parseSolrLine(line string) (Rule, error) {
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
		t = strings.Join(strings.Fields(t), " ")
		if t == "" {
			return nil, fmt.Errorf("empty term in %q", strings.TrimSpace(s))
		}
		out = append(out, t)
	}
	return out, nil
}
