// Command genassoc derives a table of term associations: for a word of a
// question, the terms of AWS writing that stand with it in the same
// paragraph far more often than chance ("pull" with "approval" and
// "merge"), from the API documentation of the AWS services (Debian's
// python3-botocore, Apache-2.0) and, with -notes, crib's built-in notes.
// It was made for an experiment of issue 12 (bridging the everyday words
// of paraphrased questions to the notes' terms); crib does not ship the
// table, because adding the associated terms to questions did not help
// enough (docs/quality.md, "Term associations from the AWS API
// documentation"). The generator is kept to repeat or extend it:
//
//	make assoc                              # writes bin/assoc.txt
//	go run ./tools/genassoc -show "slow idle standby pull"
//
// Each distinct paragraph (a <p> or list item of a documentation string,
// or a built-in note with its headings) is a set of analysed terms. A pair
// counts once per paragraph; it is kept when it stands together in at
// least -minpair paragraphs and its normalised pointwise mutual
// information (NPMI, -1..1) is at least -minnpmi; each word keeps its -top
// strongest terms by log-likelihood ratio (G²), which favours pairs both
// strong and frequent. Terms added to a question must be domain words:
// not everyday speech, not exam padding, not used everywhere in AWS
// writing. Lines: "word term npmi term npmi ...", sorted by word.
package main

