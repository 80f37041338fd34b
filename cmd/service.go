package cmd

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/crib-dev/crib/search"
)

// ServiceOptions hold what `crib service` needs.
type ServiceOptions struct {
	IO     *IOStreams
	Source sourceOptions
	Name   string
	JSON   bool
	// Engine opens the notes of Source.
	Engine engineFunc
}

// NewCmdService builds `crib service <name>`. runF replaces serviceRun in
// tests of flag parsing.
func NewCmdService(ios *IOStreams, runF func(*ServiceOptions) error) *cobra.Command {
	opts := &ServiceOptions{IO: ios}
	opts.Engine = opts.Source.engineFactory(ios)
	c := &cobra.Command{
		Use:   "service [flags] <name>...",
		Short: "Show everything the notes say about one AWS service",
		Long: `Show every note that names one AWS service, grouped by section, with the
service's aliases, category and related services. Any alias, acronym, former
name or small misspelling works: cwe, "cloudwatch events" and eventbrige all
mean EventBridge.`,
		Example: `  crib service eventbridge
  crib service cwe
  crib service "auto scaling"
  crib service --json ssm | jq -r '.sections[].notes[].text'`,
		Args: cobra.ArbitraryArgs,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Name = strings.TrimSpace(strings.Join(args, " "))
			if opts.Name == "" {
				return &usageError{"no service name given\nUsage: crib service <name>..."}
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
	c.Flags().BoolVar(&opts.JSON, "json", false, "print the report as JSON")
	addSourceFlags(c, &opts.Source)
	return c
}

func serviceRun(opts *ServiceOptions) error {
	ios := opts.IO
	eng, release, err := opts.Engine()
	if err != nil {
		return err
	}
	defer release()
	rep, err := eng.Service(opts.Name)
	if errors.Is(err, search.ErrUnknownService) {
		fmt.Fprintf(ios.ErrOut, "crib: %s\n", visible(err.Error()))
		return errNotFound
	}
	if err != nil {
		return err
	}
	if !opts.JSON {
		rep = visibleService(rep)
	}
	if rep.Corrected != "" {
		fmt.Fprintf(ios.ErrOut, "did you mean: %s\n", visible(rep.Corrected))
	}
	d := ios.display(opts.Source.Color)
	switch {
	case opts.JSON:
		if err := renderServiceJSON(ios.Out, rep); err != nil {
			return err
		}
	case d.terminal:
		renderServiceTerminal(ios.Out, rep, d.styler, d.width)
	default:
		for _, sec := range rep.Sections {
			for _, s := range sec.Snippets {
				fmt.Fprintf(ios.Out, "%s:%d: %s\n", s.Source, s.Line, s.Text)
			}
		}
	}
	if len(rep.Sections) == 0 {
		if !opts.JSON {
			fmt.Fprintf(ios.ErrOut, "crib: the notes do not name %s\n", rep.Service.Name)
		}
		return errNotFound
	}
	return nil
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

func renderServiceJSON(w io.Writer, rep *search.ServiceReport) error {
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
	return writeJSON(w, out)
}

func renderServiceTerminal(w io.Writer, rep *search.ServiceReport, st Styler, width int) {
	svc := rep.Service
	fmt.Fprintf(w, "%s  %s\n", st.Style(RoleTitle, svc.Name), st.Style(RoleDim, "("+svc.Category+")"))
	if len(svc.Aliases) > 0 {
		for _, line := range wrapText("also: "+strings.Join(svc.Aliases, ", "), width) {
			fmt.Fprintln(w, st.Style(RoleDim, line))
		}
	}
	for _, sec := range rep.Sections {
		fmt.Fprintf(w, "\n%s  %s\n", st.Style(RoleHeading, breadcrumb(sec.Heading)), st.Style(RoleDim, sec.Source))
		for _, s := range sec.Snippets {
			lines := wrapText(s.Text, width-8)
			for i, line := range lines {
				prefix := "      "
				if i == 0 {
					prefix = st.Style(RoleScore, fmt.Sprintf("%5d ", s.Line))
				}
				fmt.Fprintf(w, "%s%s\n", prefix, line)
			}
		}
	}
	renderRelated(w, rep.Related, st, width)
}
