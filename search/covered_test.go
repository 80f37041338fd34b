package search

import (
	"slices"
	"strings"
	"testing"

	"github.com/crib-dev/crib/corpus"
)

// Notes about something other than AWS answer in their own words, though
// those are everyday English, and still decline what they do not hold.
func TestCoveredOtherSubjects(t *testing.T) {
	e := testEngine(t, []corpus.Snippet{
		{Text: "Rest steak for five minutes after searing so the juices settle.", Source: "cook.md", Line: 1},
		{Text: "A dutch oven keeps an even heat for braises.", Source: "cook.md", Line: 2},
		{Text: "Thicken a sauce with a roux or a cornstarch slurry.", Source: "cook.md", Line: 3},
		{Text: "Sharpen kitchen knives on a whetstone at about 15 degrees; hone before each use.", Source: "cook.md", Line: 4},
	})
	for q, want := range map[string]bool{
		// Everyday words, one of them ("knife") no note holds: notes in
		// everyday words answer it as they would a term (trial 12).
		"how do i sharpen a kitchen knife": true,
		"steak":                            true,
		"dutch oven":                       true,
		"how to thicken a sauce":           true,
		"what is the capital of norway":    false,
		"sourdough starter":                false,
	} {
		r, err := e.Rank(q, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Covered(); got != want {
			t.Errorf("%q covered %v (%s; known %.2f), want %v", q, got, r.notCovered(), r.plan.known, want)
		}
	}
}

// Two words each in some note, none saying both: the note that says the
// heavier half answers, though two notes saying the other rank above it,
// and how many results are shown does not change the verdict.
func TestCoveredWordsApart(t *testing.T) {
	e := testEngine(t, []corpus.Snippet{
		{Text: "Feed the starter 12 hours before mixing the dough.", Source: "bread.md", Line: 1},
		{Text: "Autolyse: mix flour and water and rest 30 minutes before adding salt.", Source: "bread.md", Line: 2},
		{Text: "Rest steak for 5 minutes after searing so the juices settle.", Source: "bread.md", Line: 3},
		{Text: "Proofing: bulk ferment until the dough rises by half.", Source: "bread.md", Line: 4},
		{Text: "Bake at 250C with steam for 20 minutes, then vent.", Source: "bread.md", Line: 5},
	})
	for _, limit := range []int{1, 2, 5} {
		r, err := e.Rank("dough rest", Options{Limit: limit})
		if err != nil {
			t.Fatal(err)
		}
		if !r.Covered() {
			t.Errorf("limit %d: dough rest not covered: %s", limit, r.notCovered())
		}
		r, err = e.Rank("dough hydration percentage", Options{Limit: limit})
		if err != nil {
			t.Fatal(err)
		}
		if r.Covered() {
			t.Errorf("limit %d: dough hydration percentage covered", limit)
		}
	}
}

// A subject that notes hold only as a heading is covered when the notes
// hold all of it ("pizza" under "## Pizza dough"), and a decline names
// the threshold that applied (trial 5 #3); a lone unknown word is named
// even when AWS writing uses it often ("m5", trial 5 #7).
func TestHeadingSubjectAndWhy(t *testing.T) {
	e := testEngine(t, []corpus.Snippet{
		{Text: "Use 62% hydration and a hot oven.", Heading: []string{"Pizza dough"}, Source: "bread.md", Line: 3},
		{Text: "Bake the loaf for 40 minutes.", Heading: []string{"Sourdough"}, Source: "bread.md", Line: 9},
	})
	r, err := e.Rank("pizza", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Covered() {
		t.Errorf("pizza: declined: %s", r.notCovered())
	}
	r, err = e.Rank("how long to bake a cake", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if why := r.notCovered(); why != "" && strings.Contains(why, "10% is needed, with") {
		t.Errorf("why names both thresholds: %s", why)
	}
	r, err = e.Rank("rotate", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ans := e.Answer(r); !slices.Contains(ans.Unknown, "rotate") {
		t.Errorf("rotate: unknown %v", ans.Unknown)
	}
}

// The words no note mentions are named as the question first wrote them:
// a later "scale-in" does not make "Auto Scaling group" read "auto scale
// group".
func TestUnknownAsFirstWritten(t *testing.T) {
	e := testEngine(t, corpus.ParseMarkdown("bread.md", []byte("# Bread\n\n- Knead the dough for ten minutes\n- Bake the loaf at 230 degrees\n")))
	r, err := e.Rank("An Auto Scaling group loses log files during scale-in events", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range e.Answer(r).Unknown {
		if strings.Contains(w, "auto scale") {
			t.Errorf("unknown %q, want the question's own words (auto scaling group)", e.Answer(r).Unknown)
		}
	}
}

// A name no dictionary has ("lightsail", "m5.xlarge") that no note says
// weighs in full however often AWS writing uses it: notes that never say
// it cannot answer a question about it. A dictionary word AWS writing
// uses as often ("fleet") still weighs a tenth, and a near miss with one
// answers.
func TestNameTheNotesLack(t *testing.T) {
	e := testEngine(t, []corpus.Snippet{
		{Text: "Attach an Elastic IP to an EC2 instance to keep its public address.", Source: "net.md", Line: 1},
		{Text: "Take an EBS snapshot before patching an instance.", Source: "net.md", Line: 2},
		{Text: "Patch Manager patches a fleet of instances on a schedule.", Source: "ops.md", Line: 3},
	})
	for q, want := range map[string]bool{
		"lightsail snapshot":                      false,
		"m5.xlarge snapshot price":                false,
		"attach an elastic ip to an instance":     true,
		"patching instances on a schedule weekly": true,
		"patch a fleet of servers on a schedule":  true,
	} {
		r, err := e.Rank(q, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Covered(); got != want {
			t.Errorf("%q covered %v (%s; known %.2f), want %v", q, got, r.notCovered(), r.plan.known, want)
		}
	}
}

// When the notes hold every word of the subject, a note covering half of
// it stands for headings that say it all ("pizza" under "## Pizza
// dough") only if it says every word: a note answering "audit
// questions" does not answer how many questions the exam has, though
// another note says "exam" (trial: 0.49 on the built-in notes).
func TestWholeSubjectSaidInOneNote(t *testing.T) {
	e := testEngine(t, []corpus.Snippet{
		{Text: "Config rules answer audit questions on resource state.", Source: "ops.md", Line: 1},
		{Text: "Study the exam guide domains first.", Source: "ops.md", Line: 2},
		{Text: "Inspector findings raise questions for the security team.", Source: "ops.md", Line: 3},
		{Text: "Many teams tag every resource.", Source: "ops.md", Line: 4},
		{Text: "Use 62% hydration and a hot oven.", Heading: []string{"Pizza dough"}, Source: "bread.md", Line: 1},
	})
	for q, want := range map[string]bool{
		"how many questions are on the exam": false,
		"pizza dough":                        true,
		"exam guide":                         true,
	} {
		r, err := e.Rank(q, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Covered(); got != want {
			t.Errorf("%q covered %v (%s; known %.2f), want %v", q, got, r.notCovered(), r.plan.known, want)
		}
	}
}

// A question in everyday words (no term of AWS writing, no service)
// needs more of its subject held: the words notes hold are then as
// likely used in another sense ("blue" of blue/green deployments for
// the sky). With a term of AWS writing, the usual share does.
func TestCoveredEverydayWords(t *testing.T) {
	e := testEngine(t, []corpus.Snippet{
		{Text: "Blue/green deployments swap traffic between two environments.", Source: "ops.md", Line: 1},
		{Text: "Lower costs with Spot Instances for batch work.", Source: "ops.md", Line: 2},
		{Text: "Back up the database every night before patching.", Source: "ops.md", Line: 3},
		{Text: "Messages that keep failing go to a dead-letter queue.", Source: "ops.md", Line: 4},
	})
	for _, tc := range []struct {
		q        string
		want     bool
		everyday bool // declined for being in everyday words
	}{
		{"why is the sky blue", false, true},
		{"stretches for lower back pain", false, true},
		{"blue green deployment swap", true, false},
		{"back up the database every night", true, false},
		{"lower costs at night", true, false},
	} {
		r, err := e.Rank(tc.q, Options{})
		if err != nil {
			t.Fatal(err)
		}
		why := r.notCovered()
		if got := why == ""; got != tc.want {
			t.Errorf("%q covered %v (%s; known %.2f), want %v", tc.q, got, why, r.plan.known, tc.want)
		}
		if got := strings.Contains(why, "everyday words"); got != tc.everyday {
			t.Errorf("%q: declined for everyday words %v (%s; known %.2f), want %v", tc.q, got, why, r.plan.known, tc.everyday)
		}
	}
}
