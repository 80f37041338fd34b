package main

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// The realistic corpus: study notes whose words follow a Zipf-like law
// over a vocabulary of tens of thousands of words, as prose does, unlike
// the synthetic one's 285 words (a worst case for BM25, whose every
// question term is in a large share of the notes, and a best case for rg).

// functionWords are the most frequent words of English prose, in order.
var functionWords = strings.Fields(`the of and to a in is for that it on with as be by are this or
from at use an can when not which you if your each its all one has only more than into new
must will their so should other also after before they no same but then any set uses both`)

// vocabulary returns the words of the realistic notes, most frequent
// first: function words, then AWS service names and words of the exam
// mixed into the English word list (search/analysis/data/english.txt),
// shuffled with seed.
func vocabulary(seed uint64) ([]string, error) {
	data, err := os.ReadFile("search/analysis/data/english.txt")
	if err != nil {
		return nil, fmt.Errorf("run bench from the repository root: %w", err)
	}
	var words []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		if w := sc.Text(); !strings.Contains(w, "'") {
			words = append(words, w)
		}
	}
	r := rand.New(rand.NewPCG(seed, 7))
	r.Shuffle(len(words), func(i, j int) { words[i], words[j] = words[j], words[i] })
	words = words[:min(len(words), 40000)]
	aws := append(append(append([]string{}, services...), features...), verbs...)
	aws = append(aws, objects...)
	// Domain words rank between the 100th and the 3,000th word.
	for _, w := range aws {
		i := 100 + r.IntN(2900)
		words = slices.Insert(words, i, w)
	}
	return append(slices.Clone(functionWords), words...), nil
}

// zipf draws ranks with probability proportional to 1/(rank+1)^s.
type zipf struct {
	cum []float64
	r   *rand.Rand
}

func newZipf(r *rand.Rand, n int, s float64) *zipf {
	z := &zipf{cum: make([]float64, n), r: r}
	total := 0.0
	for i := range n {
		total += 1 / math.Pow(float64(i+1), s)
		z.cum[i] = total
	}
	for i := range z.cum {
		z.cum[i] /= total
	}
	return z
}

func (z *zipf) next() int { return sort.SearchFloat64s(z.cum, z.r.Float64()) }

// generateRealistic writes n snippets of realistic notes below dir, the
// same files for the same n and seed, and returns how many files it wrote.
func generateRealistic(dir string, n int, seed uint64) (int, error) {
	vocab, err := vocabulary(seed)
	if err != nil {
		return 0, err
	}
	r := rand.New(rand.NewPCG(seed, uint64(n)))
	z := newZipf(r, len(vocab), 1.0)
	word := func() string { return vocab[z.next()] }
	files := 0
	for done := 0; done < n; files++ {
		count := min(snippetsPerFile, n-done)
		svc := services[files%len(services)]
		sub := filepath.Join(dir, fmt.Sprintf("domain-%02d", files%12), fmt.Sprintf("part-%d", files%5))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			return files, err
		}
		var b strings.Builder
		fmt.Fprintf(&b, "# %s: %s %s\n\n", svc, word(), word())
		depth := 0
		for i := range count {
			switch {
			case i%15 == 0:
				fmt.Fprintf(&b, "\n## %s %s %s\n\n", capital(word()), word(), word())
				depth = 0
			case i%5 == 0:
				fmt.Fprintf(&b, "\n### %s %s\n\n", capital(word()), word())
				depth = 0
			}
			fmt.Fprintf(&b, "%s- %s\n", strings.Repeat("  ", depth), realisticSentence(r, word, svc))
			// Nested lists: a fifth of items open a level, up to three deep.
			switch x := r.IntN(10); {
			case x < 2 && depth < 3:
				depth++
			case x < 5 && depth > 0:
				depth--
			}
		}
		name := fmt.Sprintf("%s-%04d.md", strings.ToLower(strings.NewReplacer(" ", "-", "/", "-").Replace(svc)), files)
		if err := os.WriteFile(filepath.Join(sub, name), []byte(b.String()), 0o644); err != nil {
			return files, err
		}
		done += count
	}
	return files, nil
}

// realisticSentence is 6 to 34 words drawn by frequency, with a service
// name, an identifier or a number now and then.
func realisticSentence(r *rand.Rand, word func() string, svc string) string {
	n := 6 + r.IntN(12) + r.IntN(17)
	parts := make([]string, 0, n+3)
	parts = append(parts, capital(word()))
	for range n - 1 {
		parts = append(parts, word())
	}
	if r.IntN(3) == 0 {
		parts = slices.Insert(parts, r.IntN(len(parts)), svc)
	}
	if r.IntN(4) == 0 {
		parts = slices.Insert(parts, r.IntN(len(parts)), services[r.IntN(len(services))])
	}
	if r.IntN(5) == 0 {
		parts = slices.Insert(parts, r.IntN(len(parts)), identifier(r, word))
	}
	if r.IntN(8) == 0 {
		parts = slices.Insert(parts, r.IntN(len(parts)), fmt.Sprint(r.IntN(10000)))
	}
	return strings.Join(parts, " ") + "."
}

// identifier makes an API name, a config key or a policy action from
// vocabulary words, or picks one of the real ones.
func identifier(r *rand.Rand, word func() string) string {
	a, b := word(), word()
	switch r.IntN(5) {
	case 0:
		return "`" + capital(a) + capital(b) + "`"
	case 1:
		return "`" + a + "_" + b + "`"
	case 2:
		return fmt.Sprintf("`%s:%s%s`", strings.ToLower(strings.Fields(services[r.IntN(len(services))])[0]), capital(a), capital(b))
	case 3:
		return "`" + strings.ToUpper(a) + "_" + strings.ToUpper(b) + "`"
	default:
		return codes[r.IntN(len(codes))]
	}
}

func capital(w string) string {
	if w == "" {
		return w
	}
	return strings.ToUpper(w[:1]) + w[1:]
}
