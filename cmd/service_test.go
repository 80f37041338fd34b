package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestServiceTranscripts(t *testing.T) {
	tests := []struct {
		name string
		tr   transcript
	}{
		{"service-terminal", transcript{args: []string{"service", "--notes", testNotes, "cwe"}, tty: true}},
		{"service-piped", transcript{args: []string{"service", "--notes", testNotes, "cloudwatch events"}}},
		{"service-json", transcript{args: []string{"service", "--notes", testNotes, "--json", "auto scaling group"}}},
		{"service-typo", transcript{args: []string{"service", "--notes", testNotes, "codedepoly"}}},
		{"service-unknown", transcript{args: []string{"service", "--notes", testNotes, "frobnicator"}}},
		{"service-unknown-json", transcript{args: []string{"service", "--notes", testNotes, "--json", "frobnicator"}}},
		{"service-not-in-notes", transcript{args: []string{"service", "--notes", testNotes, "glue"}}},
		{"service-not-in-notes-terminal", transcript{args: []string{"service", "--notes", testNotes, "glue"}, tty: true}},
		{"service-json-several", transcript{args: []string{"service", "--notes", wordsNotes, "--json", "-n", "1", "lambda", "eventbridge"}}},
		{"service-no-name", transcript{args: []string{"service", "--notes", testNotes}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := tt.tr.run(t)
			checkGolden(t, tt.name+".golden", formatTranscript(code, out, errOut))
		})
	}
}

// A service name the words were read as, which the notes never name, is
// not what the notes call it: notes about Kubernetes answer "crib service
// kubernetes" as a question instead of "the notes do not name EKS"
// (trial 12). A service typed by its name keeps its report.
func TestServiceAliasNotInNotesAsksInstead(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "k8s.md"), []byte("# Pods\n- A Kubernetes pod runs one or more containers.\n- Kubernetes restarts a pod whose liveness probe fails.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := transcript{args: []string{"service", "--notes", dir, "kubernetes"}}.run(t)
	if code != 0 || !strings.Contains(out, "k8s.md:") || !strings.HasPrefix(errOut, `crib: the notes do not name EKS: answering "kubernetes" as a question`) {
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s\nwant the Kubernetes notes, answered as a question", code, out, errOut)
	}
}
