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
	"os"
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
	return Run(System(), os.Args[1:])
}

// Run runs crib with args, reading a question that starts with a command
// word as a question when the words after it make no sense for that
// command, and returns the exit status.
func Run(ios *IOStreams, args []string) int {
	ios.recordWrites()
	root := NewCmdRoot(ios)
	root.SetArgs(questionArgs(root, reroute(ios, root, args)))
	return Execute(root, ios)
}

// silenceLibraryLogs stops bleve (its mapping and query packages), which
// logs with the standard log package, from writing raw lines to stderr:
// crib reports what went wrong itself, once.
func silenceLibraryLogs() {
	log.SetOutput(io.Discard)
}

// Execute runs a root command and turns its error into an exit status,
// printing it once as "crib: <message>". A failed write to stdout (a full
// disk), which the output code does not check line by line, is such an
// error too: exit 2, not 0 with the answer lost. A reader that went away
// (crib … | head -1) is not: crib exits as it would have, quietly. A
// usage error points to the help of the command that failed ("crib index
// --help"), where its flags are.
func Execute(root *cobra.Command, ios *IOStreams) int {
	ran, err := root.ExecuteC()
	if closedPipe(err) {
		err = nil
	}
	if werr := ios.writeErr(); werr != nil && !closedPipe(werr) {
		if err == nil || errors.Is(err, errNotFound) {
			err = werr
		}
	}
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
		fmt.Fprintf(ios.ErrOut, "crib: %s\nRun '%s --help' for usage.\n", visible(err.Error()), helpPath(root, ran))
		return ExitError
	}
	fmt.Fprintf(ios.ErrOut, "crib: %s\n", visible(err.Error()))
	return ExitError
}

// helpPath is the command whose --help a usage error points to: the one
// that ran, or the root when none did.
func helpPath(root, ran *cobra.Command) string {
	if ran == nil {
		ran = root
	}
	return ran.CommandPath()
}

// flagError makes an error of pflag's a usage error, in crib's words: a
// bad value says what the flag wants, and an unknown long flag suggests
// the closest of the command's own (--colour: did you mean --color?).
// Any other unknown flag is often a question that starts with a dash.
func flagError(c *cobra.Command, err error) error {
	msg := err.Error()
	var unknown *pflag.NotExistError
	var invalid *pflag.InvalidValueError
	switch {
	case errors.As(err, &invalid):
		f := invalid.GetFlag()
		msg = fmt.Sprintf("invalid --%s %q: want %s", f.Name, invalid.GetValue(), flagWants(f))
	case errors.As(err, &unknown) && unknown.GetSpecifiedShortnames() == "" && c != c.Root() && c.Root().Flags().Lookup(unknown.GetSpecifiedName()) != nil:
		// A question's flag given to a subcommand: "crib check --explain".
		msg += fmt.Sprintf(" (%s has no --%s; it is a flag of crib's questions: crib --%s …)", c.CommandPath(), unknown.GetSpecifiedName(), unknown.GetSpecifiedName())
	case errors.As(err, &unknown) && unknown.GetSpecifiedShortnames() == "":
		if s := closestFlag(c, unknown.GetSpecifiedName()); s != "" {
			msg += fmt.Sprintf(" (did you mean --%s?)", s)
			break
		}
	case errors.As(err, &unknown) && unknown.GetSpecifiedShortnames() != "" && c != c.Root() && c.Root().Flags().ShorthandLookup(unknown.GetSpecifiedShortnames()[:1]) != nil:
		// "crib -n 2 check …": a question's shorthand given to a
		// subcommand (review 13), like the long form above.
		sh := unknown.GetSpecifiedShortnames()[:1]
		msg += fmt.Sprintf(" (%s has no -%s; it is a flag of crib's questions: crib -%s …)", c.CommandPath(), sh, sh)
	case errors.As(err, &unknown) && unknown.GetSpecifiedShortnames() != "":
		// Only a shorthand may be a question's -word: a misspelt --flag
		// needs no such hint.
		msg += " (to ask about a word that starts with -, put -- before the question)"
	}
	return &usageError{msg}
}

// flagWants describes the values a flag takes.
func flagWants(f *pflag.Flag) string {
	switch f.Value.Type() {
	case "int":
		return "a whole number, such as 3"
	case "bool":
		return "true or false"
	}
	return "a " + f.Value.Type()
}

// closestFlag returns the name of c's flag nearest to name, at most two
// edits away (one for short names), or "".
func closestFlag(c *cobra.Command, name string) string {
	best, bestDist := "", 3
	if len(name) <= 4 {
		bestDist = 2
	}
	c.Flags().VisitAll(func(f *pflag.Flag) {
		if d := levenshtein(name, f.Name); d < bestDist {
			best, bestDist = f.Name, d
		}
	})
	return best
}

// levenshtein is the edit distance between a and b, counted in runes.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
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
	root.SetVersionTemplate(versionTemplate)
	root.CompletionOptions.HiddenDefaultCmd = true

	ask := NewCmdAsk(ios, nil)
	ask.Use = "ask [flags] <question>..."
	ask.Short = "Ask your notes a question; the default, for questions that start with a command word"
	ask.Example = `  crib ask index dynamodb gsi throttling
  crib ask help desk ticket from a config rule`
	root.AddCommand(ask, NewCmdService(ios, nil))
	root.AddCommand(NewCmdCheck(ios, nil), NewCmdPractice(ios, nil), NewCmdCompletion(ios, nil))
	root.AddCommand(NewCmdIndex(ios, nil))
	root.AddCommand(NewCmdMCP(ios, nil))
	return root
}

// versionString is the version, commit and build date: from -ldflags
// when make stamped them, else from what the go command records in the
// binary (the module version of go install m@v, the VCS revision and time
// of a build in a clone).
func versionString() string {
	bi, _ := debug.ReadBuildInfo()
	return buildVersion(bi, version, commit, date)
}

func buildVersion(bi *debug.BuildInfo, v, c, d string) string {
	dirty, stamped := false, c != ""
	if bi != nil {
		if v == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch {
			case s.Key == "vcs.revision" && c == "":
				c = s.Value
			case s.Key == "vcs.time" && d == "":
				d = s.Value
			case s.Key == "vcs.modified":
				dirty = s.Value == "true"
			}
		}
	}
	if len(c) > 12 {
		c = c[:12]
	}
	if dirty && c != "" && !stamped {
		c += ", modified"
	}
	return fmt.Sprintf("%s (commit %s, built %s)", orString(v, "dev"), orString(c, "unknown"), orString(d, "unknown"))
}

func orString(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
