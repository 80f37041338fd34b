package synonyms_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/crib-dev/crib/synonyms"
)

// wideRule is one equivalence line of n alternatives, some of them
// phrases: the shape that made compiling cubic in n.
func wideRule(n int) []synonyms.Rule {
	from := make([]string, n)
	for i := range from {
		from[i] = fmt.Sprintf("alt%d", i)
		if i%3 == 0 {
			from[i] += fmt.Sprintf(" word%d", i%7)
		}
	}
	return []synonyms.Rule{{From: from}}
}

// manyRules is n lines that all name one common term, so its entry
// gathers n alternatives.
func manyRules(n int) []synonyms.Rule {
	rules := make([]synonyms.Rule, n)
	for i := range rules {
		rules[i] = synonyms.Rule{From: []string{"ec2", fmt.Sprintf("term%d", i)}}
	}
	return rules
}

// BenchmarkCompile measures what every question pays for a user's
// synonyms file: compiling it.
func BenchmarkCompile(b *testing.B) {
	for _, n := range []int{64, 256, 512} {
		rules := wideRule(n)
		b.Run(fmt.Sprintf("one-line-%d-alternatives", n), func(b *testing.B) {
			for b.Loop() {
				synonyms.Compile(rules, lowerWords)
			}
		})
	}
	for _, n := range []int{1000, 10000} {
		rules := manyRules(n)
		b.Run(fmt.Sprintf("%d-lines-one-shared-term", n), func(b *testing.B) {
			for b.Loop() {
				synonyms.Compile(rules, lowerWords)
			}
		})
	}
}

// BenchmarkExpand measures expanding a long question against a
// dictionary with a long phrase in it.
func BenchmarkExpand(b *testing.B) {
	rules := append(wideRule(64), synonyms.Rule{From: []string{strings.Repeat("long ", 50) + "phrase", "lp"}})
	d := synonyms.Compile(rules, lowerWords)
	q := lowerWords(strings.Repeat("alt3 word3 long long alt6 something else ", 100))
	for b.Loop() {
		d.Expand(q)
	}
}

// BenchmarkParseCatalog parses the built-in service catalogue, as every
// question's first look-up of a service does.
func BenchmarkParseCatalog(b *testing.B) {
	data := builtinServices(b)
	for b.Loop() {
		if _, err := synonyms.ParseCatalog("services.txt", data); err != nil {
			b.Fatal(err)
		}
	}
}

func builtinServices(b *testing.B) []byte {
	data, err := os.ReadFile("data/services.txt")
	if err != nil {
		b.Fatal(err)
	}
	return data
}
