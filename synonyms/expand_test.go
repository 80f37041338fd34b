package synonyms_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"github.com/crib-dev/crib/synonyms"
)

// lowerWords is a stand-in for crib's analyser, which package synonyms
// cannot import: lower case, split at anything but letters and digits.
func lowerWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

func seq(s string) []string { return strings.Fields(s) }

func alts(ss ...string) [][]string {
	out := make([][]string, len(ss))
	for i, s := range ss {
		out[i] = seq(s)
	}
	return out
}

func testDictionary(t *testing.T) *synonyms.Dictionary {
	t.Helper()
	solr, err := synonyms.ParseSolr("synonyms.txt", []byte(`
page, text message => sns
s3, s3 bucket, simple storage service
scaling, elasticity
blue green, blue/green
green deployment, green fleet
---, !!!
`))
	if err != nil {
		t.Fatalf("ParseSolr: %v", err)
	}
	cat, err := synonyms.ParseCatalog("services.txt", []byte(`
service: EventBridge
aliases: Amazon EventBridge, CloudWatch Events, CWE

service: Auto Scaling
aliases: ASG, Auto Scaling Group
`))
	if err != nil {
		t.Fatalf("ParseCatalog: %v", err)
	}
	return synonyms.Compile(append(cat.Rules(), solr...), lowerWords)
}

func TestExpand(t *testing.T) {
	d := testDictionary(t)
	tests := []struct {
		name string
		in   string // the analysed question, terms separated by spaces
		want []synonyms.Match
	}{
		{"multi-word name to a single word",
			"cloudwatch events rule",
			[]synonyms.Match{{Start: 0, End: 2, Alts: alts("eventbridge", "cwe"), Service: "EventBridge"}}},
		{"single word to a multi-word name, alternatives containing the key pruned",
			"eventbridge",
			[]synonyms.Match{{Start: 0, End: 1, Alts: alts("cwe", "cloudwatch events"), Service: "EventBridge"}}},
		{"one-way rule forwards",
			"page me",
			[]synonyms.Match{{Start: 0, End: 1, Alts: alts("sns")}}},
		{"one-way rule forwards from a phrase",
			"send a text message",
			[]synonyms.Match{{Start: 2, End: 4, Alts: alts("sns")}}},
		{"one-way rule does not go backwards",
			"sns topic",
			nil},
		{"longest match wins and contained matches are skipped",
			"auto scaling group scaling",
			[]synonyms.Match{
				{Start: 0, End: 3, Alts: alts("asg", "auto scaling"), Service: "Auto Scaling"},
				{Start: 3, End: 4, Alts: alts("elasticity")},
			}},
		{"shorter name when the longer one is not there",
			"auto scaling policy",
			[]synonyms.Match{{Start: 0, End: 2, Alts: alts("asg"), Service: "Auto Scaling"}}},
		{"overlapping but not contained matches are both kept",
			"blue green deployment",
			[]synonyms.Match{
				{Start: 0, End: 2, Alts: nil},
				{Start: 1, End: 3, Alts: alts("green fleet")},
			}},
		{"alternatives containing the key or a shorter alternative are pruned",
			"s3",
			[]synonyms.Match{{Start: 0, End: 1, Alts: alts("simple storage service")}}},
		{"the longer key keeps the shorter name as an alternative",
			"s3 bucket",
			[]synonyms.Match{{Start: 0, End: 2, Alts: alts("s3", "simple storage service")}}},
		{"nothing known",
			"lifecycle hook",
			nil},
		{"no terms",
			"",
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := d.Expand(seq(tt.in))
			for i := range got {
				for j, w := range got[i].Weights {
					if w != 1 {
						t.Errorf("Expand(%q): weight %v for %v, want 1 (no #@weight set)", tt.in, w, got[i].Alts[j])
					}
				}
				got[i].Weights = nil // checked above; the table lists alternatives only
				got[i].Inner = nil   // see TestExpandInner
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Expand(%q) differ\n got: %#v\nwant: %#v", tt.in, got, tt.want)
			}
		})
	}
}