import (
	"bufio"
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

type config struct {
	aws, out     string
	notes        bool
	minDF        int
	minPair      int
	minNPMI      float64
	top          int
	maxUnitTerms int
	show         string
}

func main() {
	var c config
	flag.StringVar(&c.aws, "aws", "/usr/lib/python3/dist-packages/botocore/data", "botocore data folder (service-2.json files)")
	flag.StringVar(&c.out, "out", "bin/assoc.txt", "table to write")
	flag.BoolVar(&c.notes, "notes", false, "count crib's built-in notes as paragraphs too")
	flag.IntVar(&c.minDF, "mindf", 20, "paragraphs a word needs to get associations")
	flag.IntVar(&c.minPair, "minpair", 8, "paragraphs a pair needs to stand together in")
	flag.Float64Var(&c.minNPMI, "minnpmi", 0.5, "least normalised PMI of a pair kept")
	flag.IntVar(&c.top, "top", 4, "terms kept per word")
	flag.IntVar(&c.maxUnitTerms, "maxterms", 60, "distinct terms of a paragraph counted at most")
	flag.StringVar(&c.show, "show", "", "print the associations of these words and stop")
	flag.Parse()
	if err := run(c); err != nil {
		fmt.Fprintln(os.Stderr, "genassoc:", err)
		os.Exit(1)
	}
}

// counts holds paragraph counts of terms and of pairs of terms.
type counts struct {
	ids   map[string]int32
	terms []string
	df    []int32
	pair  map[uint64]int32
	units int
	seen  map[string]bool
	max   int
}

func newCounts(maxUnitTerms int) *counts {
	return &counts{ids: map[string]int32{}, pair: map[uint64]int32{}, seen: map[string]bool{}, max: maxUnitTerms}
}

func (c *counts) id(t string) int32 {
	if i, ok := c.ids[t]; ok {
		return i
	}
	i := int32(len(c.terms))
	c.ids[t] = i
	c.terms = append(c.terms, t)
	c.df = append(c.df, 0)
	return i
}

// add counts one paragraph, once however often it occurs.
func (c *counts) add(text string) {
	text = strings.TrimSpace(awsName.Replace(text))
	if len(text) < 20 || c.seen[text] {
		return
	}
	c.seen[text] = true
	var ids []int32
	got := map[int32]bool{}
	for _, t := range analysis.Analyze(text) {
		if t.Whole || strings.HasPrefix(t.Term, analysis.CodeMark) || !plain(t.Term) {
			continue
		}
		i := c.id(t.Term)
		if !got[i] {
			got[i] = true
			ids = append(ids, i)
		}
		if len(ids) == c.max {
			break
		}
	}
	if len(ids) < 3 {
		return
	}
	c.units++
	sort.Slice(ids, func(a, b int) bool { return ids[a] < ids[b] })
	for a, x := range ids {
		c.df[x]++
		for _, y := range ids[a+1:] {
			c.pair[uint64(x)<<32|uint64(y)]++
		}
	}
}

// plain reports whether a term is a word worth associating: letters only,
// at least three of them.
func plain(t string) bool {
	if len(t) < 3 {
		return false
	}
	for _, r := range t {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// awsName folds the company's name into one word, so that "web" is not
// associated with every word of the documentation.
var awsName = strings.NewReplacer("Amazon Web Services", "AWS", "Web Services", "AWS")

var (
	paraRE = regexp.MustCompile(`(?i)</?p>|</?li>|<br\s*/?>`)
	codeRE = regexp.MustCompile(`(?s)<code>.*?</code>`)
	tagRE  = regexp.MustCompile(`<[^>]*>`)
)

func run(c config) error {
	cs := newCounts(c.maxUnitTerms)
	if c.aws != "" {
		if err := readAWS(cs, c.aws); err != nil {
			return err
		}
	}
	if c.notes {
		for _, s := range corpus.Embedded() {
			cs.add(s.Text + "\n" + strings.Join(s.Heading, "\n"))
		}
	}
	if cs.units == 0 {
		return fmt.Errorf("no paragraphs read")
	}
	fmt.Fprintf(os.Stderr, "genassoc: %d paragraphs, %d terms, %d pairs\n", cs.units, len(cs.terms), len(cs.pair))
	table := associate(cs, c)
	if c.show != "" {
		for _, w := range strings.Fields(c.show) {
			for _, t := range analysis.Terms(w) {
				i, ok := cs.ids[t]
				df := int32(0)
				if ok {
					df = cs.df[i]
				}
				fmt.Printf("%s (%s, %d):", w, t, df)
				for _, a := range table[t] {
					fmt.Printf(" %s %.2f/%d", a.term, a.npmi, a.n)
				}
				fmt.Println()
			}
		}
		return nil
	}
	return write(c, table)
}

// readAWS counts the paragraphs of every documentation string of the
// botocore service models under dir.
func readAWS(cs *counts, dir string) error {
	return botocore.Docs(dir, func(s string) {
		for _, p := range paraRE.Split(s, -1) {
			cs.add(tagRE.ReplaceAllString(codeRE.ReplaceAllString(p, " "), " "))
		}
	})
}

type assoc struct {
	term string
	npmi float64
	g2   float64
	n    int32
}

// associate picks each frequent word's strongest terms.
func associate(cs *counts, c config) map[string][]assoc {
	out := map[string][]assoc{}
	n := float64(cs.units)
	add := func(a, b int32, nab int32) {
		if int(cs.df[a]) < c.minDF || !target(cs.terms[b]) {
			return
		}
		pab, pa, pb := float64(nab)/n, float64(cs.df[a])/n, float64(cs.df[b])/n
		npmi := math.Log(pab/(pa*pb)) / -math.Log(pab)
		if npmi < c.minNPMI {
			return
		}
		t := cs.terms[a]
		out[t] = append(out[t], assoc{term: cs.terms[b], npmi: npmi, g2: g2(float64(nab), float64(cs.df[a]), float64(cs.df[b]), n), n: nab})
	}
	for k, nab := range cs.pair {
		if int(nab) < c.minPair {
			continue
		}
		a, b := int32(k>>32), int32(k&0xffffffff)
		add(a, b, nab)
		add(b, a, nab)
	}
	for t, as := range out {
		sort.Slice(as, func(i, j int) bool {
			if as[i].g2 != as[j].g2 {
				return as[i].g2 > as[j].g2
			}
			return as[i].term < as[j].term
		})
		out[t] = as[:min(len(as), c.top)]
	}
	return out
}

// target reports whether a term may be added to a question: a word of
// the domain, not everyday speech or exam padding.
func target(t string) bool {
	return analysis.SubjectWeight(t) >= 1 && !analysis.IsBoilerplate(t) && analysis.DomainFrequency(t) <= maxTargetFrequency
}

// maxTargetFrequency is the most a term may be used per million words of
// AWS writing to be added to a question: "more", "web" (of Amazon Web
// Services) and "service" stand with everything.
const maxTargetFrequency = 2000

// g2 is Dunning's log-likelihood ratio of a 2x2 table: nab paragraphs
// holding both, na and nb each, n in all.
func g2(nab, na, nb, n float64) float64 {
	k := [4]float64{nab, na - nab, nb - nab, n - na - nb + nab}
	e := [4]float64{na * nb / n, na * (n - nb) / n, (n - na) * nb / n, (n - na) * (n - nb) / n}
	s := 0.0
	for i := range k {
		if k[i] > 0 {
			s += k[i] * math.Log(k[i]/e[i])
		}
	}
	return 2 * s
}

func write(c config, table map[string][]assoc) error {
	f, err := os.Create(c.out)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "# Terms of AWS writing associated with a word: those standing with it in")
	fmt.Fprintln(w, "# the same paragraph of the AWS API documentation (Debian python3-botocore,")
	fmt.Fprintln(w, "# Apache-2.0) far more often than chance, with their normalised PMI.")
	fmt.Fprintf(w, "# Derived by tools/genassoc (-mindf %d -minpair %d -minnpmi %g -top %d -notes=%v);\n", c.minDF, c.minPair, c.minNPMI, c.top, c.notes)
	fmt.Fprintln(w, "# Format: word term npmi term npmi ...")
	fmt.Fprintf(w, "# analyzer version %d\n", analysis.Version)
	keys := make([]string, 0, len(table))
	for t := range table {
		keys = append(keys, t)
	}
	sort.Strings(keys)
	for _, t := range keys {
		w.WriteString(t)
		for _, a := range table[t] {
			fmt.Fprintf(w, " %s %.2f", a.term, a.npmi)
		}
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "genassoc: %d words\n", len(keys))
	return f.Close()
}
