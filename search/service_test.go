package search

import (
	"slices"
	"testing"

	"github.com/crib-dev/crib/corpus"
)

// A service's report leads with the section headed by its name, the
// shallowest first, before sections about one side of it, however many
// of their notes name it.
func TestServiceLeadsWithItsOwnSection(t *testing.T) {
	fails := []string{"Troubleshooting", "Deployment failures", "CloudFormation"}
	own := []string{"Infrastructure as code", "CloudFormation", "Templates"}
	side := []string{"Incidents", "CloudFormation failures"}
	var sn []corpus.Snippet
	add := func(src string, h []string, texts ...string) {
		for _, x := range texts {
			sn = append(sn, corpus.Snippet{Text: x, Heading: h, Source: src, Line: len(sn) + 1})
		}
	}
	add("a-fail.md", fails, "CloudFormation rollbacks fail when a resource changed outside the stack.", "CloudFormation DELETE_FAILED comes from a bucket with objects.")
	add("b-side.md", side, "CloudFormation stack events show which resource failed.")
	add("c-iac.md", own, "CloudFormation templates hold Parameters, Resources and Outputs.", "Only Resources is mandatory.", "Intrinsic functions include Ref and Fn::GetAtt.")
	e := testEngine(t, sn)
	rep, err := e.Service("cloudformation")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range rep.Sections {
		got = append(got, s.Source)
	}
	if want := []string{"c-iac.md", "a-fail.md", "b-side.md"}; !slices.Equal(got, want) {
		t.Errorf("sections %v, want %v", got, want)
	}
}

// A heading that gives a service's name and its former name ("EventBridge
// (CloudWatch Events)") is headed by the service as much as one giving
// its name alone, and leads before "EventBridge as automation glue".
func TestServiceHeadingWithFormerName(t *testing.T) {
	var sn []corpus.Snippet
	add := func(src string, h []string, texts ...string) {
		for _, x := range texts {
			sn = append(sn, corpus.Snippet{Text: x, Heading: h, Source: src, Line: len(sn) + 1})
		}
	}
	add("a-glue.md", []string{"Automation", "EventBridge as automation glue"}, "EventBridge input transformers reshape an event.", "EventBridge retries delivery for 24 hours.")
	add("b-core.md", []string{"Incidents", "EventBridge (CloudWatch Events)"}, "EventBridge rules match events by pattern.", "EventBridge rule targets include Lambda.")
	e := testEngine(t, sn)
	rep, err := e.Service("cwe")
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Sections) == 0 || rep.Sections[0].Source != "b-core.md" {
		t.Errorf("first section %+v, want b-core.md's", rep.Sections)
	}
}

// TestResolveServiceByAWordOfItsName: a word of one service's full name
// that is no everyday word names that service ("kubernetes" is EKS; trial
// 7 saw `crib service kubernetes` answered as a question); a word of
// several services' names, or an everyday one, names none.
func TestResolveServiceByAWordOfItsName(t *testing.T) {
	e := testEngine(t, []corpus.Snippet{{Text: "EKS runs Kubernetes.", Source: "n.md", Line: 1}})
	resolvesTo(t, e, map[string]string{
		"kubernetes":  "EKS",
		"frobnicator": "",
		"service":     "",
	})
}

// TestResolveServicesMisspeltInAList: a misspelt name among several is
// corrected as a lone one is (trial 9: `crib service eventbrige lambda`
// was answered as a question), and the correction names them all; a
// word that names no service still fails the list.
func TestResolveServicesMisspeltInAList(t *testing.T) {
	e := testEngine(t, []corpus.Snippet{{Text: "EventBridge rules invoke Lambda.", Source: "n.md", Line: 1}})
	tests := []struct {
		name, corrected string
		want            []string
	}{
		{"eventbridge lambda", "", []string{"EventBridge", "Lambda"}},
		{"eventbrige lambda", "EventBridge, Lambda", []string{"EventBridge", "Lambda"}},
		{"eventbrige frobnicator", "", nil},
		// Words the notes hold are no misspellings: these are questions
		// (review 10: "ec2 spot" was EC2 and ADOT, "s3 lifecycle" S3 and
		// Data Lifecycle Manager).
		{"lambda rules", "", nil},
		{"eventbridge invoke", "", nil},
	}
	for _, tt := range tests {
		names, corrected, err := e.ResolveServices(tt.name)
		if !slices.Equal(names, tt.want) || corrected != tt.corrected || (err == nil) != (tt.want != nil) {
			t.Errorf("ResolveServices(%q) = %q, %q, %v; want %q, %q", tt.name, names, corrected, err, tt.want, tt.corrected)
		}
	}
}

// TestResolveServiceTypoLimits: a service name is corrected as the typo
// corrector corrects a word (trial 10: "dns" was DMS, "iot" ADOT and
// "wifi", two edits away, WAF): no edit under four letters, one up to
// seven, two beyond.
func TestResolveServiceTypoLimits(t *testing.T) {
	e := testEngine(t, []corpus.Snippet{{Text: "EventBridge rules invoke Lambda.", Source: "n.md", Line: 1}})
	resolvesTo(t, e, map[string]string{
		"dns":         "",
		"wifi":        "",
		"lamda":       "Lambda",
		"eventbrige":  "EventBridge",
		"evnetbrigde": "EventBridge",
	})
}

// resolvesTo checks that each name resolves to the one service want
// names, or to none when want is "".
func resolvesTo(t *testing.T, e *Engine, wants map[string]string) {
	t.Helper()
	for name, want := range wants {
		names, _, err := e.ResolveServices(name)
		got := ""
		if err == nil && len(names) == 1 {
			got = names[0]
		}
		if got != want {
			t.Errorf("ResolveServices(%q) = %q (%v), want %q", name, names, err, want)
		}
	}
}
