package cmd

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/crib-dev/crib/search"
)

// AskOptions hold what one question needs.
type AskOptions struct {
	IO       *IOStreams
	Source   sourceOptions
	Question string
	Limit    int
	JSON     bool
	Explain  bool
	// NoRelated leaves the related services out of the terminal view.
	NoRelated bool
	// Operators, Filters, Context and Open: see filters.go and open.go.
	Operators bool
	Filters   filterOptions
	Context   int
	Open      int
	Launch    launchFunc
	// Interactive (root's -i) opens the practice prompt instead.
	Interactive bool
	// Engine opens the notes of Source; the practice session hands over
	// the engine it keeps open instead.
	Engine engineFunc
}

func newAskOptions(ios *IOStreams) *AskOptions {
	opts := &AskOptions{IO: ios}
	opts.Engine = opts.Source.engineFactory(ios)
	opts.Launch = launchEditor
	return opts
}

// NewCmdAsk builds the command that answers a question. runF replaces
// askRun in tests of flag parsing.
func NewCmdAsk(ios *IOStreams, runF func(*AskOptions) error) *cobra.Command {
	return newCmdAsk(ios, runF, false)
}

// newCmdAsk builds the ask command, with -i when interactive is set (for
// the root command).
func newCmdAsk(ios *IOStreams, runF func(*AskOptions) error, interactive bool) *cobra.Command {
	opts := newAskOptions(ios)
	c := &cobra.Command{
		Use:   "crib [flags] <question>...",
		Short: "Ask your study notes a question and get the lines that answer it",
		Long: `crib searches markdown notes for the lines that answer a question, ranked,
with matched words highlighted, the section each sits in, and related AWS
services. It understands stems (deploying, deployment), AWS acronyms and
former names (ASG, SSM, CloudWatch Events = EventBridge) and small typos.
Without --notes it searches its built-in AWS DevOps Professional notes.
Run without a question on a terminal, it opens the interactive prompt (-i).

` + filterHelp + `

Exit status: 0 when something matched, 1 when nothing did, 2 on error.`,
		Example: `  crib how do I get alerted when an access key leaks
  crib --notes ~/notes/aws "eventbridge rule to trigger lambda from an auto scaling group"
  crib --json -n 3 codedeploy lifecycle hooks | jq -r '.results[].text'
  crib --explain cloudwatch events        # why each note matched
  echo "rotate rds passwords" | crib       # the question on standard input
  CRIB_NOTES=~/notes crib asg warm pool
  crib '"blue/green" deployment -beanstalk'   # operators: quote for the shell
  crib --tag aws --in notes/ci --section codedeploy rollback
  crib -C 2 warm pool                     # two neighbouring notes around each hit
  crib --open 2 codedeploy hooks          # open result 2 in $VISUAL or $EDITOR`,
		Args: cobra.ArbitraryArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if opts.Interactive {
				return opts.runInteractive(args)
			}
			if interactive && len(args) == 0 && ios.InTTY && ios.OutTTY && !opts.JSON {
				// A bare crib on a terminal has no question to answer
				// and nothing piped in: open the prompt, as -i does.
				return opts.runInteractive(nil)
			}
			opts.Question = strings.TrimSpace(strings.Join(args, " "))
			if len(args) > 0 && ios.ErrTTY && ios.stdinWaiting() {
				// echo "warm pool" | crib other words: the words win;
				// say so to the person at the terminal, or stdin looks
				// read (trial 8); a script's log is not told.
				fmt.Fprintln(ios.ErrOut, "crib: standard input ignored: the question is the words given")
			}
			if opts.Question == "" && len(args) == 0 && !ios.InTTY && ios.In != nil {
				// echo "question" | crib: the question on standard input.
				q, err := readAskQuestion(ios.In)
				if err != nil {
					return err
				}
				opts.Question = q
			}
			if opts.Question == "" {
				return &usageError{"no question given\nUsage: crib [flags] <question>...   (crib -i asks one question after another)"}
			}
			if opts.Limit < 1 {
				return &usageError{fmt.Sprintf("invalid --limit %d: want 1 or more", opts.Limit)}
			}
			if err := opts.Source.validate(); err != nil {
				return err
			}
			if err := opts.validateHits(c); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return askRun(opts)
		},
	}
	f := c.Flags()
	f.IntVarP(&opts.Limit, "limit", "n", search.DefaultLimit, "number of results")
	f.BoolVar(&opts.JSON, "json", false, "print results as JSON")
	f.BoolVar(&opts.Explain, "explain", false, "show which words, stems, synonyms, typo fixes and expansion words matched, and what each added; why a question was declined")
	f.BoolVar(&opts.NoRelated, "no-related", false, "leave out related services (also: CRIB_RELATED=0)")
	addSourceFlags(c, &opts.Source)
	c.RegisterFlagCompletionFunc("limit", completeLimit)
	// A question is words, not file names.
	c.ValidArgsFunction = cobra.NoFileCompletions
	addFilterFlags(c, &opts.Filters)
	c.RegisterFlagCompletionFunc("tag", completeTags(ios, &opts.Source))
	addHitFlags(c, opts)
	opts.Operators = true
	if interactive {
		f.BoolVarP(&opts.Interactive, "interactive", "i", false, "open an interactive prompt that keeps the notes loaded (as crib practice)")
	}
	return c
}

