package cmd

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/crib-dev/crib/search"
	"github.com/crib-dev/crib/synonyms"
)

// ServiceOptions hold what `crib service` needs.
type ServiceOptions struct {
	IO     *IOStreams
	Source sourceOptions
	Name   string
	Limit  int // notes to show, the sections most about the service first; 0 shows all
	JSON   bool
	// Explain is for the words read as a question (ask's --explain).
	Explain bool
	NoPager bool
	// NoRelated leaves out the related services.
	NoRelated bool
	// Engine opens the notes of Source.
	Engine engineFunc
}

// NewCmdService builds `crib service <name>...`. runF replaces serviceRun
// in tests of flag parsing.
func NewCmdService(ios *IOStreams, runF func(*ServiceOptions) error) *cobra.Command {
	opts := &ServiceOptions{IO: ios}
	opts.Engine = opts.Source.engineFactory(ios)
	c := &cobra.Command{
		Use:   "service [flags] <name>...",
		Short: "Show everything the notes say about AWS services",
		Long: `Show every note that names an AWS service or one of its parts (Parameter
Store and Run Command for Systems Manager), grouped by section, the
sections most about the service first, with the service's aliases,
category and related services. Any alias, acronym, former name or small
misspelling works: cwe, "cloudwatch events" and eventbrige all mean
EventBridge. Several services may follow each other: crib service lambda
eventbridge. On a terminal a long report is paged through $PAGER (less -FRX
by default), as git does.

When the words name no service ("crib service control policies"), crib
answers them as a question, command word included, and says so on stderr;
with --json it prints nothing, says no service is called that and exits 1.
When they name a service your notes never mention, crib says so and exits
1: a name it corrected or completed ("kubernetes" is EKS) is answered as a
question instead, and --json prints the service's catalogue entry with no
sections.`,
		Example: `  crib service eventbridge
  crib service cwe
  crib service -n 10 ssm
  crib service lambda eventbridge
  crib service --json ssm | jq -r '.sections[].notes[].text'`,
		Args: cobra.ArbitraryArgs,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Name = strings.TrimSpace(strings.Join(args, " "))
			if opts.Name == "" {
				return &usageError{"no service name given\nUsage: crib service <name>..."}
			}
			if opts.Limit < 0 {
				return &usageError{fmt.Sprintf("invalid --limit %d: want 1 or more, or 0 for all", opts.Limit)}
			}
			if err := opts.Source.validate(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return serviceRun(opts)
		},
	}
	f := c.Flags()
	f.IntVarP(&opts.Limit, "limit", "n", 0, "number of notes to show, the sections most about the service first (default all)")
	f.BoolVar(&opts.JSON, "json", false, "print the report as JSON (an object; an array of them for several services)")
	f.BoolVar(&opts.Explain, "explain", false, "when the words are read as a question, explain each match")
	f.BoolVar(&opts.NoPager, "no-pager", false, "do not page a long report through $PAGER")
	f.BoolVar(&opts.NoRelated, "no-related", false, "leave out related services (also: CRIB_RELATED=0)")
	addSourceFlags(c, &opts.Source)
	c.RegisterFlagCompletionFunc("limit", completeLimit)
	c.ValidArgsFunction = completeServices
	return c
}

