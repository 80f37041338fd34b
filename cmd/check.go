package cmd

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/crib-dev/crib/search/check"
)

// CheckOptions hold what checking one practice question needs.
type CheckOptions struct {
	IO     *IOStreams
	Source sourceOptions
	// Text is the question with its options, from the arguments; empty
	// means read it from standard input.
	Text string
	JSON bool
	// Checker opens the notes of Source and prepares to check options
	// against them; the practice session hands over the one it keeps.
	Checker func() (*check.Checker, func(), error)
}

func newCheckOptions(ios *IOStreams) *CheckOptions {
	opts := &CheckOptions{IO: ios}
	engine := opts.Source.checkEngineFactory(ios)
	opts.Checker = func() (*check.Checker, func(), error) {
		eng, release, err := engine()
		if err != nil {
			return nil, nil, err
		}
		return check.New(eng), release, nil
	}
	return opts
}

// NewCmdCheck builds `crib check`. runF replaces checkRun in tests of
// flag parsing.
func NewCmdCheck(ios *IOStreams, runF func(*CheckOptions) error) *cobra.Command {
	opts := newCheckOptions(ios)
	c := &cobra.Command{
		Use:   "check [flags] [<question and options>...]",
		Short: "Show the evidence in your notes for each option of a practice question",
		Long: `Read a practice-exam question with its answer options and show, for each
option, the note lines that support it given the question, strongest first,
with a bar and a score. It shows evidence; you decide. Options with nothing
behind them say "no evidence in the notes".

Options are the last run of lines marked A. A) (A) a. 1. 1) or "- "; lines
before them, lists included, are the question. A single line "… A. x B. y"
works too. "(Choose two.)" or "Select THREE" is noted: several options may
be right.

Exit status: 0 when some option has evidence, 1 when none has, 2 when no
options were found or on error.`,
		Example: `  crib check < question.txt
  pbpaste | crib check
  crib check "Which service can alert on a failed deployment?" "A. SNS" "B. SQS" "C. Kinesis"
  crib check --json < question.txt | jq -r '.options[0].letter'`,
		Args: cobra.ArbitraryArgs,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Text = strings.Join(args, "\n")
			if opts.Text == "" && opts.IO.InTTY {
				return &usageError{"no question given: pass it as arguments or on standard input"}
			}
			if err := opts.Source.validate(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return checkRun(opts)
		},
	}
	c.Flags().BoolVar(&opts.JSON, "json", false, "print the evidence as JSON")
	addSourceFlags(c, &opts.Source)
	c.Flags().MarkHidden("no-expand") // check searches each stem with its own words
	return c
}

func checkRun(opts *CheckOptions) error {
	ios := opts.IO
	q, err := readQuestion(opts.Text, ios.In)
	if err != nil {
		return err
	}
	ck, release, err := opts.Checker()
	if err != nil {
		return err
	}
	defer release()
	res, err := ck.Check(q)
	if err != nil {
		return err
	}
	if !res.Covered {
		// As for a question: evidence for options of a question the notes
		// do not cover is chance, so only JSON shows it.
		line := "crib: no note covers this question's subject"
		if len(res.Unknown) > 0 {
			line += "; no note mentions " + quoteAll(res.Unknown)
		}
		fmt.Fprintln(ios.ErrOut, visible(line))
		if opts.JSON {
			if err := renderCheckJSON(ios.Out, res); err != nil {
				return err
			}
		}
		return errNotFound
	}
	d := ios.display(opts.Source.Color)
	switch {
	case opts.JSON:
		err = renderCheckJSON(ios.Out, res)
	case d.terminal:
		renderCheckTerminal(ios.Out, visibleCheck(res), d.styler, d.width)
	default:
		renderCheckPlain(ios, visibleCheck(res))
	}
	if err != nil {
		return err
	}
	if !res.Found() {
		return errNotFound
	}
	return nil
}

// parseQuestion reads a question with its options from text, its lines
// or, failing that, all of it as one line.
func parseQuestion(text string) (*check.Question, error) {
	q, err := check.ParseQuestion(text)
	if errors.Is(err, check.ErrNoOptions) {
		q, err = check.ParseQuestion(strings.ReplaceAll(text, "\n", " "))
	}
	return q, err
}

