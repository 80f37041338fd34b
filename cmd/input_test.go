package cmd

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log"
	"os/exec"
	"strings"
	"testing"
)

// inputMatrixCases are the bad synonyms files and environments of issue
// 15 (items 5 and 10): each ends in an answer or one clear line.
func inputMatrixCases() []matrixCase {
	synonymsFile := func(data string) func(*matrixEnv) []string {
		return func(m *matrixEnv) []string {
			return []string{"--notes", m.awsNotes(), "--synonyms", m.write("syn.txt", data), "warm pool"}
		}
	}
	return []matrixCase{
		{name: "synonyms file is /dev/zero", setup: func(m *matrixEnv) []string {
			return []string{"--notes", m.awsNotes(), "--synonyms", "/dev/zero", "warm pool"}
		}, code: ExitError, want: "cannot read synonyms file /dev/zero: not a regular file"},
		{name: "user synonyms file is a FIFO", setup: func(m *matrixEnv) []string {
			m.mkdir("config/crib")
			m.fifo("config/crib/synonyms.txt")
			return []string{"--notes", m.awsNotes(), "warm pool"}
		}, code: ExitError, want: "cannot read synonyms file $TMP/config/crib/synonyms.txt: not a regular file"},
		{name: "synonyms file over 4 MiB", setup: synonymsFile(strings.Repeat("# padding\n", 420000)),
			code: ExitError, want: "cannot read synonyms file $TMP/syn.txt: larger than 4 MiB"},
		{name: "synonyms line of 65 alternatives", setup: synonymsFile("a, b\n" + alternatives(65) + "\n"),
			code: ExitError, want: "bad synonyms file $TMP/syn.txt:2: 65 terms on one line, more than 64"},
		{name: "synonyms line of 2,000 alternatives", setup: synonymsFile(alternatives(2000) + "\n"),
			code: ExitError, want: "bad synonyms file $TMP/syn.txt:1: line too long: over 4096 bytes"},
		{name: "synonyms weight NaN", setup: synonymsFile("#@weight NaN\nwarm pool, standby fleet\n"),
			code: ExitError, want: `bad synonyms file $TMP/syn.txt:1: #@weight wants a number in (0, 1], got "NaN"`},
		{name: "synonyms file of 100,000 lines", setup: synonymsFile(manyLines(100000)),
			code: ExitError, want: "bad synonyms file $TMP/syn.txt:10001: more than 20000 terms in the file"},
		{name: "synonyms: 9,000 lines share one term", setup: func(m *matrixEnv) []string {
			var b strings.Builder
			for i := range 9000 {
				fmt.Fprintf(&b, "zz%d, warm\n", i)
			}
			return synonymsFile(b.String())(m)
		}, want: warmPool},
		{name: "CRIB_NOTES holds no path", setup: func(m *matrixEnv) []string {
			m.env["CRIB_NOTES"] = ":::"
			return []string{"sns"}
		}, code: ExitError, want: `CRIB_NOTES holds no path: ":::"`},
		{name: "relative XDG_CONFIG_HOME is ignored", setup: func(m *matrixEnv) []string {
			m.write("rel/crib/synonyms.txt", "lonely\n") // would stop crib if read
			m.write("home/.config/crib/synonyms.txt", "zorblax, warm pool\n")
			m.env["XDG_CONFIG_HOME"] = "rel"
			return []string{"--notes", m.awsNotes(), "zorblax"}
		}, want: warmPool},
	}
}

// alternatives is one synonyms line of n short terms.
func alternatives(n int) string {
	terms := make([]string, n)
	for i := range terms {
		terms[i] = fmt.Sprintf("alt%d", i)
	}
	return strings.Join(terms, ", ")
}

// manyLines is n synonyms lines of two terms each.
func manyLines(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "term%d, word%d thing\n", i, i)
	}
	return b.String()
}

// evilNote plants, in one list item under a heading and a parent item,
// the escapes of issue 15.4: clipboard (OSC 52), title, hyperlink (OSC
// 8), clear screen, C1 CSI, DEL and BEL.
const evilNote = "# Head \x1b]0;title\x07ing\n\n- parent \x1b[2J item\n" +
	"  - zorblax sns \x1b]52;c;ZWNobyBwd25lZA==\x07 x \x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\ del\x7f bel\x07 c1\u009b31m end\n"

