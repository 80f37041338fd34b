package cmd

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// failingWriter fails every write with err, as stdout does on a full
// disk (/dev/full) or a closed pipe.
type failingWriter struct{ err error }

func (f failingWriter) Write([]byte) (int, error) { return 0, f.err }

// runFailingOut runs crib with stdout failing with errno, and returns the
// exit status and stderr.
func runFailingOut(t *testing.T, errno syscall.Errno, tr transcript) (int, string) {
	t.Helper()
	var errOut bytes.Buffer
	env := map[string]string{"HOME": t.TempDir(), "XDG_CACHE_HOME": seededCache(t), "XDG_CONFIG_HOME": t.TempDir()}
	ios := &IOStreams{
		In:  strings.NewReader(tr.stdin),
		Out: failingWriter{&os.PathError{Op: "write", Path: "/dev/stdout", Err: errno}}, ErrOut: &errOut,
		OutTTY: tr.tty, Width: 80,
		Getenv: func(k string) string { return env[k] },
	}
	return Run(ios, tr.args), errOut.String()
}

// TestWriteErrors: a write error on stdout (a full disk) is one crib: line
// and exit 2 whatever the output (plain, terminal, service, check, JSON);
// review 8 saw exit 0 and nothing said. A closed pipe stays quiet, as
// for grep.
func TestWriteErrors(t *testing.T) {
	const full = "crib: write /dev/stdout: no space left on device\n"
	tests := []struct {
		name string
		tr   transcript
	}{
		{"plain", transcript{args: []string{"--notes", testTree, "deployment"}}},
		{"terminal", transcript{args: []string{"--notes", testTree, "deployment"}, tty: true}},
		{"json", transcript{args: []string{"--notes", testTree, "--json", "deployment"}}},
		{"service", transcript{args: []string{"service", "--notes", testNotes, "cloudwatch events"}}},
		{"check", transcript{args: []string{"check", "--notes", checkNotes}, stdin: checkStdin(t, "fastest.txt")}},
	}
	for _, tt := range tests {
		t.Run(tt.name+" full disk", func(t *testing.T) {
			if code, errOut := runFailingOut(t, syscall.ENOSPC, tt.tr); code != ExitError || errOut != full {
				t.Errorf("exit %d, stderr %q; want exit %d, stderr %q", code, errOut, ExitError, full)
			}
		})
		// A reader that went away: quiet, and the exit status a
		// working stdout gives (review 9: only stderr was checked).
		t.Run(tt.name+" closed pipe", func(t *testing.T) {
			want, _, _ := tt.tr.run(t)
			if code, errOut := runFailingOut(t, syscall.EPIPE, tt.tr); code != want || errOut != "" {
				t.Errorf("exit %d, stderr %q; want exit %d, stderr nothing", code, errOut, want)
			}
		})
	}
}

// TestPagerMissing: a pager that does not exist is named once on stderr
// and the report is written directly; review 8 saw crib service's report
// lost in a closed pipe, exit 0.
func TestPagerMissing(t *testing.T) {
	var out, errOut bytes.Buffer
	ios := &IOStreams{Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" }}
	w, wait := ios.runPager("nosuchpager-crib -R", true)
	if _, err := io.WriteString(w, "report\n"); err != nil {
		t.Fatal(err)
	}
	wait()
	if out.String() != "report\n" {
		t.Errorf("stdout %q, want the report", out.String())
	}
	if want := "crib: warning: pager \"nosuchpager-crib\" not found; printing directly (set PAGER or CRIB_PAGER)\n"; errOut.String() != want {
		t.Errorf("stderr %q, want %q", errOut.String(), want)
	}
}

// TestPagerNotRunByTheShell: a pager command line the shell cannot run
// (exit 127) leaves the report to be printed directly, and one that ran
// does not print it twice (review 9 #2: "~/bin/pg" and "exec less" were
// refused by name though the shell runs them; now the shell judges).
func TestPagerNotRunByTheShell(t *testing.T) {
	for pager, want := range map[string]string{
		"exec nosuchpager-crib":   "report\n",
		"~/nosuchpager-crib":      "report\n",
		"exec cat >/dev/null":     "",
		"X=1 exec cat >/dev/null": "",
	} {
		t.Run(pager, func(t *testing.T) {
			var out bytes.Buffer
			ios := &IOStreams{Out: &out, ErrOut: io.Discard, Getenv: func(string) string { return "" }}
			w, wait := ios.runPager(pager+" 2>/dev/null", true)
			io.WriteString(w, "report\n")
			wait()
			if out.String() != want {
				t.Errorf("stdout %q, want %q", out.String(), want)
			}
		})
	}
}

func TestPagerProgram(t *testing.T) {
	for pager, want := range map[string]string{
		"less":           "less",
		"  less -R ":     "less",
		"LESS=R less -S": "less",
		"nosuchpager":    "nosuchpager",
		`"$HOME/bin/p"`:  "",
		"":               "",
		"~/bin/pg":       "",
		"/usr/bin/less":  "",
		"exec less":      "",
		"command less":   "",
		"X=1 exec less":  "",
	} {
		if got := pagerProgram(pager); got != want {
			t.Errorf("pagerProgram(%q) = %q, want %q", pager, got, want)
		}
	}
}

// TestStdinWaiting: stdin counts as holding a question only when bytes
// are there to read now; an open pipe no one writes to is not waited on.
func TestStdinWaiting(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	ios := &IOStreams{In: r}
	done := make(chan bool)
	go func() { done <- ios.stdinWaiting() }()
	select {
	case got := <-done:
		if got {
			t.Error("an empty open pipe holds input")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("stdinWaiting waited on an empty open pipe")
	}
	if _, ok := pendingBytes(r); !ok {
		t.Skip("this system cannot tell what a pipe holds without reading it")
	}
	w.WriteString("warm pool\n")
	if !ios.stdinWaiting() {
		t.Error("a pipe holding a question holds no input")
	}
	if (&IOStreams{In: r, InTTY: true}).stdinWaiting() {
		t.Error("a terminal counts as piped input")
	}
	file := filepath.Join(t.TempDir(), "questions.txt")
	if err := os.WriteFile(file, []byte("warm pool\nblue green\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if (&IOStreams{In: f}).stdinWaiting() {
		t.Error("a regular file (crib words < file) counts as piped input")
	}
}