// readQuestion parses the question from the arguments, each a line or all
// one line, or else from in.
func readQuestion(text string, in io.Reader) (*check.Question, error) {
	if text == "" {
		data, err := io.ReadAll(in)
		if err != nil {
			return nil, fmt.Errorf("cannot read the question: %w", err)
		}
		text = string(data)
	}
	if strings.TrimSpace(text) == "" {
		return nil, &usageError{"no question given: pass it as arguments or on standard input"}
	}
	q, err := parseQuestion(withoutEscapes(text))
	if errors.Is(err, check.ErrTooManyOptions) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("%w; to search the notes instead, run: crib ask <question>", err)
	}
	return q, nil
}

// jsonCheck is the stable `crib check --json` schema. Fields may be added,
// never removed or renamed.
type jsonCheck struct {
	Stem   string `json:"stem"`
	Choose int    `json:"choose"`
	// Negative marks a NOT / EXCEPT question: least evidence ranks first.
	Negative bool `json:"negative"`
	// Covered is false when the notes do not cover the stem's subject;
	// Unknown lists the stem's words no note mentions.
	Covered bool         `json:"covered"`
	Unknown []string     `json:"unknown,omitempty"`
	Options []jsonOption `json:"options"`
}

type jsonOption struct {
	Rank    int           `json:"rank"`
	Letter  string        `json:"letter"`
	Text    string        `json:"text"`
	Score   float64       `json:"score"`
	Picked  bool          `json:"picked"`
	Support []jsonSupport `json:"support"`
	Against []jsonSupport `json:"against"`
}

type jsonSupport struct {
	Text   string  `json:"text"`
	Source string  `json:"source"`
	Line   int     `json:"line"`
	Score  float64 `json:"score"`
	// SharedWith names options this line supports better.
	SharedWith []string `json:"shared_with,omitempty"`
}

func supportJSON(ss []check.Support) []jsonSupport {
	out := []jsonSupport{}
	for _, s := range ss {
		out = append(out, jsonSupport{Text: s.Snippet.Text, Source: s.Snippet.Source, Line: s.Snippet.Line, Score: round(s.Score), SharedWith: s.SharedWith})
	}
	return out
}

func renderCheckJSON(w io.Writer, res *check.Result) error {
	out := jsonCheck{Stem: res.Question.Stem, Choose: res.Question.Choose, Negative: res.Ask.Negative, Covered: res.Covered, Unknown: res.Unknown, Options: []jsonOption{}}
	for i, o := range res.Options {
		jo := jsonOption{Rank: i + 1, Letter: o.Letter, Text: o.Text, Score: round(o.Score), Picked: o.Picked, Support: supportJSON(o.Support), Against: supportJSON(o.Against)}
		out.Options = append(out.Options, jo)
	}
	return writeJSON(w, out)
}

// renderCheckPlain prints one line per option, strongest first, "letter
// score text", and under each its supporting notes as "source:line: text".
func renderCheckPlain(ios *IOStreams, res *check.Result) {
	if n := res.Question.Choose; n > 1 {
		fmt.Fprintf(ios.ErrOut, "choose %d: more than one option may be right%s\n", n, pickedNote(res))
	}
	if res.Ask.Negative {
		fmt.Fprintln(ios.ErrOut, negativeNote)
	}
	choose := res.Question.Choose
	for _, o := range res.Options {
		fmt.Fprintf(ios.Out, "%s %.2f %s\n", o.Letter, o.Score, o.Text)
		if len(o.Support) == 0 {
			fmt.Fprintf(ios.Out, "\tno evidence in the notes\n")
		}
		for _, s := range o.Support {
			fmt.Fprintf(ios.Out, "\t%s:%d: %s%s\n", s.Snippet.Source, s.Snippet.Line, s.Snippet.Text, sharedNote(s, choose))
		}
		for _, s := range o.Against {
			fmt.Fprintf(ios.Out, "\tagainst: %s:%d: %s\n", s.Snippet.Source, s.Snippet.Line, s.Snippet.Text)
		}
	}
}

