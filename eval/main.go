// Command eval measures crib's answer quality on question sets in JSON
// Lines (query, relevant substrings), searching one notes file in-process:
// Recall@1, Recall@3 and MRR@10 per set and per kind of question.
//
//	go run ./eval [-shared ../shared] [-v]
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search"
	"github.com/crib-dev/crib/search/check"
)

// question is one row of a question set.
type question struct {
	ID       string   `json:"id"`
	Kind     string   `json:"kind"`
	Query    string   `json:"query"`
	Relevant []string `json:"relevant"`
	Options  []string `json:"options"`
	Answer   string   `json:"answer"`
	Choose   int      `json:"choose"`
}

func main() {
	shared := flag.String("shared", "../shared", "folder holding notes/ and eval/")
	verbose := flag.Bool("v", false, "list every question that misses rank 1")
	baseline := flag.Bool("baseline", false, "also score plain bleve BM25 with the en analyzer, one snippet per line")
	only := flag.String("only", "", "measure only the sets whose name contains this")
	flag.Parse()
	if err := run(*shared, *only, *verbose, *baseline); err != nil {
		fmt.Fprintln(os.Stderr, "eval:", err)
		os.Exit(2)
	}
}

func run(shared, only string, verbose, baseline bool) error {
	notes := filepath.Join(shared, "notes", "dop-c02-notes.md")
	sets, _ := filepath.Glob(filepath.Join(shared, "eval", "*.jsonl"))
	if _, err := os.Stat(notes); errors.Is(err, fs.ErrNotExist) || len(sets) == 0 {
		fmt.Printf("eval: skipped, no question sets or notes under %s\n", shared)
		return nil
	}
	snippets, _, err := corpus.Load([]string{notes})
	if err != nil {
		return err
	}
	th, err := search.NewThesaurus()
	if err != nil {
		return err
	}
	eng, err := search.Build(snippets, th)
	if err != nil {
		return err
	}
	defer eng.Close()
	// crib check is measured on the built-in notes, which is what a
	// candidate has during practice exams.
	builtin, err := search.Build(corpus.Embedded(), th)
	if err != nil {
		return err
	}
	defer builtin.Close()
	eng.ExpandFrom(builtin)
	ck := check.New(builtin)
	var base searcher
	if baseline {
		if base, err = newBaseline(notes); err != nil {
			return err
		}
	}
	sort.Strings(sets)
	// The project's own set, written independently of the shared ones,
	// guards against tuning to them.
	own, _ := filepath.Glob(filepath.Join("eval", "testdata", "*.jsonl"))
	sets = append(sets, own...)
	for _, set := range sets {
		qs, err := readSet(set)
		if err != nil {
			return err
		}
		name := strings.TrimSuffix(filepath.Base(set), ".jsonl")
		if !strings.Contains(name, only) {
			continue
		}
		if err := report(name, "crib", qs, crib{eng}, verbose); err != nil {
			return err
		}
		if base != nil {
			if err := report(name, "baseline", qs, base, false); err != nil {
				return err
			}
		}
		reportCovered(name, qs, eng)
		if err := reportExam(name, qs, ck, verbose); err != nil {
			return err
		}
	}
	return nil
}

func readSet(path string) ([]question, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var qs []question
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var q question
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		qs = append(qs, q)
	}
	return qs, sc.Err()
}
