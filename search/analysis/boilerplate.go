package analysis

import "strings"

// BoilerplateWords are the words, as written, that pad exam questions and
// say little about which note answers them: "A company wants a solution
// that meets these requirements with the LEAST operational overhead. Which
// combination of steps should the DevOps engineer take? (Choose two.)".
// Ranking weighs them down; they still count a little, so that a question
// made only of them still finds something. tools/wordnet leaves them out
// of the general-English synonyms, which would give them weight back.
var BoilerplateWords = strings.Fields(`company companies organization organisation enterprise
	business team teams customer customers requirement requirements require requires
	solution solutions meet meets least most operational overhead effort choose two three
	following option options step steps combination engineer engineers devops want wants
	need needs ensure way ways approach best recently currently new use uses using
	implement accomplish achieve task tasks able aws amazon please correct statement
	statements true describe scenario given manager asked asks like make sure
	professional developer developers administrator architect someone several many
	various some all in on off out up down over`)

// boilerplate holds the terms of BoilerplateWords.
var boilerplate = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range BoilerplateWords {
		m[normalize(w)] = true
	}
	delete(m, "")
	return m
}()

// IsBoilerplate reports whether term (as Analyze gives it) is exam
// boilerplate.
func IsBoilerplate(term string) bool { return boilerplate[term] }
