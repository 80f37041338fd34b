package cmd

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/peterh/liner"
)

func TestPracticeTranscripts(t *testing.T) {
	// A terminal that marks pastes hands one line, breaks as lineBreak;
	// elsewhere the lines come one by one and an empty line ends them.
	marked := strings.ReplaceAll(strings.TrimSpace(checkStdin(t, "fastest.txt")), "\n", lineBreak)
	plain := checkStdin(t, "stem-list.txt")
	tests := []struct {
		name  string
		args  []string
		stdin string
		tty   bool
	}{
		{"session", []string{"practice"}, ":help\n:n 1\nwarm pool\n:explain\n:explain\n:n zero\n:bogus\n" + marked + "\n" + plain + "\nlifecycle hook\n:q\nnot read\n", false},
		{"session-terminal", []string{"practice", "-n", "1"}, "warm pool\n" + marked + "\n", true},
		{"interactive-flag", []string{"-i", "-n", "1"}, "warm pool\nzebra\n", false},
		{"paste-ends-at-eof", []string{"practice"}, plain, false},
		{"paste-with-choose-two", []string{"practice"}, checkStdin(t, "choose-two.txt") + "\n", false},
		{"interactive-with-question", []string{"-i", "warm", "pool"}, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := transcript{args: append(tt.args, "--notes", checkNotes), stdin: tt.stdin, tty: tt.tty}
			code, out, errOut := tr.run(t)
			checkGolden(t, filepath.Join("..", "check", "practice-"+tt.name+".golden"), formatTranscript(code, out, errOut))
		})
	}
}

