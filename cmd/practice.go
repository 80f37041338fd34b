package cmd

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/crib-dev/crib/search"
	"github.com/crib-dev/crib/search/check"
)

// PracticeOptions hold what an interactive session needs.
type PracticeOptions struct {
	IO      *IOStreams
	Source  sourceOptions
	Limit   int
	Explain bool
	JSON    bool
	// Lines reads what the user types; nil means a line editor with
	// history when stdin and stdout are terminals, else plain lines from
	// IO.In.
	Lines lineReader
	// Engine opens the notes of Source: once for the session, and again
	// when they change on disk.
	Engine engineFunc
}

func newPracticeOptions(ios *IOStreams) *PracticeOptions {
	opts := &PracticeOptions{IO: ios}
	opts.Engine = opts.Source.engineFactory(ios)
	return opts
}

const practiceLong = `Open a prompt that keeps the notes loaded, so every answer is instant:
for a practice-exam session. Type a question and press Enter.

Paste a whole exam question, options and all, and press Enter: crib shows
the evidence for each option, as crib check does; anything without options
is searched. Terminals that mark pastes (most do) hand crib the paste as
one line, its line breaks shown as ↵, to edit before Enter. Elsewhere, and
when lines come from a pipe, crib reads on while the input looks like an
exam question, showing "...": a first line that ends in : or, with 8 or
more words, in ?, that has 20 or more words or "(Choose two.)", an
option line, or any line whose options arrived with it, as a paste's do.
An empty line ends it, unless option lines follow it: an exam question
often has an empty line before its options.

At the prompt: :n <count> sets the number of results, :explain turns
explanations on or off, :help lists the commands, :q, exit, quit or Ctrl-D quits and
Ctrl-C clears the line. History is kept in $XDG_STATE_HOME/crib/history
(default ~/.local/state/crib/history). Without a terminal, lines are read
from standard input, so a session can be scripted.`

// NewCmdPractice builds `crib practice`, also reached as `crib -i`.
func NewCmdPractice(ios *IOStreams, runF func(*PracticeOptions) error) *cobra.Command {
	opts := newPracticeOptions(ios)
	c := &cobra.Command{
		Use:   "practice [flags]",
		Short: "Open an interactive prompt for a practice-exam session",
		Long:  practiceLong,
		Example: `  crib practice
  crib -i --notes ~/notes/aws
  printf 'asg warm pool\n:n 1\nlifecycle hooks\n' | crib practice`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, _ []string) error {
			if err := opts.validate(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return practiceRun(opts)
		},
	}
	f := c.Flags()
	f.IntVarP(&opts.Limit, "limit", "n", search.DefaultLimit, "number of results per question")
	f.BoolVar(&opts.Explain, "explain", false, "start with explanations on")
	f.BoolVar(&opts.JSON, "json", false, "print answers as JSON")
	addSourceFlags(c, &opts.Source)
	c.RegisterFlagCompletionFunc("limit", completeLimit)
	return c
}

func (o *PracticeOptions) validate() error {
	if o.Limit < 1 {
		return &usageError{fmt.Sprintf("invalid --limit %d: want 1 or more", o.Limit)}
	}
	return o.Source.validate()
}

func practiceRun(opts *PracticeOptions) error {
	runsLong()
	ios := opts.IO
	stamp := notesStamp(ios, opts.Source)
	eng, release, err := opts.Engine()
	if err != nil {
		return err
	}
	s := &session{opts: opts, eng: eng, release: release, stamp: stamp}
	defer func() { s.release() }()
	lr := opts.Lines
	if lr == nil {
		lr = newLineReader(ios)
		defer lr.Close()
	}
	if ios.InTTY {
		banner := fmt.Sprintf("crib: %d notes loaded. Ask away, or paste a whole exam question. :help for commands, Ctrl-D or exit quits.", eng.Len())
		for _, line := range wrapText(banner, bannerWidth(ios)) {
			fmt.Fprintln(ios.ErrOut, line)
		}
	}
	return s.loop(lr)
}

// bannerWidth is the columns the banner wraps at: the terminal's, else 80.
func bannerWidth(ios *IOStreams) int {
	if ios.Width > 0 {
		return ios.Width
	}
	return 80
}