func TestDictionaryServiceKnownLen(t *testing.T) {
	d := testDictionary(t)
	services := []struct{ in, want string }{
		{"cwe", "EventBridge"},
		{"amazon eventbridge", "EventBridge"},
		{"asg", "Auto Scaling"},
		{"auto scaling group", "Auto Scaling"},
		{"s3", ""},             // a dictionary rule, not a catalogue one
		{"cloudwatch", ""},     // only part of a name
		{"asg cloudwatch", ""}, // more than a name
	}
	for _, tt := range services {
		t.Run("Service "+tt.in, func(t *testing.T) {
			if got := d.Service(seq(tt.in)); got != tt.want {
				t.Errorf("Service(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	known := []struct {
		term string
		want bool
	}{
		{"cloudwatch", true}, {"events", true}, {"page", true}, {"message", true},
		{"sns", false}, // only a target of a one-way rule
		{"lifecycle", false}, {"", false},
	}
	for _, tt := range known {
		t.Run("Known "+tt.term, func(t *testing.T) {
			if got := d.Known(tt.term); got != tt.want {
				t.Errorf("Known(%q) = %v, want %v", tt.term, got, tt.want)
			}
		})
	}
	t.Run("Len counts distinct phrases", func(t *testing.T) {
		// eventbridge, amazon eventbridge, cloudwatch events, cwe, auto scaling,
		// asg, auto scaling group, page, text message, s3, s3 bucket,
		// simple storage service, scaling, elasticity, blue green,
		// green deployment, green fleet ("blue/green" analyses as "blue green",
		// and "---, !!!" to nothing)
		if got := d.Len(); got != 17 {
			t.Errorf("Len() = %d, want 17", got)
		}
	})
}

func TestCompileDeduplicates(t *testing.T) {
	rules := []synonyms.Rule{
		{From: []string{"CodeDeploy", "code deploy"}},
		{From: []string{"codedeploy", "Code Deploy"}},
		{From: []string{"codedeploy"}, To: []string{"code   deploy", "cd"}, OneWay: true},
	}
	d := synonyms.Compile(rules, lowerWords)
	got := d.Expand(seq("codedeploy"))
	want := []synonyms.Match{{Start: 0, End: 1, Alts: alts("cd", "code deploy"), Weights: []float64{1, 1}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Expand differ\n got: %#v\nwant: %#v", got, want)
	}
}

func TestExpandWeights(t *testing.T) {
	rules, err := synonyms.ParseSolr("w.txt", []byte("rollback, revert\n#@weight 0.5\nrollback, undo\nrevert => rollback\n"))
	if err != nil {
		t.Fatal(err)
	}
	d := synonyms.Compile(rules, seq)
	got := d.Expand(seq("rollback"))
	if len(got) != 1 {
		t.Fatalf("Expand(rollback) = %#v, want one match", got)
	}
	want := map[string]float64{"revert": 1, "undo": 0.5}
	for i, alt := range got[0].Alts {
		k := strings.Join(alt, " ")
		if w, ok := want[k]; !ok || got[0].Weights[i] != w {
			t.Errorf("alternative %q has weight %v, want %v (known: %v)", k, got[0].Weights[i], want[k], ok)
		}
	}
	if _, err := synonyms.ParseSolr("bad.txt", []byte("#@weight 2\n")); err == nil {
		t.Error("#@weight 2 accepted, want an error")
	}
}

func TestExpandInner(t *testing.T) {
	rules, err := synonyms.ParseSolr("i.txt", []byte("maximum size, max size, MaxSize\nmaximum, max, upper limit\n"))
	if err != nil {
		t.Fatal(err)
	}
	d := synonyms.Compile(rules, seq)
	got := d.Expand(seq("maximum size of the group"))
	if len(got) != 1 || got[0].Start != 0 || got[0].End != 2 {
		t.Fatalf("Expand = %#v, want one match of \"maximum size\"", got)
	}
	inner := got[0].Inner
	if len(inner) != 1 || inner[0].Start != 0 || inner[0].End != 1 {
		t.Fatalf("Inner = %#v, want the match of \"maximum\" inside it", inner)
	}
	if alts := strings.Join(inner[0].Alts[0], " "); alts != "max" {
		t.Errorf("inner alternatives %v, want max first", inner[0].Alts)
	}
}

// TestCompileBoundsAlternatives: a term that many lines share keeps the
// first MaxAlternatives alternatives, shortest first, not one per line.
func TestCompileBoundsAlternatives(t *testing.T) {
	var rules []synonyms.Rule
	for i := range 1000 {
		rules = append(rules, synonyms.Rule{From: []string{"ec2", fmt.Sprintf("term%d thing", i)}})
	}
	rules = append(rules, synonyms.Rule{From: []string{"ec2", "elastic compute cloud"}}, synonyms.Rule{From: []string{"ec2", "vm"}})
	d := synonyms.Compile(rules, lowerWords)
	m := d.Expand(seq("ec2"))
	if len(m) != 1 || len(m[0].Alts) != synonyms.MaxAlternatives {
		t.Fatalf("Expand(ec2) = %d matches, %v; want one with %d alternatives", len(m), m, synonyms.MaxAlternatives)
	}
	if got := m[0].Alts[0]; !reflect.DeepEqual(got, seq("vm")) {
		t.Errorf("first alternative %q, want the shortest, vm", got)
	}
	if got := d.Expand(seq("term999 thing")); len(got) != 1 || !reflect.DeepEqual(got[0].Alts, alts("ec2")) {
		t.Errorf("Expand(term999 thing) = %v, want ec2", got)
	}
}

// TestOneWayRuleFindsServiceAliases: a one-way rule to a catalogued
// service also finds the service's other names, since alternatives are
// not expanded again: notes that write "Route53" or "ASG" must be found by
// a description pointing to "Route 53" or "Auto Scaling".
func TestOneWayRuleFindsServiceAliases(t *testing.T) {
	solr, err := synonyms.ParseSolr("d.txt", []byte("standby site => failover routing, Route 53\n"))
	if err != nil {
		t.Fatal(err)
	}
	cat, err := synonyms.ParseCatalog("services.txt", []byte("service: Route 53\naliases: Route53, R53\n"))
	if err != nil {
		t.Fatal(err)
	}
	d := synonyms.Compile(append(cat.Rules(), solr...), lowerWords)
	got := d.Expand(seq("standby site"))
	if len(got) != 1 {
		t.Fatalf("Expand(standby site) = %#v, want one match", got)
	}
	want := map[string]bool{"failover routing": true, "route 53": true, "route53": true, "r53": true}
	for _, a := range got[0].Alts {
		delete(want, strings.Join(a, " "))
	}
	if len(want) > 0 {
		t.Errorf("Expand(standby site) alternatives %q lack %v", got[0].Alts, want)
	}
}
