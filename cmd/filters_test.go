package cmd

import (
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
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := tt.tr.run(t)
			checkGolden(t, tt.name+".golden", formatTranscript(code, out, errOut))
		})
	}
}

func TestExcludeOnBuiltinNotesWarns(t *testing.T) {
	code, _, errOut := (transcript{args: []string{"--exclude", "cicd.md", "-n", "1", "codedeploy lifecycle hooks"}}).run(t)
	if code != ExitFound || !strings.Contains(errOut, "crib: warning: --exclude applies to --notes") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}
