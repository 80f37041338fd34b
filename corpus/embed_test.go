package corpus

import (
	"io/fs"
	"path"
	"strconv"
	"strings"
	"testing"
)

func TestEmbeddedCorpusShape(t *testing.T) {
	files := EmbeddedFiles()
	if len(files) < 10 {
		t.Fatalf("embedded notes have %d files, want at least 10: %v", len(files), files)
	}
	for _, name := range files {
		if strings.EqualFold(name, "COVERAGE.md") {
			t.Errorf("COVERAGE.md must not be part of the corpus")
		}
		data, err := fs.ReadFile(embedded, path.Join("notes", name))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(data), "# ") {
			t.Errorf("%s: does not start with a # title", name)
		}
	}
	snippets := Embedded()
	if len(snippets) < 400 {
		t.Errorf("embedded notes hold %d snippets, want at least 400", len(snippets))
	}
	seen := map[string]string{}
	perFile := map[string]int{}
	for _, s := range snippets {
		where := s.Source + ":" + strconv.Itoa(s.Line)
		perFile[s.Source]++
		if strings.TrimSpace(s.Text) == "" {
			t.Errorf("%s: empty snippet", where)
		}
		if len(s.Heading) == 0 {
			t.Errorf("%s: snippet without a heading: %q", where, s.Text)
		}
		if prev, dup := seen[s.Text]; dup {
			t.Errorf("%s: duplicate of %s: %q", where, prev, s.Text)
		}
		seen[s.Text] = where
	}
	for _, name := range files {
		if perFile[EmbeddedPrefix+name] == 0 {
			t.Errorf("%s: no snippets", name)
		}
	}
}

func TestEmbeddedCoverageTable(t *testing.T) {
	data, err := fs.ReadFile(embedded, "notes/COVERAGE.md")
	if err != nil {
		t.Fatalf("coverage table missing: %v", err)
	}
	rows := 0
	for _, line := range strings.Split(string(data), "\n") {
		cells := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), "|")
		if !strings.HasPrefix(strings.TrimSpace(line), "|") || len(cells) < 3 || strings.Contains(line, "---") {
			continue
		}
		rows++
		for i, c := range cells[:3] {
			if strings.TrimSpace(c) == "" {
				t.Errorf("coverage row %q has an empty cell %d", line, i+1)
			}
		}
	}
	if rows < 50 {
		t.Errorf("coverage table has %d rows, want one per heading of the user notes (57)", rows)
	}
}
