package cmd

import (
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/crib-dev/crib/search"
	"github.com/crib-dev/crib/search/question"
)

// filterOptions narrow a question to some of the notes.
type filterOptions struct {
	In      []string
	Section []string
	Tags    []string
}

// filterHelp is the help text on operators and filters, shared by the
// commands that take them.
const filterHelp = `Narrow a question with operators in it and with flags. Quote the whole
question for the shell, so that it keeps the double quotes:
  "exact phrase"  only notes that say these words in this order (after
                  analysis: case, stems and stop words do not matter)
  -word           leave out notes that say word; -"a phrase" too
  a OR b          only notes that say a or b (OR in capitals)
  --in PATH       only notes in files under PATH
  --section TEXT  only notes whose headings contain TEXT
  --tag NAME      only notes whose front matter lists tag NAME
A note is an item with the items it sits under and its headings. --in,
--section and --tag may be repeated (any of them); different kinds combine.
A question that starts with -word looks like a flag: put -- before it
(crib -- -beanstalk deploy), or put the word later (crib deploy -beanstalk).`

// addFilterFlags binds --in, --section and --tag.
func addFilterFlags(c *cobra.Command, o *filterOptions) {
	f := c.Flags()
	f.StringArrayVar(&o.In, "in", nil, "only notes in files under `path` (a folder or file as named, or its last parts, a file with or without its ending: --in aws, --in cicd); repeatable")
	f.StringArrayVar(&o.Section, "section", nil, "only notes whose heading path contains `text`, ignoring case, spaces, hyphens, underscores and slashes; repeatable")
	f.StringArrayVar(&o.Tags, "tag", nil, "only notes whose front matter lists tag `name`; repeatable (any of them)")
}

// searchFor splits a question into the words to search and the filter
// its operators and the flags make; notes say how an operator that could
// not be read was taken (question.Operators.Notes).
func (o filterOptions) searchFor(q string) (text string, f search.Filter, notes []string, err error) {
	ops := question.ParseOperators(q)
	f = search.Filter{In: o.In, Section: o.Section, Tags: o.Tags, Require: ops.Require, Exclude: ops.Exclude}
	if ops.Any() && strings.TrimSpace(ops.Text) == "" {
		return "", f, nil, &usageError{"the question only says what to leave out: add words to search for"}
	}
	return ops.Text, f, ops.Notes, nil
}

// filterEcho is the filter as --json shows it, nil when there is none.
func filterEcho(f search.Filter) *search.Filter {
	if f.IsZero() {
		return nil
	}
	return &f
}

// completeTags offers, for --tag, the tags of the notes the other flags
// name: from the index cache when it is there, built quietly otherwise.
func completeTags(ios *IOStreams, src *sourceOptions) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		eng, err := src.openEngine(ios.silenced(), false)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		defer eng.Close()
		seen := map[string]bool{}
		var out []string
		for _, s := range eng.Snippets() {
			for _, t := range s.Tags {
				k := strings.ToLower(t)
				if !seen[k] && strings.HasPrefix(k, strings.ToLower(toComplete)) {
					seen[k] = true
					out = append(out, visibleLine(t))
				}
			}
		}
		sort.Strings(out)
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}
