package cmd

import "testing"

// TestCompletionShellErrors: a missing or unknown shell is one line that
// lists the shells crib writes scripts for; trial 8 saw Cobra's "accepts
// 1 arg(s), received 0" and an "invalid argument" naming none.
func TestCompletionShellErrors(t *testing.T) {
	const usage = "Run 'crib completion --help' for usage.\n"
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no shell", []string{"completion"}, "crib: completion needs a shell: bash, zsh, fish or powershell\n" + usage},
		{"unknown shell", []string{"completion", "tcsh"}, "crib: unknown shell \"tcsh\": want bash, zsh, fish or powershell\n" + usage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := transcript{args: tt.args}.run(t)
			if code != ExitError || out != "" || errOut != tt.want {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d, stderr %q", code, out, errOut, ExitError, tt.want)
			}
		})
	}
}
