package cmd

import (
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
// (review 8: PAGER=nosuchpager lost crib service's report, exit 0); so
// the pager's program is looked up first, and when it is missing crib
// says so once and writes directly: once only when the user chose the
// pager (chosen); a system without less just gets the report unpaged.
func (ios *IOStreams) runPager(pager string, chosen bool) (io.Writer, func()) {
	none := func() {}
	if prog := pagerProgram(pager); prog != "" {
		if _, err := exec.LookPath(prog); err != nil {
			if !chosen {
				return ios.Out, none
			}
			ios.Warnf("pager %q not found; printing directly (set PAGER or CRIB_PAGER)", prog)
			return ios.Out, none
		}
	}
	cmd := exec.Command("/bin/sh", "-c", pager)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	cmd.Env = os.Environ()
	if ios.Getenv("LESS") == "" {
		cmd.Env = append(cmd.Env, "LESS=FRX")
	}
	if ios.Getenv("LV") == "" {
		cmd.Env = append(cmd.Env, "LV=-c")
	}
	in, err := cmd.StdinPipe()
	if err != nil {
		return ios.Out, none
	}
	if err := cmd.Start(); err != nil {
		return ios.Out, none
	}
	return in, func() {
		in.Close()
		cmd.Wait()
	}
}

// pagerProgram is the program a pager command line runs: its first word
// after any NAME=value settings ("LESS=R less -S" runs less), or "" when
// it cannot tell (a word in quotes or with a shell expansion: the shell
// is left to judge those).
func pagerProgram(pager string) string {
	for _, w := range strings.Fields(pager) {
		if strings.ContainsAny(w, "'\"\\$`(){};|&<>*?") {
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