// session is one interactive run: the open notes and the settings the
// user changes as they go.
type session struct {
	opts    *PracticeOptions
	eng     *search.Engine
	release func()
	stamp   string // the notes on disk when eng opened them (notesStamp)
	checker *check.Checker
	// asked is the line run last when it was asked alone as a question,
	// "" when anything else ran last: options that follow it at once are
	// its options (see loop).
	asked string
}

// keptEngine hands a command the session's engine, which outlives it.
func (s *session) keptEngine() (*search.Engine, func(), error) { return s.eng, func() {}, nil }

// refresh opens the notes again when they changed on disk since the
// session opened them, so that an answer never quotes a line that is gone
// or gives a line number that moved. When they cannot be opened, it says
// why once and keeps answering from the notes it has.
func (s *session) refresh() {
	now := notesStamp(s.opts.IO, s.opts.Source)
	if now == s.stamp {
		return
	}
	s.stamp = now
	eng, release, err := s.opts.Engine()
	if err != nil {
		fmt.Fprintf(s.opts.IO.ErrOut, "crib: %s\n", visible(err.Error()))
		return
	}
	s.release()
	s.eng, s.release, s.checker = eng, release, nil
}

// keptChecker hands a command the session's checker, made on first use.
func (s *session) keptChecker() (*check.Checker, func(), error) {
	if s.checker == nil {
		s.checker = check.New(s.eng)
	}
	return s.checker, func() {}, nil
}

func (s *session) loop(lr lineReader) error {
	var buf []string
	gap := false // buf is a question stem followed by one empty line
	for {
		prompt := "crib> "
		if len(buf) > 0 {
			prompt = "  ... "
		}
		line, err := lr.Prompt(prompt)
		switch {
		case errors.Is(err, errInterrupt):
			buf, gap = nil, false
			continue
		case errors.Is(err, io.EOF):
			if s.opts.IO.InTTY {
				fmt.Fprintln(s.opts.IO.ErrOut) // leave the prompt's line, as a shell does on Ctrl-D
			}
			s.run(lr, buf)
			return nil
		case err != nil:
			return fmt.Errorf("cannot read input: %w", err)
		}
		trimmed := strings.TrimSpace(line)
		if gap {
			// An exam question often has an empty line before its
			// options: when options follow, they belong to the stem.
			gap = false
			if trimmed != "" && check.IsOptionLine(trimmed) {
				buf = append(buf, "", line)
				continue
			}
			s.run(lr, buf)
			buf = nil
			if trimmed == "" {
				continue
			}
		}
		switch {
		case len(buf) == 0 && (strings.HasPrefix(trimmed, ":") || isQuit(trimmed)):
			if isQuit(trimmed) || s.command(trimmed) {
				return nil
			}
		case trimmed == "" && len(buf) > 0 && !hasOptions(buf):
			gap = true
		case trimmed == "":
			s.run(lr, buf)
			buf = nil
		case strings.Contains(line, lineBreak):
			s.run(lr, append(buf, splitPaste(line)...))
			buf = nil
		default:
			if len(buf) == 0 && s.asked != "" && check.IsOptionLine(trimmed) {
				// A question pasted without bracketed paste arrives a
				// line at a time: its first line was asked alone, and
				// its options come next. They are checked against it.
				fmt.Fprintf(s.opts.IO.ErrOut, "crib: checking these options against %s\n", quotedQuestion(s.asked))
				buf = append(buf, s.asked)
			}
			buf = append(buf, line)
			if !waitsForMore(buf) && !optionsArrived(lr) {
				s.run(lr, buf)
				buf = nil
			}
		}
	}
}

// isQuit reports whether a line is a bare exit or quit, which leave the
// session as :q does rather than search for the word.
func isQuit(line string) bool {
	switch strings.ToLower(line) {
	case "exit", "quit":
		return true
	}
	return false
}

// hasOptions reports whether the lines hold an option line already.
func hasOptions(lines []string) bool {
	for _, l := range lines {
		if check.IsOptionLine(strings.TrimSpace(l)) {
			return true
		}
	}
	return false
}

