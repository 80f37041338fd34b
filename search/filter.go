package search

import (
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search/analysis"
	"github.com/crib-dev/crib/search/index"
)

// Filter narrows a search to the notes that pass all of its parts; an
// empty part lets every note pass. A note is a snippet with the items it
// sits under and its headings, as the plain search reads it. A filter
// decides which notes may be ranked, not how they rank: bleve scores the
// notes that pass as it would without the filter, and the result limit
// counts only notes that pass.
type Filter struct {
	// In keeps notes whose file lies under one of these paths: a folder
	// or file as named to crib, an absolute path, or the trailing
	// segments of one (aws matches notes/aws/…, cicd.md the built-in
	// crib:cicd.md).
	In []string `json:"in,omitempty"`
	// Section keeps notes whose heading path contains one of these texts,
	// ignoring case, spaces, hyphens, underscores and slashes (squash).
	Section []string `json:"section,omitempty"`
	// Tags keeps notes whose file's front matter names one of these tags,
	// ignoring case.
	Tags []string `json:"tags,omitempty"`
	// Require holds groups of words or phrases; a note must say one of
	// each group (Operators.Require).
	Require [][]string `json:"require,omitempty"`
	// Exclude holds words and phrases a note must not say.
	Exclude []string `json:"exclude,omitempty"`
}

// IsZero reports whether the filter lets every note pass.
func (f Filter) IsZero() bool {
	return len(f.In) == 0 && len(f.Section) == 0 && len(f.Tags) == 0 && len(f.Require) == 0 && len(f.Exclude) == 0
}

// String says what the filter keeps, as the user wrote it: `--in aws,
// --tag k8s, "liveness probes", -readiness`.
func (f Filter) String() string {
	var parts []string
	for _, x := range f.In {
		parts = append(parts, "--in "+x)
	}
	for _, x := range f.Section {
		parts = append(parts, "--section "+x)
	}
	for _, x := range f.Tags {
		parts = append(parts, "--tag "+x)
	}
	for _, g := range f.Require {
		alts := make([]string, len(g))
		for i, w := range g {
			alts[i] = w
			if strings.Contains(w, " ") {
				alts[i] = `"` + w + `"`
			}
		}
		parts = append(parts, strings.Join(alts, " OR "))
	}
	for _, x := range f.Exclude {
		if strings.Contains(x, " ") {
			x = `"` + x + `"`
		}
		parts = append(parts, "-"+x)
	}
	return strings.Join(parts, ", ")
}

// withFilter restricts a question's query to the notes f lets pass. The
// filter does not score: bleve applies it to the hits of q, which keep
// their scores.
func (e *Engine) withFilter(q query.Query, f Filter) query.Query {
	if f.IsZero() {
		return q
	}
	b := query.NewBooleanQuery([]query.Query{q}, nil, nil)
	b.AddFilter(e.filterQuery(f))
	return b
}

// filterQuery is the query matching exactly the notes f lets pass.
func (e *Engine) filterQuery(f Filter) query.Query {
	fq := query.NewBooleanQuery(nil, nil, nil)
	fq.AddMust(query.NewMatchAllQuery())
	if f.In != nil || f.Section != nil || f.Tags != nil {
		fq.AddMust(query.NewDocIDQuery(e.passing(f)))
	}
	for _, g := range f.Require {
		var alts []query.Query
		for _, p := range g {
			if len(analysis.Terms(p)) > 0 {
				alts = append(alts, sayQuery(p))
			}
		}
		if len(alts) > 0 { // a group of stop words only asks nothing
			fq.AddMust(query.NewDisjunctionQuery(alts))
		}
	}
	for _, p := range f.Exclude {
		if len(analysis.Terms(p)) > 0 {
			fq.AddMustNot(sayQuery(p))
		}
	}
	return fq
}

// sayQuery matches notes that say a word or phrase, analysed as each
// field is, in any field the plain search reads. The identifier parts
// field is asked for the phrase's terms as the question planner takes
// them: its own analyzer keeps only identifier parts, so a plain word
// gave it nothing, and -lambda kept `lambda.amazonaws.com`, which a
// search for lambda finds.
func sayQuery(phrase string) query.Query {
	return inAnyField(func(f string) query.Query {
		if f == FieldParts {
			return partsQuery(analysis.PhraseTerms(phrase))
		}
		mq := query.NewMatchPhraseQuery(phrase)
		mq.SetField(f)
		return mq
	})
}

// partsQuery matches notes whose identifiers hold terms in a row, as
// parts (invoke lambda function in `aws:invokeLambdaFunction`).
func partsQuery(terms []string) query.Query {
	switch len(terms) {
	case 0:
		return query.NewMatchNoneQuery()
	case 1:
		tq := query.NewTermQuery(terms[0])
		tq.SetField(FieldParts)
		return tq
	}
	return query.NewPhraseQuery(terms, FieldParts)
}

