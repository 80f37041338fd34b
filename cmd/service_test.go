package cmd

import "testing"

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