// runInteractive opens the practice prompt with the options given to
// the root command, all of them.
func (o *AskOptions) runInteractive(args []string) error {
	if len(args) > 0 {
		return &usageError{"-i takes no question: type your questions at the prompt"}
	}
	p := newPracticeOptions(o.IO)
	p.Source, p.Limit, p.Explain, p.JSON = o.Source, o.Limit, o.Explain, o.JSON
	if err := p.validate(); err != nil {
		return err
	}
	return practiceRun(p)
}

func askRun(opts *AskOptions) error {
	start := time.Now()
	ios := opts.IO
	eng, release, err := opts.Engine()
	if err != nil {
		return err
	}
	defer release()
	ans, x, err := opts.search(eng)
	if err != nil {
		if opts.JSON {
			// --json always prints its schema; the reason goes to stderr.
			if jerr := renderJSON(ios.Out, &search.Answer{Question: opts.Question}, answerExtras{}); jerr != nil {
				return jerr
			}
		}
		return err
	}
	printCorrections(ios, ans)
	if !ans.Covered {
		// Nothing matched, or only weak guesses: one line on stderr,
		// piped or not, and exit 1. With --open too: a weak guess is no
		// note to open (review 8 saw it opened, exit 0).
		return opts.notCovered(ans, x)
	}
	d := ios.display(opts.Source.Color)
	switch {
	case opts.Open > 0:
		return opts.openResult(ans)
	case opts.JSON:
		if err := renderJSON(ios.Out, ans, x); err != nil {
			return err
		}
	case len(ans.Results) == 0:
	case d.terminal:
		renderTerminal(ios.Out, visibleAnswer(ans), d.styler, d.width, x.visible(), relatedWanted(ios, opts.NoRelated))
		if len(ans.Unknown) > 0 {
			// A near miss: the rest is answered; say, last, what is not
			// in the notes, where the eye ends; with crib: when stderr
			// is redirected (2>log), where it was lost before.
			fmt.Fprintf(ios.ErrOut, "%snot in the notes: %s\n", hintPrefix(ios), visible(quoteAll(ans.Unknown)))
		}
		if ios.ErrTTY {
			if opts.Explain {
				fmt.Fprintln(ios.ErrOut, explainLegend)
			}
			fmt.Fprintf(ios.ErrOut, "%s\n", summary(ans, time.Since(start)))
		}
	default:
		renderPlain(ios.Out, visibleAnswer(ans), x.visible())
		if len(ans.Unknown) > 0 {
			// A near miss piped: stdout stays the answer; stderr says
			// what the notes lack, as a "no note covers" line would.
			fmt.Fprintf(ios.ErrOut, "crib: not in the notes: %s\n", visible(quoteAll(ans.Unknown)))
		}
		if opts.Explain {
			// Piped, the legend goes where a reader of stdout still
			// sees it without it entering what is piped on.
			fmt.Fprintf(ios.ErrOut, "crib: %s\n", explainLegend)
		}
	}
	if len(ans.Results) == 0 {
		return errNotFound
	}
	return nil
}

