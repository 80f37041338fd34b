package cmd

import (
	"strings"
	"testing"

	"github.com/crib-dev/crib/corpus"
)

// TestExpansion: questions to the user's notes are widened from the
// built-in notes (--explain names the added words "expansion"), unless
// --no-expand or CRIB_EXPAND=0; the built-in notes and crib check are
// never widened.
func TestExpansion(t *testing.T) {
	ask := []string{"--explain", "--notes", testNotes, "warm", "pool"}
	tests := []struct {
		name     string
		args     []string
		env      map[string]string
		expanded bool
	}{
		{"user notes", ask, nil, true},
		{"--no-expand", append([]string{"--no-expand"}, ask...), nil, false},
		{"CRIB_EXPAND=0", ask, map[string]string{"CRIB_EXPAND": "0"}, false},
		{"CRIB_EXPAND=off, no cache", append([]string{"--no-cache"}, ask...), map[string]string{"CRIB_EXPAND": "off"}, false},
		{"no cache", append([]string{"--no-cache"}, ask...), nil, true},
		{"built-in notes", []string{"--explain", "warm", "pool"}, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := transcript{args: tt.args, env: tt.env}.run(t)
			if code != 0 || errOut != "crib: "+explainLegend+"\n" {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			if got := strings.Contains(out, " expansion "); got != tt.expanded {
				t.Errorf("expansion named %v, want %v:\n%s", got, tt.expanded, out)
			}
			if !strings.Contains(strings.ToLower(out), "warm pool") {
				t.Errorf("the warm pool note is not found:\n%s", out)
			}
		})
	}
}

// TestQuestionOnStdin: with no arguments and standard input not a
// terminal, the question is read from it; an empty one is a usage error.
func TestQuestionOnStdin(t *testing.T) {
	code, out, _ := transcript{args: []string{"--notes", testNotes}, stdin: "warm\npool\n"}.run(t)
	if code != 0 || !strings.Contains(out, "A warm pool keeps pre-initialised instances ready") {
		t.Errorf("exit %d, stdout %q", code, out)
	}
	code, _, errOut := transcript{args: []string{"--notes", testNotes}, stdin: "  \n"}.run(t)
	if code != ExitError || !strings.Contains(errOut, "no question given") {
		t.Errorf("empty stdin: exit %d, stderr %q", code, errOut)
	}
}

// TestExpansionSaid: --explain says what the question was widened with,
// and from which built-in notes, in every mode.
func TestExpansionSaid(t *testing.T) {
	for _, mode := range [][]string{nil, {"--json"}} {
		args := append([]string{"--explain", "--notes", testNotes, "warm", "pool"}, mode...)
		_, out, _ := transcript{args: args}.run(t)
		if mode == nil && !strings.HasPrefix(out, "expanded with ") || !strings.Contains(out, "crib:") {
			t.Errorf("%v: no expansion line naming built-in notes:\n%s", mode, out)
		}
		if mode != nil && !strings.Contains(out, `"expansion": {`) {
			t.Errorf("--json: no expansion object:\n%s", out)
		}
	}
	_, out, _ := transcript{args: []string{"--notes", testNotes, "warm", "pool"}}.run(t)
	if strings.Contains(out, "expanded with") {
		t.Errorf("without --explain the expansion is said:\n%s", out)
	}
}

// TestWhyNotCovered: with --explain, a declined question says which test
// it failed.
func TestWhyNotCovered(t *testing.T) {
	for q, want := range map[string]string{
		"zebra":                           "no note matched",
		"how do I file my taxes in spain": "of the question's subject, 55% is needed",
	} {
		code, _, errOut := transcript{args: []string{"--explain", "--notes", testNotes, q}}.run(t)
		if code != ExitNotFound || !strings.Contains(errOut, "crib: why: ") || !strings.Contains(errOut, want) {
			t.Errorf("%q: exit %d, stderr %q, want a why line with %q", q, code, errOut, want)
		}
	}
}

// TestUnderParent: piped, a bare list item names the item it sits under;
// a note that says something on its own does not.
func TestUnderParent(t *testing.T) {
	tests := []struct {
		s    corpus.Snippet
		want string
	}{
		{corpus.Snippet{Text: "`BeforeInstall`", Context: []string{"CodeDeploy", "Hooks run in this order:"}}, " (under: Hooks run in this order:)"},
		{corpus.Snippet{Text: "`BeforeInstall`"}, ""},
		{corpus.Snippet{Text: "A warm pool keeps instances ready.", Context: []string{"ASG"}}, ""},
	}
	for _, tt := range tests {
		if got := underParent(tt.s); got != tt.want {
			t.Errorf("underParent(%q) = %q, want %q", tt.s.Text, got, tt.want)
		}
	}
}
