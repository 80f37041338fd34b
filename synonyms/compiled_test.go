package synonyms_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/crib-dev/crib/synonyms"
)

// decoded encodes d and decodes it again.
func decoded(t *testing.T, d *synonyms.Dictionary) *synonyms.Dictionary {
	t.Helper()
	var b bytes.Buffer
	if err := d.Encode(&b, "test"); err != nil {
		t.Fatal(err)
	}
	if tag := synonyms.CompiledTag(b.Bytes()); tag != "test" {
		t.Fatalf("CompiledTag = %q, want test", tag)
	}
	out, err := synonyms.Decode(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// sameDictionary checks that a and b answer alike, and encode alike.
func sameDictionary(t *testing.T, a, b *synonyms.Dictionary) {
	t.Helper()
	for _, q := range []string{
		"eventbridge", "cloudwatch events rule", "amazon eventbridge cwe", "auto scaling group scaling",
		"page me with a text message", "s3 bucket simple storage service", "blue green deployment",
		"green fleet", "nothing known here", "", "auto", "cloudwatch", "asg blue green fleet",
		"mine fast lane", "fast lane mine",
	} {
		if x, y := a.Expand(seq(q)), b.Expand(seq(q)); !reflect.DeepEqual(x, y) {
			t.Errorf("Expand(%q):\n%+v\n%+v", q, x, y)
		}
		if x, y := a.Service(seq(q)), b.Service(seq(q)); x != y {
			t.Errorf("Service(%q) = %q and %q", q, x, y)
		}
		for _, w := range seq(q) {
			if x, y := a.Known(w), b.Known(w); x != y {
				t.Errorf("Known(%q) = %v and %v", w, x, y)
			}
		}
	}
	if a.Len() != b.Len() {
		t.Errorf("Len = %d and %d", a.Len(), b.Len())
	}
	var x, y bytes.Buffer
	a.Encode(&x, "t")
	b.Encode(&y, "t")
	if x.String() != y.String() {
		t.Errorf("Encode differs:\n%s\n---\n%s", x.String(), y.String())
	}
}

func TestDecodeAnswersLikeCompile(t *testing.T) {
	d := testDictionary(t)
	sameDictionary(t, d, decoded(t, d))
}

func TestAddToDecoded(t *testing.T) {
	more, err := synonyms.ParseSolr("mine.txt", []byte("fast lane, express lane\ngreen fleet, new fleet\nauto => eventbridge\n"))
	if err != nil {
		t.Fatal(err)
	}
	want, got := testDictionary(t), decoded(t, testDictionary(t))
	want.Add(more, lowerWords)
	got.Add(more, lowerWords)
	sameDictionary(t, want, got)
}

func TestDecodeRejects(t *testing.T) {
	for name, data := range map[string]string{
		"empty":          "",
		"old format":     "crib-thesaurus 1 x\na\t\t1 b\n",
		"no stats":       "crib-thesaurus 2 x\na\t\t1 b\n",
		"no terms list":  "crib-thesaurus 2 x\nphrases 1 longest 1\na\t\t1 b\n",
		"stats not nums": "crib-thesaurus 2 x\nphrases a longest b\n\n",
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := synonyms.Decode([]byte(data)); err == nil || !strings.Contains(err.Error(), "compiled thesaurus") {
				t.Errorf("Decode = %v, want a compiled thesaurus error", err)
			}
		})
	}
}
