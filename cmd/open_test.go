package cmd

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crib-dev/crib/search"
)

// fakeEditor writes a script that records its arguments, one a line, and
// returns its path and the file it writes.
func fakeEditor(t *testing.T, dir, name string) (string, string) {
	t.Helper()
	out := filepath.Join(dir, name+".args")
	script := filepath.Join(dir, name)
	body := "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done > " + out + "\n"
	if err := os.WriteFile(script, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	return script, out
}

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	editor, editorArgs := fakeEditor(t, dir, "editor")
	visual, visualArgs := fakeEditor(t, dir, "visual")
	tests := []struct {
		name     string
		args     []string
		env      map[string]string
		code     int
		argsFile string
		want     string // what the editor was given, or the error
	}{
		{"first result", []string{"--notes", testTree, "--open", "immutable deployment"}, map[string]string{"EDITOR": editor}, ExitFound, editorArgs, "+11\ntestdata/tree/aws/deploy.md\n"},
		{"result n after a bare --open", []string{"--notes", testTree, "--open", "2", "canary deployment"}, map[string]string{"EDITOR": editor}, ExitFound, editorArgs, "+9\ntestdata/tree/k8s/deploy.md\n"},
		{"--open=n", []string{"--notes", testTree, "--open=2", "canary", "deployment"}, map[string]string{"EDITOR": editor}, ExitFound, editorArgs, "+9\ntestdata/tree/k8s/deploy.md\n"},
		{"VISUAL beats EDITOR, with its own flags", []string{"--notes", testTree, "--open", "immutable"}, map[string]string{"EDITOR": editor, "VISUAL": visual + " -w"}, ExitFound, visualArgs, "-w\n+11\ntestdata/tree/aws/deploy.md\n"},
		{"no editor", []string{"--notes", testTree, "--open", "immutable"}, nil, ExitError, "", "crib: cannot open testdata/tree/aws/deploy.md:11: set $VISUAL or $EDITOR to your editor\n"},
		{"--open 0 as --open=0", []string{"--notes", testTree, "--open", "0", "immutable", "deployment"}, map[string]string{"EDITOR": editor}, ExitError, "", "crib: invalid --open 0: want 1 or more\n"},
		{"--open=0", []string{"--notes", testTree, "--open=0", "immutable", "deployment"}, map[string]string{"EDITOR": editor}, ExitError, "", "crib: invalid --open 0: want 1 or more\n"},
		{"past the results", []string{"--notes", testTree, "--open=3", "immutable"}, map[string]string{"EDITOR": editor}, ExitError, "", "crib: cannot open result 3: only 1 note matched\n"},
		{"built-in notes", []string{"--open", "codedeploy lifecycle hooks"}, map[string]string{"EDITOR": editor}, ExitError, "", "crib: cannot open crib:"},
		{"nothing matched", []string{"--notes", testTree, "--open", "zebra"}, map[string]string{"EDITOR": editor}, ExitNotFound, "", "crib: no note covers \"zebra\"; no note mentions \"zebra\"\n"},
		{"not covered: no weak guess opened", []string{"--notes", testTree, "--open", "immutable", "sourdough", "hydration", "starter"}, map[string]string{"EDITOR": editor}, ExitNotFound, "", "crib: no note covers \"immutable sourdough hydration starter\"; no note mentions \"hydration\", \"sourdough\", \"starter\"\n"},
		{"not with --json", []string{"--notes", testTree, "--open", "--json", "immutable"}, map[string]string{"EDITOR": editor}, ExitError, "", "crib: --open and --json do not go together"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			os.Remove(editorArgs)
			os.Remove(visualArgs)
			code, out, errOut := (transcript{args: tt.args, env: tt.env}).run(t)
			if code != tt.code || out != "" {
				t.Fatalf("exit %d, stdout %q, stderr %q; want exit %d and no output", code, out, errOut, tt.code)
			}
			if tt.argsFile == "" {
				if _, err := os.Stat(editorArgs); err == nil {
					t.Error("the editor was launched")
				}
				if !strings.HasPrefix(errOut, tt.want) {
					t.Errorf("stderr %q, want it to start %q", errOut, tt.want)
				}
				return
			}
			got, err := os.ReadFile(tt.argsFile)
			if err != nil || string(got) != tt.want {
				t.Errorf("editor got %q (%v), want %q", got, err, tt.want)
			}
		})
	}
}

func TestHyperlinks(t *testing.T) {
	cwd, _ := os.Getwd()
	link := "\x1b]8;;file://" + filepath.ToSlash(filepath.Join(cwd, testTree, "aws/deploy.md")) + "\x1b\\testdata/tree/aws/deploy.md:11\x1b]8;;\x1b\\"
	tests := []struct {
		name string
		tr   transcript
		want bool
	}{
		{"terminal", transcript{args: []string{"--notes", testTree, "immutable"}, tty: true, env: map[string]string{"TERM": "xterm-256color"}}, true},
		{"color never", transcript{args: []string{"--notes", testTree, "--color", "never", "immutable"}, tty: true, env: map[string]string{"TERM": "xterm-256color"}}, false},
		{"NO_COLOR", transcript{args: []string{"--notes", testTree, "immutable"}, tty: true, env: map[string]string{"TERM": "xterm-256color", "NO_COLOR": "1"}}, false},
		{"piped, colour forced", transcript{args: []string{"--notes", testTree, "--color", "always", "immutable"}, env: map[string]string{"TERM": "xterm-256color"}}, false},
		{"dumb terminal", transcript{args: []string{"--notes", testTree, "immutable"}, tty: true, env: map[string]string{"TERM": "dumb"}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, _ := tt.tr.run(t)
			if code != ExitFound {
				t.Fatalf("exit %d", code)
			}
			if got := strings.Contains(out, link); got != tt.want {
				t.Errorf("link shown: %v, want %v; output:\n%q", got, tt.want, out)
			}
			if !tt.want && strings.Contains(out, "\x1b]8;") {
				t.Errorf("an OSC 8 escape where none belongs:\n%q", out)
			}
		})
	}
}

// TestOpenNothing: with no result to open, crib says so piped as well as
// on a terminal (review 8 saw a silent exit 1 when stderr was piped).
func TestOpenNothing(t *testing.T) {
	var errOut bytes.Buffer
	o := &AskOptions{IO: &IOStreams{ErrOut: &errOut}, Question: "zebra", Open: 1}
	if err := o.openResult(&search.Answer{}); err != errNotFound {
		t.Errorf("error %v, want errNotFound", err)
	}
	if want := "crib: no notes match \"zebra\"\n"; errOut.String() != want {
		t.Errorf("stderr %q, want %q", errOut.String(), want)
	}
}
