package search

import (
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/crib-dev/crib/corpus"
)

var (
	codeSpanRE = regexp.MustCompile("`([^`\\s]+)`")
	// camelRE, snakeRE and colonRE find names written like code outside
	// code spans: DynamoDB, AWS_RISK_CREDENTIALS_EXPOSED, Pending:Wait.
	camelRE = regexp.MustCompile(`\b[A-Za-z0-9]*[a-z][A-Z][A-Za-z0-9]*\b`)
	snakeRE = regexp.MustCompile(`\b[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+\b`)
	colonRE = regexp.MustCompile(`\b[A-Za-z0-9]+(?::[A-Za-z0-9*]+)+`)
	edgeRE  = regexp.MustCompile(`^[^A-Za-z0-9]+|[^A-Za-z0-9*]+$`)
)

// identifiers returns every name written like code in the notes: each
// code span without spaces, and each camelCase, snake_case or A:B word.
func identifiers(snippets []corpus.Snippet) []string {
	seen := map[string]bool{}
	for _, s := range snippets {
		var found []string
		for _, m := range codeSpanRE.FindAllStringSubmatch(s.Text, -1) {
			found = append(found, m[1])
		}
		for _, re := range []*regexp.Regexp{camelRE, snakeRE, colonRE} {
			for _, loc := range re.FindAllStringIndex(s.Text, -1) {
				// A run inside a longer name (stage:version of
				// version-stage:version-id) is not a name of its own.
				if loc[0] == 0 || !strings.ContainsRune("_:-./", rune(s.Text[loc[0]-1])) {
					found = append(found, s.Text[loc[0]:loc[1]])
				}
			}
		}
		for _, f := range found {
			if f = edgeRE.ReplaceAllString(f, ""); len(f) >= 3 {
				seen[f] = true
			}
		}
	}
	out := make([]string, 0, len(seen))
	for f := range seen {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// TestIdentifiersFound asks the built-in notes for every name they write
// like code, alone, as typed: a note that holds it must be among the top
// three. The literal is sacred: no thesaurus rule or typo fix may take the
// user's own word away.
func TestIdentifiersFound(t *testing.T) {
	if testing.Short() {
		t.Skip("asks about every identifier of the built-in notes")
	}
	snippets := corpus.Embedded()
	e := testEngine(t, snippets)
	ids := identifiers(snippets)
	if len(ids) < 500 {
		t.Fatalf("found %d identifiers in the built-in notes, want hundreds", len(ids))
	}
	missed := 0
	for _, id := range ids {
		r, err := e.Rank(id, Options{Limit: 3})
		if err != nil {
			t.Errorf("%s: %v", id, err)
			continue
		}
		ok := false
		for _, h := range r.Hits {
			ok = ok || strings.Contains(strings.ToLower(h.Snippet.Text), strings.ToLower(id))
		}
		if !ok {
			missed++
			first := ""
			if len(r.Hits) > 0 {
				first = r.Hits[0].Snippet.Text
			}
			t.Errorf("%q: no note holding it in the top 3; first: %.90q", id, first)
		}
	}
	t.Logf("%d identifiers, %d missed", len(ids), missed)
}

// TestNamesInOneCase asks for names typed in one case, as people type
// them in a shell: the note that writes the name is still found first.
func TestNamesInOneCase(t *testing.T) {
	e := testEngine(t, corpus.Embedded())
	for _, q := range []string{"beforeinstall", "BEFOREINSTALL", "validateservice", "afterallowtesttraffic", "downloadbundle"} {
		r, err := e.Rank(q, Options{Limit: 1})
		if err != nil || len(r.Hits) == 0 {
			t.Errorf("%s: %v, %d hits", q, err, len(r.Hits))
			continue
		}
		if !strings.Contains(strings.ToLower(r.Hits[0].Snippet.Text), strings.ToLower(q)) {
			t.Errorf("%s: first %q", q, r.Hits[0].Snippet.Text)
		}
	}
}