// inAnyField matches what one query for each field the plain search
// reads matches in its field.
func inAnyField(in func(field string) query.Query) query.Query {
	var qs []query.Query
	for _, f := range []string{FieldText, FieldParts, FieldContext, FieldHeading} {
		qs = append(qs, in(f))
	}
	return query.NewDisjunctionQuery(qs)
}

// passing returns the ids of the snippets that pass f's In, Section and
// Tags, which need no index.
func (e *Engine) passing(f Filter) []string {
	ids := []string{}
	for i, s := range e.Snippets() {
		if f.passes(s) {
			ids = append(ids, index.DocID(i))
		}
	}
	return ids
}

func (f Filter) passes(s corpus.Snippet) bool {
	return anyOf(f.In, func(p string) bool { return under(s.Source, p) }) &&
		anyOf(f.Section, func(t string) bool {
			st := squash(t)
			return st != "" && strings.Contains(squash(strings.Join(s.Heading, " › ")), st)
		}) &&
		anyOf(f.Tags, func(t string) bool {
			return slices.ContainsFunc(s.Tags, func(st string) bool { return strings.EqualFold(st, t) })
		})
}

// squash folds a heading or a --section value for comparing: lower
// case, without spaces, hyphens, underscores or slashes, so "wifi" finds
// the heading "Wi-Fi", "code deploy" "CodeDeploy" and "cicd" "CI/CD".
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-', '_', '/':
			return -1
		}
		return unicode.ToLower(r)
	}, s)
}

// idle names the --in, --section and --tag values that on their own
// let no note pass, as the user wrote them ("--in nosuchdir"): with
// nothing found, they say why better than the question does. Require and
// Exclude depend on the words, so they are never idle here.
func (e *Engine) idle(f Filter) []string {
	var out []string
	// Each value is tried as the only one of a filter, by passes, which
	// says what a value lets through.
	check := func(flag string, vals []string, only func(string) Filter) {
		for _, v := range vals {
			if !slices.ContainsFunc(e.Snippets(), only(v).passes) {
				out = append(out, flag+" "+v)
			}
		}
	}
	check("--in", f.In, func(v string) Filter { return Filter{In: []string{v}} })
	check("--section", f.Section, func(v string) Filter { return Filter{Section: []string{v}} })
	n := len(out)
	check("--tag", f.Tags, func(v string) Filter { return Filter{Tags: []string{v}} })
	if len(out) > n && !slices.ContainsFunc(e.Snippets(), func(s corpus.Snippet) bool { return len(s.Tags) > 0 }) {
		out[len(out)-1] += " (these notes have no tags)"
	}
	return out
}

// anyOf is true when want is empty or ok holds for one of it.
func anyOf(want []string, ok func(string) bool) bool {
	return len(want) == 0 || slices.ContainsFunc(want, ok)
}

// under reports whether the file source lies under path p: p names it or
// a folder above it, whole, as an absolute path, or as trailing segments.
// A file may be named without its ending ("--in cooking" for
// cooking.md), as people name their notes files.
func under(source, p string) bool {
	if within(source, p) {
		return true
	}
	ext := path.Ext(source)
	return ext != "" && !strings.HasSuffix(p, "/") && within(strings.TrimSuffix(source, ext), p)
}

// within is under for a source as given.
func within(source, p string) bool {
	if relative(p) {
		// "--in .", "--in ../x": from where crib runs, as a shell
		// reads them (trial 15: "." let every note through and ".."
		// none, wherever crib ran).
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
	}
	p = filepath.ToSlash(filepath.Clean(p))
	if p == "/" {
		return true
	}
	source = strings.TrimPrefix(source, corpus.EmbeddedPrefix)
	if filepath.IsAbs(p) {
		if abs, err := filepath.Abs(source); err == nil {
			source = abs
		}
	}
	source = filepath.ToSlash(filepath.Clean(source))
	inside := func(s string) bool { return s == p || strings.HasPrefix(s, p+"/") }
	if inside(source) {
		return true
	}
	if strings.HasPrefix(p, "/") || strings.HasPrefix(p, "../") {
		return false
	}
	for i := strings.IndexByte(source, '/'); i >= 0; i = next(source, i) {
		if inside(source[i+1:]) {
			return true
		}
	}
	return false
}

// relative reports whether path starts from the current folder: ".",
// "..", "./…" or "../…".
func relative(path string) bool {
	path = filepath.ToSlash(path)
	return path == "." || path == ".." || strings.HasPrefix(path, "./") || strings.HasPrefix(path, "../")
}

// next finds the slash after position i.
func next(s string, i int) int {
	j := strings.IndexByte(s[i+1:], '/')
	if j < 0 {
		return -1
	}
	return i + 1 + j
}
