package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testTree is a folder of notes with front matter tags, a .gitignore
// (private/ is left out) and a drafts folder to exclude.
const testTree = "testdata/tree"

// TestFilterTranscripts records excludes, filters and query operators
// end to end.
func TestFilterTranscripts(t *testing.T) {
	tests := []struct {
		name string
		tr   transcript
	}{
		{"tree-all", transcript{args: []string{"--notes", testTree, "-n", "20", "deployment"}}},
		{"exclude", transcript{args: []string{"--notes", testTree, "--exclude", "drafts/", "--exclude", "k8s/*.md", "-n", "20", "deployment"}}},
		{"filter-in", transcript{args: []string{"--notes", testTree, "--in", "k8s", "-n", "20", "deployment"}}},
		{"filter-section-tag", transcript{args: []string{"--notes", testTree, "--section", "elastic BEANSTALK", "--tag", "CICD", "--tag", "k8s", "-n", "20", "deployment"}}},
		{"filter-phrase", transcript{args: []string{"--notes", testTree, "-n", "20", `"blue green" deployment`}}},
		{"filter-exclude-word", transcript{args: []string{"--notes", testTree, "-n", "20", "deployment", "-beanstalk", "-codedeploy"}}},
		{"filter-exclude-first", transcript{args: []string{"--notes", testTree, "-n", "20", "--", "-beanstalk", "blue green deployment"}}},
		{"filter-exclude-unquoted-first", transcript{args: []string{"--notes", testTree, "-beanstalk", "deployment"}}},
		{"filter-or", transcript{args: []string{"--notes", testTree, "-n", "20", "deployment kubernetes OR cloudwatch"}}},
		{"filter-json", transcript{args: []string{"--notes", testTree, "--json", "--in", "aws", "--tag", "cicd", "-n", "2", `"blue green" fleet OR kubernetes -beanstalk deployment`}}},
		{"filter-no-match", transcript{args: []string{"--notes", testTree, "--tag", "nope", "deployment"}}},
		{"filter-only-exclusions", transcript{args: []string{"--notes", testTree, "--", "-beanstalk"}}},
		{"filter-or-unknown", transcript{args: []string{"--notes", testTree, "zebras OR penguins"}}},
		{"filter-phrase-absent", transcript{args: []string{"--notes", testTree, `"deployment fleet"`}}},
		{"filter-exclude-all", transcript{args: []string{"--notes", testTree, "canary", "-canary"}}},
		{"filter-tag-untagged", transcript{args: []string{"--tag", "aws", "rollback"}}},
		{"context-piped", transcript{args: []string{"--notes", testTree, "-C", "1", "-n", "2", "canary deployment"}}},
		{"context-terminal", transcript{args: []string{"--notes", testTree, "-C", "1", "-n", "2", "canary deployment"}, tty: true}},
		{"context-json", transcript{args: []string{"--notes", testTree, "-C", "2", "-n", "1", "--json", "beanstalk rolling batches"}}},
		{"bad-context", transcript{args: []string{"--notes", testTree, "-C", "-1", "sns"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := tt.tr.run(t)
			checkGolden(t, tt.name+".golden", formatTranscript(code, out, errOut))
		})
	}
}

// A word only excluded notes mention is named with the exclusion, or the
// decline reads as the notes lacking it (trial 7).
func TestDeclineNamesTheExclusion(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{"cooking/steak.md": "- Sear the steak first.\n", "aws/asg.md": "- A warm pool keeps instances ready.\n"} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, _, errOut := (transcript{args: []string{"--notes", dir, "--exclude", "cooking/", "steak"}}).run(t)
	if code != ExitNotFound || !strings.Contains(errOut, `no note mentions "steak" (outside --exclude cooking/)`) {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

func TestExcludeOnBuiltinNotesWarns(t *testing.T) {
	code, _, errOut := (transcript{args: []string{"--exclude", "cicd.md", "-n", "1", "codedeploy lifecycle hooks"}}).run(t)
	if code != ExitFound || !strings.Contains(errOut, "crib: warning: --exclude applies to --notes") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

// TestDashWordsAfterTheQuestion checks which arguments questionArgs
// moves behind "--": -words after the first word of a question, never
// flags, their values, or anything of another command.
func TestDashWordsAfterTheQuestion(t *testing.T) {
	tests := []struct {
		name       string
		args, want []string
	}{
		{"plain", []string{"-n", "3", "warm", "pool"}, []string{"-n", "3", "warm", "pool"}},
		{"dash word", []string{"deploy", "-beanstalk"}, []string{"--", "deploy", "-beanstalk"}},
		{"flags keep their values", []string{"--notes", "-odd-dir", "deploy", "-n", "2", "-beanstalk", "--json"}, []string{"--notes", "-odd-dir", "-n", "2", "--json", "--", "deploy", "-beanstalk"}},
		{"short flags with values stay flags", []string{"deploy", "-n3", "-C2", "-ntp"}, []string{"-n3", "-C2", "--", "deploy", "-ntp"}},
		{"help and version stay flags", []string{"deploy", "-h"}, []string{"deploy", "-h"}},
		{"first word is a flag", []string{"-beanstalk", "deploy"}, []string{"-beanstalk", "deploy"}},
		{"after --", []string{"deploy", "--", "-x", "-beanstalk"}, []string{"deploy", "--", "-x", "-beanstalk"}},
		{"dash phrase", []string{"swap", "urls", `-"elastic beanstalk"`}, []string{"--", "swap", "urls", `-"elastic beanstalk"`}},
		{"ask command", []string{"ask", "deploy", "-beanstalk"}, []string{"ask", "--", "deploy", "-beanstalk"}},
		{"other command", []string{"service", "ec2", "-beanstalk"}, []string{"service", "ec2", "-beanstalk"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := NewCmdRoot(&IOStreams{Getenv: func(string) string { return "" }})
			if got := questionArgs(root, tt.args); strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("questionArgs(%q) = %q, want %q", tt.args, got, tt.want)
			}
		})
	}
}

// After a list intro shown with its items, -C shows the lines after the
// items, not the items again (trial 12: "warm pool" -C 1 showed its own
// item as the next line).
func TestContextAfterItems(t *testing.T) {
	dir := t.TempDir()
	notes := "# ASG\n- A warm pool keeps instances ready:\n  - running or stopped\n  - reused on scale-in\n- ASG can notify via SNS on failed launches\n"
	if err := os.WriteFile(filepath.Join(dir, "asg.md"), []byte(notes), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := transcript{args: []string{"--notes", dir, "-C", "1", "-n", "1", "warm pool"}}.run(t)
	if code != 0 || !strings.Contains(out, "asg.md-5- ASG can notify") || strings.Contains(out, "asg.md-3-") {
		t.Errorf("exit %d\n%s%s\nwant the items under the result and line 5 after them", code, out, errOut)
	}
}
