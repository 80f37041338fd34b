package cmd

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// A pasted exam question as a terminal that does not mark pastes hands it
// over: the stem on one line, an empty line, the options.
const gapPaste = "A web application runs on Elastic Beanstalk and new versions must be deployed with the fastest deployment policy there is. Which policy should be used?\n" +
	"\n" +
	"A. Rolling with additional batch\nB. Immutable\nC. All at once\nD. Traffic splitting\n\n"

// TestPracticeSessionManners: issue 17.7 in a session read from a pipe:
// the empty line before the options does not split the question, and
// exit and quit leave.
func TestPracticeSessionManners(t *testing.T) {
	tests := []struct {
		name  string
		stdin string
		slow  bool
	}{
		{"paste-blank-before-options", gapPaste, false},
		{"exit", "warm pool\nexit\nlifecycle hook\n", false},
		{"quit", "quit\nwarm pool\n", false},
		{"stem-then-question", "Which Elastic Beanstalk deployment policy is the fastest one to use?\n\nwarm pool\n", false},
		// Pasted without bracketed paste and arriving a line at a time,
		// the stem is asked alone as it arrives; the options after it
		// are checked against it.
		{"stem-asked-then-options", "fastest deployment policy?\nA. Immutable\nB. All at once\n\n", true},
		// Arriving at once, the options are read with the short stem,
		// which is not answered alone first (trial 14).
		{"stem-with-options-at-once", "fastest deployment policy?\nA. Immutable\nB. All at once\n\n", false},
		{"stem-gap-options-at-once", "fastest deployment policy?\n\nA. Immutable\nB. All at once\n\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := transcript{args: []string{"practice", "-n", "1", "--notes", checkNotes}, stdin: tt.stdin, slow: tt.slow}
			code, out, errOut := tr.run(t)
			checkGolden(t, filepath.Join("..", "check", "practice-"+tt.name+".golden"), formatTranscript(code, out, errOut))
		})
	}
}

// TestPracticeOnATerminal: Ctrl-D leaves the prompt's line before crib
// exits, and the banner wraps at words at 80 columns.
func TestPracticeOnATerminal(t *testing.T) {
	var out, errOut bytes.Buffer
	ios := &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, InTTY: true, Width: 80, Getenv: func(string) string { return "" }}
	opts := newPracticeOptions(ios)
	opts.Source, opts.Lines = sourceOptions{Notes: []string{checkNotes}, Color: "never"}, &scripted{lines: []any{io.EOF}}
	if err := practiceRun(opts); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(errOut.String(), "\n")
	if len(lines) < 3 || lines[len(lines)-1] != "" || lines[len(lines)-2] != "" {
		t.Errorf("stderr %q: want the banner, then a newline for Ctrl-D", errOut.String())
	}
	for _, l := range lines {
		if textWidth(l) > 80 {
			t.Errorf("banner line %q is wider than 80 columns", l)
		}
	}
	// Broken only between words: joined with spaces, it reads whole.
	if joined := strings.Join(lines[:len(lines)-2], " "); !strings.Contains(joined, "Ask away, or paste a whole exam question. :help for commands, Ctrl-D or exit quits.") {
		t.Errorf("banner breaks mid-word: %q", lines)
	}
}
