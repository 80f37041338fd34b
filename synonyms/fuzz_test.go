package synonyms_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crib-dev/crib/synonyms"
)

var solrSeeds = []string{
	"cloudwatch events, eventbridge, cwe\n",
	"page, text message => sns\n",
	"# comment\n\n  auto   scaling\tgroup ,asg\r\n",
	"\uFEFFblue/green, blue green deployment, red/black deployment\r\n",
	"gradual deployment, progressive delivery => canary deployment, linear deployment\n",
	"all at once, all-at-once, AllAtOnce\n",
	"lonely\n", "a,,b\n", " => b\n", "a =>\n", "a => b => c\n", "a, b,\n", "=>", ",", "#",
}

// FuzzParseSolr checks that any input either fails with a *ParseError on a
// line of the input, or yields rules that each have terms and no empty one.
func FuzzParseSolr(f *testing.F) {
	for _, s := range solrSeeds {
		f.Add([]byte(s))
	}
	dicts, _ := filepath.Glob(filepath.Join("data", "*.txt"))
	for _, name := range dicts {
		if filepath.Base(name) != "services.txt" {
			addFile(f, name)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rules, err := synonyms.ParseSolr("f.txt", data)
		if err != nil {
			var pe *synonyms.ParseError
			if !errors.As(err, &pe) || pe.Line < 1 || pe.File != "f.txt" {
				t.Fatalf("error %#v, want a *ParseError for f.txt with Line >= 1", err)
			}
			return
		}
		for _, r := range rules {
			if len(r.From) == 0 || r.OneWay != (len(r.To) > 0) {
				t.Errorf("line %d: rule %#v has no terms on one side", r.Line, r)
			}
			if r.Line < 1 || r.Source != "f.txt" {
				t.Errorf("rule %#v: want Line >= 1 and Source f.txt", r)
			}
			for _, term := range append(append([]string(nil), r.From...), r.To...) {
				if term == "" || term != strings.Join(strings.Fields(term), " ") {
					t.Errorf("line %d: term %q is empty or not folded", r.Line, term)
				}
			}
		}
	})
}

var catalogSeeds = []string{
	"service: EventBridge\naliases: Amazon EventBridge, CloudWatch Events, CWE\ncategory: monitoring\n" +
		"related: SNS | notifies\n\nservice: SNS\naliases: Simple Notification Service\n",
	"\uFEFFservice:  Auto   Scaling\r\naliases: ASG, auto scaling group\r\n",
	"service: SNS\ncolour: blue\n", "aliases: x\nservice: y\n", "service: A\naliases: x\n\nservice: B\naliases: X\n",
	"service: A\nrelated: B | why\n", "service: A\nrelated: A\n", "service:\n", "service A\n", ":", "service: a\naliases: ,\n",
}

// FuzzParseCatalog checks that any input parses without a panic, fails
// with a *ParseError, or yields services that can all be looked up.
func FuzzParseCatalog(f *testing.F) {
	for _, s := range catalogSeeds {
		f.Add([]byte(s))
	}
	addFile(f, filepath.Join("data", "services.txt"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := synonyms.ParseCatalog("f.txt", data)
		if err != nil {
			var pe *synonyms.ParseError
			if !errors.As(err, &pe) || pe.Line < 1 {
				t.Fatalf("error %#v, want a *ParseError with Line >= 1", err)
			}
			return
		}
		for _, s := range c.Services {
			for _, name := range append([]string{s.Name}, s.Aliases...) {
				got, ok := c.Lookup(name)
				if !ok || got.Name != s.Name {
					t.Errorf("Lookup(%q) does not give %q", name, s.Name)
				}
			}
			for _, r := range s.Related {
				if _, ok := c.Lookup(r.Service); !ok {
					t.Errorf("%q is related to unknown %q", s.Name, r.Service)
				}
			}
		}
		for _, r := range c.Rules() {
			for _, term := range r.From {
				if strings.TrimSpace(term) == "" {
					t.Errorf("rule %#v has an empty term", r)
				}
			}
		}
	})
}

// addFile seeds f with a built-in data file, when it can be read.
func addFile(f *testing.F, name string) {
	if b, err := os.ReadFile(name); err == nil {
		f.Add(b)
	}
}

// FuzzDecode checks that any compiled thesaurus either fails to decode
// or decodes to a dictionary that encodes and decodes again unchanged
// and expands its own phrases without a panic.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		"crib-thesaurus 1 a3-0\nasg\tAuto Scaling\t1 auto scale group|0.6 autoscal\nwarm pool\t\t1 standbi fleet\n",
		"crib-thesaurus 1\n", "crib-thesaurus 1 t\nk\t\t\n", "crib-thesaurus 1 t\nk\ts\tNaN x\n", "crib-thesaurus 1 t\n k\t\t1 x\n",
		"crib-thesaurus 1 t\nk\t\t1 x\nk\t\t1 y\n", "crib-thesaurus 1 t\nk\t\t2 x\n", "crib-thesaurus 1 t\nk\t\t1  \n", "bad header\n", "",
	} {
		f.Add([]byte(s))
	}
	addFile(f, filepath.Join("..", "search", "data", "thesaurus.txt"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := synonyms.Decode(data)
		if err != nil {
			return
		}
		var once, twice bytes.Buffer
		if err := d.Encode(&once, "t"); err != nil {
			t.Fatal(err)
		}
		d2, err := synonyms.Decode(once.Bytes())
		if err != nil {
			t.Fatalf("Decode of Encode's output: %v\n%s", err, once.String())
		}
		if err := d2.Encode(&twice, "t"); err != nil || once.String() != twice.String() {
			t.Fatalf("encode, decode, encode differs:\n%s\n---\n%s", once.String(), twice.String())
		}
		for _, line := range strings.Split(once.String(), "\n")[1:] {
			key, _, entry := strings.Cut(line, "\t")
			if !entry {
				continue // the format's own lines (stats, term list)
			}
			// The table Encode wrote finds every key it lists; damaged
			// input (d) is only required not to crash: the compiled
			// thesaurus is looked up in place and trusts its own stats.
			terms := strings.Fields(key)
			if len(terms) > 0 && len(d2.Expand(terms)) == 0 {
				t.Errorf("Expand(%q) finds nothing, though it is a key", key)
			}
		}
	})
}
