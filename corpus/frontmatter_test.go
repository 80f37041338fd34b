package corpus_test

import (
	"fmt"
	"testing"

	"github.com/crib-dev/crib/corpus"
)

func TestParseMarkdownFrontMatter(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		lines []int    // the lines of the snippets
		tags  []string // of every snippet
	}{
		{"flow sequence; the front matter is no snippet",
			"---\ntags: [aws, ci]\ntitle: Pipelines\n---\n# H\n- item\n", []int{6}, []string{"aws", "ci"}},
		{"block sequence, indented, among other keys",
			"---\ntitle: t\ntags:\n  - aws\n  - \"ci/cd\"\nauthor: me\n---\n- item\n", []int{8}, []string{"aws", "ci/cd"}},
		{"block sequence at the key's indentation",
			"---\ntags:\n- a\n- 'b c'\n---\npara\n", []int{6}, []string{"a", "b", "c"}},
		{"plain scalar split at spaces and commas",
			"---\ntags: aws ci, devops\n---\npara\n", []int{4}, []string{"aws", "ci", "devops"}},
		{"Obsidian's # dropped, each tag once",
			"---\ntags: [\"#aws\", aws, '#ci']\n---\npara\n", []int{4}, []string{"aws", "ci"}},
		{"comments after the value and after the key",
			"---\ntags: [a, b] # two\n---\npara\n", []int{4}, []string{"a", "b"}},
		{"a comment as the value, then a block sequence",
			"---\ntags: # below\n  - a # first\n  # - no\n---\npara\n", []int{6}, []string{"a"}},
		{"flow sequence over several lines",
			"---\ntags: [a,\n  b,\n  c]\nx: y\n---\npara\n", []int{7}, []string{"a", "b", "c"}},
		{"a space before the colon",
			"---\ntags : [a]\n---\npara\n", []int{4}, []string{"a"}},
		{"no tags key", "---\ntitle: x\n---\n- item\n", []int{4}, nil},
		{"a nested tags key is not the file's", "---\nmeta:\n  tags: [x]\n---\npara\n", []int{5}, nil},
		{"empty tags", "---\ntags: []\n---\npara\n", []int{4}, nil},
		{"empty front matter", "---\n---\n- item\n", []int{3}, nil},
		{"closed by ...", "---\ntags: [a]\n...\npara\n", []int{4}, []string{"a"}},
		{"CRLF and a byte-order mark", "\uFEFF---\r\ntags: [a]\r\n---\r\npara\r\n", []int{4}, []string{"a"}},
		{"every kind of snippet gets the tags",
			"---\ntags: [t]\n---\n- item\n\npara\n\n| h |\n|---|\n| row |\n\n```\ncode\n```\n", []int{4, 6, 10, 13}, []string{"t"}},
		{"unclosed: markdown, a thematic break", "---\ntags: [a]\n- item\n", []int{2, 3}, nil},
		{"not on the first line: markdown (a setext heading)", "\n---\ntags: [a]\n---\npara\n", []int{5}, nil},
		{"a thematic break of more dashes is no front matter", "----\ntags: [a]\n----\npara\n", []int{4}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := corpus.ParseMarkdown("f.md", []byte(tt.in))
			var lines []int
			for _, s := range got {
				lines = append(lines, s.Line)
				if fmt.Sprintf("%q", s.Tags) != fmt.Sprintf("%q", tt.tags) {
					t.Errorf("line %d %q: Tags = %q, want %q", s.Line, s.Text, s.Tags, tt.tags)
				}
			}
			if fmt.Sprint(lines) != fmt.Sprint(tt.lines) {
				t.Errorf("snippets on lines %v, want %v: %s", lines, tt.lines, render(got))
			}
		})
	}
}

func TestParseFrontMatterOnlyInMarkdown(t *testing.T) {
	got, _ := corpus.Parse("n.txt", []byte("---\ntags: [a]\n---\n"))
	if len(got) != 1 || got[0].Tags != nil {
		t.Errorf("a text file's snippets = %s, want the front matter as one paragraph without tags", render(got))
	}
}