func TestPasteFilter(t *testing.T) {
	tests := []struct {
		name   string
		chunks []string // as the terminal's reads return them
		want   string
	}{
		{"typing passes", []string{"warm pool\r"}, "warm pool\r"},
		{"paste becomes one line", []string{pasteStart + "Which?\r\nA. x\nB. y\r" + pasteEnd + "\r"}, "Which?↵A. x↵B. y↵\r"},
		{"bracket split across reads", []string{"\x1b[20", "0~Which?\nA. x\x1b[2", "01~\r"}, "Which?↵A. x\r"},
		{"arrow keys pass", []string{"\x1b[A\r"}, "\x1b[A\r"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := io.ReadAll(&pasteFilter{r: &chunked{chunks: tt.chunks}})
			if err != nil || string(got) != tt.want {
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

// chunked returns one chunk per Read, as a terminal does.
type chunked struct{ chunks []string }

func (c *chunked) Read(p []byte) (int, error) {
	if len(c.chunks) == 0 {
		return 0, io.EOF
	}
	n := copy(p, c.chunks[0])
	c.chunks = c.chunks[1:]
	return n, nil
}

// scripted is a lineReader that plays back lines and errors, as a person
// at a terminal would type them, and runs funcs between them (an edit of
// the notes while the session waits).
type scripted struct {
	lines   []any // string, error or func()
	prompts []string
	history []string
}

func (s *scripted) Prompt(p string) (string, error) {
	s.prompts = append(s.prompts, p)
	for len(s.lines) > 0 {
		if f, ok := s.lines[0].(func()); ok {
			f()
			s.lines = s.lines[1:]
			continue
		}
		break
	}
	if len(s.lines) == 0 {
		return "", io.EOF
	}
	next := s.lines[0]
	s.lines = s.lines[1:]
	if err, ok := next.(error); ok {
		return "", err
	}
	return next.(string), nil
}

func (s *scripted) AppendHistory(e string) { s.history = append(s.history, e) }
func (s *scripted) Close() error           { return nil }

func runScripted(t *testing.T, lines ...any) (*scripted, string, string) {
	t.Helper()
	return runScriptedOn(t, checkNotes, lines...)
}

func runScriptedOn(t *testing.T, notes string, lines ...any) (*scripted, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	ios := &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" }}
	lr := &scripted{lines: lines}
	opts := newPracticeOptions(ios)
	opts.Source, opts.Limit, opts.Lines = sourceOptions{Notes: []string{notes}, Color: "never"}, 1, lr
	if err := practiceRun(opts); err != nil {
		t.Fatal(err)
	}
	return lr, out.String(), errOut.String()
}

func TestPracticeCtrlCDropsThePendingQuestion(t *testing.T) {
	lr, out, _ := runScripted(t, "Which Elastic Beanstalk deployment policy is the fastest one?", errInterrupt, "warm pool", io.EOF)
	if strings.Contains(out, "All at once") || !strings.Contains(out, "warm pool") {
		t.Errorf("output:\n%s", out)
	}
	if want := []string{"crib> ", "  ... ", "crib> ", "crib> "}; strings.Join(lr.prompts, "|") != strings.Join(want, "|") {
		t.Errorf("prompts %q, want %q", lr.prompts, want)
	}
}

// TestPracticeSeesEditedNotes edits a note between two questions: the
// second answer quotes the note as it is now (review 8, finding 3).
func TestPracticeSeesEditedNotes(t *testing.T) {
	note := filepath.Join(t.TempDir(), "a.md")
	write := func(text string) {
		if err := os.WriteFile(note, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("# Streams\n\n- kinesis shard alpha\n")
	_, out, _ := runScriptedOn(t, note, "kinesis shard", func() { write("# Streams\n\n- kinesis shard bravo rewritten\n") }, "kinesis shard", io.EOF)
	if !strings.Contains(out, "alpha") || !strings.Contains(out, "bravo rewritten") {
		t.Errorf("want the note before and after the edit, got:\n%s", out)
	}
}

func TestPracticePasteIsOneHistoryEntry(t *testing.T) {
	lr, out, _ := runScripted(t, "Which Elastic Beanstalk deployment policy is the fastest?", "A. Immutable", "B. All at once", "", ":q")
	if !strings.HasPrefix(out, "B ") {
		t.Errorf("output:\n%s", out)
	}
	if want := "Which Elastic Beanstalk deployment policy is the fastest?↵A. Immutable↵B. All at once"; len(lr.history) != 1 || lr.history[0] != want {
		t.Errorf("history %q, want [%q]", lr.history, want)
	}
}

func TestWaitsForMore(t *testing.T) {
	tests := []struct {
		lines []string
		want  bool
	}{
		{[]string{"asg warm pool"}, false},
		{[]string{"how do I roll back?"}, false},
		{[]string{"Which deployment policy should the team use for the fastest deploys?"}, true},
		{[]string{"The company has these requirements:"}, true},
		{[]string{"A company runs a web application on Elastic Beanstalk and needs the fastest way to deploy:"}, true},
		{[]string{"Which services? (Choose two.)"}, true},
		{[]string{"A. Immutable"}, true},
		{[]string{"Which is fastest? A. Immutable B. All at once"}, false},
		{[]string{strings.Repeat("word ", 20)}, true},
		{[]string{"Which?", "A. x"}, true},
	}
	for _, tt := range tests {
		if got := waitsForMore(tt.lines); got != tt.want {
			t.Errorf("waitsForMore(%q) = %v, want %v", tt.lines, got, tt.want)
		}
	}
}

func TestHistoryPath(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"XDG_STATE_HOME": "/state", "HOME": "/home/me"}, "/state/crib/history"},
		{map[string]string{"HOME": "/home/me"}, "/home/me/.local/state/crib/history"},
		{map[string]string{}, ""},
	}
	for _, tt := range tests {
		ios := &IOStreams{Getenv: func(k string) string { return tt.env[k] }}
		if got := historyPath(ios); got != filepath.FromSlash(tt.want) {
			t.Errorf("historyPath(%v) = %q, want %q", tt.env, got, tt.want)
		}
	}
}

func TestHistorySavedOrWarnedOnce(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "file")
	os.WriteFile(blocker, nil, 0o644)
	tests := []struct {
		name, path, warning string
	}{
		{"saved in new folders", filepath.Join(dir, "state", "crib", "history"), ""},
		{"unwritable", filepath.Join(blocker, "crib", "history"), "crib: warning: cannot save history"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var errOut bytes.Buffer
			lr := &linerReader{st: liner.NewLiner(), ios: &IOStreams{ErrOut: &errOut}, path: tt.path}
			lr.AppendHistory("warm pool")
			lr.Close()
			if tt.warning == "" {
				data, err := os.ReadFile(tt.path)
				if err != nil || string(data) != "warm pool\n" {
					t.Errorf("history file %q, %v", data, err)
				}
			}
			if got := errOut.String(); (tt.warning == "") != (got == "") || !strings.HasPrefix(got, tt.warning) || strings.Count(got, "\n") > 1 {
				t.Errorf("stderr %q, want one line starting %q", got, tt.warning)
			}
		})
	}
}

func TestPracticeFlags(t *testing.T) {
	ios := &IOStreams{Getenv: func(string) string { return "" }}
	var got *PracticeOptions
	c := NewCmdPractice(ios, func(o *PracticeOptions) error { got = o; return nil })
	c.SetArgs([]string{"-n", "7", "--explain", "--notes", "a.md"})
	if err := c.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.Limit != 7 || !got.Explain || got.Source.Notes[0] != "a.md" {
		t.Errorf("parsed %+v", got)
	}
	c = NewCmdPractice(ios, func(*PracticeOptions) error { return nil })
	c.SetArgs([]string{"-n", "0"})
	c.SetOut(io.Discard)
	c.SetErr(io.Discard)
	if err := c.Execute(); err == nil {
		t.Error("-n 0 accepted")
	}
}

func TestCompletionScripts(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		t.Run(shell, func(t *testing.T) {
			code, out, errOut := transcript{args: []string{"completion", shell}}.run(t)
			if code != 0 || !strings.Contains(out, "crib") || errOut != "" {
				t.Errorf("exit %d, stderr %q, %d bytes of script", code, errOut, len(out))
			}
		})
	}
	if code, _, _ := (transcript{args: []string{"completion", "tcsh"}}).run(t); code != ExitError {
		t.Errorf("completion tcsh: exit %d, want %d", code, ExitError)
	}
}