// completeServices offers the catalogue's service names that start with
// what was typed, ignoring case.
func completeServices(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	cat, err := synonyms.BuiltinCatalog()
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []string
	for _, s := range cat.Services {
		if strings.HasPrefix(strings.ToLower(s.Name), strings.ToLower(toComplete)) {
			out = append(out, s.Name+"\t"+s.Category)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

func serviceRun(opts *ServiceOptions) error {
	ios := opts.IO
	eng, release, err := opts.Engine()
	if err != nil {
		return err
	}
	defer release()
	names, corrected, err := eng.ResolveServices(opts.Name)
	if errors.Is(err, search.ErrUnknownService) {
		if opts.JSON {
			// A script reading the service schema must not get the
			// question schema instead: say so and print nothing.
			fmt.Fprintf(ios.ErrOut, "crib: no service is called %q\n", opts.Name)
			return errNotFound
		}
		return opts.askInstead(eng, fmt.Sprintf("no service is called %q", opts.Name), "service "+opts.Name)
	}
	if err != nil {
		return err
	}
	var reps []*search.ServiceReport
	for _, n := range names {
		rep, err := eng.Service(n)
		if err != nil {
			return err
		}
		reps = append(reps, rep)
	}
	if corrected != "" && !anyNamed(reps) && !opts.JSON {
		// The words were corrected or completed into a service the
		// notes never name: they may be what the notes are about
		// ("kubernetes" in notes about Kubernetes is not Amazon EKS to
		// them; trial 12).
		return opts.askInstead(eng, "the notes do not name "+strings.Join(serviceNames(reps), ", "), opts.Name)
	}
	if corrected != "" {
		fmt.Fprintf(ios.ErrOut, "%sdid you mean: %s\n", hintPrefix(ios), visible(corrected))
	}
	return opts.render(reps)
}

// serviceNames returns the names of the reports' services.
func serviceNames(reps []*search.ServiceReport) []string {
	var out []string
	for _, r := range reps {
		out = append(out, r.Service.Name)
	}
	return out
}

// askInstead answers q as a question when the words name no service the
// notes hold, saying why: "crib service control policies" asks about
// service control policies, "crib service kubernetes" about Kubernetes.
func (opts *ServiceOptions) askInstead(eng *search.Engine, why, q string) error {
	fmt.Fprintf(opts.IO.ErrOut, "crib: %s: answering %q as a question\n", why, q)
	ao := newAskOptions(opts.IO)
	ao.Source, ao.JSON, ao.Explain, ao.NoRelated, ao.Question = opts.Source, opts.JSON, opts.Explain, opts.NoRelated, q
	ao.Limit = search.DefaultLimit
	if opts.Limit > 0 {
		ao.Limit = opts.Limit
	}
	ao.Engine = func() (*search.Engine, func(), error) { return eng, func() {}, nil }
	return askRun(ao)
}

func (opts *ServiceOptions) render(reps []*search.ServiceReport) error {
	for _, rep := range reps {
		limitNotes(rep, opts.Limit)
	}
	if opts.JSON {
		err := renderServicesJSON(opts.IO.Out, reps)
		sayUnnamed(opts.IO, reps)
		return err
	}
	ios := opts.IO
	d := ios.display(opts.Source.Color)
	out, done := io.Writer(ios.Out), func() {}
	if d.terminal && !opts.NoPager {
		out, done = ios.startPager()
	}
	defer done()
	for i, rep := range reps {
		rep = visibleService(rep)
		if d.terminal {
			if i > 0 {
				fmt.Fprintln(out)
			}
			renderServiceTerminal(out, rep, d.styler, d.width, relatedWanted(ios, opts.NoRelated))
		} else {
			for _, sec := range rep.Sections {
				for _, s := range sec.Snippets {
					fmt.Fprintf(out, "%s:%d: %s\n", s.Source, s.Line, oneLine(s.Text))
				}
			}
		}
	}
	sayUnnamed(ios, reps)
	if !anyNamed(reps) {
		return errNotFound
	}
	return nil
}

// anyNamed reports whether the notes name one of the reports' services.
func anyNamed(reps []*search.ServiceReport) bool {
	return slices.ContainsFunc(reps, func(r *search.ServiceReport) bool { return len(r.Sections) > 0 })
}

// sayUnnamed says on stderr which services the notes never name: their
// reports hold the catalogue's facts and no note.
func sayUnnamed(ios *IOStreams, reps []*search.ServiceReport) {
	for _, rep := range reps {
		if len(rep.Sections) == 0 {
			fmt.Fprintf(ios.ErrOut, "crib: the notes do not name %s\n", visibleLine(rep.Service.Name))
		}
	}
}

// limitNotes keeps the first n notes of a report, sections in order; n of
// 0 keeps all.
func limitNotes(rep *search.ServiceReport, n int) {
	if n <= 0 {
		return
	}
	for i := range rep.Sections {
		if len(rep.Sections[i].Snippets) >= n {
			rep.Sections[i].Snippets = rep.Sections[i].Snippets[:n]
			rep.Sections = rep.Sections[:i+1]
			return
		}
		n -= len(rep.Sections[i].Snippets)
	}
}

type jsonService struct {
	Service  string           `json:"service"`
	Aliases  []string         `json:"aliases"`
	Category string           `json:"category"`
	Sections []jsonSection    `json:"sections"`
	Related  []search.Related `json:"related"`
}

type jsonSection struct {
	Source  string     `json:"source"`
	Heading []string   `json:"heading"`
	Notes   []jsonNote `json:"notes"`
}

type jsonNote struct {
	Text    string   `json:"text"`
	Line    int      `json:"line"`
	Context []string `json:"context"`
}

// renderServicesJSON prints one service's report as a JSON object, and
// several services' as an array of those objects, in the order named: a
// script reading one service keeps its object, and several make one JSON
// document, not objects back to back.
func renderServicesJSON(w io.Writer, reps []*search.ServiceReport) error {
	all := make([]jsonService, 0, len(reps))
	for _, rep := range reps {
		all = append(all, serviceJSON(rep))
	}
	var err error
	if len(reps) == 1 {
		err = renderServiceJSON(w, reps[0])
	} else {
		err = writeJSON(w, all)
	}
	if err == nil && !anyNamed(reps) {
		err = errNotFound
	}
	return err
}

// renderServiceJSON prints one service's report as a JSON object.
func renderServiceJSON(w io.Writer, rep *search.ServiceReport) error {
	return writeJSON(w, serviceJSON(rep))
}

func serviceJSON(rep *search.ServiceReport) jsonService {
	out := jsonService{Service: rep.Service.Name, Aliases: orEmpty(rep.Service.Aliases), Category: rep.Service.Category,
		Sections: []jsonSection{}, Related: rep.Related}
	if out.Related == nil {
		out.Related = []search.Related{}
	}
	for _, sec := range rep.Sections {
		js := jsonSection{Source: sec.Source, Heading: orEmpty(sec.Heading)}
		for _, s := range sec.Snippets {
			js.Notes = append(js.Notes, jsonNote{Text: s.Text, Line: s.Line, Context: orEmpty(s.Context)})
		}
		out.Sections = append(out.Sections, js)
	}
	return out
}

func renderServiceTerminal(w io.Writer, rep *search.ServiceReport, st Styler, width int, related bool) {
	lc := &lineCounter{w: w}
	w = lc
	svc := rep.Service
	fmt.Fprintf(w, "%s  %s\n", st.Style(RoleTitle, svc.Name), st.Style(RoleDim, "("+svc.Category+")"))
	if len(rep.Sections) == 0 {
		return // the notes do not name it: nothing of theirs to relate it to
	}
	if len(svc.Aliases) > 0 {
		for _, line := range wrapText("also: "+strings.Join(svc.Aliases, ", "), width) {
			fmt.Fprintln(w, st.Style(RoleDim, line))
		}
	}
	for _, sec := range rep.Sections {
		fmt.Fprintln(w)
		for _, line := range sectionHeader(sec, st, width) {
			fmt.Fprintln(w, line)
		}
		for _, s := range sec.Snippets {
			printNote(w, noteLines(s.Text, nil, st, width-8), st.Style(RoleScore, fmt.Sprintf("%5d ", s.Line)), "      ")
		}
	}
	if related {
		renderRelated(w, rep.Related, st, width, lc.n)
	}
}

// sectionHeader is a section's breadcrumb, wrapped at words, and its
// source, on the last line when it fits.
func sectionHeader(sec search.Section, st Styler, width int) []string {
	lines := wrapText(breadcrumb(sec.Heading), width)
	src := st.Style(RoleDim, sec.Source)
	if len(lines) == 0 {
		return []string{src}
	}
	last := lines[len(lines)-1]
	for i, l := range lines {
		lines[i] = st.Style(RoleHeading, l)
	}
	if textWidth(last)+2+textWidth(sec.Source) <= width {
		lines[len(lines)-1] += "  " + src
		return lines
	}
	return append(lines, src)
}
