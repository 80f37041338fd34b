// Package check weighs the answer options of a practice-exam question by
// the evidence for each in the notes: it parses a pasted question into
// stem and options, and scores each option by the notes that hold its
// words, most of all notes the stem finds. It shows evidence; it does not
// claim to know the answer. It is a client of package search's public API
// and prints nothing.
package check

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search"
)

// ErrNoOptions is returned by ParseQuestion when text holds no answer
// options.
var ErrNoOptions = errors.New("no answer options found")

// MaxOptions is the most answer options a question may have: one per
// letter of the alphabet. Real questions have four to six.
const MaxOptions = 26

// ErrTooManyOptions is returned by ParseQuestion and Checker.Check when a
// question has more than MaxOptions options.
var ErrTooManyOptions = errors.New("too many answer options")

// Option is one answer option of a practice question.
type Option struct {
	// Letter labels the option as the question did (A, b, 3); options
	// marked with bullets are lettered A, B, C in order.
	Letter string `json:"letter"`
	Text   string `json:"text"`
}

// Question is a practice question split into its stem and options.
type Question struct {
	Stem    string
	Options []Option
	// Choose is how many options the question asks for: 1 unless it says
	// "(Choose two.)", "Choose 2" or "(Select THREE)".
	Choose int
}

// Support is one note line that bears out an option, or, in
// OptionEvidence.Against, speaks against it.
type Support struct {
	Snippet corpus.Snippet
	Score   float64
	Matches []search.Span // the option's words in Snippet.Text
	// SharedWith lists the letters of other options this note supports
	// better; it then counts for this option at a fraction of its score.
	SharedWith []string
	doc        int // the note's index in the engine's snippets
}

// OptionEvidence is how strongly the notes support one option.
type OptionEvidence struct {
	Option
	Score   float64
	Support []Support // strongest first; empty when the notes say nothing
	// Against holds notes that name the option but say it does not fit
	// the situation: "… when rotation is not needed", "cannot", "does not
	// support". They lower its score.
	Against []Support
	// Picked marks the Question.Choose options crib would pick: the best
	// supported, or in a NOT / EXCEPT question the least; none when the
	// notes do not cover the stem (Result.Covered).
	Picked bool
}

// Result ranks a question's options by their evidence in the notes.
type Result struct {
	Question *Question
	Ask      Ask
	// Options are in the order to consider them: strongest evidence
	// first, or weakest first when Ask.Negative; ties in the question's
	// order.
	Options []OptionEvidence
	// Covered reports whether the notes cover the stem's subject (see
	// search.Ranking.Covered): when they do not, what evidence the
	// options find is chance ("50%" in a question about sourdough).
	Covered bool
	// Unknown lists the stem's words no note mentions.
	Unknown []string
}

// Found reports whether any option has evidence in the notes.
func (r *Result) Found() bool {
	for _, o := range r.Options {
		if len(o.Support) > 0 {
			return true
		}
	}
	return false
}

// marker is what starts an option line: its style ("A.", "(a)", "1)",
// "-"), its place in the sequence (-1 for bullets) and its label.
type marker struct {
	style string
	index int
	label string
	text  string
}

var (
	markerRE = lazyRE(`^\s*(?:\(([A-Za-z]|\d{1,2})\)|([A-Za-z]|\d{1,2})([.)])|([-*•–]))\s+(\S.*)$`)
	inlineRE = lazyRE(`(?:^|\s)(?:\(([A-H])\)|([A-H])[.)])\s`)
	chooseRE = lazyRE(`(?i)\(?\s*\b(?:choose|select|pick)\s+(two|three|four|five|[2-5])\b\s*(?:answers?|options?)?\.?\s*\)?`)
	numbers  = map[string]int{"two": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4, "5": 5}
)

// ParseQuestion splits a pasted practice question into stem and options.
// Options are the last run of lines marked in one style: "A." "A)" "(A)"
// "a." "1." "1)" or a bullet "- ", lettered A, B, C in sequence; lines
// before the run, lists included, are the stem. Unmarked lines inside
// the run continue the option above them. When no line is marked, one
// line of "A. … B. …" options is split instead.
func ParseQuestion(text string) (*Question, error) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	q := &Question{Choose: 1}
	if m := chooseRE().FindStringSubmatch(text); m != nil {
		q.Choose = numbers[strings.ToLower(m[1])]
	}
	lines := strings.Split(text, "\n")
	first, opts := lastRun(lines)
	stem := strings.Join(lines[:max(first, 0)], "\n")
	if len(opts) < 2 {
		stem, opts = inlineOptions(text)
	}
	if len(opts) < 2 {
		return nil, fmt.Errorf(`%w: start each option on its own line with A. B., (A) (B), 1. 2. or "- "`, ErrNoOptions)
	}
	if len(opts) > MaxOptions {
		return nil, tooMany(len(opts))
	}
	q.Stem = foldWhite(chooseRE().ReplaceAllString(stem, " "))
	q.Options = opts
	return q, nil
}