// negativeNote explains the order of a NOT / EXCEPT question.
const negativeNote = "NOT/EXCEPT question: the option with the least evidence comes first."

// sharedNote says when a line supports another option better. When the
// question asks for several options the line counts in full for each
// (a list of targets may name two right answers), and says so.
func sharedNote(s check.Support, choose int) string {
	if len(s.SharedWith) == 0 {
		return ""
	}
	if choose > 1 {
		return " (also supports " + strings.Join(s.SharedWith, ", ") + ")"
	}
	return " (shared: supports " + strings.Join(s.SharedWith, ", ") + " more)"
}

// pickedNote names the options crib picks for a choose-N question, the
// best supported ("; best supported: A, C"), or nothing when it picks none
// (the notes do not cover the stem).
func pickedNote(res *check.Result) string {
	var picked []string
	for _, o := range res.Options {
		if o.Picked {
			picked = append(picked, o.Letter)
		}
	}
	if len(picked) == 0 {
		return ""
	}
	return "; best supported: " + strings.Join(picked, ", ")
}

// barWidth is how many cells the strongest option's bar fills.
const barWidth = 10

// renderCheckTerminal prints, for people, each option with a bar scaled
// to the strongest, its text, and the note lines behind it with the
// option's words highlighted.
func renderCheckTerminal(w io.Writer, res *check.Result, st Styler, width int) {
	head := "Evidence in the notes for each option, strongest first. You decide."
	if res.Ask.Negative {
		head = "Evidence in the notes for each option. You decide. " + negativeNote
	}
	if n := res.Question.Choose; n > 1 {
		head += fmt.Sprintf(" Choose %d: more than one may be right%s.", n, pickedNote(res))
	}
	for _, l := range wrapText(head, width) {
		fmt.Fprintln(w, st.Style(RoleTitle, l))
	}
	// The strongest option sets the bar's scale; it comes last in a NOT
	// question.
	top := 0.0
	for _, o := range res.Options {
		top = max(top, o.Score)
	}
	const indent = "      "
	lead := strings.Repeat(" ", 1+2+2+barWidth+1+5+2)
	for _, o := range res.Options {
		fmt.Fprintln(w)
		fmt.Fprintf(w, " %s  %s  ", st.Style(RoleRank, fmt.Sprintf("%-2s", o.Letter)), st.Style(RoleScore, fmt.Sprintf("%s %5.2f", evidenceBar(o.Score, top), o.Score)))
		for i, l := range wrap(plainWords(o.Text), width-len(lead)) {
			if i > 0 {
				fmt.Fprint(w, lead)
			}
			fmt.Fprintln(w, st.Style(RoleTitle, l))
		}
		if len(o.Support) == 0 {
			fmt.Fprintf(w, "%s%s\n", indent, st.Style(RoleDim, "no evidence in the notes"))
		}
		for _, s := range o.Support {
			for _, l := range wrap(highlightWords(s.Snippet.Text, s.Matches, st), width-len(indent)) {
				fmt.Fprintf(w, "%s%s\n", indent, l)
			}
			fmt.Fprintf(w, "%s%s\n", indent, st.Style(RoleDim, fmt.Sprintf("%s:%d%s", s.Snippet.Source, s.Snippet.Line, sharedNote(s, res.Question.Choose))))
		}
		for _, s := range o.Against {
			for i, l := range wrapText("against: "+s.Snippet.Text, width-len(indent)) {
				if i == 0 {
					l = st.Style(RoleDim, "against:") + strings.TrimPrefix(l, "against:")
				}
				fmt.Fprintf(w, "%s%s\n", indent, l)
			}
			fmt.Fprintf(w, "%s%s\n", indent, st.Style(RoleDim, fmt.Sprintf("%s:%d", s.Snippet.Source, s.Snippet.Line)))
		}
	}
}

// evidenceBar draws score as a share of top in barWidth cells.
func evidenceBar(score, top float64) string {
	n := 0
	if top > 0 {
		n = min(barWidth, max(0, int(score/top*barWidth+0.5)))
	}
	return strings.Repeat("█", n) + strings.Repeat("░", barWidth-n)
}
