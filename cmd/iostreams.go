package cmd

import (
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"
)

// IOStreams are the streams a command reads and writes, and what is known
// about the terminal behind them.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	OutTTY   bool // stdout is a terminal
	ErrTTY   bool // stderr is a terminal
	InTTY    bool // stdin is a terminal
	Width    int  // terminal columns, 0 when unknown
	Getenv   func(string) string
	LookupWD func() (string, error)
	// Styler, when set, styles all output instead of the styler chosen from
	// --color and the terminal (golden tests use a tag styler).
	Styler Styler
}

// System returns the process's own streams.
func System() *IOStreams {
	ios := &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, Getenv: os.Getenv, LookupWD: os.Getwd}
	ios.OutTTY = term.IsTerminal(int(os.Stdout.Fd()))
	ios.ErrTTY = term.IsTerminal(int(os.Stderr.Fd()))
	ios.InTTY = term.IsTerminal(int(os.Stdin.Fd()))
	if ios.OutTTY {
		if w, _, err := term.GetSize(int(os.Stdout.Fd())); err == nil {
			ios.Width = w
		}
	}
	return ios
}

// Warnf prints one warning line to stderr.
func (ios *IOStreams) Warnf(format string, args ...any) {
	fmt.Fprintf(ios.ErrOut, "crib: warning: "+format+"\n", args...)
}

// ColorEnabled decides whether to colour stdout: an explicit --color
// always|never wins; under auto, NO_COLOR turns colour off, CLICOLOR_FORCE
// turns it on, and otherwise colour follows whether stdout is a terminal.
func (ios *IOStreams) ColorEnabled(mode string) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	if ios.Getenv("NO_COLOR") != "" {
		return false
	}
	if f := ios.Getenv("CLICOLOR_FORCE"); f != "" && f != "0" {
		return true
	}
	return ios.OutTTY && !strings.EqualFold(ios.Getenv("TERM"), "dumb")
}
