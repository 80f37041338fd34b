package cmd

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/crib-dev/crib/search/check"

	"github.com/spf13/cobra"
)

// reroute returns args to run: as they are, or, when they start with a
// command word whose command cannot take the words after it ("crib index
// dynamodb gsi throttling", "crib help me with lambda"), as `crib ask`
// with the command word kept in the question, and a note on stderr saying
// so. crib service does the same itself once it knows no service is
// called so (serviceRun). Flags are parsed on a throwaway command tree, so
// the real one parses them once; that tree is built only when root finds
// a command that may take a question: building it was 1% of a question.
func reroute(ios *IOStreams, root *cobra.Command, args []string) []string {
	root.InitDefaultHelpCmd()
	if c, _, err := root.Find(args); err != nil || c == root || !rerouted[c.Name()] {
		return args
	}
	probe := NewCmdRoot(ios)
	probe.InitDefaultHelpCmd()
	c, rest, err := probe.Find(args)
	if err != nil || c == probe {
		return args
	}
	words, ok := positional(c, rest)
	if !ok {
		// Flags that c does not know may be ask's: crib help me -n 2.
		if a, _, err := probe.Find([]string{"ask"}); err == nil {
			words, ok = positional(a, rest)
		}
	}
	if !ok {
		// Neither c nor ask knows every flag: which words are flag
		// values cannot be told, so c runs and reports its own flag
		// error (review 8: "crib index --colour never" was answered as
		// the question "index never").
		return args
	}
	var why string
	switch c.Name() {
	case "help":
		if t, _, err := probe.Find(words); len(words) == 0 || err == nil && t != probe {
			return args
		}
		why = "crib help takes a command name"
	case "index", "practice":
		if len(words) == 0 {
			return args
		}
		why = "crib " + c.Name() + " takes no words"
	case "completion":
		if len(words) <= 1 {
			return args
		}
		why = "crib completion takes one shell name"
	case "check":
		// "crib -n 1 check that nobody left a bucket open": words typed
		// as a sentence, with no answer options, are a question about
		// checking something. Quoted words may be a pasted question
		// whose options crib check did not recognise, and --json wants
		// check's schema: crib check says what is wrong with them.
		if len(words) == 0 || wantsJSON(rest) || quoted(words) {
			return args
		}
		if _, err := parseQuestion(strings.Join(words, "\n")); !errors.Is(err, check.ErrNoOptions) {
			return args
		}
		why = "crib check takes a question with its answer options"
	default: // not in rerouted
		return args
	}
	q := strings.Join(append([]string{c.Name()}, words...), " ")
	fmt.Fprintf(ios.ErrOut, "crib: answering %q as a question (%s)\n", q, why)
	return append([]string{"ask"}, args...)
}

// rerouted names the commands whose words reroute may take for a question.
var rerouted = map[string]bool{"help": true, "index": true, "practice": true, "completion": true, "check": true}

// quoted reports whether a word holds white space: the shell passed it
// quoted, as one argument.
func quoted(words []string) bool {
	return slices.ContainsFunc(words, func(w string) bool { return strings.ContainsAny(w, " \t\n") })
}

// wantsJSON reports whether args ask for --json.
func wantsJSON(args []string) bool {
	return slices.ContainsFunc(args, func(a string) bool { return a == "--json" || strings.HasPrefix(a, "--json=") })
}

// positional returns the words of args that are not flags of c, and
// whether c knows every flag (when it does not, there are no words).
func positional(c *cobra.Command, args []string) ([]string, bool) {
	c.InitDefaultHelpFlag()
	if err := c.ParseFlags(args); err != nil {
		return nil, false
	}
	return c.Flags().Args(), true
}
