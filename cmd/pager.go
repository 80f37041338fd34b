package cmd

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"strings"
)

// startPager pages what is written to the returned writer through
// $CRIB_PAGER, else $PAGER, else less, as git does: only when stdout is
// this process's own terminal (never when piped, nor in tests), with
// LESS=FRX unless LESS is set, so a report that fits on the screen just
// prints. An empty pager or "cat" turns paging off. The returned function
// waits for the pager to finish.
func (ios *IOStreams) startPager() (io.Writer, func()) {
	none := func() {}
	if !ios.OutTTY || !ios.isStdout() {
		return ios.Out, none
	}
	pager, set := "", false
	for _, k := range []string{"CRIB_PAGER", "PAGER"} {
		if v, ok := lookupEnv(ios, k); ok {
			pager, set = v, true
			break
		}
	}
	if !set {
		pager = "less"
	}
	if p := strings.TrimSpace(pager); p == "" || p == "cat" {
		return ios.Out, none
	}
	return ios.runPager(pager, set)
}

// runPager starts pager through /bin/sh and returns the writer to its
// input and the function that waits for it. The shell starts even when
// the pager does not exist, and the report then went into a closed pipe
// (review 8: PAGER=nosuchpager lost crib service's report, exit 0). So a
// plain command name that is surely missing is named once and the report
// written directly (named only when the user chose the pager: a system
// without less just gets the report unpaged); anything else the shell
// judges (review 9: "~/bin/pg", "exec less"), and when it exits 127, the
// shell's "not found", the report is printed directly after all.
func (ios *IOStreams) runPager(pager string, chosen bool) (io.Writer, func()) {
	none := func() {}
	if prog := pagerProgram(pager); prog != "" {
		if _, err := exec.LookPath(prog); err != nil {
			if chosen {
				ios.Warnf("pager %q not found; printing directly (set PAGER or CRIB_PAGER)", prog)
			}
			return ios.Out, none
		}
	}
	cmd := exec.Command("/bin/sh", "-c", pager)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	cmd.Env = pagerEnv(ios)
	in, err := cmd.StdinPipe()
	if err != nil {
		return ios.Out, none
	}
	if err := cmd.Start(); err != nil {
		return ios.Out, none
	}
	w := &pagerInput{in: in}
	return w, func() {
		in.Close()
		var exit *exec.ExitError
		if err := cmd.Wait(); errors.As(err, &exit) && exit.ExitCode() == 127 {
			ios.Out.Write(w.report.Bytes())
		}
	}
}

// pagerEnv is crib's environment for the pager: LESS=FRX and LV=-c
// unless the user set them.
func pagerEnv(ios *IOStreams) []string {
	env := os.Environ()
	if ios.Getenv("LESS") == "" {
		env = append(env, "LESS=FRX")
	}
	if ios.Getenv("LV") == "" {
		env = append(env, "LV=-c")
	}
	return env
}

// pagerInput writes the report to the pager and keeps a copy, to print
// directly if the shell could not run the pager. A write after the pager
// quit is not an error: the user has read enough.
type pagerInput struct {
	in     io.Writer
	report bytes.Buffer
}

func (p *pagerInput) Write(b []byte) (int, error) {
	p.report.Write(b)
	p.in.Write(b)
	return len(b), nil
}

// shellWords are builtins and keywords that may open a pager command
// line; LookPath cannot find them, yet the shell runs them.
var shellWords = map[string]bool{
	"exec": true, "command": true, "builtin": true, "eval": true, ".": true,
	"if": true, "while": true, "until": true, "for": true, "case": true,
	"!": true, "{": true, "time": true,
}

// pagerProgram is the program a pager command line runs, when it is a
// plain command name that LookPath can judge: its first word after any
// NAME=value settings ("LESS=R less -S" runs less). It is "" when it
// cannot tell, and the shell is left to judge: a word in quotes or with
// a shell expansion, a path (a "~" the shell expands; a "/"), or a
// shell builtin or keyword ("exec less").
func pagerProgram(pager string) string {
	for _, w := range strings.Fields(pager) {
		if strings.ContainsAny(w, "'\"\\$`(){};|&<>*?~/") || shellWords[w] {
			return ""
		}
		if i := strings.IndexByte(w, '='); i > 0 {
			continue
		}
		return w
	}
	return ""
}

// lookupEnv tells a variable set to "" from one not set; ios.Getenv
// cannot, so an empty value counts as set only for the process's own
// environment.
func lookupEnv(ios *IOStreams, k string) (string, bool) {
	if v := ios.Getenv(k); v != "" {
		return v, true
	}
	if ios.isStdout() {
		return os.LookupEnv(k)
	}
	return "", false
}
