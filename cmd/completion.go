package cmd

import (
	"fmt"
	"slices"

	"github.com/spf13/cobra"
)

// CompletionOptions hold what printing a completion script needs.
type CompletionOptions struct {
	IO    *IOStreams
	Shell string
	Root  *cobra.Command
}

// NewCmdCompletion builds `crib completion <shell>`, which prints Cobra's
// completion script for the shell. runF replaces completionRun in tests.
func NewCmdCompletion(ios *IOStreams, runF func(*CompletionOptions) error) *cobra.Command {
	opts := &CompletionOptions{IO: ios}
	c := &cobra.Command{
		Use:   "completion bash|zsh|fish|powershell",
		Short: "Print the shell completion script for crib",
		Long: `Print a script that lets your shell complete crib's commands and flags.
Load it once per session, or install it where your shell looks:

  bash        crib completion bash > ~/.local/share/bash-completion/completions/crib
  zsh         crib completion zsh > "${fpath[1]}/_crib"   (needs compinit in ~/.zshrc)
  fish        crib completion fish > ~/.config/fish/completions/crib.fish
  powershell  crib completion powershell | Out-String | Invoke-Expression
              (add that line to $PROFILE to keep it)`,
		Example: `  source <(crib completion bash)
  crib completion zsh > "${fpath[1]}/_crib"
  crib completion fish | source`,
		ValidArgs:             []string{"bash", "zsh", "fish", "powershell"},
		Args:                  shellArg,
		DisableFlagsInUseLine: true,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Shell, opts.Root = args[0], c.Root()
			if runF != nil {
				return runF(opts)
			}
			return completionRun(opts)
		},
	}
	return c
}

// shellArg checks that one shell crib writes scripts for is named, and
// says which ones when not: Cobra's own "accepts 1 arg(s), received 0"
// and "invalid argument" named none (trial 8).
func shellArg(c *cobra.Command, args []string) error {
	switch {
	case len(args) == 0:
		return &usageError{"completion needs a shell: " + shellList}
	case len(args) > 1:
		return &usageError{"completion takes one shell: " + shellList}
	case !slices.Contains(c.ValidArgs, args[0]):
		return &usageError{fmt.Sprintf("unknown shell %q: want %s", visible(args[0]), shellList)}
	}
	return nil
}

// shellList names the shells crib completion writes scripts for.
const shellList = "bash, zsh, fish or powershell"

func completionRun(opts *CompletionOptions) error {
	out := opts.IO.Out
	switch opts.Shell {
	case "bash":
		return opts.Root.GenBashCompletionV2(out, true)
	case "zsh":
		return opts.Root.GenZshCompletion(out)
	case "fish":
		return opts.Root.GenFishCompletion(out, true)
	case "powershell":
		return opts.Root.GenPowerShellCompletionWithDesc(out)
	}
	return &usageError{fmt.Sprintf("unknown shell %q: want %s", opts.Shell, shellList)}
}
