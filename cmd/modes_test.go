package cmd

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// TestOutputModesAgree: every output mode keeps what was asked for
// (issue 17.5): --explain when piped, JSON for a question of stop words,
// crib's own words for a bad -n, and a suggestion for a misspelt flag.
func TestOutputModesAgree(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"explain-piped", []string{"--notes", testNotes, "--explain", "--color", "never", "-n", "1", "warm", "pool"}},
		{"json-stop-words", []string{"--notes", testNotes, "--json", "what is the"}},
		{"bad-limit-value", []string{"--notes", testNotes, "-n", "abc", "sns"}},
		{"flag-typo", []string{"--notes", testNotes, "--colour", "never", "sns"}},
		{"flag-typo-service", []string{"service", "--notes", testNotes, "--jsn", "sns"}},
		// A subcommand's usage error points to its own help (trial 11).
		{"index-unknown-flag", []string{"index", "--notes", testNotes, "--bogus"}},
		{"index-status-force", []string{"index", "--notes", testNotes, "--status", "--force"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := transcript{args: tt.args}.run(t)
			checkGolden(t, tt.name+".golden", formatTranscript(code, out, errOut))
		})
	}
}

// TestContextLimitInHelp: the help says how many neighbours -C shows at
// most, as its error does ("want 0 to 20"; trial 11).
func TestContextLimitInHelp(t *testing.T) {
	_, out, _ := transcript{args: []string{"--help"}}.run(t)
	if want := fmt.Sprintf("0 to %d", maxContext); !strings.Contains(out, want) {
		t.Errorf("crib --help does not say -C takes %s:\n%s", want, out)
	}
}

// TestPagerOnlyOnTheOwnTerminal: a report is paged only when stdout is
// the process's own terminal, never into a buffer, as in tests or pipes.
func TestPagerOnlyOnTheOwnTerminal(t *testing.T) {
	var b bytes.Buffer
	ios := &IOStreams{Out: &b, OutTTY: true, Getenv: func(string) string { return "" }}
	w, done := ios.startPager()
	done()
	if w != &b {
		t.Errorf("startPager paged output meant for a buffer")
	}
}

func TestLevenshtein(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{{"colour", "color", 1}, {"limt", "limit", 1}, {"", "abc", 3}, {"json", "json", 0}, {"jsno", "json", 2}} {
		if got := levenshtein(tt.a, tt.b); got != tt.want {
			t.Errorf("levenshtein(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestCodeBlocks: a fenced code block keeps its lines as an indented
// block on a terminal and folds onto its one line when piped, grep style
// (issue 17.6).
func TestCodeBlocks(t *testing.T) {
	args := []string{"--notes", wordsNotes, "-n", "1", "--no-related", "update-function-code", "zip", "file"}
	for _, tt := range []struct {
		name string
		tty  bool
	}{{"code-block-terminal", true}, {"code-block-piped", false}} {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := transcript{args: args, tty: tt.tty}.run(t)
			checkGolden(t, tt.name+".golden", formatTranscript(code, out, errOut))
		})
	}
}