// explainLegend says how to read --explain's lines (on stderr).
const explainLegend = "explain columns: +what it added, coverage (the share of the question the note says) or bm25 (the index's score), field (also: a word the built-in notes add to the note, not the note's own), kind, the term as indexed (stemmed), and the question's words it stands for"

// maxStdinQuestion bounds a question read from standard input; questions
// are cut to their first words anyway (search.boundQuestion).
const maxStdinQuestion = 1 << 20

// readAskQuestion reads a question from standard input, its lines one
// question, at most maxStdinQuestion bytes.
func readAskQuestion(in io.Reader) (string, error) {
	data, err := io.ReadAll(io.LimitReader(in, maxStdinQuestion+1))
	if err != nil {
		return "", fmt.Errorf("cannot read the question: %w", err)
	}
	if len(data) > maxStdinQuestion {
		return "", &usageError{fmt.Sprintf("the question on standard input is over %d bytes", maxStdinQuestion)}
	}
	return strings.Join(strings.Fields(string(data)), " "), nil
}

// maxEcho bounds the "did you mean" line: a longer question is not
// repeated, only its corrections are listed.
const maxEcho = 200

// printCorrections repeats the question with its misspelled words
// corrected, whole words only ("cloudwatc cloudwatch" must not become
// "cloudwatch cloudwatchh"), or lists the corrections when the question
// is long or a misspelling is part of a longer word.
func printCorrections(ios *IOStreams, ans *search.Answer) {
	if len(ans.Corrections) == 0 || ios == nil {
		return
	}
	q, all := correctWords(ans.Question, ans.Corrections)
	if !all || len(q) > maxEcho {
		q = listCorrections(ans.Corrections)
	}
	fmt.Fprintf(ios.ErrOut, "%sdid you mean: %s\n", hintPrefix(ios), visible(q))
}

// hintPrefix starts a hint line on stderr: bare for a person at a
// terminal, "crib: " when stderr goes to a file or a pipe, so that a
// script's `2>&1 | grep '^crib:'` sees every line crib wrote.
func hintPrefix(ios *IOStreams) string {
	if ios.ErrTTY {
		return ""
	}
	return "crib: "
}

