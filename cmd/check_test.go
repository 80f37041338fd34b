package cmd

import (
	"io"
	"os"
	"path/filepath"
	"testing"
)

const checkNotes = "testdata/check/notes.md"

// checkStdin reads a question file of testdata/check.
func checkStdin(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "check", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestCheckTranscripts(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		stdin string // a file of testdata/check
		tty   bool
	}{
		{"terminal", nil, "fastest.txt", true},
		{"piped", nil, "fastest.txt", false},
		{"json", []string{"--json"}, "fastest.txt", false},
		{"choose-two", nil, "choose-two.txt", true},
		{"choose-two-piped", nil, "choose-two.txt", false},
		{"stem-list", nil, "stem-list.txt", true},
		{"args-lines", []string{"Which Elastic Beanstalk policy is fastest?", "A. Immutable", "B. All at once"}, "", false},
		{"args-inline", []string{"Which", "policy", "is", "fastest?", "A.", "Immutable", "B.", "All", "at", "once"}, "", false},
		{"no-evidence", nil, "no-evidence.txt", true},
		{"off-topic", nil, "off-topic.txt", false},
		{"no-options", nil, "no-options.txt", false},
		{"empty-input", nil, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := transcript{args: append([]string{"check", "--notes", checkNotes}, tt.args...), tty: tt.tty}
			if tt.stdin != "" {
				tr.stdin = checkStdin(t, tt.stdin)
			}
			code, out, errOut := tr.run(t)
			// checkGolden reads testdata/golden/<name>; check's files live
			// in testdata/check.
			checkGolden(t, filepath.Join("..", "check", tt.name+".golden"), formatTranscript(code, out, errOut))
		})
	}
}

func TestCheckExitCodes(t *testing.T) {
	tests := []struct {
		name  string
		stdin string
		want  int
	}{
		{"evidence found", "fastest.txt", ExitFound},
		{"no evidence for any option", "no-evidence.txt", ExitNotFound},
		{"a stem the notes do not cover", "off-topic.txt", ExitNotFound},
		{"no options recognised", "no-options.txt", ExitError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := transcript{args: []string{"check", "--notes", checkNotes}, stdin: checkStdin(t, tt.stdin)}
			if code, _, errOut := tr.run(t); code != tt.want {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.want, errOut)
			}
		})
	}
}

func TestCheckFlags(t *testing.T) {
	ios := &IOStreams{Getenv: func(string) string { return "" }}
	var got *CheckOptions
	c := NewCmdCheck(ios, func(o *CheckOptions) error { got = o; return nil })
	c.SetArgs([]string{"--json", "--notes", "a.md", "--color", "never", "Which?", "A. x", "B. y"})
	if err := c.Execute(); err != nil {
		t.Fatal(err)
	}
	if !got.JSON || got.Text != "Which?\nA. x\nB. y" || got.Source.Notes[0] != "a.md" || got.Source.Color != "never" {
		t.Errorf("parsed %+v", got)
	}
}

func TestCheckNeedsAQuestionOnATerminal(t *testing.T) {
	ios := &IOStreams{InTTY: true, Getenv: func(string) string { return "" }}
	c := NewCmdCheck(ios, func(*CheckOptions) error { t.Error("ran without a question"); return nil })
	c.SetArgs(nil)
	c.SetOut(io.Discard)
	c.SetErr(io.Discard)
	if err := c.Execute(); err == nil {
		t.Error("no error for a missing question")
	}
}
