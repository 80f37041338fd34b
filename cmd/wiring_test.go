package cmd

import (
	"bytes"
	"strings"
	"testing"
)

// TestInteractiveNoCache: crib -i takes every flag of the root command,
// --no-cache included, as crib practice does.
func TestInteractiveNoCache(t *testing.T) {
	for _, args := range [][]string{{"-i", "--no-cache"}, {"practice", "--no-cache"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			cache := t.TempDir()
			tr := transcript{args: append(args, "--notes", checkNotes), stdin: "warm pool\n", env: map[string]string{"XDG_CACHE_HOME": cache}}
			if code, out, errOut := tr.run(t); code != ExitFound || !strings.Contains(out, "warm pool") {
				t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
			}
			if gens := generations(t, cache); len(gens) != 0 {
				t.Errorf("--no-cache wrote %q", gens)
			}
		})
	}
	cache := t.TempDir()
	tr := transcript{args: []string{"-i", "--notes", checkNotes}, stdin: "warm pool\n", env: map[string]string{"XDG_CACHE_HOME": cache}}
	tr.run(t)
	if gens := generations(t, cache); len(gens) != 1 {
		t.Errorf("crib -i without --no-cache: cache holds %q, want one generation", gens)
	}
}

// TestColorWhenPiped: colour follows --color, then NO_COLOR, then
// CLICOLOR_FORCE, then whether stdout is a terminal, the same for every
// command; forced colour brings the terminal layout with it.
func TestColorWhenPiped(t *testing.T) {
	commands := map[string]transcript{
		"ask":     {args: []string{"--notes", testNotes, "-n", "1", "asg"}},
		"check":   {args: []string{"check", "--notes", checkNotes}, stdin: "Which policy is fastest?\nA. Immutable\nB. All at once\n"},
		"service": {args: []string{"service", "--notes", testNotes, "sns"}},
	}
	tests := []struct {
		name  string
		flags []string
		env   map[string]string
		color bool
	}{
		{"plain by default", nil, nil, false},
		{"CLICOLOR_FORCE", nil, map[string]string{"CLICOLOR_FORCE": "1"}, true},
		{"CLICOLOR_FORCE=0", nil, map[string]string{"CLICOLOR_FORCE": "0"}, false},
		{"NO_COLOR beats CLICOLOR_FORCE", nil, map[string]string{"NO_COLOR": "1", "CLICOLOR_FORCE": "1"}, false},
		{"--color never beats CLICOLOR_FORCE", []string{"--color", "never"}, map[string]string{"CLICOLOR_FORCE": "1"}, false},
		{"--color always beats NO_COLOR", []string{"--color", "always"}, map[string]string{"NO_COLOR": "1"}, true},
	}
	for name, cmd := range commands {
		for _, tt := range tests {
			t.Run(name+"/"+tt.name, func(t *testing.T) {
				tr := cmd
				tr.args = append(append([]string(nil), cmd.args...), tt.flags...)
				tr.env = tt.env
				code, out, errOut := tr.run(t)
				if code != ExitFound {
					t.Fatalf("exit %d, stderr:\n%s", code, errOut)
				}
				if got := strings.Contains(out, "\x1b["); got != tt.color {
					t.Errorf("colour %v, want %v:\n%q", got, tt.color, out)
				}
			})
		}
	}
}

// TestUsageErrors: errors in how crib was called point to --help; other
// errors, such as a missing file whose name happens to hold "requires ",
// do not.
func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		usage bool
	}{
		{"missing synonyms file", []string{"--notes", testNotes, "--synonyms", "x/requires y", "sns"}, false},
		{"missing notes", []string{"--notes", "no/such/place", "accepts invalid argument"}, false},
		{"unknown flag", []string{"--frobnicate", "sns"}, true},
		{"flag without its value", []string{"sns", "--limit"}, true},
		{"bad flag value", []string{"-n", "many", "sns"}, true},
		{"completion without a shell", []string{"completion"}, true},
		{"completion for an unknown shell", []string{"completion", "tcsh"}, true},
		{"-i with a question", []string{"-i", "sns"}, true},
		{"a question's flag given to check", []string{"check", "--explain", "--notes", checkNotes}, true},
		{"a question's shorthand given to check", []string{"-n", "2", "check", "--notes", checkNotes, "Which runs code?", "A. Lambda", "B. EC2"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := transcript{args: tt.args}.run(t)
			if code != ExitError || !strings.HasPrefix(errOut, "crib: ") {
				t.Fatalf("exit %d, stderr %q; want exit %d and a crib: line", code, errOut, ExitError)
			}
			if strings.Contains(errOut, "--explain") && !strings.Contains(errOut, "crib check has no --explain") {
				t.Errorf("stderr %q does not say that check has no --explain", errOut)
			}
			if strings.Contains(errOut, "'n'") && !strings.Contains(errOut, "crib check has no -n") {
				t.Errorf("stderr %q does not say that check has no -n", errOut)
			}
			if got := strings.Contains(errOut, "\nRun 'crib") && strings.Contains(errOut, " --help' for usage."); got != tt.usage {
				t.Errorf("usage hint %v, want %v; stderr:\n%s", got, tt.usage, errOut)
			}
		})
	}
}

// TestBareCribOnATerminal: crib with no question opens the prompt when
// both ends are a terminal, and asks for a question otherwise (a script
// that forgot its question must not hang at a prompt).
func TestBareCribOnATerminal(t *testing.T) {
	tests := []struct {
		name          string
		inTTY, outTTY bool
		code          int
		want          string // in stdout or stderr
	}{
		{"terminal", true, true, ExitFound, "Ask away"},
		{"output piped", true, false, ExitError, "no question given"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			env := map[string]string{"HOME": t.TempDir(), "XDG_CACHE_HOME": t.TempDir(), "XDG_CONFIG_HOME": t.TempDir()}
			ios := &IOStreams{In: strings.NewReader("warm pool\n"), Out: &out, ErrOut: &errOut, InTTY: tt.inTTY, OutTTY: tt.outTTY, Width: 80,
				Getenv: func(k string) string { return env[k] }}
			code := Run(ios, []string{"--notes", checkNotes, "--color", "never"})
			if code != tt.code || !strings.Contains(out.String()+errOut.String(), tt.want) {
				t.Errorf("exit %d, want %d with %q\nstdout:\n%s\nstderr:\n%s", code, tt.code, tt.want, out.String(), errOut.String())
			}
		})
	}
}
