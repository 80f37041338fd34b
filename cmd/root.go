// Package cmd holds crib's command-line interface: Cobra commands that
// parse flags, load notes through package search, and print answers for
// terminals, pipes and JSON. It maps every error to one line on stderr and
// an exit status.
package cmd

import (
	"errors"
	"fmt"
	"io"
	"log"
	"runtime/debug"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/crib-dev/crib/search"
)

// Exit statuses, grep style.
const (
	ExitFound    = 0
	ExitNotFound = 1
	ExitError    = 2
)

// errNotFound makes crib exit 1 without printing an error line.
var errNotFound = errors.New("no notes matched")

// usageError marks errors in how crib was called.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// Build information, set with -ldflags "-X ...".
var (
	version = ""
	commit  = ""
	date    = ""
)

// Main runs crib with the process's arguments and streams and returns the
// exit status.
func Main() int {
	silenceLibraryLogs()
	ios := System()
	root := NewCmdRoot(ios)
	return Execute(root, ios)
}

// silenceLibraryLogs stops bleve's scorch, which logs with the standard
// log package ("unable to load snapshot, …, continuing"), from writing
// raw lines to stderr: crib reports what went wrong itself, once.
func silenceLibraryLogs() {
	log.SetOutput(io.Discard)
}

// Execute runs a root command and turns its error into an exit status,
// printing it once as "crib: <message>".
func Execute(root *cobra.Command, ios *IOStreams) int {
	err := root.Execute()
	switch {
	case err == nil:
		return ExitFound
	case errors.Is(err, errNotFound):
		return ExitNotFound
	case errors.Is(err, search.ErrNothingToSearch):
		fmt.Fprintf(ios.ErrOut, "crib: %s\n", visible(err.Error()))
		return ExitNotFound
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(ios.ErrOut, "crib: %s\nRun 'crib --help' for usage.\n", visible(err.Error()))
		return ExitError
	}
	fmt.Fprintf(ios.ErrOut, "crib: %s\n", visible(err.Error()))
	return ExitError
}

// flagError makes an error of pflag's a usage error. An unknown flag
// is often a question that starts with a dash.
func flagError(_ *cobra.Command, err error) error {
	msg := err.Error()
	var unknown *pflag.NotExistError
	if errors.As(err, &unknown) {
		msg += " (to ask about a word that starts with -, put -- before the question)"
	}
	return &usageError{msg}
}

// usageArgs makes the errors of a Cobra argument check usage errors.
func usageArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if err := check(c, args); err != nil {
			return &usageError{err.Error()}
		}
		return nil
	}
}

// NewCmdRoot builds the crib command tree.
func NewCmdRoot(ios *IOStreams) *cobra.Command {
	root := newCmdAsk(ios, nil, true)
	root.Use = "crib [flags] <question>..."
	root.Version = versionString()
	root.SilenceErrors = true
	root.SilenceUsage = true
	root.SetIn(ios.In)
	root.SetOut(ios.Out)
	root.SetErr(ios.ErrOut)
	root.SetFlagErrorFunc(flagError)
	root.SetVersionTemplate("crib {{.Version}}\n")
	root.CompletionOptions.HiddenDefaultCmd = true

	ask := NewCmdAsk(ios, nil)
	ask.Use = "ask [flags] <question>..."
	ask.Short = "Ask your notes a question (the default command)"
	ask.Hidden = true
	root.AddCommand(ask, NewCmdService(ios, nil))
	root.AddCommand(NewCmdCheck(ios, nil), NewCmdPractice(ios, nil), NewCmdCompletion(ios, nil))
	root.AddCommand(NewCmdIndex(ios, nil))
	return root
}

func versionString() string {
	v, c, d := version, commit, date
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch {
			case s.Key == "vcs.revision" && c == "":
				c = s.Value
			case s.Key == "vcs.time" && d == "":
				d = s.Value
			}
		}
	}
	if v == "" {
		v = "dev"
	}
	if len(c) > 12 {
		c = c[:12]
	}
	if c == "" {
		c = "unknown"
	}
	if d == "" {
		d = "unknown"
	}
	return fmt.Sprintf("%s (commit %s, built %s)", v, c, d)
}