func tooMany(n int) error {
	return fmt.Errorf("%w: %d, at most %d", ErrTooManyOptions, n, MaxOptions)
}

// IsOptionLine reports whether line starts like an answer option: "A.",
// "(b)", "3)" or a "- " bullet.
func IsOptionLine(line string) bool {
	_, ok := parseMarker(line)
	return ok
}

// AsksToChoose reports whether text asks for several answers, as in
// "(Choose two.)" or "Select THREE".
func AsksToChoose(text string) bool { return chooseRE().MatchString(text) }

func parseMarker(line string) (marker, bool) {
	m := markerRE().FindStringSubmatch(line)
	if m == nil {
		return marker{}, false
	}
	label, style := m[1], ""
	switch {
	case m[1] != "":
		style = "(" + class(label) + ")"
	case m[2] != "":
		label, style = m[2], class(m[2])+m[3]
	default:
		return marker{style: "-", index: -1, text: m[5]}, true
	}
	return marker{style: style, index: seqIndex(label), label: label, text: m[5]}, true
}

// class names the kind of label: A for capitals, a for small letters, 1
// for numbers.
func class(label string) string {
	switch c := label[0]; {
	case c >= 'A' && c <= 'Z':
		return "A"
	case c >= 'a' && c <= 'z':
		return "a"
	}
	return "1"
}

func seqIndex(label string) int {
	switch class(label) {
	case "A":
		return int(label[0] - 'A')
	case "a":
		return int(label[0] - 'a')
	}
	n := 0
	for _, c := range label {
		n = n*10 + int(c-'0')
	}
	return n - 1
}

// lastRun finds the last run of option lines in one marker style, walking
// back from the last marked line, and returns the index of its first line.
func lastRun(lines []string) (int, []Option) {
	last := -1
	var lm marker
	for i := len(lines) - 1; i >= 0 && last < 0; i-- {
		if m, ok := parseMarker(lines[i]); ok {
			last, lm = i, m
		}
	}
	if last < 0 {
		return -1, nil
	}
	lm.text += trailing(lines[last+1:])
	run := []marker{lm}
	first, expect := last, lm.index
	var pending []string
	for i := last - 1; i >= 0 && expect != 0; i-- {
		line := lines[i]
		m, ok := parseMarker(line)
		switch {
		case strings.TrimSpace(line) == "":
		case ok && m.style == lm.style && (m.index < 0 || m.index == expect-1):
			slices.Reverse(pending)
			m.text = joinLines(append([]string{m.text}, pending...))
			run, pending, first, expect = append(run, m), nil, i, m.index
		case ok:
			expect = 0
		case expect > 0 || line[0] == ' ' || line[0] == '\t':
			pending = append(pending, strings.TrimSpace(line)) // back to front
		default:
			expect = 0
		}
	}
	return first, lettered(run)
}

// trailing returns the unmarked lines straight after the last option,
// which continue it, up to the first blank line.
func trailing(lines []string) string {
	var out []string
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			break
		}
		out = append(out, strings.TrimSpace(l))
	}
	if len(out) == 0 {
		return ""
	}
	return " " + joinLines(out)
}

// lettered turns a run found back to front into options in order.
func lettered(run []marker) []Option {
	out := make([]Option, len(run))
	for i, m := range run {
		j := len(run) - 1 - i
		label := m.label
		if label == "" {
			label = string(rune('A' + j))
		}
		out[j] = Option{Letter: label, Text: foldWhite(m.text)}
	}
	return out
}

// inlineOptions splits "Which …? A. x B. y C. z" written on one line: the
// options are the last sequence of capital-letter markers A, B, C….
func inlineOptions(text string) (string, []Option) {
	locs := inlineRE().FindAllStringSubmatchIndex(text, -1)
	for s := len(locs) - 1; s >= 0; s-- {
		if inlineLetter(text, locs[s]) != 'A' {
			continue
		}
		seq := [][]int{locs[s]}
		for _, l := range locs[s+1:] {
			if inlineStyle(l) != inlineStyle(locs[s]) {
				continue
			}
			if c := inlineLetter(text, l); c == 'A' {
				break // a later run, already tried: keeps the search linear
			} else if c == 'A'+byte(len(seq)) {
				seq = append(seq, l)
			}
		}
		if len(seq) < 2 {
			continue
		}
		var opts []Option
		for i, l := range seq {
			end := len(text)
			if i+1 < len(seq) {
				end = seq[i+1][0]
			}
			opts = append(opts, Option{Letter: string(rune('A' + i)), Text: foldWhite(text[l[1]:end])})
		}
		return text[:seq[0][0]], opts
	}
	return text, nil
}

func inlineLetter(text string, loc []int) byte {
	if loc[2] >= 0 {
		return text[loc[2]]
	}
	return text[loc[4]]
}

func inlineStyle(loc []int) bool { return loc[2] >= 0 }

func joinLines(ls []string) string { return strings.Join(ls, " ") }

func foldWhite(s string) string { return strings.Join(strings.Fields(s), " ") }
