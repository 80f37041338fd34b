package synonyms

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// Compiling the built-in thesaurus analyses thousands of phrases, too slow
// to do on every run of a one-shot command, so it is done at build time
// and stored in this text form, which Decode looks up in place:
//
//	crib-thesaurus 2 <tag>
//	phrases <count> longest <most terms in a phrase>
//	key<TAB>service<TAB>weight alt terms|weight alt terms
//	...
//	<empty line>
//	term
//	...
//
// one line per phrase, sorted by key, then every term of every key, sorted.

const compiledHeader = "crib-thesaurus 2"

// Encode writes d in the compiled form, with tag (a fingerprint of what it
// was compiled from) on the header line.
func (d *Dictionary) Encode(w io.Writer, tag string) error {
	keys, terms := d.allKeys()
	longest := 0
	for _, k := range keys {
		longest = max(longest, len(strings.Fields(k)))
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s %s\nphrases %d longest %d\n", compiledHeader, tag, len(keys), longest)
	for _, k := range keys {
		e := d.get(k)
		alts := make([]string, len(e.alts))
		for i, a := range e.alts {
			alts[i] = strconv.FormatFloat(e.weights[i], 'g', -1, 64) + " " + strings.Join(a, " ")
		}
		fmt.Fprintf(bw, "%s\t%s\t%s\n", k, e.service, strings.Join(alts, "|"))
	}
	bw.WriteString("\n")
	for _, t := range terms {
		fmt.Fprintf(bw, "%s\n", t)
	}
	return bw.Flush()
}

// allKeys returns every phrase key of d and every term of them, sorted.
func (d *Dictionary) allKeys() (keys, terms []string) {
	seen := map[string]bool{}
	add := func(k string) {
		// A damaged table may list a key it cannot find, or one no
		// question's terms can spell (stray spaces): it has nothing to
		// give.
		if !seen[k] && k == strings.Join(strings.Fields(k), " ") && d.get(k) != nil {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	for k := range d.entries {
		add(k)
	}
	if d.table != nil {
		d.table.keys(func(k string) { add(strings.Clone(k)) })
	}
	sort.Strings(keys)
	ts := map[string]bool{}
	for _, k := range keys {
		for _, t := range strings.Fields(k) {
			if !ts[t] {
				ts[t] = true
				terms = append(terms, t)
			}
		}
	}
	sort.Strings(terms)
	return keys, terms
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

// Decode makes a dictionary of data written by Encode. It checks the
// header and finds the sections; phrases are parsed when a question
// names them. The dictionary keeps data, which must not change.
func Decode(data []byte) (*Dictionary, error) {
	head, rest, _ := bytes.Cut(data, []byte("\n"))
	if !bytes.HasPrefix(head, []byte(compiledHeader+" ")) {
		return nil, fmt.Errorf("compiled thesaurus: bad header %q", head)
	}
	stats, body, _ := bytes.Cut(rest, []byte("\n"))
	t := &table{}
	if _, err := fmt.Sscanf(string(stats), "phrases %d longest %d", &t.count, &t.maxLen); err != nil {
		return nil, fmt.Errorf("compiled thesaurus: bad line 2 %q", stats)
	}
	if bytes.HasPrefix(body, []byte("\n")) {
		t.terms = body[1:]
	} else if i := bytes.Index(body, []byte("\n\n")); i >= 0 {
		t.phrases, t.terms = body[:i+1], body[i+2:]
	} else {
		return nil, fmt.Errorf("compiled thesaurus: no list of terms")
	}
	return &Dictionary{entries: map[string]*entry{}, terms: map[string]bool{}, table: t}, nil
}

// Add compiles more rules into d, as Compile would have had they been
// given with the others.
func (d *Dictionary) Add(rules []Rule, analyze Analyzer) {
	touched := map[string]bool{}
	names := serviceNames(rules, analyze)
	for _, r := range rules {
		from := analyzeAll(r.From, analyze)
		to := from
		if r.OneWay {
			to = withAliases(analyzeAll(r.To, analyze), names)
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

// serviceNames maps each catalogued service's analysed canonical name to
// all its analysed names (the catalogue's equivalence rules).
func serviceNames(rules []Rule, analyze Analyzer) map[string][][]string {
	names := map[string][][]string{}
	for _, r := range rules {
		if r.Service == "" || r.OneWay || len(r.From) == 0 {
			continue
		}
		if a := analyze(r.Service); len(a) > 0 {
			names[strings.Join(a, " ")] = analyzeAll(r.From, analyze)
		}
	}
	return names
}

// withAliases adds a service's other names to a one-way rule's targets
// that name it: "managed DNS => Route 53" must find notes that write
// "Route53", as a question saying "Route 53" does. Alternatives are not
// expanded again at query time.
func withAliases(to [][]string, names map[string][][]string) [][]string {
	out := to
	for _, t := range to {
		out = append(out, names[strings.Join(t, " ")]...)
	}
	return out
}
