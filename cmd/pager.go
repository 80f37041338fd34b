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