// correctWords replaces the words of q (runs of letters and digits) that
// corrections name, and reports whether it placed every correction.
func correctWords(q string, corrections map[string]string) (string, bool) {
	var b strings.Builder
	used := map[string]bool{}
	for i := 0; i < len(q); {
		j := i
		for j < len(q) {
			r, n := utf8.DecodeRuneInString(q[j:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				break
			}
			j += n
		}
		if j == i {
			_, n := utf8.DecodeRuneInString(q[i:])
			b.WriteString(q[i : i+n])
			i += n
			continue
		}
		if to, ok := corrections[q[i:j]]; ok {
			b.WriteString(to)
			used[q[i:j]] = true
		} else {
			b.WriteString(q[i:j])
		}
		i = j
	}
	return b.String(), len(used) == len(corrections)
}

// listCorrections lists corrections as "from → to", sorted, within
// maxEcho bytes.
func listCorrections(corrections map[string]string) string {
	from := slices.Sorted(maps.Keys(corrections))
	var b strings.Builder
	for i, f := range from {
		item := f + " → " + corrections[f]
		if i > 0 {
			item = ", " + item
		}
		if b.Len()+len(item) > maxEcho {
			b.WriteString(", …")
			break
		}
		b.WriteString(item)
	}
	return b.String()
}

// summary is the one-line account printed after answers on a terminal.
func summary(ans *search.Answer, took time.Duration) string {
	sections := map[string]bool{}
	for _, r := range ans.Results {
		sections[r.Snippet.Source+"\x00"+strings.Join(r.Snippet.Heading, "\x00")] = true
	}
	notes := "notes"
	if len(ans.Results) == 1 {
		notes = "note"
	}
	secs := "sections"
	if len(sections) == 1 {
		secs = "section"
	}
	return fmt.Sprintf("%d %s, %d %s, %d ms", len(ans.Results), notes, len(sections), secs, took.Milliseconds())
}

// notCovered reports a question whose subject no note covers: one line on
// stderr naming what went unanswered, the weak guesses in JSON only, and
// exit status 1, as for no match.
func (opts *AskOptions) notCovered(ans *search.Answer, x answerExtras) error {
	ios := opts.IO
	// The question as asked, not what the best note leaves out: with
	// words in different notes, or one no note has, that named the wrong
	// words ("no note covers \"rest\"" for "dough rest").
	line := "crib: no note covers " + quotedQuestion(opts.Question)
	switch {
	case len(ans.Results) == 0 && len(ans.Idle) > 0:
		// The filter, not the question, left nothing: say so first, or
		// a mistyped --in reads as notes lacking the answer.
		line = "crib: no note passes " + strings.Join(ans.Idle, ", ")
		if !strings.HasSuffix(line, ")") {
			line += " (check the spelling; crib --help shows how each filter matches)"
		}
	case len(ans.Results) == 0 && !x.filter.IsZero() && len(x.filter.In)+len(x.filter.Section)+len(x.filter.Tags) == 0:
		// Only the question's own operators filter ("cats OR dogs",
		// "steak -sear"): naming them as a filter repeated the question.
		switch {
		case len(ans.Unknown) > 0:
			line = "crib: no note mentions " + quoteAll(ans.Unknown)
		case len(x.filter.Exclude) == 0:
			line = "crib: no note says " + x.filter.String()
		default:
			line = fmt.Sprintf("crib: %s leaves out every note that matches %s", search.Filter{Exclude: x.filter.Exclude}, quotedQuestion(opts.Question))
		}
	case len(ans.Results) == 0 && !x.filter.IsZero():
		line = fmt.Sprintf("crib: no notes match %s within %s", quotedQuestion(opts.Question), x.filter)
	case len(ans.Unknown) > 0:
		line += "; no note mentions " + quoteAll(ans.Unknown)
		if len(opts.Source.Exclude) > 0 {
			// The notes --exclude left out may well mention them.
			line += " (outside --exclude " + strings.Join(opts.Source.Exclude, ", ") + ")"
		}
	}
	fmt.Fprintln(ios.ErrOut, visible(line))
	if opts.Explain {
		fmt.Fprintln(ios.ErrOut, "crib: why: "+ans.Declined)
	}
	if opts.JSON {
		if err := renderJSON(ios.Out, ans, x); err != nil {
			return err
		}
	}
	return errNotFound
}

// quotedQuestion is shortQuestion in quotes: single ones around a
// question with "phrases", which reads better unescaped.
func quotedQuestion(q string) string {
	q = shortQuestion(q)
	if strings.Contains(q, `"`) {
		return "'" + q + "'"
	}
	return strconv.Quote(q)
}

// shortQuestion is a question as a message quotes it: on one line, its
// first maxQuoted characters.
func shortQuestion(q string) string {
	q = strings.Join(strings.Fields(q), " ")
	if r := []rune(q); len(r) > maxQuoted {
		return string(r[:maxQuoted]) + "…"
	}
	return q
}

const maxQuoted = 80

// quoteAll lists words, each quoted: "pizza", "dough"; past maxListed
// words it says how many more there are, so that one line stays one
// line whatever the question.
func quoteAll(words []string) string {
	q := make([]string, 0, min(len(words), maxListed)+1)
	for _, w := range words[:min(len(words), maxListed)] {
		q = append(q, strconv.Quote(w))
	}
	if more := len(words) - maxListed; more > 0 {
		q = append(q, fmt.Sprintf("and %d more", more))
	}
	return strings.Join(q, ", ")
}

// maxListed is the most words quoteAll names.
const maxListed = 12
