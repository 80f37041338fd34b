package cmd

import (
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/crib-dev/crib/corpus"
	"github.com/crib-dev/crib/search"
)

// launchFunc runs an editor on the process's terminal and waits for it.
type launchFunc func(ios *IOStreams, name string, args ...string) error

// launchEditor runs the editor with crib's own streams, so it gets the
// terminal.
func launchEditor(ios *IOStreams, name string, args ...string) error {
	c := exec.Command(name, args...)
	c.Stdin, c.Stdout, c.Stderr = ios.In, ios.Out, ios.ErrOut
	return c.Run()
}

// addHitFlags binds -C and --open.
func addHitFlags(c *cobra.Command, o *AskOptions) {
	f := c.Flags()
	f.IntVarP(&o.Context, "context", "C", 0, fmt.Sprintf("show `N` neighbouring notes of the same file and section around each result, 0 to %d (piped: grep-style file-line- lines)", maxContext))
	f.IntVar(&o.Open, "open", 0, "open result `N` (default 1) in $VISUAL or $EDITOR at its line, instead of printing results")
	f.Lookup("open").NoOptDefVal = "1"
}

// validateHits checks -C and --open. A bare --open takes a number that
// starts the question as its N: crib --open 2 codedeploy hooks; 0 too, so
// that --open 0 is refused as --open=0 is, not asked as a word (trial 8).
func (o *AskOptions) validateHits(c *cobra.Command) error {
	if o.Context < 0 || o.Context > maxContext {
		return &usageError{fmt.Sprintf("invalid -C %d: want 0 to %d", o.Context, maxContext)}
	}
	if !c.Flags().Changed("open") {
		return nil
	}
	if words := strings.Fields(o.Question); o.Open == 1 && len(words) > 1 {
		if n, err := strconv.Atoi(words[0]); err == nil && n >= 0 {
			o.Open = n
			o.Question = strings.Join(words[1:], " ")
		}
	}
	if o.Open < 1 {
		return &usageError{fmt.Sprintf("invalid --open %d: want 1 or more", o.Open)}
	}
	if o.JSON {
		return &usageError{"--open and --json do not go together: --open prints nothing"}
	}
	o.Limit = max(o.Limit, o.Open)
	return nil
}

// search asks the engine the question, with the operators in it and the
// filters given, and finds what -C shows around each result.
func (o *AskOptions) search(eng *search.Engine) (*search.Answer, answerExtras, error) {
	var x answerExtras
	q, so := withoutEscapes(o.Question), search.Options{Limit: o.Limit, Explain: o.Explain}
	if o.Operators {
		var notes []string
		var err error
		if q, so.Filter, notes, err = o.Filters.searchFor(q); err != nil {
			return nil, x, err
		}
		for _, n := range notes {
			o.IO.Warnf("%s", n)
		}
	}
	ans, err := eng.Search(q, so)
	if err != nil {
		return nil, x, err
	}
	ans.Question = o.Question
	x.filter = so.Filter
	x.explain = o.Explain
	x.around = aroundHits(eng, ans.Results, o.Context)
	x.links = hyperlinks(o.IO, o.Source.Color)
	return ans, x, nil
}

// errEmbedded says a result cannot be opened: it is in the built-in notes.
var errEmbedded = errors.New("the built-in notes are embedded in crib and cannot be opened; use --notes to search notes you can edit")

// openResult opens result o.Open in the user's editor at its line, as
// editor +LINE FILE, which vi, vim, nano, emacs, micro, helix and others
// accept.
func (o *AskOptions) openResult(ans *search.Answer) error {
	if len(ans.Results) == 0 {
		// Said piped too: a script's exit 1 with nothing on stderr told
		// nobody why the editor did not open.
		fmt.Fprintf(o.IO.ErrOut, "crib: no notes match %s\n", visible(quotedQuestion(o.Question)))
		return errNotFound
	}
	if o.Open > len(ans.Results) {
		notes := "notes"
		if len(ans.Results) == 1 {
			notes = "note"
		}
		return fmt.Errorf("cannot open result %d: only %d %s matched", o.Open, len(ans.Results), notes)
	}
	s := ans.Results[o.Open-1].Snippet
	if strings.HasPrefix(s.Source, corpus.EmbeddedPrefix) {
		return fmt.Errorf("cannot open %s:%d: %w", s.Source, s.Line, errEmbedded)
	}
	editor := o.IO.Getenv("VISUAL")
	if strings.TrimSpace(editor) == "" {
		editor = o.IO.Getenv("EDITOR")
	}
	argv := strings.Fields(editor)
	if len(argv) == 0 {
		return fmt.Errorf("cannot open %s:%d: set $VISUAL or $EDITOR to your editor", s.Source, s.Line)
	}
	args := append(argv[1:], "+"+strconv.Itoa(s.Line), s.Source)
	if err := o.Launch(o.IO, argv[0], args...); err != nil {
		return fmt.Errorf("open %s:%d with %s: %w", s.Source, s.Line, argv[0], err)
	}
	return nil
}
