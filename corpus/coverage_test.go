package corpus

import (
	"bufio"
	"encoding/json"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// examTasks are the task statements of the DOP-C02 exam guide's six
// domains.
var examTasks = []string{
	"1.1", "1.2", "1.3", "1.4",
	"2.1", "2.2", "2.3",
	"3.1", "3.2", "3.3",
	"4.1", "4.2", "4.3",
	"5.1", "5.2", "5.3",
	"6.1", "6.2", "6.3",
}

// minItemsPerTask is how many list items each task statement's notes hold
// at least.
const minItemsPerTask = 15

var rangeRE = regexp.MustCompile(`([a-z0-9-]+\.md):(\d+)-(\d+)`)

// TestExamGuideCoverage checks the exam-guide table of COVERAGE.md
// against the notes: every task statement has a row, every range it names
// exists, and the ranges hold at least minItemsPerTask items.
func TestExamGuideCoverage(t *testing.T) {
	data, err := fs.ReadFile(embedded, "notes/COVERAGE.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		cells := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), "|")
		if len(cells) < 4 {
			continue
		}
		task := strings.Fields(strings.TrimSpace(cells[0]) + " x")[0]
		if _, err := strconv.ParseFloat(task, 64); err == nil {
			rows[task] = cells[1]
		}
	}
	for _, task := range examTasks {
		where, ok := rows[task]
		if !ok {
			t.Errorf("task %s has no row in COVERAGE.md", task)
			continue
		}
		items := 0
		for _, m := range rangeRE.FindAllStringSubmatch(where, -1) {
			items += countItems(t, m[1], m[2], m[3])
		}
		if items < minItemsPerTask {
			t.Errorf("task %s: %q holds %d items, want at least %d", task, where, items, minItemsPerTask)
		}
	}
}

// countItems counts the list items on lines first..last of a notes file.
func countItems(t *testing.T, name, first, last string) int {
	t.Helper()
	data, err := fs.ReadFile(embedded, path.Join("notes", name))
	if err != nil {
		t.Errorf("COVERAGE.md names %s: %v", name, err)
		return 0
	}
	lines := strings.Split(string(data), "\n")
	a, _ := strconv.Atoi(first)
	b, _ := strconv.Atoi(last)
	if a < 1 || b < a || b > len(lines) {
		t.Errorf("COVERAGE.md names %s:%s-%s, but the file has %d lines", name, first, last, len(lines))
		return 0
	}
	n := 0
	for _, l := range lines[a-1 : b] {
		if strings.HasPrefix(strings.TrimLeft(l, " \t"), "- ") {
			n++
		}
	}
	return n
}

// copyRun is how many consecutive words the built-in notes may not share
// with a text they must not be copied from.
const copyRun = 8

var wordRE = regexp.MustCompile(`[a-z0-9]+`)

// runs returns every run of copyRun consecutive words of text, folded to
// lower case with markup and punctuation dropped.
func runs(text string) map[string]bool {
	words := wordRE.FindAllString(strings.ToLower(text), -1)
	out := map[string]bool{}
	for i := 0; i+copyRun <= len(words); i++ {
		out[strings.Join(words[i:i+copyRun], " ")] = true
	}
	return out
}

// TestNotesNotCopied checks that the built-in notes are crib's own words:
// no run of copyRun words is taken from the user's notes they were first
// written for, nor from the exam questions kept for measuring crib.
func TestNotesNotCopied(t *testing.T) {
	shared := filepath.Join("..", "..", "shared")
	sources := map[string]map[string]bool{}
	if b, err := os.ReadFile(filepath.Join(shared, "notes", "dop-c02-notes.md")); err == nil {
		sources["user notes"] = runs(string(b))
	}
	sets, _ := filepath.Glob(filepath.Join(shared, "eval", "*.jsonl"))
	for _, set := range sets {
		sources[filepath.Base(set)] = runs(evalText(t, set))
	}
	if len(sources) == 0 {
		t.Skip("no shared notes or question sets beside the repository")
	}
	for _, name := range EmbeddedFiles() {
		data, _ := fs.ReadFile(embedded, path.Join("notes", name))
		for i, line := range strings.Split(string(data), "\n") {
			for run := range runs(line) {
				for src, set := range sources {
					if set[run] {
						t.Errorf("%s:%d shares %q with %s", name, i+1, run, src)
					}
				}
			}
		}
	}
}

// evalText returns the questions, options and answers of a question set
// as one text.
func evalText(t *testing.T, set string) string {
	f, err := os.Open(set)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var q struct {
			Query    string   `json:"query"`
			Options  []string `json:"options"`
			Answer   string   `json:"answer"`
			Relevant []string `json:"relevant"`
		}
		if json.Unmarshal(sc.Bytes(), &q) != nil {
			continue
		}
		// Each piece on its own line: a run must not span two of them.
		b.WriteString(q.Query + "\n" + strings.Join(q.Options, "\n") + "\n" + q.Answer + "\n" + strings.Join(q.Relevant, "\n") + "\n")
	}
	return b.String()
}
