package synonyms

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// Compiling the built-in thesaurus analyses thousands of phrases, too slow
// to do on every run of a one-shot command, so it is done at build time
// and stored in this text form:
//
//	key<TAB>service<TAB>weight alt terms|weight alt terms
//
// one line per phrase, sorted, after a header line naming the format.

const compiledHeader = "crib-thesaurus 1"

// Encode writes d in the compiled form, with tag (a fingerprint of what it
// was compiled from) on the header line.
func (d *Dictionary) Encode(w io.Writer, tag string) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s %s\n", compiledHeader, tag)
	keys := make([]string, 0, len(d.entries))
	for k := range d.entries {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		e := d.entries[k]
		alts := make([]string, len(e.alts))
		for i, a := range e.alts {
			alts[i] = strconv.FormatFloat(e.weights[i], 'g', -1, 64) + " " + strings.Join(a, " ")
		}
		fmt.Fprintf(bw, "%s\t%s\t%s\n", k, e.service, strings.Join(alts, "|"))
	}
	return bw.Flush()
}

// CompiledTag returns the tag on the header line of compiled data.
func CompiledTag(data []byte) string {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	tag, ok := strings.CutPrefix(string(line), compiledHeader+" ")
	if !ok {
		return ""
	}
	return tag
}

// Decode reads a dictionary written by Encode. It checks what Encode
// guarantees (folded keys, alternatives with terms, weights in (0, 1]),
// so that damaged data fails here rather than in a question.
func Decode(data []byte) (*Dictionary, error) {
	d := newDictionary()
	lines := strings.Split(string(data), "\n")
	if !strings.HasPrefix(lines[0], compiledHeader) {
		return nil, fmt.Errorf("compiled thesaurus: bad header %q", lines[0])
	}
	for n, line := range lines[1:] {
		if line == "" {
			continue
		}
		if err := d.decodeLine(line); err != nil {
			return nil, fmt.Errorf("compiled thesaurus: line %d: %w", n+2, err)
		}
	}
	return d, nil
}

// decodeLine reads one "key<TAB>service<TAB>alternatives" line into d.
func (d *Dictionary) decodeLine(line string) error {
	key, rest, ok1 := strings.Cut(line, "\t")
	service, alts, ok2 := strings.Cut(rest, "\t")
	from := strings.Fields(key)
	if !ok1 || !ok2 || len(from) == 0 || key != strings.Join(from, " ") {
		return errors.New("malformed")
	}
	if d.entries[key] != nil {
		return fmt.Errorf("%q twice", key)
	}
	e := &entry{service: service}
	for _, a := range strings.Split(alts, "|") {
		if a == "" {
			continue
		}
		ws, terms, _ := strings.Cut(a, " ")
		w, err := strconv.ParseFloat(ws, 64)
		if err != nil || !(w > 0 && w <= 1) || len(strings.Fields(terms)) == 0 {
			return fmt.Errorf("bad alternative %q", a)
		}
		e.alts = append(e.alts, strings.Fields(terms))
		e.weights = append(e.weights, w)
	}
	for _, t := range from {
		d.terms[t] = true
	}
	d.addLength(from[0], len(from))
	d.entries[key] = e
	return nil
}

// Add compiles more rules into d, as Compile would have had they been
// given with the others.
func (d *Dictionary) Add(rules []Rule, analyze Analyzer) {
	touched := map[string]bool{}
	for _, r := range rules {
		from := analyzeAll(r.From, analyze)
		to := from
		if r.OneWay {
			to = analyzeAll(r.To, analyze)
		}
		w := r.Weight
		if w == 0 {
			w = 1
		}
		for _, f := range from {
			d.add(f, to, r.Service, w)
			touched[strings.Join(f, " ")] = true
		}
	}
	for k := range touched {
		e := d.entries[k]
		e.alts, e.weights = prune(strings.Fields(k), e.alts, e.weights)
	}
}