// TestReplaceFile: the history is written whole or not at all (review 8
// #14): a write that fails halfway leaves the old file and no stray one.
func TestReplaceFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "history")
	if err := os.WriteFile(path, []byte("old entry\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	full := errors.New("no space left on device")
	err := replaceFile(path, func(w io.Writer) error {
		io.WriteString(w, "half")
		return full
	})
	got, _ := os.ReadFile(path)
	entries, _ := os.ReadDir(dir)
	if !errors.Is(err, full) || string(got) != "old entry\n" || len(entries) != 1 {
		t.Errorf("after a failed write: error %v, file %q, %d files in the folder; want the old file alone", err, got, len(entries))
	}
	if err := replaceFile(path, func(w io.Writer) error { _, err := io.WriteString(w, "new entry\n"); return err }); err != nil {
		t.Fatal(err)
	}
	got, _ = os.ReadFile(path)
	info, _ := os.Stat(path)
	if string(got) != "new entry\n" || info.Mode().Perm() != 0o600 {
		t.Errorf("after a write: file %q, mode %v", got, info.Mode().Perm())
	}
}

// TestNarrowTerminalStaysCooked: on a terminal the line editor cannot
// edit (too narrow, of unknown size 0x0, or a TERM liner does not
// support) crib reads cooked lines itself, so it neither turns on
// bracketed paste nor lets Ctrl-C kill it (trial 8 #8 for 0x0; review 9
// #1 for TERM=dumb, as Emacs M-x shell sets, unset TERM and cons25).
// It tests the choice, not a reader, so no goroutine is left reading the
// test binary's stdin.
func TestNarrowTerminalStaysCooked(t *testing.T) {
	for _, tc := range []struct {
		term  string
		width int
		edits bool
	}{
		{"xterm-256color", 80, true},
		{"xterm-256color", minEditWidth, true},
		{"xterm-256color", minEditWidth - 1, false},
		{"xterm-256color", 0, false},
		{"dumb", 80, false},
		{"", 80, false},
		{"cons25", 80, false},
	} {
		t.Run(fmt.Sprintf("TERM=%q width %d", tc.term, tc.width), func(t *testing.T) {
			t.Setenv("TERM", tc.term)
			if got := lineEditorFits(tc.width); got != tc.edits {
				t.Errorf("lineEditorFits = %v, want %v", got, tc.edits)
			}
		})
	}
}

// TestCookedReaderCtrlC: Ctrl-C at a cooked prompt clears the line, as
// the line editor's does, instead of ending crib.
func TestCookedReaderCtrlC(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	var out lockedBuffer
	c := newCookedReader(&IOStreams{In: r, Out: &out})
	defer c.Close()
	w.WriteString("warm pool\n")
	if line, err := c.Prompt("crib> "); line != "warm pool" || err != nil {
		t.Fatalf("first line %q, %v", line, err)
	}
	self, _ := os.FindProcess(os.Getpid())
	if err := self.Signal(os.Interrupt); err != nil {
		t.Skipf("cannot send Ctrl-C here: %v", err)
	}
	if _, err := c.Prompt("crib> "); !errors.Is(err, errInterrupt) {
		t.Errorf("after Ctrl-C: %v, want errInterrupt", err)
	}
	w.Close()
	if _, err := c.Prompt("crib> "); !errors.Is(err, io.EOF) {
		t.Errorf("at the end: %v, want io.EOF", err)
	}
	if got := out.String(); got != "crib> crib> \ncrib> " {
		t.Errorf("prompts %q", got)
	}
}

// TestPracticeWarnsOnce: a warning about the notes (here --exclude
// without --notes) is said when they open, not again before every
// question (review 9 #3: five times for three questions).
func TestPracticeWarnsOnce(t *testing.T) {
	tr := transcript{args: []string{"practice", "-n", "1", "--exclude", "x.md"}, stdin: "warm pool\nblue green\ncanary\n"}
	_, _, errOut := tr.run(t)
	if n := strings.Count(errOut, "--exclude applies to"); n != 1 {
		t.Errorf("the --exclude warning came %d times, want once:\n%s", n, errOut)
	}
}