// optionsArrived reports whether an option line has already arrived
// after the last line, as the lines of a paste do: a short stem ("Which
// metric shows write throttling?") is then read with its options instead
// of being answered alone first (trial 14).
func optionsArrived(lr lineReader) bool {
	a, ok := lr.(arrived)
	if !ok {
		return false
	}
	next, ok := a.ready()
	return ok && check.IsOptionLine(strings.TrimSpace(next))
}

// waitsForMore reports whether the lines so far look like part of a
// pasted exam question, so the session reads on until an empty line.
func waitsForMore(lines []string) bool {
	if len(lines) > 1 {
		return true
	}
	line := strings.TrimSpace(lines[0])
	if _, err := check.ParseQuestion(line); err == nil {
		return false // a whole question on one line, options and all
	}
	words := len(strings.Fields(line))
	switch {
	case check.IsOptionLine(line), check.AsksToChoose(line), words >= 20, strings.HasSuffix(line, ":"):
		return true
	case strings.HasSuffix(line, "?"):
		return words >= 8
	}
	return false
}

// run answers what was typed: the evidence for each option when it has
// options, else a search.
func (s *session) run(lr lineReader, lines []string) {
	text := strings.TrimSpace(strings.Join(lines, "\n"))
	if text == "" {
		return
	}
	lr.AppendHistory(strings.Join(lines, lineBreak))
	s.refresh()
	s.asked = ""
	ios := s.opts.IO
	var err error
	asked := false // an ask says itself when nothing covers the question
	if _, perr := check.ParseQuestion(text); perr == nil {
		co := newCheckOptions(ios)
		co.Source, co.Text, co.JSON, co.Checker = s.opts.Source, text, s.opts.JSON, s.keptChecker
		err = checkRun(co)
	} else {
		ao := newAskOptions(ios)
		ao.Source, ao.Limit, ao.Explain, ao.JSON, ao.Engine = s.opts.Source, s.opts.Limit, s.opts.Explain, s.opts.JSON, s.keptEngine
		ao.Question = strings.Join(strings.Fields(text), " ")
		err, asked = askRun(ao), true
		if len(lines) == 1 {
			s.asked = text // options that follow are its (see loop)
		}
	}
	switch {
	case errors.Is(err, errNotFound):
		if !ios.ErrTTY && !asked {
			fmt.Fprintln(ios.ErrOut, "crib: nothing found")
		}
	case err != nil:
		fmt.Fprintf(ios.ErrOut, "crib: %s\n", visible(err.Error()))
	}
}

// command carries out a :command and reports whether to quit.
func (s *session) command(line string) bool {
	ios := s.opts.IO
	f := strings.Fields(line)
	switch f[0] {
	case ":q", ":quit", ":exit":
		return true
	case ":n":
		n, err := 0, error(nil)
		if len(f) == 2 {
			n, err = strconv.Atoi(f[1])
		}
		if len(f) != 2 || err != nil || n < 1 {
			fmt.Fprintln(ios.ErrOut, "crib: usage: :n <count>, a count of 1 or more")
			return false
		}
		s.opts.Limit = n
		fmt.Fprintf(ios.ErrOut, "results per question: %d\n", n)
	case ":explain":
		s.opts.Explain = !s.opts.Explain
		fmt.Fprintf(ios.ErrOut, "explanations: %s\n", onOff(s.opts.Explain))
	case ":help", ":h", ":?":
		fmt.Fprintf(ios.ErrOut, sessionHelp, s.opts.Limit, onOff(s.opts.Explain))
	default:
		fmt.Fprintf(ios.ErrOut, "crib: unknown command %s (try :help)\n", visible(f[0]))
	}
	return false
}

const sessionHelp = `Type a question and press Enter. Paste a whole exam question with its
options and press Enter: crib shows the evidence for each option. When
crib shows "...", it reads on until an empty line.
  :n <count>   results per question (now %d)
  :explain     show why each note matched (now %s)
  :help        this help
  :q           quit (or exit, quit, Ctrl-D); Ctrl-C clears the line
`

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}