// TestEscapesNeverReachTheTerminal runs crib on notes full of terminal
// escapes in every output mode, and checks that nothing printed holds a
// control character but tab, newline and crib's own colours.
func TestEscapesNeverReachTheTerminal(t *testing.T) {
	m := newMatrixEnv(t, cribBinary(t))
	m.write("e/evil.md", evilNote, "e/bin\x1b]0;t\x07.md", "x\x00\x01")
	notes := m.path("e")
	runs := []struct {
		name  string
		args  []string
		stdin string
		color bool
	}{
		{name: "piped", args: []string{"zorblax"}},
		{name: "terminal layout in colour", args: []string{"--color", "always", "zorblax"}, color: true},
		{name: "json", args: []string{"--json", "--explain", "zorblax"}},
		{name: "service", args: []string{"service", "sns"}},
		{name: "service in colour", args: []string{"service", "--color", "always", "sns"}, color: true},
		{name: "check", args: []string{"check", "Which? \x1b]0;x\x07", "A. zorblax \x1b[2J", "B. other"}},
		{name: "check in colour", args: []string{"check", "--color", "always", "Which?", "A. zorblax", "B. other"}, color: true},
		{name: "check json", args: []string{"check", "--json", "Which?", "A. zorblax", "B. other"}},
		{name: "interactive", args: []string{"practice"}, stdin: "zorblax\n:nope\x1b]0;t\x07\nWhich?\nA. zorblax\nB. other\n\n"},
		{name: "index status", args: []string{"index", "--status"}},
		{name: "question with escapes", args: []string{"zorblax\x1b]52;c;eA==\x07", "zorblx"}},
	}
	for _, r := range runs {
		t.Run(r.name, func(t *testing.T) {
			cmd := exec.Command(m.bin, append(r.args, "--notes", notes)...)
			for k, v := range m.env {
				cmd.Env = append(cmd.Env, k+"="+v)
			}
			cmd.Stdin = strings.NewReader(r.stdin)
			var out, errOut bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &errOut
			err := cmd.Run()
			var ee *exec.ExitError
			if err != nil && !errors.As(err, &ee) {
				t.Fatal(err)
			}
			if bad := unsafeRune(out.String(), r.color); bad != "" {
				t.Errorf("stdout holds a %s:\n%q", bad, out.String())
			}
			if bad := unsafeRune(errOut.String(), false); bad != "" {
				t.Errorf("stderr holds a %s:\n%q", bad, errOut.String())
			}
			if !strings.Contains(out.String()+errOut.String(), "zorblax") && r.args[0] != "index" {
				t.Errorf("the note is not shown:\n%s\n%s", out.String(), errOut.String())
			}
		})
	}
}

// TestDidYouMean: corrections replace whole words only, and a long
// question is not echoed whole (issue 15.10).
func TestDidYouMean(t *testing.T) {
	long := strings.Repeat("zebra ", 20000) + "cloudwatc events"
	tests := []struct {
		name     string
		question string
		want     string
	}{
		{"a word and a longer word it is part of", "cloudwatc cloudwatch events", "crib: did you mean: cloudwatch cloudwatch events\n"},
		{"punctuation around the word", "(cloudwatc) events?", "crib: did you mean: (cloudwatch) events?\n"},
		{"a 120 KB question lists its corrections", long, "crib: did you mean: cloudwatc → cloudwatch\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, errOut := transcript{args: []string{"--notes", testNotes, tt.question}}.run(t)
			// The correction is the first line; a near miss may add a
			// "not in the notes" line after it ("zebra").
			if !strings.HasPrefix(errOut, tt.want) {
				t.Errorf("stderr %q, want it to start %q", errOut, tt.want)
			}
		})
	}
}

func TestCorrectWords(t *testing.T) {
	got, all := correctWords("Cloudwatc cloudwatc-x xcloudwatc", map[string]string{"cloudwatc": "cloudwatch", "Cloudwatc": "CloudWatch"})
	if want := "CloudWatch cloudwatch-x xcloudwatc"; got != want || !all {
		t.Errorf("correctWords = %q, %v; want %q, true", got, all, want)
	}
	if _, all := correctWords("cloudwatcevents", map[string]string{"cloudwatc": "cloudwatch"}); all {
		t.Error("a correction inside a longer word counts as placed")
	}
}

// TestLibraryLogsSilenced: bleve's scorch logs through the standard
// logger; Main sends it nowhere.
func TestLibraryLogsSilenced(t *testing.T) {
	defer log.SetOutput(log.Writer())
	silenceLibraryLogs()
	if log.Writer() != io.Discard {
		t.Errorf("the standard logger writes to %T, want io.Discard", log.Writer())
	}
}
